import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, localDigits } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { industryPage } from "~/modules/partnerships/profiles.server";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { linkButton, nameOf, primaryLink } from "~/modules/partnerships/components/bits";
import { Card, EmptyState, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [page, labels] = await Promise.all([industryPage(actor, id), referenceLabels(await getLocale(request))]);
  return { ...page, labels };
}

export default function IndustryProfile() {
  const t = useT();
  const locale = useLocale();
  const { industry: i, canEdit, canPost, labels } = useLoaderData<typeof loader>();
  const label = (list: { value: string; label: string }[], code: string | null) => list.find((o) => o.value === code)?.label ?? code ?? "—";
  return (
    <div className="max-w-4xl">
      <PageTitle actions={
        <div className="flex flex-wrap gap-2">
          {canEdit && <Link className={linkButton} to={`/partnerships/industries/${i.id}/edit`}>{t("partnerships.profile.edit")}</Link>}
          {canPost && i.profile_id && <Link className={primaryLink} to="/partnerships/challenges/new">{t("partnerships.challenge.new")}</Link>}
        </div>
      }>
        {nameOf(locale, i)}
      </PageTitle>
      {!i.profile_id ? (
        <Card><EmptyState>{canEdit ? t("partnerships.profile.missingMine") : t("partnerships.profile.missing")}</EmptyState></Card>
      ) : (
        <Card title={t("partnerships.profile.details")}>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
            <div><dt className="text-sm text-slate-600">{t("partnerships.field.registrationNo")}</dt><dd dir="ltr" className="text-start">{i.registration_no ? localDigits(locale, i.registration_no) : "—"}</dd></div>
            <div><dt className="text-sm text-slate-600">{t("partnerships.industry.sector")}</dt><dd>{label(labels.sectors, i.sector_code)}</dd></div>
            <div><dt className="text-sm text-slate-600">{t("partnerships.industry.sizeClass")}</dt><dd>{i.size_class ? t(`partnerships.size.${i.size_class}`) : "—"}</dd></div>
            <div><dt className="text-sm text-slate-600">{t("partnerships.field.county")}</dt><dd>{label(labels.counties, i.county_code)}</dd></div>
            <div><dt className="text-sm text-slate-600">{t("partnerships.field.employees")}</dt><dd>{formatNumber(locale, i.employees ?? 0)}</dd></div>
          </dl>
          <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.industry.mainProducts")}</h3>
          <p className="whitespace-pre-line">{i.main_products}</p>
        </Card>
      )}
    </div>
  );
}

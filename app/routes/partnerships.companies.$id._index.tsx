import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { companyPage, requireVerifier, verifyCertificate } from "~/modules/partnerships/profiles.server";
import { verifySchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { Badge, Day, linkButton, nameOf } from "~/modules/partnerships/components/bits";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [page, labels] = await Promise.all([companyPage(actor, id), referenceLabels(await getLocale(request))]);
  return { ...page, labels };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireVerifier(actor);
  return formAction(await readForm(request), verifySchema, async (v) => {
    await verifyCertificate(actor, id, v.version);
    return redirectWithFlash(`/partnerships/companies/${id}`, "partnerships.flash.verified");
  });
}

export default function CompanyProfile() {
  const t = useT();
  const locale = useLocale();
  const { company: c, certificate, canEdit, canVerify, labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  const label = (list: { value: string; label: string }[], code: string | null) => list.find((o) => o.value === code)?.label ?? code ?? "—";
  return (
    <div className="max-w-4xl">
      <PageTitle actions={canEdit ? <Link className={linkButton} to={`/partnerships/companies/${c.id}/edit`}>{t("partnerships.profile.edit")}</Link> : undefined}>
        {nameOf(locale, c)}
      </PageTitle>
      {!c.profile_id ? (
        <Card><EmptyState>{canEdit ? t("partnerships.profile.missingMine") : t("partnerships.profile.missing")}</EmptyState></Card>
      ) : (
        <>
          <Card title={t("partnerships.company.certificate")}>
            <FormError error={f.formError} />
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
              <div><dt className="text-sm text-slate-600">{t("common.status")}</dt><dd><Badge kind="certificate" status={certificate ?? "expired"} testId="certificate-state" /></dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.company.certificateNo")}</dt><dd dir="ltr" className="text-start">{localDigits(locale, c.certificate_no)}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.company.certificateType")}</dt><dd>{t(`partnerships.certificateType.${c.certificate_type}`)}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.company.certificateExpiresOn")}</dt><dd><Day value={c.certificate_expires_on} /></dd></div>
              {c.certificate_verified_at && (
                <div className="sm:col-span-2"><dt className="text-sm text-slate-600">{t("partnerships.company.verifiedBy")}</dt>
                  <dd>{c.verified_by_name ?? "—"} · {formatDateTime(locale, c.certificate_verified_at as unknown as string)}</dd></div>
              )}
            </dl>
            {certificate === "expired" && <p className="mt-3 rounded-md bg-red-50 p-3 text-red-900" role="status">{t("partnerships.company.expiredNote")}</p>}
            {canVerify && (
              <Form method="post" className="mt-4">
                <input type="hidden" name="version" value={c.version ?? ""} />
                <SubmitButton>{t("partnerships.company.verify")}</SubmitButton>
              </Form>
            )}
          </Card>
          <Card title={t("partnerships.profile.details")}>
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
              <div><dt className="text-sm text-slate-600">{t("partnerships.field.registrationNo")}</dt><dd dir="ltr" className="text-start">{c.registration_no ? localDigits(locale, c.registration_no) : "—"}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.field.county")}</dt><dd>{label(labels.counties, c.county_code)}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.company.sector")}</dt><dd>{label(labels.sectors, c.sector_code)}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.field.employees")}</dt><dd>{formatNumber(locale, c.employees ?? 0)}</dd></div>
              <div className="sm:col-span-2"><dt className="text-sm text-slate-600">{t("partnerships.company.domains")}</dt>
                <dd data-testid="company-domains">{c.domains.map((d) => label(labels.domains, d)).join(locale === "fa" ? "، " : ", ") || "—"}</dd></div>
              <div className="sm:col-span-2"><dt className="text-sm text-slate-600">{t("partnerships.company.sectorsServed")}</dt>
                <dd>{(c.sectors_served ?? []).map((s) => label(labels.sectors, s)).join(locale === "fa" ? "، " : ", ") || "—"}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.company.load")}</dt><dd>{formatNumber(locale, c.load_count ?? 0)}</dd></div>
              <div><dt className="text-sm text-slate-600">{t("partnerships.company.results")}</dt>
                <dd>{c.results_count ? t("partnerships.company.resultsValue", { pct: formatNumber(locale, Math.round((c.results_pm ?? 0) / 10)), n: formatNumber(locale, c.results_count) }) : t("partnerships.company.noResults")}</dd></div>
            </dl>
            {c.portfolio && <><h3 className="mb-1 mt-4 font-semibold">{t("partnerships.company.portfolio")}</h3><p className="whitespace-pre-line">{c.portfolio}</p></>}
          </Card>
        </>
      )}
    </div>
  );
}

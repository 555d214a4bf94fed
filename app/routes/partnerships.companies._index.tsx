import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { parseId } from "~/lib/ids";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { companyDirectory } from "~/modules/partnerships/profiles.server";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { Badge, Day, NextPage, nameOf, primaryLink } from "~/modules/partnerships/components/bits";
import { SelectField, TextField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

const CERTS = ["verified", "unverified", "expired"] as const;
const code = (v: string | null) => (v && /^[\w-]{1,80}$/.test(v) ? v : undefined);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  const sp = url.searchParams;
  const certificate = CERTS.find((c) => c === sp.get("certificate"));
  const filters = { q: (sp.get("q") ?? "").slice(0, 100), county: code(sp.get("county")), domain: code(sp.get("domain")), certificate, after: parseId(sp.get("after")) ?? undefined };
  const [list, labels] = await Promise.all([companyDirectory(actor, filters), referenceLabels(await getLocale(request))]);
  return { ...list, labels, filters };
}

export default function Companies() {
  const t = useT();
  const locale = useLocale();
  const { rows, next, canCreate, labels, filters } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const label = (list: { value: string; label: string }[], c: string) => list.find((o) => o.value === c)?.label ?? c;
  return (
    <div>
      <PageTitle actions={canCreate ? <Link className={primaryLink} to="/partnerships/companies/new">{t("partnerships.company.new")}</Link> : undefined}>
        {t("partnerships.companies.title")}
      </PageTitle>
      <Card>
        <Form method="get" className="grid gap-x-4 sm:grid-cols-4">
          <TextField name="q" label={t("common.search")} defaultValue={filters.q} />
          <SelectField name="county" label={t("partnerships.field.county")} defaultValue={filters.county} options={labels.counties} placeholder={t("common.all")} />
          <SelectField name="domain" label={t("partnerships.company.domain")} defaultValue={filters.domain} options={labels.domains} placeholder={t("common.all")} />
          <SelectField name="certificate" label={t("partnerships.company.certificate")} defaultValue={filters.certificate}
            options={CERTS.map((c) => ({ value: c, label: t(`partnerships.certificateStatus.${c}`) }))} placeholder={t("common.all")} />
          <div className="sm:col-span-4"><button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("common.filter")}</button></div>
        </Form>
      </Card>
      {rows.length === 0 ? <EmptyState>{t("common.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="companies">
            <thead><tr>
              <th scope="col">{t("common.name")}</th><th scope="col">{t("partnerships.field.county")}</th><th scope="col">{t("partnerships.company.certificate")}</th>
              <th scope="col">{t("partnerships.company.certificateExpiresOn")}</th><th scope="col">{t("partnerships.field.employees")}</th><th scope="col">{t("partnerships.company.load")}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link className="text-brand-700 underline" to={`/partnerships/companies/${r.id}`}>{nameOf(locale, r)}</Link></td>
                  <td>{label(labels.counties, r.county_code)}</td>
                  <td><Badge kind="certificate" status={r.certificate} /></td>
                  <td><Day value={r.certificate_expires_on} /></td>
                  <td>{formatNumber(locale, r.employees)}</td>
                  <td>{formatNumber(locale, r.load_count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <NextPage next={next} search={search} />
    </div>
  );
}

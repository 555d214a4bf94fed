import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { parseId } from "~/lib/ids";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { industryDirectory } from "~/modules/partnerships/profiles.server";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { NextPage, nameOf, primaryLink } from "~/modules/partnerships/components/bits";
import { SelectField, TextField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

const code = (v: string | null) => (v && /^[\w-]{1,80}$/.test(v) ? v : undefined);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const sp = new URL(request.url).searchParams;
  const filters = { q: (sp.get("q") ?? "").slice(0, 100), county: code(sp.get("county")), sector: code(sp.get("sector")), after: parseId(sp.get("after")) ?? undefined };
  const [list, labels] = await Promise.all([industryDirectory(actor, filters), referenceLabels(await getLocale(request))]);
  return { ...list, labels, filters };
}

export default function Industries() {
  const t = useT();
  const locale = useLocale();
  const { rows, next, canCreate, labels, filters } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const label = (list: { value: string; label: string }[], c: string) => list.find((o) => o.value === c)?.label ?? c;
  return (
    <div>
      <PageTitle actions={canCreate ? <Link className={primaryLink} to="/partnerships/industries/new">{t("partnerships.industry.new")}</Link> : undefined}>
        {t("partnerships.industries.title")}
      </PageTitle>
      <Card>
        <Form method="get" className="grid gap-x-4 sm:grid-cols-3">
          <TextField name="q" label={t("common.search")} defaultValue={filters.q} />
          <SelectField name="county" label={t("partnerships.field.county")} defaultValue={filters.county} options={labels.counties} placeholder={t("common.all")} />
          <SelectField name="sector" label={t("partnerships.industry.sector")} defaultValue={filters.sector} options={labels.sectors} placeholder={t("common.all")} />
          <div className="sm:col-span-3"><button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("common.filter")}</button></div>
        </Form>
      </Card>
      {rows.length === 0 ? <EmptyState>{t("common.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass}>
            <thead><tr>
              <th scope="col">{t("common.name")}</th><th scope="col">{t("partnerships.field.county")}</th><th scope="col">{t("partnerships.industry.sector")}</th>
              <th scope="col">{t("partnerships.industry.sizeClass")}</th><th scope="col">{t("partnerships.field.employees")}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link className="text-brand-700 underline" to={`/partnerships/industries/${r.id}`}>{nameOf(locale, r)}</Link></td>
                  <td>{label(labels.counties, r.county_code)}</td>
                  <td>{label(labels.sectors, r.sector_code)}</td>
                  <td>{t(`partnerships.size.${r.size_class}`)}</td>
                  <td>{formatNumber(locale, r.employees)}</td>
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

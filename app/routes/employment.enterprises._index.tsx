import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { localDigits } from "~/i18n/format";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, type ReferenceNames } from "~/modules/employment/service.server";
import { searchEnterprises } from "~/modules/employment/enterprises.server";
import { StaffLinks, useLabel } from "~/modules/employment/components/DashboardView";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { parseId } from "~/lib/ids";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  const q = { text: url.searchParams.get("q") ?? undefined, county: url.searchParams.get("county") || undefined };
  const [list, names] = await Promise.all([searchEnterprises(actor, { ...q, after: parseId(url.searchParams.get("after")) ?? undefined }), referenceNames()]);
  return { ...list, names };
}

export default function Enterprises() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>() as unknown as Awaited<ReturnType<typeof searchEnterprises>> & { names: ReferenceNames };
  const label = useLabel(d.names);
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  return (
    <div>
      <PageTitle actions={<Link to="/employment/enterprises/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("employment.enterprises.new")}</Link>}>
        {t("employment.enterprises.title")}
      </PageTitle>
      <StaffLinks />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="flex flex-col">
          <span className="mb-1">{t("employment.enterprises.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className="rounded-md border border-slate-400 px-3 py-2" />
        </label>
        <label className="flex flex-col">
          <span className="mb-1">{t("employment.filter.county")}</span>
          <select name="county" defaultValue={params.get("county") ?? ""} className="rounded-md border border-slate-400 bg-white px-3 py-2">
            <option value="">{t("common.all")}</option>
            {d.names.county.map((c) => <option key={c.code} value={c.code}>{locale === "fa" ? c.fa : c.en}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.search")}</button>
        <a href={`/employment/enterprises.csv?${keep}`} download className="px-2 py-2">{t("common.exportCsv")}</a>
      </Form>
      {d.rows.length === 0 ? <EmptyState>{t("employment.enterprises.empty")}</EmptyState> : (
        <TableRegion>
        <table className={tableClass}>
          <thead><tr>
            <th scope="col">{t("employment.enterprise.name")}</th>
            <th scope="col">{t("employment.enterprise.registrationNo")}</th>
            <th scope="col">{t("employment.enterprise.kind")}</th>
            <th scope="col">{t("employment.filter.county")}</th>
            <th scope="col">{t("employment.enterprise.sector")}</th>
          </tr></thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id}>
                <td><Link to={`/employment/enterprises/${r.id}`}>{r.name}</Link></td>
                <td dir="ltr">{localDigits(locale, r.registration_no ?? r.national_id)}</td>
                <td>{t(`employment.kind.${r.kind}`)}</td>
                <td>{label("county", r.county_code)}</td>
                <td>{label("sector", r.sector_code)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      {d.next && <Link className="mt-4 inline-block" to={`?${new URLSearchParams([...keep, ["after", String(d.next)]])}`}>{t("common.next")}</Link>}
    </div>
  );
}

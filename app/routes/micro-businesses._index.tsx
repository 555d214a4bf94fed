import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { PermitBadge } from "~/modules/microbusiness/components/bits";
import { listRegistry } from "~/modules/microbusiness/registry.server";
import { filtersFrom, SUPPORT_KINDS } from "~/modules/microbusiness/schema";
import { PERMIT_STATUSES } from "~/modules/microbusiness/workflow";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return listRegistry(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function Registry() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  const select = (name: string, text: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col">
      <span className="mb-1">{text}</span>
      <select name={name} defaultValue={params.get(name) ?? ""} className={control}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  return (
    <div>
      <PageTitle actions={d.canRegister && <Link to="/micro-businesses/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("micro.new")}</Link>}>
        {t(d.staffView ? "micro.list.title" : "micro.list.mine")}
      </PageTitle>
      {d.staffView && (
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("micro.list.filters")}>
          <label className="flex flex-col">
            <span className="mb-1">{t("micro.list.search")}</span>
            <input name="q" defaultValue={params.get("q") ?? ""} className={control} />
          </label>
          {select("county", t("micro.field.county"), d.counties)}
          {select("sector", t("micro.field.sector"), d.sectors)}
          {select("permit", t("micro.field.permitStatus"), PERMIT_STATUSES.map((s) => ({ value: s, label: t(`micro.permit.${s}`) })))}
          {select("support", t("micro.list.support"), SUPPORT_KINDS.map((s) => ({ value: s, label: t(`micro.support.${s}`) })))}
          <label className="flex items-center gap-2 py-2"><input type="checkbox" name="women" value="1" defaultChecked={params.get("women") === "1"} />{t("micro.list.women")}</label>
          <label className="flex items-center gap-2 py-2"><input type="checkbox" name="rural" value="1" defaultChecked={params.get("rural") === "1"} />{t("micro.list.rural")}</label>
          <button type="submit" className={control}>{t("common.search")}</button>
          <a href={`/micro-businesses.csv?${keep}`} download className="px-2 py-2">{t("common.exportCsv")}</a>
        </Form>
      )}
      {d.rows.length === 0 ? <EmptyState>{t(d.staffView ? "micro.list.empty" : "micro.list.emptyMine")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="micro-list">
            <thead><tr>
              <th scope="col">{t("micro.field.name")}</th>
              <th scope="col">{t("micro.field.ownerName")}</th>
              <th scope="col">{t("micro.field.sector")}</th>
              <th scope="col">{t("micro.field.county")}</th>
              <th scope="col">{t("micro.field.permitStatus")}</th>
              <th scope="col">{t("micro.field.jobs")}</th>
              <th scope="col">{t("micro.field.lastUpdate")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/micro-businesses/${r.id}`}>{r.name}</Link></td>
                  <td>{r.owner_name}</td>
                  <td>{label(d.sectors, r.sector_code)}</td>
                  <td>{label(d.counties, r.county_code)}{r.area === "rural" ? ` (${t("micro.area.rural")})` : ""}</td>
                  <td><PermitBadge status={r.permit_status} /></td>
                  <td>{formatNumber(locale, r.jobs_fte, 2)}</td>
                  <td>{formatNumber(locale, r.last_update_year).replace(/[,٬]/g, "")}</td>
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

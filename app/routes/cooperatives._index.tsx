import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { holds } from "~/modules/accounts/roles";
import { CoopStatusBadge } from "~/modules/cooperatives/components/bits";
import { filtersFrom, queue } from "~/modules/cooperatives/lists.server";
import { COOP_TYPES } from "~/modules/cooperatives/rules";
import { COOP_STATUSES } from "~/modules/cooperatives/workflow";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// The staff queue of applications; everyone else is sent to their own list.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  if (!holds(actor.user, "decide:cooperative") && holds(actor.user, "read:cooperative")) throw redirect("/cooperatives/mine");
  const url = new URL(request.url);
  return queue(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function CoopQueue() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const label = (list: { value: string; label: string }[], code: string | null) => (code ? list.find((o) => o.value === code)?.label ?? code : "—");
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
      <PageTitle actions={<Link to="/cooperatives/rules" className={control}>{t("coop.rules.title")}</Link>}>{t("coop.queue.title")}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("coop.queue.filters")}>
        <label className="flex flex-col">
          <span className="mb-1">{t("coop.queue.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className={control} />
        </label>
        {select("status", t("common.status"), COOP_STATUSES.map((s) => ({ value: s, label: t(`coop.status.${s}`) })))}
        {select("type", t("coop.field.type"), COOP_TYPES.map((s) => ({ value: s, label: t(`coop.type.${s}`) })))}
        {select("county", t("coop.field.county"), d.counties)}
        {select("sector", t("coop.field.sector"), d.sectors)}
        <label className="flex items-center gap-2 py-2"><input type="checkbox" name="waiting" value="1" defaultChecked={params.get("waiting") === "1"} />{t("coop.queue.waiting")}</label>
        <label className="flex items-center gap-2 py-2"><input type="checkbox" name="overdue" value="1" defaultChecked={params.get("overdue") === "1"} />{t("coop.queue.overdue")}</label>
        <button type="submit" className={control}>{t("common.search")}</button>
        <a href={`/cooperatives.csv?${keep}`} download className="px-2 py-2">{t("common.exportCsv")}</a>
      </Form>
      {d.rows.length === 0 ? <EmptyState>{t("coop.queue.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="coop-queue">
            <thead><tr>
              <th scope="col">{t("coop.field.name1")}</th><th scope="col">{t("coop.queue.applicant")}</th><th scope="col">{t("common.status")}</th>
              <th scope="col">{t("coop.field.type")}</th><th scope="col">{t("coop.field.county")}</th><th scope="col">{t("coop.members")}</th><th scope="col">{t("coop.queue.since")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/cooperatives/${r.id}`}>{r.name1}</Link></td>
                  <td>{r.applicant}</td>
                  <td><CoopStatusBadge status={r.status} /></td>
                  <td>{r.type_code ? t(`coop.type.${r.type_code}`) : "—"}</td>
                  <td>{label(d.counties, r.county_code)}</td>
                  <td>{formatNumber(locale, r.members_count)}</td>
                  <td>{formatDateTime(locale, r.status_changed_at)}</td>
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

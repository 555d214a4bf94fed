import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { listSeekers } from "~/modules/seekers/seekers.server";
import { SelectField, TextField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  const f = { q: url.searchParams.get("q") ?? "", county: url.searchParams.get("county") ?? "", group: url.searchParams.get("group") ?? "", after: parseId(url.searchParams.get("after")) ?? undefined };
  const locale = await getLocale(request);
  const [list, counties, groups] = await Promise.all([listSeekers(actor, f), referenceOptions("counties", locale), referenceOptions("priority_groups", locale)]);
  return { ...list, filters: f, counties, groups };
}

const linkClass = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800";

export default function SeekersList() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const countyName = (c: string) => d.counties.find((o) => o.value === c)?.label ?? c;
  const groupName = (c: string) => d.groups.find((o) => o.value === c)?.label ?? c;
  const next = new URLSearchParams({ ...(d.filters.q ? { q: d.filters.q } : {}), ...(d.filters.county ? { county: d.filters.county } : {}), ...(d.filters.group ? { group: d.filters.group } : {}), ...(d.next ? { after: String(d.next) } : {}) });
  return (
    <div>
      <PageTitle actions={<Link className={linkClass} to="/seekers/new">{t("seekers.new")}</Link>}>{t("seekers.list.title")}</PageTitle>
      <Card>
        <Form method="get" className="grid gap-x-4 sm:grid-cols-4" aria-label={t("seekers.list.filters")}>
          <TextField name="q" label={t("seekers.list.search")} defaultValue={d.filters.q} />
          <SelectField name="county" label={t("seekers.field.county")} defaultValue={d.filters.county} options={d.counties} />
          <SelectField name="group" label={t("seekers.list.group")} defaultValue={d.filters.group} options={d.groups} />
          <div className="flex items-end pb-4"><button type="submit" className="rounded-md border border-slate-400 px-3 py-2">{t("common.filter")}</button></div>
        </Form>
      </Card>
      {d.rows.length === 0 ? <EmptyState>{t("seekers.list.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="seekers-list">
            <thead><tr>
              <th scope="col">{t("seekers.field.fullName")}</th>
              <th scope="col">{t("seekers.field.county")}</th>
              <th scope="col">{t("seekers.field.educationLevel")}</th>
              <th scope="col">{t("seekers.section.groups")}</th>
              <th scope="col">{t("seekers.field.path")}</th>
              <th scope="col">{t("seekers.field.status")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/seekers/${r.id}`}>{r.full_name}</Link>{r.hidden && <span className="ms-2 text-sm text-slate-600">{t("seekers.hiddenShort")}</span>}</td>
                  <td>{countyName(r.county_code)}</td>
                  <td>{t(`seekers.education.${r.education_level}`)}</td>
                  <td>{r.confirmed_groups.length ? r.confirmed_groups.map(groupName).join("، ") : "—"}</td>
                  <td>{r.path ? t(`seekers.path.${r.path}`) : "—"}</td>
                  <td>{t(`seekers.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <p className="mt-4"><Link to={`/seekers?${next}`}>{t("common.next")}</Link></p>}
    </div>
  );
}

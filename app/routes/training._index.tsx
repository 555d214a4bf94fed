import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { coursesPage } from "~/modules/training/courses.server";
import { courseFiltersFrom } from "~/modules/training/schema";
import { COURSE_STATUSES } from "~/modules/training/workflow";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return coursesPage(actor, courseFiltersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";
const button = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white";

export default function Courses() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const county = (c: string) => d.counties.find((o) => o.value === c)?.label ?? c;
  return (
    <div>
      <PageTitle actions={<div className="flex flex-wrap gap-2">
        {d.canCreate && <Link to="/training/courses/new" className={button}>{t("training.course.new")}</Link>}
        {d.canManageProviders && <Link to="/training/providers" className={control}>{t("training.providers.title")}</Link>}
        {d.view === "catalogue" && <Link to="/training/mine" className={control}>{t("training.mine.title")}</Link>}
      </div>}>
        {t(`training.list.${d.view}`)}
      </PageTitle>
      {d.view !== "catalogue" && (
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("training.list.filters")}>
          <label className="flex flex-col">
            <span className="mb-1">{t("training.list.search")}</span>
            <input name="q" defaultValue={params.get("q") ?? ""} className={control} />
          </label>
          <label className="flex flex-col">
            <span className="mb-1">{t("training.field.status")}</span>
            <select name="status" defaultValue={params.get("status") ?? ""} className={control}>
              <option value="">{t("common.all")}</option>
              {COURSE_STATUSES.map((s) => <option key={s} value={s}>{t(`training.status.${s}`)}</option>)}
            </select>
          </label>
          <label className="flex flex-col">
            <span className="mb-1">{t("training.field.county")}</span>
            <select name="county" defaultValue={params.get("county") ?? ""} className={control}>
              <option value="">{t("common.all")}</option>
              {d.counties.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </label>
          <label className="flex flex-col">
            <span className="mb-1">{t("training.field.occupation")}</span>
            <select name="occupation" defaultValue={params.get("occupation") ?? ""} className={control} data-testid="occupation-filter">
              <option value="">{t("common.all")}</option>
              {d.occupations.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </label>
          <button type="submit" className={control}>{t("common.search")}</button>
          <a href={`/training.csv?${keep}`} className={control} download>{t("common.exportCsv")}</a>
        </Form>
      )}
      {d.rows.length === 0 ? <EmptyState>{t("training.list.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="course-list">
            <thead><tr>
              <th scope="col">{t("training.field.title")}</th>
              <th scope="col">{t("training.field.provider")}</th>
              <th scope="col">{t("training.field.county")}</th>
              <th scope="col">{t("training.field.startsOn")}</th>
              <th scope="col">{t("training.field.places")}</th>
              <th scope="col">{t("training.field.status")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/training/courses/${r.id}`}>{r.title}</Link></td>
                  <td>{locale === "fa" ? r.provider_fa : r.provider_en}</td>
                  <td>{county(r.county_code)}</td>
                  <td>{formatDate(locale, r.starts_on)}</td>
                  <td>{t("training.places", { taken: formatNumber(locale, r.accepted_count), capacity: formatNumber(locale, r.capacity), waiting: formatNumber(locale, r.waiting_count) })}</td>
                  <td>{t(`training.status.${r.status}`)}</td>
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

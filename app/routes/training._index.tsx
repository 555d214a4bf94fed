import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { coursesPage } from "~/modules/training/courses.server";
import { courseFiltersFrom } from "~/modules/training/schema";
import { COURSE_STATUSES } from "~/modules/training/workflow";
import { FilterForm, filterControl, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return coursesPage(actor, courseFiltersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const button = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white";

export default function Courses() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const county = (c: string) => d.counties.find((o) => o.value === c)?.label ?? c;
  return (
    <div>
      <PageTitle actions={<div className="flex flex-wrap gap-2">
        {d.canCreate && <Link to="/training/courses/new" className={button}>{t("training.course.new")}</Link>}
        {d.canManageProviders && <Link to="/training/providers" className={filterControl}>{t("training.providers.title")}</Link>}
        {d.view === "catalogue" && <Link to="/training/mine" className={filterControl}>{t("training.mine.title")}</Link>}
      </div>}>
        {t(`training.list.${d.view}`)}
      </PageTitle>
      {d.view !== "catalogue" && (
        <FilterForm label={t("training.list.filters")} csv="/training.csv">
          <SearchFilter label={t("training.list.search")} />
          <SelectFilter name="status" label={t("training.field.status")} options={COURSE_STATUSES.map((s) => ({ value: s, label: t(`training.status.${s}`) }))} />
          <SelectFilter name="county" label={t("training.field.county")} options={d.counties} />
          <SelectFilter name="occupation" label={t("training.field.occupation")} options={d.occupations} testId="occupation-filter" />
        </FilterForm>
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
      <NextPage after={d.next} />
    </div>
  );
}

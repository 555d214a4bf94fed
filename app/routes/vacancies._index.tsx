import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { VACANCY_STATUSES } from "~/modules/seekers/rules";
import { listVacancies } from "~/modules/seekers/vacancies.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  const status = url.searchParams.get("status") ?? "";
  const f = { status: (VACANCY_STATUSES as readonly string[]).includes(status) ? status : undefined, after: parseId(url.searchParams.get("after")) ?? undefined };
  return { ...(await listVacancies(actor, f)), filters: f };
}

const linkClass = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800";

export default function Vacancies() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={d.canCreate && <Link className={linkClass} to="/vacancies/new">{t("seekers.vacancy.new")}</Link>}>{t(d.level === "own" ? "seekers.vacancies.open" : "seekers.vacancies.title")}</PageTitle>
      {d.level !== "own" && (
        <nav className="mb-4 flex flex-wrap gap-3" aria-label={t("seekers.vacancies.filter")}>
          <Link to="/vacancies" aria-current={!d.filters.status ? "page" : undefined}>{t("seekers.vacancies.all")}</Link>
          {VACANCY_STATUSES.map((s) => <Link key={s} to={`/vacancies?status=${s}`} aria-current={d.filters.status === s ? "page" : undefined}>{t(`seekers.vacancyStatus.${s}`)}</Link>)}
        </nav>
      )}
      {d.rows.length === 0 ? <EmptyState>{t("seekers.vacancies.none")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="vacancies">
            <thead><tr>
              <th scope="col">{t("seekers.vacancy.title")}</th>
              <th scope="col">{t("seekers.vacancy.employer")}</th>
              <th scope="col">{t("seekers.field.status")}</th>
              <th scope="col">{t("seekers.vacancy.posts")}</th>
              <th scope="col">{t("seekers.vacancy.closesOn")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/vacancies/${r.id}`}>{r.title}</Link>{r.priority_opt_in && <span className="ms-2 text-sm text-slate-700">{t("seekers.vacancy.priorityShort")}</span>}</td>
                  <td>{locale === "fa" ? r.employer_fa : r.employer_en || r.employer_fa}</td>
                  <td>{t(`seekers.vacancyStatus.${r.status}`)}</td>
                  <td>{formatNumber(locale, r.hired_count)} / {formatNumber(locale, r.posts)}</td>
                  <td>{formatDate(locale, r.closes_on)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <p className="mt-4"><Link to={`/vacancies?${new URLSearchParams({ ...(d.filters.status ? { status: d.filters.status } : {}), after: String(d.next) })}`}>{t("common.next")}</Link></p>}
    </div>
  );
}

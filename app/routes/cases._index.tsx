import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { getLocale } from "~/lib/locale.server";
import { hasRole } from "~/modules/accounts/roles";
import { StatusBadge, TriageClock } from "~/modules/cases/components/CaseBits";
import { filtersFrom } from "~/modules/cases/schema";
import { caseFormChoices, listCases } from "~/modules/cases/service.server";
import { mentorNames } from "~/modules/cases/assignment.server";
import { CASE_KINDS, CASE_STATUSES } from "~/modules/cases/workflow";
import { CheckFilter, FilterForm, NextPage, SearchFilter, SelectFilter, useFilterParams } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { nowMs } from "~/i18n/clock";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const f = filtersFrom(new URL(request.url));
  const isStaff = hasRole(actor.user, "staff");
  const [page, choices, mentors, locale] = await Promise.all([listCases(actor, f), caseFormChoices(), isStaff && f.mentor ? mentorNames(actor) : [], getLocale(request)]);
  // Filter choices go out as value/label in the reader's language only: this page's data is also
  // sent for hydration, and both names of every county, sector and centre doubled it.
  const opt = (value: string | number, x: { name_fa: string; name_en: string }) => ({ value: String(value), label: locale === "fa" ? x.name_fa : x.name_en });
  return {
    // Each row as shown: the centre's name in the reader's language only (the page's data is sent twice).
    items: page.items.map((c) => ({
      id: c.id, kind: c.kind, status: c.status, firm_name: c.firm_name, triage_due_at: c.triage_due_at, created_at: c.created_at,
      lead_mentor_name: c.lead_mentor_name, entrepreneur_name: c.entrepreneur_name, overdue_milestones: c.overdue_milestones,
      centre: (locale === "fa" ? c.centre_fa : c.centre_en) ?? null,
    })),
    next: page.next,
    options: {
      centres: choices.centres.map((c) => opt(c.id, c)),
      counties: choices.counties.map((c) => opt(c.code, c)),
      sectors: choices.sectors.map((c) => opt(c.code, c)),
    },
    // A mentor chosen by id (a link from the staff home or the capacity page) is shown by name.
    mentorChip: f.mentor ? mentors.find((m) => m.value === f.mentor)?.label ?? f.mentor : null,
    isStaff,
    isEntrepreneur: hasRole(actor.user, "entrepreneur"),
    now: nowMs(),
  };
}

export default function CasesList() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withoutMentor = useFilterParams();
  withoutMentor.delete("mentor");
  return (
    <div>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2">
            {d.isEntrepreneur && <Link to="/cases/emergency" className="inline-flex min-h-11 items-center rounded-md bg-red-700 px-4 py-2 text-white">{t("nav.cases.emergency")}</Link>}
            {d.isStaff && <Link to="/cases/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("cases.new")}</Link>}
            {d.isStaff && <Link to="/cases/followups" className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2">{t("cases.followUps.title")}</Link>}
          </div>
        }
      >
        {t("cases.title")}
      </PageTitle>
      <FilterForm label={t("cases.filter.label")} csv="/cases/export">
        <SearchFilter label={t("cases.filter.search")} />
        <SelectFilter name="kind" label={t("cases.field.kind")} options={CASE_KINDS.map((k) => ({ value: k, label: t(`cases.kind.${k}`) }))} />
        <SelectFilter name="status" label={t("cases.field.status")} options={CASE_STATUSES.map((k) => ({ value: k, label: t(`cases.status.${k}`) }))} />
        <SelectFilter name="centre" label={t("cases.field.centre")} options={d.options.centres} />
        {d.isStaff && <SearchFilter name="mentorName" label={t("cases.filter.mentorName")} />}
        {d.mentorChip && (
          <span className="flex min-h-11 items-center gap-2">
            <input type="hidden" name="mentor" value={params.get("mentor") ?? ""} />
            {t("cases.filter.mentorChip", { name: d.mentorChip })}
            <Link to={`?${withoutMentor}`} className="inline-flex min-h-11 items-center underline">{t("cases.filter.clear")}</Link>
          </span>
        )}
        <SelectFilter name="county" label={t("cases.field.county")} options={d.options.counties} />
        <SelectFilter name="sector" label={t("cases.field.sector")} options={d.options.sectors} />
        <CheckFilter name="overdue" label={t("cases.filter.overdue")} />
      </FilterForm>
      {d.items.length === 0 ? (
        <EmptyState>{t("common.empty")}</EmptyState>
      ) : (
        <TableRegion>
          <table className={tableClass}>
            <thead>
              <tr>
                <th>{t("cases.field.firmName")}</th>
                <th>{t("cases.field.kind")}</th>
                <th>{t("cases.field.status")}</th>
                <th>{t("cases.field.deadline")}</th>
                <th>{t("cases.field.centre")}</th>
                <th>{t("cases.field.leadMentor")}</th>
                <th>{t("cases.field.entrepreneur")}</th>
                <th>{t("cases.field.created")}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link className="underline" to={`/cases/${c.id}`}>{c.firm_name}</Link>
                    {(c.overdue_milestones ?? 0) > 0 && (
                      <span className="pill ms-2 bg-red-100 text-red-900">{t("cases.overdueMilestones", { n: formatNumber(locale, c.overdue_milestones) })}</span>
                    )}
                  </td>
                  <td>{t(`cases.kind.${c.kind}`)}</td>
                  <td><StatusBadge status={c.status} /></td>
                  <td><TriageClock status={c.status} dueAt={c.triage_due_at} now={d.now} /></td>
                  <td>{c.centre ?? "—"}</td>
                  <td>{c.lead_mentor_name ?? "—"}</td>
                  <td>{c.entrepreneur_name}</td>
                  <td>{formatDate(locale, c.created_at)}</td>
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

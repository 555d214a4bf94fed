import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
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
    ...page,
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

const inputClass = "rounded-md border border-slate-400 bg-white px-3 py-2";

export default function CasesList() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (d.next) next.set("after", String(d.next));
  const withoutMentor = new URLSearchParams(params);
  withoutMentor.delete("mentor");
  withoutMentor.delete("after");
  const csv = new URLSearchParams(params);
  csv.delete("after");
  const select = (key: string, label: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col">
      <span className="mb-1 text-sm">{label}</span>
      <select name={key} defaultValue={params.get(key) ?? ""} className={inputClass}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
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
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="flex flex-col">
          <span className="mb-1 text-sm">{t("cases.filter.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className={inputClass} />
        </label>
        {select("kind", t("cases.field.kind"), CASE_KINDS.map((k) => ({ value: k, label: t(`cases.kind.${k}`) })))}
        {select("status", t("cases.field.status"), CASE_STATUSES.map((k) => ({ value: k, label: t(`cases.status.${k}`) })))}
        {select("centre", t("cases.field.centre"), d.options.centres)}
        {d.isStaff && (
          <label className="flex flex-col">
            <span className="mb-1 text-sm">{t("cases.filter.mentorName")}</span>
            <input name="mentorName" defaultValue={params.get("mentorName") ?? ""} className={inputClass} />
          </label>
        )}
        {d.mentorChip && (
          <span className="flex items-center gap-2 pb-2">
            <input type="hidden" name="mentor" value={params.get("mentor") ?? ""} />
            {t("cases.filter.mentorChip", { name: d.mentorChip })}
            <Link to={`?${withoutMentor}`} className="underline">{t("cases.filter.clear")}</Link>
          </span>
        )}
        {select("county", t("cases.field.county"), d.options.counties)}
        {select("sector", t("cases.field.sector"), d.options.sectors)}
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" name="overdue" value="1" defaultChecked={params.get("overdue") === "1"} />
          <span>{t("cases.filter.overdue")}</span>
        </label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.filter")}</button>
        <a href={`/cases/export?${csv}`} className="px-2 py-2" download>{t("common.exportCsv")}</a>
      </Form>
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
                      <span className="ms-2 rounded bg-red-100 px-1 text-sm text-red-900">{t("cases.overdueMilestones", { n: formatNumber(locale, c.overdue_milestones) })}</span>
                    )}
                  </td>
                  <td>{t(`cases.kind.${c.kind}`)}</td>
                  <td><StatusBadge status={c.status} /></td>
                  <td><TriageClock status={c.status} dueAt={c.triage_due_at} now={d.now} /></td>
                  <td>{c.centre_fa ? (locale === "fa" ? c.centre_fa : c.centre_en) : "—"}</td>
                  <td>{c.lead_mentor_name ?? "—"}</td>
                  <td>{c.entrepreneur_name}</td>
                  <td>{formatDate(locale, c.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <Link className="mt-4 inline-block" to={`?${next}`}>{t("common.next")}</Link>}
    </div>
  );
}

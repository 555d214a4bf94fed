import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { Card, EmptyState, tableClass, TableRegion } from "~/ui/Page";
import type { CasesHomeData } from "../homes.server";
import { StatusBadge, TriageClock } from "./CaseBits";
import { CASE_KINDS } from "../workflow";

type Data = SerializeFrom<CasesHomeData>;

/** The cases widgets on the home page: mentor, staff and entrepreneur sections. */
export function CasesHome({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number | null | undefined, f = 0) => formatNumber(locale, x ?? 0, f);
  const name = (x: { name_fa: string | null; name_en: string | null }) => (locale === "fa" ? x.name_fa : x.name_en) ?? "—";
  const { mentor, staff, entrepreneur } = data;
  return (
    <>
      {staff && (
        <>
          <Card title={t("cases.home.staff.emergencies")}>
            {staff.emergencies.length === 0 ? <EmptyState>{t("common.empty")}</EmptyState> : (
              <ul data-testid="home-emergencies">
                {staff.emergencies.map((c) => (
                  <li key={c.id} className="mb-1">
                    <Link className="underline" to={`/cases/${c.id}`}>{c.firm_name}</Link> · {t(`cases.urgency.${c.urgency}`)} · <TriageClock status={c.status} dueAt={c.triage_due_at} now={data.now} />
                  </li>
                ))}
              </ul>
            )}
            {staff.moreEmergencies && <p className="mt-2"><Link className="underline" to="/cases?kind=business_emergency">{t("cases.home.staff.allEmergencies")}</Link></p>}
          </Card>
          <Card title={t("cases.home.staff.stages")}>
            <TableRegion label={t("cases.home.staff.stages")}>
              <table className={tableClass} data-testid="home-stages">
                <thead>
                  <tr><th scope="col">{t("cases.field.status")}</th>{CASE_KINDS.map((k) => <th key={k} scope="col">{t(`cases.kind.${k}`)}</th>)}</tr>
                </thead>
                <tbody>
                  {staff.stages.map((r) => (
                    <tr key={r.status}>
                      <th scope="row">{t(`cases.status.${r.status}`)}</th>
                      {CASE_KINDS.map((k) => (
                        <td key={k}>{r.counts[k] ? <Link className="underline" to={`/cases?kind=${k}&status=${r.status}`}>{n(r.counts[k])}</Link> : n(0)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <p className="mt-3"><Link className="underline" to="/cases">{t("cases.home.all")}</Link></p>
          </Card>
          <Card title={t("cases.home.staff.loads")}>
            <TableRegion>
            <table className={tableClass}>
              <thead><tr><th>{t("cases.field.mentor")}</th><th>{t("cases.field.centre")}</th><th>{t("cases.capacity")}</th></tr></thead>
              <tbody>
                {staff.loads.map((l) => (
                  <tr key={`${l.id}-${l.centre_id}`} className={(l.active_cases ?? 0) >= l.max_active ? "bg-amber-50" : ""}>
                    <td><Link className="underline" to={`/cases?mentor=${l.id}`}>{l.full_name}</Link></td>
                    <td>{name({ name_fa: l.centre_fa, name_en: l.centre_en })}</td>
                    <td>{t("cases.assign.load", { n: n(l.active_cases), max: n(l.max_active) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableRegion>
            <p className="mt-2">
              {staff.fullCount > 0 && <span className="me-2">{t("cases.home.staff.full", { n: n(staff.fullCount) })}</span>}
              <Link className="underline" to="/cases/mentors">{t("cases.home.staff.allLoads", { n: n(staff.mentorCount) })}</Link>
            </p>
            <h3 className="mb-2 mt-4 font-semibold">{t("cases.home.staff.centres")}</h3>
            <ul>
              {staff.perCentre.map((c) => <li key={c.id}><Link className="underline" to={`/cases?centre=${c.id}`}>{name(c)}</Link>: {n(c.n)}</li>)}
            </ul>
          </Card>
          {staff.followUps.length > 0 && (
            <Card title={t("cases.home.followUps")}>
              <ul>{staff.followUps.map((f) => <li key={f.id}><Link className="underline" to={`/cases/followups#f${f.id}`}>{f.firm_name}</Link> · {t("cases.followUp.due", { m: n(f.months), date: formatDate(locale, String(f.due_on).slice(0, 10)) })}</li>)}</ul>
              {staff.moreFollowUps && <p className="mt-2"><Link className="underline" to="/cases/followups">{t("cases.followUps.title")}</Link></p>}
            </Card>
          )}
        </>
      )}
      {mentor && (
        <Card title={t("cases.home.mentor.title")}>
          <p className="mb-3 font-medium" data-testid="home-hours">{t("cases.home.mentor.hours", { h: n(mentor.hoursThisMonth, 2) })}</p>
          <ul className="mb-3 flex flex-wrap gap-3">
            {mentor.byStatus.map((s) => <li key={s.status}><StatusBadge status={s.status} /> {n(s.n)}</li>)}
          </ul>
          <p className="mb-3"><Link className="underline" to="/cases">{t("cases.home.all")}</Link></p>
          {mentor.milestones.length > 0 && (
            <>
              <h3 className="mb-2 font-semibold">{t("cases.home.mentor.milestones")}</h3>
              <ul className="mb-3">
                {mentor.milestones.map((m) => (
                  <li key={m.id} className={m.overdue ? "font-medium text-red-800" : ""}>
                    <Link className="underline" to={`/cases/${m.case_id}`}>{m.firm_name}</Link> · {m.title} · {formatDate(locale, String(m.due_on).slice(0, 10))}
                    {m.overdue && ` · ${t("cases.milestone.overdue")}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {mentor.followUps.length > 0 && (
            <>
              <h3 className="mb-2 font-semibold">{t("cases.home.followUps")}</h3>
              <ul>{mentor.followUps.map((f) => <li key={f.id}><Link className="underline" to={`/cases/followups#f${f.id}`}>{f.firm_name}</Link> · {t("cases.followUp.due", { m: n(f.months), date: formatDate(locale, String(f.due_on).slice(0, 10)) })}</li>)}</ul>
            </>
          )}
        </Card>
      )}
      {entrepreneur && (
        <Card title={t("cases.home.entrepreneur.title")}>
          {entrepreneur.length === 0 ? <p>{t("home.cases.none")}</p> : (
            <ul data-testid="home-my-cases">
              {entrepreneur.map((c) => (
                <li key={c.id} className="mb-1"><Link className="underline" to={`/cases/${c.id}`}>{c.firm_name}</Link> · {t(`cases.kind.${c.kind}`)} · <StatusBadge status={c.status} /></li>
              ))}
            </ul>
          )}
          <p className="mt-3"><Link className="underline" to="/cases/emergency">{t("nav.cases.emergency")}</Link></p>
        </Card>
      )}
    </>
  );
}

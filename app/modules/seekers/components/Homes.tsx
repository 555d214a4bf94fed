import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { Card } from "~/ui/Page";
import type { CounsellorHomeData } from "../counselling.server";
import type { EmployerHomeData, SeekerHomeData } from "../homes.server";
import { MatchParts } from "./Match";

/** The counsellor's home: caseload, overdue next steps, retention checks due. */
export function CounsellorHome({ data }: { data: CounsellorHomeData }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("seekers.home.counsellor.title")}>
      <p className="mb-2" data-testid="caseload">{t("seekers.home.counsellor.caseload", { n: formatNumber(locale, data.caseload) })} <Link className="underline" to="/seekers">{t("seekers.list.title")}</Link></p>
      <h3 className="mt-3 font-semibold">{t("seekers.home.counsellor.overdue")}</h3>
      {data.overdue.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
        <ul className="list-disc ps-6" data-testid="overdue-steps">
          {data.overdue.map((o) => <li key={o.id}><Link className="underline" to={`/seekers/${o.seeker_id}`}>{o.full_name}</Link>: {o.next_steps} ({formatDate(locale, o.next_step_due as unknown as string)})</li>)}
        </ul>
      )}
      <h3 className="mt-3 font-semibold">{t("seekers.home.counsellor.checks")}</h3>
      {data.checks.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
        <ul className="list-disc ps-6" data-testid="checks-due">
          {data.checks.map((c) => (
            <li key={c.id}>
              <Link className="underline" to={`/placements/checks/${c.id}`}>{t("seekers.home.counsellor.check", { months: formatNumber(locale, c.months), name: c.full_name, title: c.title })}</Link>{" "}
              ({formatDate(locale, c.due_on as unknown as string)})
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The seeker's home: profile completeness, the vacancies that fit them (ranked, with reasons) and their referrals. */
export function SeekerHome({ data }: { data: SeekerHomeData }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("seekers.home.seeker.title")}>
      {data.id == null ? (
        <p><Link className="underline" to="/seekers/new">{t("seekers.home.seeker.register")}</Link> · <Link className="underline" to="/seekers/claim">{t("seekers.claim.title")}</Link></p>
      ) : (
        <>
          <p className="mb-2">{t("seekers.completeness", { pct: formatNumber(locale, data.completeness) })} <Link className="underline" to={`/seekers/${data.id}`}>{t("seekers.home.seeker.profile")}</Link></p>
          {data.hidden && <p className="mb-2">{t("seekers.hiddenNotice")}</p>}
          <h3 className="mt-3 font-semibold">{t("seekers.home.seeker.matches")}</h3>
          {data.matches.length === 0 ? <p className="text-slate-700">{t("seekers.matches.noneVacancies")}</p> : (
            <ol className="space-y-2" data-testid="home-matches">
              {data.matches.map((r) => (
                <li key={r.id}>
                  <p className="font-medium"><Link className="underline" to={`/vacancies/${r.id}`}>{r.title}</Link> · {locale === "fa" ? r.employer_fa : r.employer_en || r.employer_fa} · {t("seekers.matches.score", { s: formatNumber(locale, r.score / 10, 1) })}</p>
                  <MatchParts facts={r.facts} weights={data.weights} />
                </li>
              ))}
            </ol>
          )}
          <p className="mt-1"><Link className="underline" to={`/seekers/${data.id}/matches`}>{t("seekers.home.seeker.allMatches")}</Link></p>
          <h3 className="mt-3 font-semibold">{t("seekers.referrals.ofSeeker")}</h3>
          {data.referrals.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
            <ul className="list-disc ps-6" data-testid="home-referrals">
              {data.referrals.map((r) => (
                <li key={r.id}><Link className="underline" to={`/vacancies/${r.vacancy_id}`}>{r.title}</Link> · {locale === "fa" ? r.employer_fa : r.employer_en || r.employer_fa} · {t(`seekers.referralKind.${r.kind}`)}: {t(`seekers.referralStatus.${r.status}`)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}

/** The employer's home: its vacancies, the referrals waiting for an answer, hires and retention checks due. */
export function EmployerHome({ data }: { data: EmployerHomeData }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("seekers.home.employer.title")}>
      <h3 className="font-semibold">{t("seekers.home.employer.vacancies")}</h3>
      {data.vacancies.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
        <ul className="list-disc ps-6" data-testid="home-vacancies">
          {data.vacancies.map((v) => (
            <li key={v.id}>
              <Link className="underline" to={`/vacancies/${v.id}`}>{v.title}</Link> · {t(`seekers.vacancyStatus.${v.status}`)} · {t("seekers.vacancy.hiredOf", { n: formatNumber(locale, v.hired_count), posts: formatNumber(locale, v.posts) })}{" "}
              {t("seekers.home.employer.waitingOn", { n: formatNumber(locale, v.waiting) })}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1"><Link className="underline" to="/vacancies/new">{t("seekers.vacancy.new")}</Link> · <Link className="underline" to="/vacancies">{t("seekers.vacancies.title")}</Link></p>
      <h3 className="mt-3 font-semibold">{t("seekers.home.employer.waiting")}</h3>
      {data.waiting.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
        <ul className="list-disc ps-6" data-testid="home-waiting">
          {data.waiting.map((r) => (
            <li key={r.id}><Link className="underline" to={`/vacancies/${r.vacancy_id}`}>{r.title}</Link>: {r.full_name} · {t(`seekers.referralKind.${r.kind}`)} · {t(`seekers.referralStatus.${r.status}`)}</li>
          ))}
        </ul>
      )}
      <h3 className="mt-3 font-semibold">{t("seekers.home.employer.hires")}</h3>
      {data.hires.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
        <ul className="list-disc ps-6" data-testid="home-hires">
          {data.hires.map((p) => (
            <li key={p.id}>{p.full_name} · <Link className="underline" to={`/vacancies/${p.vacancy_id}`}>{p.title}</Link> ({t("seekers.check.started", { date: formatDate(locale, p.started_on as unknown as string) })})</li>
          ))}
        </ul>
      )}
      <h3 className="mt-3 font-semibold">{t("seekers.home.employer.checks")}</h3>
      {data.checks.length === 0 ? <p className="text-slate-700">{t("seekers.home.none")}</p> : (
        <ul className="list-disc ps-6" data-testid="home-employer-checks">
          {data.checks.map((c) => (
            <li key={c.id}>{t("seekers.home.employer.check", { months: formatNumber(locale, c.months), name: c.full_name })} ({formatDate(locale, c.due_on as unknown as string)})</li>
          ))}
        </ul>
      )}
    </Card>
  );
}

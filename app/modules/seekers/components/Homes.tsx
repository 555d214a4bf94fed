import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { Card } from "~/ui/Page";
import type { CounsellorHomeData } from "../counselling.server";
import type { SeekerHomeData } from "../seekers.server";

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

/** The seeker's home: profile completeness and their referrals. */
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
        </>
      )}
    </Card>
  );
}

import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { Card, EmptyState } from "~/ui/Page";
import type { CompanyHomeData, IndustryHomeData } from "../overview.server";
import { Badge, Day, nameOf } from "./bits";

/** The company representative's home: certificate, challenges that fit, proposals, partnerships, milestones due. */
export function CompanyHome({ data }: { data: NonNullable<SerializeFrom<CompanyHomeData>> }) {
  const t = useT();
  const locale = useLocale();
  const c = data.company;
  return (
    <Card title={t("partnerships.home.company", { name: nameOf(locale, c) })}>
      {!c.hasProfile ? (
        <p><Link className="text-brand-700 underline" to={`/partnerships/companies/${c.id}/edit`}>{t("partnerships.profile.complete")}</Link></p>
      ) : (
        <p className="mb-3">{t("partnerships.company.certificate")}: <Badge kind="certificate" status={c.certificate ?? "expired"} /> · <Link className="underline" to={`/partnerships/companies/${c.id}`}>{t("partnerships.home.profile")}</Link></p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.fit.title")}</h3>
          {data.fitting.length === 0 ? <p className="text-slate-600">{t("partnerships.fit.none")}</p> : (
            <ul data-testid="home-fitting">{data.fitting.map((f) => (
              <li key={f.id}><Link className="underline" to={`/partnerships/challenges/${f.id}`}>{f.title}</Link> · {formatNumber(locale, f.score, 1)} · <Day value={f.deadline} /></li>
            ))}</ul>
          )}
          <Link className="text-brand-700 underline" to="/partnerships/fit">{t("partnerships.home.allFitting")}</Link>
        </section>
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.home.proposals")}</h3>
          {data.proposals.length === 0 ? <p className="text-slate-600">{t("common.empty")}</p> : (
            <ul>{data.proposals.map((p) => <li key={p.id}><Link className="underline" to={`/partnerships/proposals/${p.id}`}>{p.title}</Link> <Badge kind="proposal" status={p.status} /></li>)}</ul>
          )}
        </section>
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.home.partnerships")}</h3>
          {data.partnerships.length === 0 ? <p className="text-slate-600">{t("common.empty")}</p> : (
            <ul>{data.partnerships.map((p) => <li key={p.id}><Link className="underline" to={`/partnerships/${p.id}`}>{p.title}</Link> <Badge kind="partnership" status={p.status} /></li>)}</ul>
          )}
        </section>
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.home.due")}</h3>
          {data.due.length === 0 ? <p className="text-slate-600">{t("common.empty")}</p> : (
            <ul data-testid="home-due">{data.due.map((m) => (
              <li key={m.id} className={m.overdue ? "font-semibold text-red-800" : undefined}><Link className="underline" to={`/partnerships/${m.partnership_id}`}>{m.title}</Link> · <Day value={m.due_on} />{m.overdue && ` · ${t("partnerships.home.overdue")}`}</li>
            ))}</ul>
          )}
        </section>
      </div>
    </Card>
  );
}

/** The industry representative's home: its challenges and proposals waiting, partnerships, milestones to accept. */
export function IndustryHome({ data }: { data: NonNullable<SerializeFrom<IndustryHomeData>> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card title={t("partnerships.home.industry", { name: data.industry ? nameOf(locale, data.industry) : "" })}>
      {data.industry && !data.industry.has_profile && (
        <p className="mb-3"><Link className="text-brand-700 underline" to={`/partnerships/industries/${data.industry.id}/edit`}>{t("partnerships.profile.complete")}</Link></p>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.home.challenges")}</h3>
          {data.challenges.length === 0 ? <EmptyState>{t("partnerships.home.noChallenges")}</EmptyState> : (
            <ul data-testid="home-challenges">{data.challenges.map((c) => (
              <li key={c.id}><Link className="underline" to={`/partnerships/challenges/${c.id}`}>{c.title}</Link> <Badge kind="challenge" status={c.status} />
                {c.waiting > 0 && <> · <Link className="underline" to={`/partnerships/challenges/${c.id}/proposals`}>{t("partnerships.home.waiting", { n: c.waiting })}</Link></>}</li>
            ))}</ul>
          )}
          <Link className="text-brand-700 underline" to="/partnerships/challenges/new">{t("partnerships.challenge.new")}</Link>
        </section>
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.home.partnerships")}</h3>
          {data.partnerships.length === 0 ? <p className="text-slate-600">{t("common.empty")}</p> : (
            <ul>{data.partnerships.map((p) => <li key={p.id}><Link className="underline" to={`/partnerships/${p.id}`}>{p.title}</Link> <Badge kind="partnership" status={p.status} /></li>)}</ul>
          )}
        </section>
        <section>
          <h3 className="mb-1 font-semibold">{t("partnerships.home.toAccept")}</h3>
          {data.toAccept.length === 0 ? <p className="text-slate-600">{t("common.empty")}</p> : (
            <ul data-testid="home-to-accept">{data.toAccept.map((m) => <li key={m.id}><Link className="underline" to={`/partnerships/${m.partnership_id}`}>{m.title}</Link> · <Day value={m.due_on} /></li>)}</ul>
          )}
        </section>
      </div>
    </Card>
  );
}

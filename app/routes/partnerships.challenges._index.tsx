import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { challengeList } from "~/modules/partnerships/challenges.server";
import { CHALLENGE_CATEGORIES, CHALLENGE_STATUSES } from "~/modules/partnerships/workflow";
import { Badge, Day, NextPage, nameOf, primaryLink } from "~/modules/partnerships/components/bits";
import { SelectField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const sp = new URL(request.url).searchParams;
  const filters = {
    status: CHALLENGE_STATUSES.find((s) => s === sp.get("status")),
    category: CHALLENGE_CATEGORIES.find((c) => c === sp.get("category")),
    after: parseId(sp.get("after")) ?? undefined,
  };
  return { ...(await challengeList(actor, filters)), filters };
}

export default function Challenges() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const csv = `/partnerships/challenges.csv?${new URLSearchParams(Object.entries(d.filters).filter(([k, v]) => v && k !== "after") as [string, string][])}`;
  return (
    <div>
      <PageTitle actions={
        <div className="flex gap-2">
          {d.canCreate && <Link className={primaryLink} to="/partnerships/challenges/new">{t("partnerships.challenge.new")}</Link>}
          {d.view === "staff" && <a className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-3 py-2" href={csv}>{t("common.exportCsv")}</a>}
        </div>
      }>
        {t(d.view === "company" ? "partnerships.challenges.companyTitle" : "partnerships.challenges.title")}
      </PageTitle>
      {d.view === "company" ? (
        d.companyRows.length === 0 ? <EmptyState>{t("partnerships.challenges.companyNone")}</EmptyState> : (
          <TableRegion>
          <table className={tableClass}>
            <thead><tr><th scope="col">{t("partnerships.challenge.title")}</th><th scope="col">{t("partnerships.challenge.industry")}</th><th scope="col">{t("common.status")}</th><th scope="col">{t("partnerships.challenge.deadline")}</th><th scope="col">{t("partnerships.challenges.yourProposal")}</th></tr></thead>
            <tbody>
              {d.companyRows.map((r) => (
                <tr key={r.id}>
                  <td><Link className="text-brand-700 underline" to={`/partnerships/challenges/${r.id}`}>{r.title}</Link>{r.invited && <span className="ms-2 text-sm">({t("partnerships.matches.invited")})</span>}</td>
                  <td>{nameOf(locale, { name_fa: r.industry_fa, name_en: r.industry_en })}</td>
                  <td><Badge kind="challenge" status={r.status} /></td>
                  <td><Day value={r.deadline} /></td>
                  <td>{r.proposal_id ? <Link className="underline" to={`/partnerships/proposals/${r.proposal_id}`}><Badge kind="proposal" status={r.proposal_status!} /></Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
        )
      ) : (
        <>
          <Card>
            <Form method="get" className="grid gap-x-4 sm:grid-cols-3">
              <SelectField name="status" label={t("common.status")} defaultValue={d.filters.status} placeholder={t("common.all")} options={CHALLENGE_STATUSES.map((s) => ({ value: s, label: t(`partnerships.challengeStatus.${s}`) }))} />
              <SelectField name="category" label={t("partnerships.challenge.category")} defaultValue={d.filters.category} placeholder={t("common.all")} options={CHALLENGE_CATEGORIES.map((c) => ({ value: c, label: t(`partnerships.category.${c}`) }))} />
              <div className="flex items-end pb-4"><button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("common.filter")}</button></div>
            </Form>
          </Card>
          {d.rows.length === 0 ? <EmptyState>{t("common.empty")}</EmptyState> : (
            <TableRegion>
              <table className={tableClass} data-testid="challenges">
                <thead><tr>
                  <th scope="col">{t("partnerships.challenge.title")}</th>
                  {d.view === "staff" && <th scope="col">{t("partnerships.challenge.industry")}</th>}
                  <th scope="col">{t("partnerships.challenge.category")}</th><th scope="col">{t("common.status")}</th><th scope="col">{t("partnerships.challenge.deadline")}</th>
                  <th scope="col">{t("partnerships.challenges.proposalsCol")}</th><th scope="col">{t("partnerships.challenges.daysToAward")}</th>
                </tr></thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={r.id}>
                      <td><Link className="text-brand-700 underline" to={`/partnerships/challenges/${r.id}`}>{r.title}</Link></td>
                      {d.view === "staff" && <td>{nameOf(locale, { name_fa: r.industry_fa, name_en: r.industry_en })}</td>}
                      <td>{t(`partnerships.category.${r.category}`)}</td>
                      <td><Badge kind="challenge" status={r.status} /></td>
                      <td><Day value={r.deadline} /></td>
                      <td>{t("partnerships.challenges.proposalsCount", { n: r.proposals, waiting: r.waiting })}</td>
                      <td>{r.daysToAward == null ? "—" : formatNumber(locale, r.daysToAward)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </>
      )}
      <NextPage next={d.next} search={search} />
    </div>
  );
}

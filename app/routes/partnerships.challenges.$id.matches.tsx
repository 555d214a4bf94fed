import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { challengeMatches, inviteCompany, requireChallengeManager } from "~/modules/partnerships/challenges.server";
import { inviteSchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { Badge, MatchParts, nameOf, namesOf, Score, ScoreHowTo } from "~/modules/partnerships/components/bits";
import { explainCompact } from "~/modules/partnerships/match";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Companies ranked for a challenge, each part of the score with its reason; the industry invites.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const page = parseId(new URL(request.url).searchParams.get("page"), 1000) ?? 0;
  const [m, labels] = await Promise.all([challengeMatches(actor, id, page), referenceLabels(await getLocale(request))]);
  // Only the names the rows show (the page explains each row from its facts).
  return { ...m, domainNames: namesOf(labels.domains, m.rows.flatMap((r) => r.shared)), countyNames: namesOf(labels.counties, m.rows.map((r) => r.county)) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireChallengeManager(actor, id);
  return formAction(await readForm(request), inviteSchema, async (v) => {
    await inviteCompany(actor, id, v.companyId);
    return redirectWithFlash(`/partnerships/challenges/${id}/matches`, "partnerships.flash.invited");
  });
}

export default function Matches() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const county = (c: string) => d.countyNames[c] ?? c;
  return (
    <div>
      <PageTitle>{t("partnerships.matches.title", { title: d.challenge.title })}</PageTitle>
      <p className="mb-3"><Link className="text-brand-700 underline" to={`/partnerships/challenges/${d.challenge.id}`}>{t("partnerships.matches.back")}</Link>{" "}
        <Badge kind="challenge" status={d.challenge.status} /></p>
      <ScoreHowTo weights={d.weights} />
      <FormError error={f.formError} />
      {d.rows.length === 0 ? <EmptyState>{t("partnerships.matches.none")}</EmptyState> : (
        <Card>
          <TableRegion>
            <table className={tableClass} data-testid="matches">
              <thead><tr>
                <th scope="col">{t("partnerships.matches.rank")}</th><th scope="col">{t("partnerships.matches.company")}</th>
                <th scope="col">{t("partnerships.matches.score")}</th><th scope="col">{t("partnerships.matches.why")}</th><th scope="col">{t("common.actions")}</th>
              </tr></thead>
              <tbody>
                {d.rows.map((r) => {
                  const explained = explainCompact(r, d.weights);
                  return (
                  <tr key={r.id} data-company={r.id}>
                    <td>{formatNumber(locale, r.rank)}</td>
                    <td><Link className="text-brand-700 underline" to={`/partnerships/companies/${r.id}`}>{nameOf(locale, r)}</Link><br /><span className="text-sm text-slate-600">{county(r.county)}</span></td>
                    <td><Score score={explained.score} /></td>
                    <td><MatchParts parts={explained.parts} domainNames={d.domainNames} /></td>
                    <td>
                      {r.proposalId ? <Link className="underline" to={`/partnerships/proposals/${r.proposalId}`}>{t("partnerships.matches.proposed")}</Link>
                        : r.invited ? <span data-testid="invited-mark">{t("partnerships.matches.invited")}</span>
                        : d.canInvite ? (
                          <Form method="post">
                            <input type="hidden" name="companyId" value={r.id} />
                            <SubmitButton variant="secondary">{t("partnerships.matches.invite")}<span className="sr-only"> {nameOf(locale, r)}</span></SubmitButton>
                          </Form>
                        ) : "—"}
                    </td>
                  </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          <nav className="mt-3 flex gap-4" aria-label={t("partnerships.matches.pages")}>
            {d.page > 0 && <Link className="text-brand-700 underline" to={`?page=${d.page - 1}`}>{t("common.previous")}</Link>}
            {d.more && <Link className="text-brand-700 underline" to={`?page=${d.page + 1}`}>{t("common.next")}</Link>}
          </nav>
        </Card>
      )}
    </div>
  );
}

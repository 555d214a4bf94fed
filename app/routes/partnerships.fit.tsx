import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { fittingChallenges } from "~/modules/partnerships/challenges.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { Badge, Day, MatchParts, Money, nameOf, namesOf, Score, ScoreHowTo } from "~/modules/partnerships/components/bits";
import { explainCompact } from "~/modules/partnerships/match";
import { SelectField } from "~/ui/Field";
import { Card, EmptyState, PageTitle } from "~/ui/Page";

// "Challenges that fit you": the open challenges a company may answer, ranked by the score the
// industries see, with the same reasons.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const sp = new URL(request.url).searchParams;
  const [d, domains] = await Promise.all([
    fittingChallenges(actor, parseId(sp.get("company")) ?? undefined, parseId(sp.get("page"), 1000) ?? 0),
    referenceOptions("technology_domains", await getLocale(request)),
  ]);
  // Only the names of the domains the rows share (the page explains each row from its facts).
  return { ...d, domainNames: namesOf(domains, d.rows.flatMap((r) => r.shared)) };
}

export default function Fit() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const q = (page: number) => `?${new URLSearchParams({ company: String(d.companyId), page: String(page) })}`;
  return (
    <div>
      <PageTitle>{t("partnerships.fit.title")}</PageTitle>
      {d.companies.length > 1 && (
        <Form method="get" className="mb-4 flex items-end gap-3">
          <SelectField name="company" label={t("partnerships.proposal.company")} defaultValue={String(d.companyId)} options={d.companies.map((u) => ({ value: String(u.id), label: nameOf(locale, u) }))} />
          <button type="submit" className="mb-4 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("common.filter")}</button>
        </Form>
      )}
      {!d.company ? (
        <Card>
          <EmptyState>{t("partnerships.fit.noProfile")}</EmptyState>
          <p className="mt-3"><Link className="text-brand-700 underline" to={`/partnerships/companies/${d.companyId}/edit`}>{t("partnerships.profile.complete")}</Link></p>
        </Card>
      ) : (
        <>
          <p className="mb-3">{nameOf(locale, d.company)} · <Badge kind="certificate" status={d.company.certificate} /></p>
          {d.company.certificate === "expired" && <p role="status" className="mb-3 rounded-md bg-red-50 p-3 text-red-900">{t("partnerships.company.expiredNote")}</p>}
          {d.company.certificate === "unverified" && <p role="status" className="mb-3 rounded-md bg-amber-50 p-3 text-amber-900">{t("partnerships.fit.unverifiedNote")}</p>}
          <ScoreHowTo weights={d.weights} />
          {d.rows.length === 0 ? <EmptyState>{t("partnerships.fit.none")}</EmptyState> : (
            <ol className="space-y-3" data-testid="fit">
              {d.rows.map((r) => {
                const explained = explainCompact(r, d.weights);
                return (
                <li key={r.id}>
                  <Card>
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div>
                        <h2 className="text-lg font-semibold">
                          <span className="me-2 text-slate-600">{formatNumber(locale, r.rank)}.</span>
                          <Link className="text-brand-700 underline" to={`/partnerships/challenges/${r.id}`}>{r.title}</Link>
                        </h2>
                        <p className="text-sm text-slate-700">
                          {nameOf(locale, { name_fa: r.industry_fa, name_en: r.industry_en })} · {t(`partnerships.category.${r.category}`)} · {t("partnerships.challenge.deadline")}: <Day value={r.deadline} />
                          {" · "}<Money rials={r.budgetMin} /> – <Money rials={r.budgetMax} />
                          {r.invited && <> · <strong>{t("partnerships.fit.invited")}</strong></>}
                        </p>
                      </div>
                      <Score score={explained.score} />
                    </div>
                    <MatchParts parts={explained.parts} domainNames={d.domainNames} />
                  </Card>
                </li>
                );
              })}
            </ol>
          )}
          <nav className="mt-3 flex gap-4" aria-label={t("partnerships.matches.pages")}>
            {d.page > 0 && <Link className="text-brand-700 underline" to={q(d.page - 1)}>{t("common.previous")}</Link>}
            {d.more && <Link className="text-brand-700 underline" to={q(d.page + 1)}>{t("common.next")}</Link>}
          </nav>
        </>
      )}
    </div>
  );
}

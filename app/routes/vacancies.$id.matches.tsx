import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { HowBuilt, MatchParts } from "~/modules/seekers/components/Match";
import { vacancyMatches } from "~/modules/seekers/matches.server";
import { EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const page = Math.min(19, Math.max(0, Number(new URL(request.url).searchParams.get("page")) || 0));
  return vacancyMatches(actor, idOrNotFound(params.id), page);
}

export default function VacancyMatches() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("seekers.matches.forVacancy", { title: d.vacancy.title })}</PageTitle>
      <p className="mb-2"><Link to={`/vacancies/${d.vacancy.id}`}>{t("seekers.matches.back")}</Link></p>
      <HowBuilt weights={d.weights} />
      {d.rows.length === 0 ? <EmptyState>{t("seekers.matches.none")}</EmptyState> : (
        <ol className="space-y-3" data-testid="ranked-seekers">
          {d.rows.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-300 p-3">
              <p className="font-medium">
                {r.name ? <Link className="underline" to={`/seekers/${r.id}`}>{r.name}</Link> : t("seekers.matches.candidate", { n: formatNumber(locale, r.id) })}
                {" · "}{t("seekers.matches.score", { s: formatNumber(locale, r.score / 10, 1) })}
                {r.referral && <span className="ms-2 text-sm">{t(`seekers.referralStatus.${r.referral}`)}</span>}
              </p>
              <MatchParts facts={r.facts} weights={d.weights} />
              {d.canRefer && !r.referral && d.vacancy.status === "open" && (
                <Form method="post" action={`/seekers/${r.id}`} className="mt-2">
                  <input type="hidden" name="intent" value="refer" />
                  <input type="hidden" name="vacancyId" value={d.vacancy.id} />
                  <SubmitButton variant="secondary">{t("seekers.refer.submit")}</SubmitButton>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      {d.rows.length === 10 && <p className="mt-4"><Link to={`?page=${d.page + 1}`}>{t("common.next")}</Link></p>}
    </div>
  );
}

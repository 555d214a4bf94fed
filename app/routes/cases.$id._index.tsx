import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { StatusBadge } from "~/modules/cases/components/CaseBits";
import { CaseActions, CaseMentors, CaseSummary, CaseTimeline, type CaseView } from "~/modules/cases/components/CasePageTop";
import { CaseDiagnosis, CaseMilestones, CaseSessions } from "~/modules/cases/components/CasePageWork";
import { CaseDocuments, CaseMessages, CaseNotes, CaseOutcome, CaseReferrals } from "~/modules/cases/components/CasePageRecords";
import { caseFormAction } from "~/modules/cases/page-actions.server";
import { casePageData } from "~/modules/cases/page.server";
import { assertCaseReadable } from "~/modules/cases/service.server";
import { PageTitle } from "~/ui/Page";
import { PrintButton } from "~/ui/PrintButton";

// The case page. Each form posts an `intent`; its schema, use case and visible fields are in
// ~/modules/cases/page-actions.server (CASE_FORMS), its markup in ~/modules/cases/components/CasePage*.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return casePageData(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await assertCaseReadable(actor, id);
  return caseFormAction(actor, id, request);
}

export default function CasePage() {
  const d: CaseView = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<PrintButton />}>
        <span>{d.case.firm_name}</span> <StatusBadge status={d.case.status} />
      </PageTitle>
      <CaseSummary d={d} />
      <SubjectObstacles data={d.obstacles} />
      <CaseActions d={d} />
      <CaseTimeline d={d} />
      <CaseMentors d={d} />
      <CaseDiagnosis d={d} />
      <CaseMilestones d={d} />
      <CaseSessions d={d} />
      <CaseNotes d={d} />
      <CaseMessages d={d} />
      <CaseDocuments d={d} />
      <CaseReferrals d={d} />
      <CaseOutcome d={d} />
    </div>
  );
}

import { z } from "zod";
import { formAction, formFailure, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { notFound } from "~/lib/http";
import type { UserActor } from "~/modules/accounts/actor.server";
import { parseUpload } from "~/modules/files/upload.server";
import { closeCase } from "./closing.server";
import { attachCaseDocuments, MAX_CASE_DOCUMENTS } from "./documents.server";
import {
  baselineSchema, bodySchema, diagnosisSchema, milestoneSchema, milestoneUpdateSchema, outcomeSchema, referralSchema, sessionSchema, transitionSchema,
} from "./schema";
import {
  addMessage, addMilestone, addNote, addReferral, logSession, saveDiagnosis, setBaseline, transitionCase, updateMilestone,
} from "./work.server";

// The forms of the case page (/cases/:id), one entry per intent: its schema, the fields the form
// shows (every message lands on one of these or on the form: hidden inputs such as `version` and
// the ledger's own field names are not visible; issue 11 item 2), the use case and the flash.
// The route only asks who is posting and hands the request here.

type CaseForm<S extends z.ZodTypeAny> = {
  schema: S;
  visible: readonly string[];
  run: (actor: UserActor, caseId: number, v: z.infer<S>) => Promise<unknown>;
  flash: string;
};
/** Checks one entry against its schema's type, then keeps it in a table of any schema. */
const form = <S extends z.ZodTypeAny>(f: CaseForm<S>) => f as unknown as CaseForm<z.ZodTypeAny>;

export const CASE_FORMS = {
  transition: form({ schema: transitionSchema, visible: ["note"], run: transitionCase, flash: "cases.transitioned" }),
  baseline: form({ schema: baselineSchema, visible: ["baselineEmployees"], run: setBaseline, flash: "cases.baseline.saved" }),
  diagnosis: form({ schema: diagnosisSchema, visible: ["confirmedAreas", "diagnosis", "rootCauses"], run: saveDiagnosis, flash: "cases.diagnosis.saved" }),
  milestone: form({ schema: milestoneSchema, visible: ["title", "dueOn", "owner"], run: addMilestone, flash: "cases.milestone.added" }),
  milestoneUpdate: form({ schema: milestoneUpdateSchema, visible: ["title", "dueOn", "owner", "status"], run: updateMilestone, flash: "cases.milestone.saved" }),
  session: form({ schema: sessionSchema, visible: ["heldOn", "minutes", "mode", "topics", "nextSteps"], run: logSession, flash: "cases.session.added" }),
  note: form({ schema: bodySchema, visible: ["body"], run: (a, id, v) => addNote(a, id, v.body), flash: "cases.note.added" }),
  message: form({ schema: bodySchema, visible: ["body"], run: (a, id, v) => addMessage(a, id, v.body), flash: "cases.message.sent" }),
  referral: form({ schema: referralSchema, visible: ["agency", "note"], run: addReferral, flash: "cases.referral.added" }),
  outcome: form({
    schema: outcomeSchema,
    visible: ["baselineEmployees", "employeesNow", "jobsCreated", "jobsRetained", "revenueRials", "fundingRials", "registrationNo", "note"],
    run: closeCase,
    flash: "cases.outcome.saved",
  }),
} as const;

export type CaseIntent = keyof typeof CASE_FORMS | "document";

type Answer = Awaited<ReturnType<typeof formAction>>;

/** Answers a post to the case page: the documents form (multipart) or one of CASE_FORMS by its intent. */
export async function caseFormAction(actor: UserActor, caseId: number, request: Request): Promise<Answer> {
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return documentsAction(actor, caseId, request);
  const body = await readForm(request);
  const intent = String(body.get("intent") ?? "");
  if (!Object.hasOwn(CASE_FORMS, intent)) throw notFound();
  const f = CASE_FORMS[intent as keyof typeof CASE_FORMS];
  return formAction(body, f.schema, async (v) => {
    await f.run(actor, caseId, v);
    return redirectWithFlash(`/cases/${caseId}`, f.flash);
  }, { intent, visible: f.visible });
}

/** Documents through the FileStore (streamed, size-capped, allow-list and magic bytes). */
async function documentsAction(actor: UserActor, caseId: number, request: Request): Promise<Answer> {
  const upload = await parseUpload(request, { field: "file", maxFiles: MAX_CASE_DOCUMENTS });
  try {
    if (upload.error) return formFailure({ intent: "document", errors: { file: upload.error }, values: {} });
    return await formAction(upload.fields, z.object({}), async () => {
      await attachCaseDocuments(actor, caseId, upload.files);
      return redirectWithFlash(`/cases/${caseId}#documents`, "cases.documents.uploaded");
    }, { intent: "document", visible: ["file"] });
  } finally {
    await upload.dispose();
  }
}

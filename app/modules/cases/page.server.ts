import { nowMs, todayTehran } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { subjectObstacles } from "~/modules/agenda/service.server";
import { maxUploadMb } from "~/modules/files/upload.server";
import { caseDocuments, MAX_CASE_DOCUMENTS } from "./documents.server";
import { caseFormChoices, getCase } from "./service.server";

/** Everything the case page (/cases/:id) shows. */
export async function casePageData(actor: UserActor, id: number) {
  const d = await getCase(actor, id);
  return {
    ...d, agencies: d.mayWork ? (await caseFormChoices()).agencies : [], now: nowMs(), today: todayTehran(),
    documents: await caseDocuments(actor, id), maxMb: maxUploadMb(), maxFiles: MAX_CASE_DOCUMENTS,
    obstacles: await subjectObstacles(actor, "case", id),
  };
}
export type CasePageData = Awaited<ReturnType<typeof casePageData>>;

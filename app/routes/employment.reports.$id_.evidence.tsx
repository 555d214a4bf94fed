import type { LoaderFunctionArgs } from "@remix-run/node";
import { idOrNotFound } from "~/lib/http";
import { MAX_BIGINT_ID } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { openEvidence } from "~/modules/employment/reports.server";
import { downloadResponse } from "~/modules/files/http.server";

// A report's evidence file as an attachment. Ledger readers only: anyone else gets 403 (and an
// authz.denied audit row) before the report is even looked up; the files module checks again.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return downloadResponse(request, async () => {
    return openEvidence(actor, idOrNotFound(params.id, MAX_BIGINT_ID));
  }, "error.forbidden.body");
}

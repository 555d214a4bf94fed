import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/form-action.server";
import { httpErrorStatus, idOrNotFound, isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { parseUpload } from "~/modules/files/upload.server";
import { requireSeekerPermission, uploadCv } from "~/modules/seekers/seekers.server";

// The CV form lives on the profile page; this route only receives it (multipart, through the FileStore).
// A refused file (type, size, none chosen) goes back to the profile with the reason as an error flash.
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/seekers/${idOrNotFound(params.id)}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireSeekerPermission(actor, id, "update:seeker"); // 403 before the upload is read
  const upload = await parseUpload(request, { field: "file" });
  try {
    if (upload.error) return redirectWithFlash(`/seekers/${id}`, upload.error, "error");
    await uploadCv(actor, id, upload.file);
  } catch (e) {
    if (isHttpError(e) && httpErrorStatus(e) === 400) return redirectWithFlash(`/seekers/${id}`, e.data.fieldErrors?.file ?? e.data.messageKey, "error");
    throw e;
  } finally {
    await upload.dispose();
  }
  return redirectWithFlash(`/seekers/${id}`, "seekers.cvSaved");
}

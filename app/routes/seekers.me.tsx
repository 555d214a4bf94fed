import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { mySeekerId } from "~/modules/seekers/seekers.server";

// The signed-in person's own job-seeker profile, or the form to register (or claim) one.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = await mySeekerId(actor);
  return redirect(id ? `/seekers/${id}` : "/seekers/new");
}

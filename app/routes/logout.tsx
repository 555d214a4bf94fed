import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getActor } from "~/modules/accounts/actor.server";
import { logout } from "~/modules/accounts/service.server";
import { clearSessionCookie } from "~/modules/accounts/session.server";
import { setFlash } from "~/lib/flash.server";

export async function action({ request, context }: ActionFunctionArgs) {
  await logout(await getActor(request, context));
  const headers = new Headers();
  headers.append("Set-Cookie", await clearSessionCookie());
  headers.append("Set-Cookie", await setFlash("flash.loggedOut"));
  return redirect("/", { headers });
}

export const loader = () => redirect("/");

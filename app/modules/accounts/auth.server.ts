import { AsyncLocalStorage } from "node:async_hooks";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { loginSchema } from "./schema";
import { getActor } from "./actor.server";
import { AuthError, startSession, verifyLogin } from "./service.server";
import { deviceCookieFor, readDevice } from "./session.server";
import { parseForm } from "~/lib/forms";

export interface LoginResult {
  /** Set-Cookie values: the new session and the device cookie (decision 0002). */
  cookies: string[];
  next: string | null;
}

// remix-auth verifies the form; our own session table holds the session (see session.server.ts).
export const authenticator = new Authenticator<LoginResult>();

// remix-auth hands the strategy a copy of the request (`new Request(url, request)`), so anything
// attached to the original (the load context with the client's IP and request id) is lost there.
// The context travels alongside instead; without it every login counted against IP "unknown",
// so ten failures from anyone locked everybody out.
const loginContext = new AsyncLocalStorage<unknown>();

/** Runs the form login with the route's load context available to the strategy. */
export function authenticateLogin(request: Request, context: unknown): Promise<LoginResult> {
  return loginContext.run(context, () => authenticator.authenticate("form", request));
}

authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const parsed = parseForm(loginSchema, form);
    if (!parsed.ok) throw new AuthError("error.loginFailed", 400, parsed.values.email ?? "");
    const actor = await getActor(request, loginContext.getStore());
    const device = await readDevice(request);
    const userId = await verifyLogin(actor, parsed.data.email, parsed.data.password, device).catch((e) => {
      if (e instanceof AuthError) e.email = parsed.data.email;
      throw e;
    });
    const cookie = await startSession(actor, userId, request.headers.get("User-Agent"));
    const next = form.get("next");
    // The browser keeps (or gets) a device cookie naming this account.
    const deviceCookie = await deviceCookieFor(userId, device?.userId === userId ? device.id : undefined);
    return { cookies: [cookie, deviceCookie], next: typeof next === "string" && next ? next : null };
  }),
  "form",
);

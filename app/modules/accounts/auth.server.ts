import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { loginSchema } from "./schema";
import { getActor } from "./actor.server";
import { AuthError, startSession, verifyLogin } from "./service.server";
import { parseForm } from "~/lib/forms";

export interface LoginResult {
  cookie: string;
  next: string | null;
}

// remix-auth verifies the form; our own session table holds the session (see session.server.ts).
export const authenticator = new Authenticator<LoginResult>();

authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const parsed = parseForm(loginSchema, form);
    if (!parsed.ok) throw new AuthError("error.loginFailed", 400, parsed.values.email ?? "");
    const actor = await getActor(request, (request as Request & { portalContext?: unknown }).portalContext);
    const userId = await verifyLogin(actor, parsed.data.email, parsed.data.password).catch((e) => {
      if (e instanceof AuthError) e.email = parsed.data.email;
      throw e;
    });
    const cookie = await startSession(actor, userId, request.headers.get("User-Agent"));
    const next = form.get("next");
    return { cookie, next: typeof next === "string" && next ? next : null };
  }),
  "form",
);

// Issue 10 item 11: one way to write a form action. Every route that reads a form goes through
// formAction (~/lib/form-action.server): parse with the schema, a service's 400/409 on a field the
// form shows or on the form, what was typed echoed, a redirect with a flash. No route parses a form
// or catches a service's field errors itself; the few actions below read no fields of their own.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { translate } from "~/i18n";
import { createUser } from "../factories";
import { builtServer, send, sessionCookieFor } from "./http-helpers";

vi.setConfig({ testTimeout: 120_000 });

const ROUTES = path.resolve(__dirname, "../../app/routes");
/** Actions that read no form fields of their own (or whose library reads them), with the reason. */
const NOT_FORMS: Record<string, string> = {
  "login.tsx": "remix-auth reads the body; its refusals are the strategy's",
  "logout.tsx": "a button",
  "lang.tsx": "a locale cookie and a safe redirect",
  "notifications.tsx": "mark read: an id or none",
  "verify.$token.tsx": "a button; the token is in the path",
  "unsubscribe.$token.tsx": "a button; the token is in the path",
  "account_.verify.tsx": "resend: a button, a 429 on the page",
  "admin.outbox.tsx": "retry: an id",
  "employment.import._index.tsx": "a CSV file whose refusal lists the missing columns",
  "employment.import.$id.tsx": "confirm an import: a mode",
  "seekers.$id.cv.tsx": "a CV upload from the profile page: the refusal is a flash on that page",
  "cases.$id._index.tsx": "its forms go through formAction in modules/cases/page-actions.server.ts",
};

const routeFiles = () => fs.readdirSync(ROUTES).filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"));
const source = (f: string) => fs.readFileSync(path.join(ROUTES, f), "utf8");

describe("one form action", () => {
  it("no route parses a form or catches a service's field errors itself", () => {
    const own = routeFiles().filter((f) => /\bparseForm\b|e\.data\.fieldErrors/.test(source(f)) && !(f in NOT_FORMS));
    expect(own, "routes with their own form parsing or catch block").toEqual([]);
  });

  it("every route with an action goes through formAction, or is listed with its reason", () => {
    const withAction = routeFiles().filter((f) => /export (async )?function action\b/.test(source(f)));
    const missing = withAction.filter((f) => !/\bformAction\(/.test(source(f)) && !(f in NOT_FORMS));
    expect(missing, "form routes not on formAction").toEqual([]);
    const stale = Object.keys(NOT_FORMS).filter((f) => !withAction.includes(f));
    expect(stale, "listed routes that no longer have an action").toEqual([]);
  });
});

describe("a service's refusal shows on the form that was sent", () => {
  const app = builtServer();

  it("an admin disabling their own account sees the refusal on the user's page (was an error page)", async () => {
    const admin = await createUser({ role: "admin", email: `self-${Date.now()}@test.local` });
    const r = await send(app.server, `/admin/users/${admin.id}`, { cookie: await sessionCookieFor(admin.id), form: { intent: "disable" }, headers: { "Accept-Language": "fa" } });
    expect(r.status).toBe(409);
    expect(r.body).toContain(admin.email);
    const alerts = [...r.body.matchAll(/role="alert"[^>]*>([^<]+)</g)].map((m) => m[1].trim());
    expect(alerts).toContain(translate("fa", "error.cannotDisableSelf"));
  });
});

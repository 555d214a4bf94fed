// Route x role matrix rows for email, password recovery, verification, notification preferences and
// the outbox (issue 18). POSTs fail validation or name a missing record: nothing is written.
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";
import { ROLES } from "~/modules/accounts/roles";
import { getDb } from "~/lib/db.server";
import { createUser } from "../../factories";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const signedIn = (n: number): Expect => ({ ...all(n), anonymous: 302 });
const adminOnly = (n: number): Expect => ({ ...signedIn(403), admin: n });

const MISSING = "no-such-token-00000000000000000000000";

export async function setup(_users: MatrixUsers) {
  const u = await createUser({ role: "entrepreneur" });
  const db = await getDb();
  const row = await db.selectFrom("users").select("unsubscribe_token").where("id", "=", u.id).executeTakeFirstOrThrow();
  return { unsubscribeToken: row.unsubscribe_token };
}

export const rows: MatrixRow[] = [
  { route: "routes/password.forgot", path: "/password/forgot", expect: all(200) },
  { route: "routes/password.forgot", method: "POST", path: "/password/forgot", body: { email: "not-an-email" }, expect: all(400) },

  { route: "routes/password.reset.$token", path: `/password/reset/${MISSING}`, expect: all(404), note: "a spent, expired or unknown link" },
  {
    route: "routes/password.reset.$token", method: "POST", path: `/password/reset/${MISSING}`,
    body: { password: "long-enough-pass", passwordConfirm: "long-enough-pass" }, expect: all(400), note: "the link is refused on the form",
  },

  { route: "routes/verify.$token", path: `/verify/${MISSING}`, expect: all(404) },
  { route: "routes/verify.$token", method: "POST", path: `/verify/${MISSING}`, body: {}, expect: all(400) },

  { route: "routes/account_.email", path: "/account/email", expect: signedIn(200) },
  { route: "routes/account_.email", method: "POST", path: "/account/email", body: { intent: "prefs", cases: "sms" }, expect: signedIn(400) },

  { route: "routes/account_.verify", path: "/account/verify", expect: all(302), note: "only a held user stays (tests/security/verify-hold.test.ts); others go home, anonymous to login" },
  { route: "routes/account_.verify", method: "POST", path: "/account/verify", body: {}, expect: all(302), note: "nobody in the matrix is held: nothing is sent" },

  { route: "routes/admin.verification", path: "/admin/verification", expect: adminOnly(200) },
  { route: "routes/admin.verification", method: "POST", path: "/admin/verification", body: { roles: "overlord" }, expect: adminOnly(400), note: "an unknown role: refused on the form, nothing saved" },

  { route: "routes/unsubscribe.$token", path: (fx) => `/unsubscribe/${fx.unsubscribeToken}?kind=cases`, expect: all(200), note: "GET shows a button; only POST unsubscribes" },
  { route: "routes/unsubscribe.$token", path: `/unsubscribe/${MISSING}`, expect: all(404) },
  { route: "routes/unsubscribe.$token", method: "POST", path: `/unsubscribe/${MISSING}`, body: { "List-Unsubscribe": "One-Click" }, expect: all(404) },

  { route: "routes/admin.outbox", path: "/admin/outbox", expect: adminOnly(200) },
  { route: "routes/admin.outbox", path: "/admin/outbox?status=dead&after=abc", expect: adminOnly(200) },
  { route: "routes/admin.outbox", method: "POST", path: "/admin/outbox", body: { id: "999999999" }, expect: adminOnly(404) },
];

// Route x role matrix rows for the platform foundation (accounts, admin, reference, audit, shell).
// POST bodies are chosen so nothing of consequence is written: they either fail validation or
// reach the service's permission check and then fail on a missing record.
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";
import { ROLES } from "~/modules/accounts/roles";
import { createUser as adminCreateUser } from "~/modules/accounts/service.server";
import { actorFor, createUser } from "../../factories";

type Expect = Record<Asker, number | number[]>;

/** Everyone (anonymous included) gets `n`. */
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Signed-in users get `n`; anonymous is sent to /login (302). */
const signedIn = (n: number): Expect => ({ ...all(n), anonymous: 302 });
/** Admins get `n`, other signed-in users 403, anonymous 302. */
const adminOnly = (n: number): Expect => ({ ...signedIn(403), admin: n });
/** Anonymous gets `n`, signed-in users are sent home (302). */
const anonOnly = (n: number): Expect => ({ ...all(302), anonymous: n });

export async function setup(users: MatrixUsers) {
  const target = await createUser({ role: "entrepreneur" });
  const invited = await adminCreateUser(await actorFor(users.admin.id), {
    fullName: "دعوت‌شده ماتریس", email: "matrix-invite@test.local", role: "entrepreneur", orgUnitId: null,
  });
  return { targetId: target.id, inviteToken: invited.inviteToken };
}

export const rows: MatrixRow[] = [
  { route: "routes/_index", path: "/", expect: all(200) },
  { route: "routes/_index", method: "POST", path: "/", body: {}, expect: all(405), note: "no action on the landing page" },

  { route: "routes/login", path: "/login", expect: anonOnly(200) },
  { route: "routes/login", method: "POST", path: "/login", body: { email: "", password: "" }, expect: anonOnly(400),
    note: "invalid form: generic 400; signed-in users are sent home by the loader that runs after the action (single fetch)" },

  { route: "routes/signup", path: "/signup", expect: anonOnly(200) },
  { route: "routes/signup", method: "POST", path: "/signup", body: { fullName: "", email: "not-an-email" }, expect: anonOnly(400) },

  { route: "routes/logout", path: "/logout", expect: all(302), note: "GET never logs out; it redirects home" },
  { route: "routes/logout", method: "POST", path: "/logout", body: {}, expect: all(302) },

  { route: "routes/lang", path: "/lang", expect: all(302) },
  { route: "routes/lang", method: "POST", path: "/lang", body: { locale: "en", redirectTo: "/" }, expect: all(302) },

  { route: "routes/home", path: "/home", expect: signedIn(200) },

  { route: "routes/account", path: "/account", expect: signedIn(200) },
  { route: "routes/account", method: "POST", path: "/account", body: { currentPassword: "", newPassword: "x" }, expect: signedIn(400) },

  { route: "routes/notifications", path: "/notifications", expect: signedIn(200) },
  { route: "routes/notifications", method: "POST", path: "/notifications", body: { id: "999999999" }, expect: signedIn(302), note: "marks only the actor's own notification" },

  { route: "routes/invite.$token", path: (fx) => `/invite/${fx.inviteToken}`, expect: all(200) },
  { route: "routes/invite.$token", path: "/invite/no-such-token-0000000000000000", expect: all(404) },
  { route: "routes/invite.$token", method: "POST", path: (fx) => `/invite/${fx.inviteToken}`, body: { password: "short", passwordConfirm: "x" }, expect: all(400) },
  { route: "routes/invite.$token", method: "POST", path: "/invite/no-such-token-0000000000000000", body: { password: "long-enough-pass", passwordConfirm: "long-enough-pass" }, expect: all(404) },

  { route: "routes/admin.users._index", path: "/admin/users", expect: adminOnly(200) },
  { route: "routes/admin.users._index", path: "/admin/users?q=%D8%B9%D9%84%DB%8C&after=abc", expect: adminOnly(200) },

  { route: "routes/admin.users.new", path: "/admin/users/new", expect: adminOnly(200) },
  {
    route: "routes/admin.users.new", method: "POST", path: "/admin/users/new",
    body: { fullName: "Matrix Probe", email: "matrix-probe@test.local", role: "mentor", orgUnitId: "" },
    expect: adminOnly(400), note: "valid form, but a mentor needs a unit: refused after the permission check",
  },

  { route: "routes/admin.users.$id", path: (fx) => `/admin/users/${fx.targetId}`, expect: adminOnly(200) },
  { route: "routes/admin.users.$id", path: "/admin/users/999999999", expect: adminOnly(404), note: "missing id: 404 for admins, the same 403 as an existing one for others" },
  { route: "routes/admin.users.$id", path: "/admin/users/abc", expect: signedIn(404) },
  {
    route: "routes/admin.users.$id", method: "POST", path: (fx) => `/admin/users/${fx.targetId}`,
    body: { intent: "removeRole", assignmentId: "0" }, expect: adminOnly(404),
  },

  { route: "routes/admin.reference.$kind", path: "/admin/reference/counties", expect: adminOnly(200) },
  { route: "routes/admin.reference.$kind", path: "/admin/reference/no-such-kind", expect: signedIn(404) },
  {
    route: "routes/admin.reference.$kind", method: "POST", path: "/admin/reference/sectors",
    body: { intent: "deactivate", code: "no-such-code" }, expect: adminOnly(404),
  },

  { route: "routes/admin.audit", path: "/admin/audit", expect: adminOnly(200) },
  { route: "routes/admin.audit", path: "/admin/audit?action=auth.login&before=abc", expect: adminOnly(200) },

  { route: "routes/$", path: "/no-such-page", expect: all(404) },
  { route: "routes/$", path: "/admin/no-such-page", expect: all(404) },
  { route: "routes/$", method: "POST", path: "/no-such-page", body: {}, expect: all(404) },
];

import crypto from "node:crypto";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { httpErrorStatus, isHttpError } from "~/lib/http";
import type { UserActor } from "~/modules/accounts/actor.server";
import { hashPassword } from "~/modules/accounts/password.server";
import type { OrgKind, Role } from "~/modules/accounts/roles";
import { loadSessionUser } from "~/modules/accounts/session.server";

export const TEST_PASSWORD = "test-pass-1401";
let cachedHash: string | undefined;

export async function orgUnitId(code: string): Promise<number> {
  const db = await getDb();
  const row = await db.selectFrom("org_units").select("id").where("code", "=", code).executeTakeFirstOrThrow();
  return row.id;
}

export async function createOrgUnit(kind: OrgKind, code = `${kind}-${crypto.randomBytes(3).toString("hex")}`) {
  const db = await getDb();
  const row = await db
    .insertInto("org_units")
    .values({ kind, code, name_fa: `واحد ${code}`, name_en: `Unit ${code}`, county_code: "tabriz", centre_kind: kind === "centre" ? "consulting" : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A training provider: an org unit of kind provider with its training_providers row. */
export async function createProvider(type: "public_tvto" | "private_institute" | "university" = "public_tvto") {
  const id = await createOrgUnit("provider");
  await (await getDb()).insertInto("training_providers").values({ org_unit_id: id, provider_type: type }).execute();
  return id;
}

/** A user with one role; `unit` is an org unit code or id (defaults: directorate for staff, a centre for mentors...). */
export async function createUser(opts: { role?: Role; unit?: string | number | null; email?: string; fullName?: string; password?: string; verified?: boolean } = {}) {
  const db = await getDb();
  const role = opts.role ?? "entrepreneur";
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const hash = opts.password ? await hashPassword(opts.password) : cachedHash;
  const email = opts.email ?? `${role}-${crypto.randomBytes(4).toString("hex")}@test.local`;
  const user = await db
    .insertInto("users")
    .values({ email, full_name: opts.fullName ?? `کاربر ${role}`, password_hash: hash, email_verified_at: opts.verified === false ? null : sql`now()` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const defaults: Partial<Record<Role, string>> = {
    staff: "directorate", mentor: "accel-tabriz-1", chair_manager: "uni-tabriz", counsellor: "consult-tabriz-1", agency_officer: "agency-banks",
  };
  let unit = opts.unit === undefined ? defaults[role] ?? null : opts.unit;
  if (unit === undefined) unit = null;
  if (role === "company_rep" && unit == null) unit = await createOrgUnit("company");
  if (role === "industry_rep" && unit == null) unit = await createOrgUnit("industry");
  if (role === "training_manager" && unit == null) unit = await createProvider();
  if (role === "employer" && unit == null) unit = await createOrgUnit("employer");
  if (role === "cluster_agent" && unit == null) unit = await createOrgUnit("cluster");
  const unitId = typeof unit === "string" ? await orgUnitId(unit) : unit;
  await db.insertInto("role_assignments").values({ user_id: user.id, role, org_unit_id: unitId }).execute();
  return { id: user.id, email, password: opts.password ?? TEST_PASSWORD, orgUnitId: unitId };
}

export async function addRoleTo(userId: number, role: Role, unit: string | number | null = null) {
  const db = await getDb();
  const unitId = typeof unit === "string" ? await orgUnitId(unit) : unit;
  await db.insertInto("role_assignments").values({ user_id: userId, role, org_unit_id: unitId }).execute();
}

/** The acting user as services see it (roles loaded from the database). */
export async function actorFor(userId: number): Promise<UserActor> {
  const db = await getDb();
  const id = crypto.randomBytes(32).toString("base64url");
  await db.insertInto("sessions").values({ id_hash: crypto.createHash("sha256").update(id).digest("hex"), user_id: userId, expires_at: new Date(Date.now() + 3600_000) }).execute();
  const found = await loadSessionUser(db, id);
  if (!found) throw new Error(`actorFor: user ${userId} has no live session (disabled?)`);
  return { user: found.user, sessionIdHash: found.idHash, requestId: crypto.randomUUID(), ip: "127.0.0.1" };
}

export const anonymousActor = () => ({ user: null, sessionIdHash: null, requestId: crypto.randomUUID(), ip: `10.0.0.${Math.floor(Math.random() * 250)}` });

/** The HTTP status of a thrown refusal; any other error gives its message (clearer when an assertion fails). */
export const statusOf = (e: unknown): number | string =>
  isHttpError(e) ? httpErrorStatus(e) : e instanceof Response ? e.status : e instanceof Error ? e.message : String(e);

/** Awaits a call expected to be refused and returns its status, message key and field errors. */
export async function fails(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return { status: statusOf(e), key: isHttpError(e) ? e.data.messageKey : null, fields: isHttpError(e) ? e.data.fieldErrors ?? {} : {} };
  }
  throw new Error("expected a failure");
}

/** A checksum-valid Iranian national ID made from a number (distinct numbers give distinct IDs). */
export function nationalIdFor(n: number): string {
  const body = String(123_456_789 + (Math.abs(Math.trunc(n)) % 800_000_000)).slice(-9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const r = sum % 11;
  const id = body + String(r < 2 ? r : 11 - r);
  // The serial (digits 4-9) is never zero and the ten digits are never all alike: skip those few.
  return /^(\d)\1{9}$/.test(id) || id.slice(3, 9) === "000000" ? nationalIdFor(n + 800_000_000 - 1) : id;
}

// Formation rules of a cooperative (pure; rules.test.ts). The rules are data: one settings row per
// rule (`cooperatives.<rule>`), edited by staff and audited (service.server.ts). An application
// records the rules it was checked against when it went to its members, so a later change of the
// rules never invalidates it (decision 0019).

export const COOP_TYPES = ["producer", "distribution", "services", "housing", "credit", "multipurpose", "agricultural", "handicrafts", "consumer", "transport"] as const;
export type CoopType = (typeof COOP_TYPES)[number];
export const MEMBER_ROLES = ["founder", "board", "inspector"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const DOC_KINDS = ["charter", "minutes", "id_scan", "other"] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface FormationRules {
  minMembers: number;
  /** Rials. */
  minCapital: number;
  /** The largest share one member may hold, as a fraction of the capital. */
  maxShare: { num: number; den: number };
  minBoard: number;
  minInspectors: number;
  allowedTypes: string[];
}

/** Defaults from the reference case (and the migration's seeded rows). */
export const DEFAULT_RULES: FormationRules = {
  minMembers: 7,
  minCapital: 100_000_000,
  maxShare: { num: 1, den: 3 },
  minBoard: 3,
  minInspectors: 1,
  allowedTypes: ["producer", "distribution", "services", "housing", "credit", "multipurpose", "agricultural", "handicrafts"],
};

/** The settings row of each rule. */
export const RULE_KEYS: Record<keyof FormationRules, string> = {
  minMembers: "cooperatives.min_members",
  minCapital: "cooperatives.min_capital",
  maxShare: "cooperatives.max_share",
  minBoard: "cooperatives.min_board",
  minInspectors: "cooperatives.min_inspectors",
  allowedTypes: "cooperatives.allowed_types",
};

const isCount = (v: unknown, max = 1000): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;

/** Rules from the settings rows; a missing or broken row falls back to its default. */
export function rulesFrom(rows: readonly { key: string; value: unknown }[]): FormationRules {
  const by = new Map(rows.map((r) => [r.key, r.value]));
  const r: FormationRules = { ...DEFAULT_RULES, maxShare: { ...DEFAULT_RULES.maxShare }, allowedTypes: [...DEFAULT_RULES.allowedTypes] };
  const v = (k: keyof FormationRules) => by.get(RULE_KEYS[k]);
  if (isCount(v("minMembers")) && (v("minMembers") as number) >= 1) r.minMembers = v("minMembers") as number;
  if (isCount(v("minCapital"), 1e14)) r.minCapital = v("minCapital") as number;
  const ms = v("maxShare") as { num?: unknown; den?: unknown } | undefined;
  if (ms && isCount(ms.num) && isCount(ms.den) && ms.num > 0 && ms.den > 0 && ms.num <= ms.den) r.maxShare = { num: ms.num, den: ms.den };
  if (isCount(v("minBoard"))) r.minBoard = v("minBoard") as number;
  if (isCount(v("minInspectors"))) r.minInspectors = v("minInspectors") as number;
  const types = v("allowedTypes");
  if (Array.isArray(types) && types.length && types.every((t) => (COOP_TYPES as readonly string[]).includes(t))) r.allowedTypes = types as string[];
  return r;
}

/** Problems of a rules edit (field names as the rules form has them). */
export function rulesProblems(r: FormationRules): Record<string, string> {
  const e: Record<string, string> = {};
  if (r.minMembers < 1) e.minMembers = "error.numberTooSmall";
  if (r.maxShare.num < 1 || r.maxShare.den < 1) e.maxShareNum = "error.numberTooSmall";
  else if (r.maxShare.num > r.maxShare.den) e.maxShareNum = "coop.error.maxShareFraction";
  if (r.minBoard + r.minInspectors > r.minMembers) e.minBoard = "coop.error.rolesAboveMembers";
  if (!r.allowedTypes.length) e.allowedTypes = "error.required";
  return e;
}

export interface MemberLine {
  fullName: string;
  nationalId: string;
  mobile?: string | null;
  share: number;
  role: MemberRole;
}

/** Is `share` above the largest share one member may hold of `capital`? (integers, no rounding) */
export const shareAboveMax = (share: number, capital: number, rules: Pick<FormationRules, "maxShare">) =>
  BigInt(share) * BigInt(rules.maxShare.den) > BigInt(capital) * BigInt(rules.maxShare.num);

/**
 * Everything the rules say about an application going to its members, as field errors: the row of
 * a member problem is in its key (`members.<row>.share`), the rest on `capital`, `typeCode`,
 * `members` (too few) and `roles` (board and inspectors). `rows` are the posted row numbers of the
 * members (blank rows skipped), so the message lands on the row the user sees.
 */
export function formationProblems(app: { typeCode?: string | null; capital?: number | null; members: readonly MemberLine[]; rows?: readonly number[] }, rules: FormationRules): Record<string, string> {
  const e: Record<string, string> = {};
  const row = (i: number) => app.rows?.[i] ?? i;
  const capital = app.capital ?? 0;
  if (app.typeCode && !rules.allowedTypes.includes(app.typeCode)) e.typeCode = "coop.error.typeNotAllowed";
  if (capital < rules.minCapital) e.capital = "coop.error.capitalBelowMin";
  const seen = new Map<string, number>();
  app.members.forEach((m, i) => {
    if (seen.has(m.nationalId)) e[`members.${row(i)}.nationalId`] = "coop.error.duplicateNationalId";
    else seen.set(m.nationalId, i);
    if (m.share <= 0) e[`members.${row(i)}.share`] = "error.numberTooSmall";
    else if (capital > 0 && shareAboveMax(m.share, capital, rules)) e[`members.${row(i)}.share`] = "coop.error.shareAboveMax";
  });
  const total = app.members.reduce((s, m) => s + BigInt(m.share), 0n);
  if (app.members.length && total !== BigInt(capital)) e.capital ??= "coop.error.sharesDontAddUp";
  if (app.members.length < rules.minMembers) e.members = "coop.error.tooFewMembers";
  const board = app.members.filter((m) => m.role === "board").length;
  const inspectors = app.members.filter((m) => m.role === "inspector").length;
  if (board < rules.minBoard) e.roles = "coop.error.tooFewBoard";
  else if (inspectors < rules.minInspectors) e.roles = "coop.error.tooFewInspectors";
  return e;
}

/** A national ID as others see it: only the last four digits. */
export function maskNationalId(id: string | null | undefined): string {
  if (!id) return "";
  return `${"•".repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
}

/** A member row is unchanged (their confirmation stands) when name, ID, share and role are the same. */
export const sameMemberLine = (a: MemberLine, b: MemberLine) =>
  a.nationalId === b.nationalId && a.fullName === b.fullName && Number(a.share) === Number(b.share) && a.role === b.role;

// ---------------------------------------------------------------- after approval (decision 0038)

/** A live member of a registered cooperative. */
export interface LiveMember extends MemberLine {
  id: number;
}

export type MembershipChange =
  | { kind: "join"; member: MemberLine }
  | { kind: "leave"; memberId: number }
  | { kind: "transfer"; fromId: number; toId: number; amount: number };

/**
 * The members after a change of a registered cooperative, checked against the rules it was formed
 * under: the new capital is the sum of the shares (a member joining buys shares, one leaving is paid
 * theirs back, a transfer keeps it), and the smallest membership, board and inspectors, the minimum
 * capital and the largest share must still hold. Errors are keyed by the change form's fields
 * (join: fullName, nationalId, share; leave: memberId; transfer: fromMemberId, toMemberId, amount).
 * A transfer of a whole share means the giving member leaves.
 */
export function applyMembershipChange(members: readonly LiveMember[], change: MembershipChange, rules: FormationRules): { members: LiveMember[]; capital: number; leaving: number | null; errors: Record<string, string> } {
  const e: Record<string, string> = {};
  let after: LiveMember[] = members.map((m) => ({ ...m }));
  let leaving: number | null = null;
  let blame = "memberId";
  if (change.kind === "join") {
    blame = "share";
    if (members.some((m) => m.nationalId === change.member.nationalId)) e.nationalId = "coop.change.error.alreadyMember";
    if (change.member.share <= 0) e.share = "error.numberTooSmall";
    after.push({ ...change.member, id: 0 });
  } else if (change.kind === "leave") {
    if (!members.some((m) => m.id === change.memberId)) e.memberId = "error.invalidChoice";
    after = after.filter((m) => m.id !== change.memberId);
    leaving = change.memberId;
  } else {
    blame = "fromMemberId";
    const from = after.find((m) => m.id === change.fromId);
    const to = after.find((m) => m.id === change.toId);
    if (!from) e.fromMemberId = "error.invalidChoice";
    if (!to) e.toMemberId = "error.invalidChoice";
    else if (change.fromId === change.toId) e.toMemberId = "coop.change.error.sameMember";
    if (change.amount <= 0) e.amount = "error.numberTooSmall";
    else if (from && change.amount > from.share) e.amount = "coop.change.error.aboveShare";
    if (Object.keys(e).length) return { members: after, capital: 0, leaving, errors: e };
    from!.share -= change.amount;
    to!.share += change.amount;
    if (from!.share === 0) {
      after = after.filter((m) => m.id !== from!.id);
      leaving = from!.id;
    }
  }
  const capital = after.reduce((s, m) => s + m.share, 0);
  if (Object.keys(e).length) return { members: after, capital, leaving, errors: e };
  if (after.length < rules.minMembers) e[blame] = "coop.change.error.tooFewMembers";
  else if (after.filter((m) => m.role === "board").length < rules.minBoard) e[blame] = "coop.change.error.tooFewBoard";
  else if (after.filter((m) => m.role === "inspector").length < rules.minInspectors) e[blame] = "coop.change.error.tooFewInspectors";
  else if (capital < rules.minCapital) e[blame] = "coop.change.error.capitalBelowMin";
  else {
    const above = after.find((m) => shareAboveMax(m.share, capital, rules));
    if (above) {
      if (change.kind === "join" && above.id === 0) e.share = "coop.change.error.shareAboveMax";
      else if (change.kind === "transfer" && above.id === change.toId) e.amount = "coop.change.error.shareAboveMax";
      else e[blame] = "coop.change.error.otherAboveMax";
    }
  }
  return { members: after, capital, leaving, errors: e };
}

/** The rules recorded on an application (decision 0019), or the defaults when none were recorded. */
export function recordedRules(snapshot: unknown): FormationRules {
  const s = (snapshot && typeof snapshot === "object" ? snapshot : {}) as Partial<FormationRules>;
  return { ...DEFAULT_RULES, ...s, maxShare: { ...DEFAULT_RULES.maxShare, ...(s.maxShare ?? {}) } };
}

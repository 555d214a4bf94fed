// A business cluster's life as data (pure; workflow.test.ts; decision 0039). The stages follow the
// cluster development method of the reference case (UNIDO's): identification → diagnosis → trust
// building → joint action → self-management. A move goes one stage forward (its guards must hold) or
// one stage back (a setback, always allowed); every move carries a note and the date it happened
// (not in the future, not before the current stage began). The services apply a move in one
// transaction with a timeline row (cluster_events), an audit row and the version check.
//
// Joint projects have their own small workflow: planned → running → completed, or cancelled from
// planned/running; completing one needs its results. Jobs are reported per taking-part firm while a
// project runs or after it completed.

export const STAGES = ["identification", "diagnosis", "trust_building", "joint_action", "self_management"] as const;
export type Stage = (typeof STAGES)[number];

export type Part = "agent" | "staff";

/** Member firms a cluster needs before its diagnosis starts. */
export const MIN_FIRMS = 2;

export interface Facts {
  note?: string | null;
  /** ISO date the move happened. */
  on?: string | null;
  today: string;
  /** ISO date the current stage began. */
  stageSince: string;
  firms: number;
  /** The diagnosis study is complete: strengths, weaknesses, needs and its document. */
  study: boolean;
  /** Joint projects that are not cancelled, and those completed. */
  projects: number;
  completedProjects: number;
}

export type Guard = "note" | "date" | "firms" | "study" | "project" | "completed_project";

const GUARDS: Record<Guard, (f: Facts) => boolean> = {
  note: (f) => !!f.note?.trim(),
  date: (f) => !!f.on && f.on <= f.today && f.on >= f.stageSince,
  firms: (f) => f.firms >= MIN_FIRMS,
  study: (f) => f.study,
  project: (f) => f.projects >= 1,
  completed_project: (f) => f.completedProjects >= 1,
};

export interface Move {
  from: Stage;
  to: Stage;
  by: readonly Part[];
  requires: readonly Guard[];
}

const BOTH: readonly Part[] = ["agent", "staff"];
export const MOVES: readonly Move[] = [
  { from: "identification", to: "diagnosis", by: BOTH, requires: ["note", "date", "firms"] },
  { from: "diagnosis", to: "trust_building", by: BOTH, requires: ["note", "date", "study"] },
  { from: "trust_building", to: "joint_action", by: BOTH, requires: ["note", "date", "project"] },
  { from: "joint_action", to: "self_management", by: BOTH, requires: ["note", "date", "completed_project"] },
  // setbacks: one stage back, with the reason
  { from: "diagnosis", to: "identification", by: BOTH, requires: ["note", "date"] },
  { from: "trust_building", to: "diagnosis", by: BOTH, requires: ["note", "date"] },
  { from: "joint_action", to: "trust_building", by: BOTH, requires: ["note", "date"] },
  { from: "self_management", to: "joint_action", by: BOTH, requires: ["note", "date"] },
];

export type Check = { ok: true; move: Move } | { ok: false; reason: "not_allowed" | "wrong_part" | "missing"; guard?: Guard };

export function checkMove(from: string, to: string, parts: readonly Part[], facts: Facts): Check {
  const m = MOVES.find((x) => x.from === from && x.to === to);
  if (!m) return { ok: false, reason: "not_allowed" };
  if (!m.by.some((p) => parts.includes(p))) return { ok: false, reason: "wrong_part" };
  for (const g of m.requires) if (!GUARDS[g](facts)) return { ok: false, reason: "missing", guard: g };
  return { ok: true, move: m };
}

/** The stages a cluster may move to from its stage (the page's choices; guards are checked on submit). */
export function movesFrom(from: string): Stage[] {
  return MOVES.filter((m) => m.from === from).map((m) => m.to);
}

export const isForward = (from: Stage, to: Stage) => STAGES.indexOf(to) > STAGES.indexOf(from);

/** Joint projects are run from trust building on (pilot actions build the trust). */
export const PROJECT_STAGES: readonly Stage[] = ["trust_building", "joint_action", "self_management"];

export const PROJECT_KINDS = ["marketing", "purchasing", "export", "facility", "training"] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_STATUSES = ["planned", "running", "completed", "cancelled"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_MOVES: readonly { from: readonly ProjectStatus[]; to: ProjectStatus; requires: readonly ("results" | "note")[] }[] = [
  { from: ["planned"], to: "running", requires: [] },
  { from: ["running"], to: "completed", requires: ["results"] },
  { from: ["planned", "running"], to: "cancelled", requires: ["note"] },
];

export function checkProjectMove(from: string, to: string, facts: { results?: string | null; note?: string | null }): { ok: true } | { ok: false; reason: "not_allowed" | "missing"; guard?: "results" | "note" } {
  const m = PROJECT_MOVES.find((x) => x.to === to && (x.from as readonly string[]).includes(from));
  if (!m) return { ok: false, reason: "not_allowed" };
  for (const g of m.requires) if (!facts[g]?.trim()) return { ok: false, reason: "missing", guard: g };
  return { ok: true };
}

export function projectMovesFrom(from: string): ProjectStatus[] {
  return PROJECT_MOVES.filter((m) => (m.from as readonly string[]).includes(from)).map((m) => m.to);
}

/** Jobs of a project are reported while it runs or once it completed. */
export const REPORTABLE: readonly ProjectStatus[] = ["running", "completed"];
/** Taking-part firms can change until the project ends. */
export const OPEN_PROJECT: readonly ProjectStatus[] = ["planned", "running"];

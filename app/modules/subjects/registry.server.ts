import type { Expression } from "kysely";
import type { Database } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";

// Records of one module that another, cross-cutting module points at (an obstacle holds up a case,
// a cooperative application, a partnership...). The cross-cutting module stores `(kind, id)` and
// never imports the owning module: the owning module registers a resolver here, once, at the top
// level of its service file (like registerFileAccess in the files module), and the cross-cutting
// module asks through it.
//
//   registerSubject("case", {
//     canSee: (db, actor, id) => mayReadCase(db, actor, id),
//     describe: (db, ids) => caseTitles(db, ids),          // one query for a whole page of subjects
//     participants: (db, id) => caseParticipants(db, id),  // who to notify about it
//   });
//
// Rules: canSee answers false for a missing record as for a forbidden one (the caller answers 404
// for both, no existence leak) and never writes an audit row itself; describe returns only what
// the subject's own list pages show to anyone allowed to see it (a title, the county, a link),
// never private fields.

export const SUBJECT_KINDS = ["case", "idea", "cooperative", "cluster", "partnership", "micro_business", "enterprise"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const isSubjectKind = (v: unknown): v is SubjectKind => SUBJECT_KINDS.includes(v as SubjectKind);

export interface SubjectSummary {
  /** A one-line title as the module shows it (what people typed, as typed). */
  title: string;
  /** The subject's own page. */
  link: string;
  countyCode?: string | null;
}

export interface SubjectResolver {
  canSee(db: Database, actor: UserActor, id: number): Promise<boolean>;
  describe(db: Database, ids: readonly number[]): Promise<Map<number, SubjectSummary>>;
  /** Users involved in the subject (owner, assigned people), to notify; never the whole staff. */
  participants?(db: Database, id: number): Promise<number[]>;
  /**
   * Only for kinds whose records belong to a centre (decision 0015: a case's `centre_id`): the ids of
   * those held in these org units, as a one-column subquery, so a centre's staff list and count the
   * cross-cutting records (obstacles) of their centre only. Kinds without it are province records.
   */
  idsInUnits?(db: Database, unitIds: readonly number[]): Expression<{ id: number }>;
}

const resolvers = new Map<SubjectKind, SubjectResolver>();

export function registerSubject(kind: SubjectKind, resolver: SubjectResolver) {
  resolvers.set(kind, resolver);
}

/** The resolver of a kind, or undefined when its module is not part of this build yet. */
export function subjectResolver(kind: SubjectKind): SubjectResolver | undefined {
  return resolvers.get(kind);
}

export function registeredSubjectKinds(): SubjectKind[] {
  return SUBJECT_KINDS.filter((k) => resolvers.has(k));
}

// ---------------------------------------------------------------------------------------------------
// Programmes that can offer an opportunity (the agencies' agenda: a sector advantage is "offered"
// through a call for ideas, a cluster, a training course, a partnership challenge or cooperatives). The owning
// module registers its kind; the agenda module lists choices and shows the jobs each produced.

export const PROGRAMME_KINDS = ["call", "cluster", "course", "challenge", "cooperative"] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export interface ProgrammeResolver {
  /** Programmes an actor may link an advantage to (open or running ones), as select options. */
  options(db: Database, actor: UserActor, locale: "fa" | "en"): Promise<{ value: string; label: string }[]>;
  describe(db: Database, ids: readonly number[]): Promise<Map<number, SubjectSummary>>;
  /**
   * The ledger sources (employment report `source_module` and `source_id`) of the records this
   * programme produced (a call's ideas and their cases, a cluster's joint projects, a course's
   * placements and home businesses, a challenge's partnerships). The agenda module sums the ledger's
   * counted jobs of these through the employment service; nobody counts jobs twice.
   */
  ledgerSources(db: Database, id: number): Promise<{ module: string; ids: string[] }[]>;
}

const programmes = new Map<ProgrammeKind, ProgrammeResolver>();

export function registerProgramme(kind: ProgrammeKind, resolver: ProgrammeResolver) {
  programmes.set(kind, resolver);
}

export function programmeResolver(kind: ProgrammeKind): ProgrammeResolver | undefined {
  return programmes.get(kind);
}

export function registeredProgrammeKinds(): ProgrammeKind[] {
  return PROGRAMME_KINDS.filter((k) => programmes.has(k));
}

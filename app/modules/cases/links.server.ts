import { getDb } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";

// The two links to other modules, kept in one file so each is swapped for the owning module's
// service in one place: reading an accepted idea (ideas) and filing jobs (employment).

export interface IdeaForCase {
  id: number;
  owner_id: number;
  title: string;
  summary: string | null;
  status: string;
  accepted_path: string | null;
  county_code: string | null;
  sector_code: string | null;
}

/**
 * An idea as the cases module needs it. TODO(ideas service): the ideas module has no public
 * reader yet; this reads the row read-only until it does.
 */
export async function followUpIdea(ideaId: number): Promise<IdeaForCase | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("ideas")
    .select(["id", "owner_id", "title", "summary", "status", "accepted_path", "county_code", "sector_code"])
    .where("id", "=", ideaId)
    .executeTakeFirst();
  return row ?? null;
}

export interface CaseJobs {
  employeesNow: number;
  jobsCreated: number;
  jobsRetained: number;
  sourceRef: string;
}

/**
 * Files a case's jobs with the employment ledger (status reported, source module "cases").
 * Returns the report id, or null when the ledger's reporting function is not available.
 */
export async function reportCaseJobs(
  _actor: UserActor,
  _c: { id: number; firm_name: string; registration_no: string | null; county_code: string | null; sector_code: string | null; baseline_employees: number; kind: string },
  _jobs: CaseJobs,
): Promise<string | number | null> {
  // TODO(employment): call reportEmployment(actor, {...}) from ~/modules/employment/service.server once it lands.
  return null;
}

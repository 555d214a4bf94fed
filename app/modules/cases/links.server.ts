import { badRequest, httpErrorStatus, isHttpError } from "~/lib/http";
import type { Database } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";
import { filedReports, reportEmployment, type FiledReport } from "~/modules/employment/service.server";
import { getIdea } from "~/modules/ideas/service.server";
import { todayTehran } from "~/i18n/clock";

// The two links to other modules, kept in one file: reading an accepted idea (ideas) and filing
// jobs with the employment ledger through its reportEmployment service.

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

/** An accepted idea as the cases module needs it, read through the ideas service (null when missing). */
export async function followUpIdea(actor: UserActor, ideaId: number): Promise<IdeaForCase | null> {
  try {
    const { idea } = await getIdea(actor, ideaId);
    return idea;
  } catch (e) {
    if (isHttpError(e) && httpErrorStatus(e) === 404) return null;
    throw e;
  }
}

/** The idea a case was opened from, as the case page names it (title and link, never "idea #12"). */
export async function ideaLabel(db: Database, ideaId: number) {
  return (await db.selectFrom("ideas").select(["id", "title"]).where("id", "=", ideaId).executeTakeFirst()) ?? null;
}

/**
 * The ledger reports a case filed (closing, follow-ups), keyed by id, for the case page's links to them
 * (issue 11: staff could not get from a graduated case to its report). Empty for those who cannot read the ledger.
 */
export async function caseReports(actor: UserActor, ids: readonly (string | null)[]): Promise<Record<string, FiledReport>> {
  return Object.fromEntries((await filedReports(actor, ids)).map((r) => [r.id, r]));
}

export interface CaseJobs {
  employeesNow: number;
  jobsCreated: number;
  jobsRetained: number;
  /** Idempotency key for the ledger, e.g. `cases:12:close`. */
  sourceRef: string;
}

export interface CaseForReport {
  id: number;
  firm_name: string;
  registration_no: string | null;
  county_code: string | null;
  sector_code: string | null;
  baseline_employees: number;
  entrepreneur_id: number;
}

/**
 * Files a case's jobs with the employment ledger (status reported, source module "cases", the case id
 * as link) inside the caller's transaction, so closing and reporting commit together. The enterprise is
 * found by registration number, else the entrepreneur's national ID; without either (or without a county
 * and sector) the closing form gets a field error.
 */
export async function reportCaseJobs(actor: UserActor, trx: Database, c: CaseForReport, jobs: CaseJobs): Promise<number> {
  const errors: Record<string, string> = {};
  let nationalId: string | null = null;
  if (!c.registration_no) {
    const u = await trx.selectFrom("users").select("national_id").where("id", "=", c.entrepreneur_id).executeTakeFirst();
    nationalId = u?.national_id ?? null;
    if (!nationalId) errors.registrationNo = "cases.error.identityForReport";
  }
  if (!c.county_code || !c.sector_code) errors._form = "cases.error.placeForReport";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  const { reportId } = await reportEmployment(
    actor,
    {
      source: { module: "cases", id: c.id },
      programme: "cases",
      enterprise: {
        registrationNo: c.registration_no, nationalId, name: c.firm_name, kind: c.registration_no ? "company" : "self_employed",
        county: c.county_code!, sector: c.sector_code!, baselineHeadcount: c.baseline_employees,
      },
      asOf: todayTehran(),
      fteBaseline: c.baseline_employees,
      fteNow: jobs.employeesNow,
      created: { fullTime: jobs.jobsCreated, partTime: 0, tempMonths: 0, volunteers: 0 },
      retained: { fullTime: jobs.jobsRetained, partTime: 0, tempMonths: 0, volunteers: 0 },
      externalRef: jobs.sourceRef,
    },
    trx,
  ).catch((e: unknown) => {
    throw isHttpError(e) && httpErrorStatus(e) === 400 ? badRequest(e.data.messageKey ?? "error.form", onCaseForm(e.data.fieldErrors)) : e;
  });
  return reportId;
}

/** The ledger's field names as the case's closing and follow-up forms name them; the rest go on the form. */
const LEDGER_FIELDS: Record<string, string> = {
  createdFullTime: "jobsCreated", retainedFullTime: "jobsRetained", fteNow: "employeesNow", fteBaseline: "baselineEmployees",
  registrationNo: "registrationNo", nationalId: "registrationNo",
};

function onCaseForm(fieldErrors: Record<string, string> | undefined) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fieldErrors ?? {})) {
    const field = LEDGER_FIELDS[k] ?? "_form";
    out[field] ??= v;
  }
  return out;
}

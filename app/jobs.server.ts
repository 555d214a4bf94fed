// Every module that registers background jobs (registerJob at its top level), so the worker knows them
// all whichever routes a process has loaded. Add a module here when it registers one.
//
// Imported as namespaces and listed in JOB_MODULES, never as a bare `import "x"`: package.json says
// "sideEffects": false, which lets the bundler drop a bare import whose exports nobody uses. It did:
// until 2026-12-02 every production build registered 4 of the 9 jobs (no case triage warnings or
// follow-ups, no seeker or training checks, no orphaned-upload sweep), while the tests, which run the
// source, saw all of them. tests/operations/jobs-in-build.test.ts compares the build with the source.
import * as outbox from "~/modules/email/outbox.server";
import * as ideaReviews from "~/modules/ideas/review.server";
import * as caseReminders from "~/modules/cases/reminders.server";
import * as employmentImport from "~/modules/employment/import.server";
import * as seekerReminders from "~/modules/seekers/reminders.server";
import * as trainingReminders from "~/modules/training/reminders.server";
import * as fileOrphans from "~/modules/files/orphans.server";
import { registeredJobs as registered, startJobs as start } from "~/lib/jobs.server";

const JOB_MODULES = { outbox, ideaReviews, caseReminders, employmentImport, seekerReminders, trainingReminders, fileOrphans };

/** The names of the modules whose jobs this process registers (logged at start). */
export function jobModules(): string[] {
  return Object.keys(JOB_MODULES).filter((k) => JOB_MODULES[k as keyof typeof JOB_MODULES] != null);
}

/** Starts the workers of every job of the modules above (unless JOBS=off). */
export function startJobs(log: (m: string) => void = console.log) {
  return start(log, jobModules());
}

export function registeredJobs() {
  return jobModules().length ? registered() : [];
}

export { stopJobs } from "~/lib/jobs.server";

// Every module that registers background jobs (registerJob at its top level), imported once so the
// worker knows them all whichever routes a process has loaded. Add a module here when it registers one.
import "~/modules/email/outbox.server";
import "~/modules/ideas/review.server";
import "~/modules/cases/reminders.server";
import "~/modules/employment/import.server";
import "~/modules/seekers/reminders.server";
import "~/modules/training/reminders.server";
import "~/modules/files/orphans.server";

export { startJobs, stopJobs, registeredJobs } from "~/lib/jobs.server";

// The production bundle must register every background job the source does. package.json's
// "sideEffects": false let the bundler drop app/jobs.server.ts's bare imports, so until 2026-12-02 the
// built server ran 4 of the 9 jobs while every test (on the source) saw all 9.
import { expect, it } from "vitest";
import { registeredJobs } from "~/jobs.server";
import { loadBuild } from "../security/http-helpers";

type Job = { name: string; schedule?: string };
const names = (jobs: readonly Job[]) => jobs.map((j) => `${j.name} ${j.schedule ?? "(on demand)"}`).sort();

it("the built server registers the same jobs, with the same schedules, as the source", async () => {
  const build = await loadBuild();
  const inBuild = (build.entry.module as unknown as { registeredJobs(): readonly Job[] }).registeredJobs();
  expect(registeredJobs().map((j) => j.name)).toEqual(
    expect.arrayContaining(["email.send", "ideas.overdue", "cases.triage-warnings", "cases.followups", "seekers.retention-checks", "training.checks", "files.orphans", "employment.import"]),
  );
  expect(names(inBuild)).toEqual(names(registeredJobs()));
});

// The idea page as staff see it over HTTP (issue 11 items 1 and 8): the accept form picks the case's
// centre (empty = the idea's county's centre), and once every mentor is assigned the assign-reviewers
// block says so instead of offering a button with nothing to pick.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { translate } from "~/i18n";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers } from "~/modules/ideas/review.server";
import { getIdea, saveIdea } from "~/modules/ideas/service.server";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

const version = async (id: number) => (await (await getDb()).selectFrom("ideas").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

async function screenedIdea() {
  const db = await getDb();
  const [owner, staff] = await Promise.all([createUser({ role: "entrepreneur" }), createUser({ role: "staff" })]);
  const p = { owner: await actorFor(owner.id), staff: await actorFor(staff.id), staffId: staff.id };
  const callId = (await db.selectFrom("calls").select("id").where("standing", "=", true).executeTakeFirstOrThrow()).id;
  const { id } = await saveIdea(p.owner, null, {
    callId, title: "نان سنتی", summary: "نانوایی", problem: "کیفیت", solution: "تنور", market: "محله", sectorCode: "C", countyCode: "tabriz",
    stage: "idea", knowledgeBased: false, expectedJobs: 3, fundingRials: 1000, team: "علی", originKind: "own", idempotencyKey: crypto.randomUUID(),
  }, { submit: true });
  await transitionIdea(p.staff, id, "screen", { version: await version(id) });
  return { id, ...p };
}

describe("idea page: assigning reviewers", () => {
  it("with every mentor assigned, the block says so and offers no empty form", async () => {
    await createUser({ role: "mentor" });
    const s = await screenedIdea();
    const cookie = await sessionCookieFor(s.staffId);
    const before = await send(server, `/ideas/${s.id}`, { cookie });
    expect(before.status).toBe(200);
    expect(before.body).toContain('name="reviewerIds"');
    const all = (await getIdea(s.staff, s.id)).mentors.map((m) => m.id);
    for (let i = 0; i < all.length; i += 10) await assignReviewers(s.staff, s.id, all.slice(i, i + 10));
    const after = await send(server, `/ideas/${s.id}`, { cookie });
    expect(after.status).toBe(200);
    expect(after.body).not.toContain('name="reviewerIds"');
    expect(after.body).not.toContain(`value="assign"`);
    expect(after.body).toContain(translate("fa", "ideas.allMentorsAssigned"));
  });
});

describe("the standing call speaks Persian only (item 4)", () => {
  it("its seeded description has no English sentence", async () => {
    const call = await (await getDb()).selectFrom("calls").select("description").where("seed_key", "=", "standing").executeTakeFirstOrThrow();
    expect(call.description).not.toMatch(/[A-Za-z]/);
  });
});

// Sector advantages (issue 14 item 5): an agency's officer records an advantage, moves it identified →
// studied → offered (through an open call, checked through the ideas module's programme registration)
// → activated | dropped; bad input gives field errors and writes nothing; another agency's officer
// gets 404; stale and concurrent moves 409; jobs are never stored on the advantage: the working
// group's view shows the ledger's verified jobs of the call's ideas against the agency's target share.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import "~/modules/ideas/attachments.server";
import { advantageSchema } from "~/modules/agenda/schema";
import { advantagePage, createAdvantage, listAdvantages, moveAdvantage, publicOpportunities, sharesCsv, targetShares, updateAdvantage } from "~/modules/agenda/advantages.server";
import { reportEmployment } from "~/modules/employment/service.server";
import { decideReports } from "~/modules/employment/reports.server";
import { setAllocation } from "~/modules/employment/dashboard.server";
import { actorFor, createUser, fails } from "../factories";

let agri: UserActor, agri2: UserActor, bank: UserActor, staff: UserActor, entrepreneur: UserActor;
let callId: number;
const YEAR = 1403;

const form = (over: Record<string, string | string[]> = {}) => {
  const f = new FormData();
  const base: Record<string, string | string[]> = {
    agency: "agriculture", sector: "A", isic: "۰۱۱۳", activity: "کشت گلخانه‌ای به جای کشت باز", counties: ["tabriz", "marand"], area: "rural",
    description: "گلخانه در سه روستا با بیکاری بالا", potentialJobs: "۴۰", investment: "۲۵۰۰۰", programme: "call", howToJoin: "از راه فراخوان ایده", published: "on", ...over,
  };
  for (const [k, v] of Object.entries(base)) for (const one of ([] as string[]).concat(v)) f.append(k, one);
  return f;
};
const input = (over: Record<string, string | string[]> = {}) => {
  const p = parseForm(advantageSchema, form(over));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z"); // 1403/06/11
  agri = await actorFor((await createUser({ role: "agency_officer", unit: "agency-agriculture" })).id);
  agri2 = await actorFor((await createUser({ role: "agency_officer", unit: "agency-agriculture" })).id);
  bank = await actorFor((await createUser({ role: "agency_officer", unit: "agency-banks" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
  const db = await getDb();
  callId = (await db.insertInto("calls").values({ title: "فراخوان گلخانه‌های روستایی", standing: true, status: "open" }).returning("id").executeTakeFirstOrThrow()).id;
});

describe("recording an advantage", () => {
  it("records it for the officer's agency with Persian digits, the investment in rials and a 'record' event", async () => {
    const { id } = await createAdvantage(agri, input());
    const db = await getDb();
    const a = await db.selectFrom("advantages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ agency_code: "agriculture", isic_code: "0113", status: "identified", county_codes: ["tabriz", "marand"], published: true, created_by: agri.user.id });
    expect(Number(a.potential_jobs)).toBe(40);
    expect(Number(a.investment_rials)).toBe(25_000_000_000);
    const ev = await db.selectFrom("advantage_events").select("action").where("advantage_id", "=", id).execute();
    expect(ev.map((e) => e.action)).toEqual(["record"]);
  });

  it("refuses bad input on its field and writes nothing", async () => {
    const db = await getDb();
    const before = (await db.selectFrom("advantages").select(db.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n;
    expect(parseForm(advantageSchema, form({ potentialJobs: "-5" }))).toMatchObject({ ok: false, errors: { potentialJobs: "error.numberTooSmall" } });
    expect(parseForm(advantageSchema, form({ potentialJobs: "999999" }))).toMatchObject({ ok: false, errors: { potentialJobs: "error.numberTooLarge" } });
    expect(parseForm(advantageSchema, form({ counties: [] }))).toMatchObject({ ok: false, errors: { counties: "error.required" } });
    expect((await fails(createAdvantage(agri, input({ isic: "12" })))).fields).toEqual({ isic: "agenda.error.isic" });
    expect((await fails(createAdvantage(agri, input({ agency: "banks" })))).fields).toEqual({ agency: "error.invalidChoice" });
    expect((await fails(createAdvantage(agri, input({ sector: "ZZ", counties: ["atlantis"] })))).fields).toEqual({ sector: "error.invalidChoice", counties: "error.invalidChoice" });
    expect((await db.selectFrom("advantages").select(db.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it("only agency officers record advantages (staff read them, others are refused)", async () => {
    expect((await fails(createAdvantage(staff, input()))).status).toBe(403);
    expect((await fails(createAdvantage(entrepreneur, input()))).status).toBe(403);
  });
});

describe("agency isolation", () => {
  it("another agency's officer sees nothing of it; staff see every one", async () => {
    const { id } = await createAdvantage(agri, input({ published: "" as never, activity: "پرورش قارچ" }));
    expect((await fails(advantagePage(bank, id, "fa"))).status).toBe(404);
    expect((await fails(moveAdvantage(bank, id, { action: "study", version: 1 }))).status).toBe(404);
    expect((await listAdvantages(bank, {}, null, "fa")).rows.map((r) => r.id)).not.toContain(id);
    expect((await listAdvantages(agri, {}, null, "fa")).rows.map((r) => r.id)).toContain(id);
    expect((await listAdvantages(staff, { agency: "agriculture" }, null, "fa")).rows.map((r) => r.id)).toContain(id);
    const page = await advantagePage(staff, id, "fa");
    expect(page.actions).toEqual([]); // staff read, officers move
    expect((await fails(moveAdvantage(staff, id, { action: "study", version: 1 }))).status).toBe(403);
    expect((await fails(advantagePage(entrepreneur, id, "fa"))).status).toBe(403);
    // Unpublished: not on the public list.
    expect((await publicOpportunities("fa")).rows.map((r) => r.id)).not.toContain(id);
  });
});

describe("the workflow", () => {
  it("study → offer through an open call (the programme is required and must be one the ideas module offers) → activate", async () => {
    const { id } = await createAdvantage(agri, input());
    await moveAdvantage(agri, id, { action: "study", version: 1 });
    expect((await fails(moveAdvantage(agri, id, { action: "offer", version: 2 }))).fields).toEqual({ programmeId: "error.required" });
    expect((await fails(moveAdvantage(agri, id, { action: "offer", version: 2, programmeId: 999_999 }))).fields).toEqual({ programmeId: "error.invalidChoice" });
    const page = await advantagePage(agri, id, "fa");
    expect(page.actions).toEqual(["offer", "drop"]);
    expect(page.programmeOptions.map((o) => o.value)).toContain(String(callId));
    await moveAdvantage(agri, id, { action: "offer", version: 2, programmeId: callId });
    const offered = await advantagePage(agri, id, "fa");
    expect(offered.advantage.status).toBe("offered");
    expect(offered.programme).toMatchObject({ title: "فراخوان گلخانه‌های روستایی", link: `/calls/${callId}` });
    expect(offered.jobs).toEqual({ created: 0, retained: 0, enterprises: 0 });
    await moveAdvantage(agri2, id, { action: "activate", version: 3 });
    const db = await getDb();
    const ev = await db.selectFrom("advantage_events").select(["action", "to_status"]).where("advantage_id", "=", id).orderBy("id").execute();
    expect(ev.map((e) => e.action)).toEqual(["record", "study", "offer", "activate"]);
    const told = await db.selectFrom("notifications").select("user_id").where("link", "=", `/agenda/advantages/${id}`).where("message_key", "=", "agenda.notify.advantage.activate").execute();
    expect(told.map((n) => n.user_id)).toContain(agri.user.id);
    expect((await fails(moveAdvantage(agri, id, { action: "drop", version: 4, reason: "دیر شد" }))).status).toBe(409);
  });

  it("dropping needs a reason; a stale form and a concurrent move get 409", async () => {
    const { id } = await createAdvantage(agri, input());
    expect((await fails(moveAdvantage(agri, id, { action: "drop", version: 1, reason: " " }))).fields).toEqual({ reason: "error.required" });
    const both = await Promise.allSettled([moveAdvantage(agri, id, { action: "study", version: 1 }), moveAdvantage(agri2, id, { action: "study", version: 1 })]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await fails(moveAdvantage(agri, id, { action: "drop", version: 1, reason: "بازار ندارد" }))).status).toBe(409);
    await moveAdvantage(agri, id, { action: "drop", version: 2, reason: "بازار ندارد" });
    expect((await advantagePage(agri, id, "fa")).advantage).toMatchObject({ status: "dropped", drop_reason: "بازار ندارد" });
    expect((await fails(updateAdvantage(agri, id, 3, input()))).status).toBe(409);
  });

  it("edits keep the version (a stale edit is a 409) and fix the programme kind once offered", async () => {
    const { id } = await createAdvantage(agri, input());
    await updateAdvantage(agri, id, 1, input({ potentialJobs: "55" }));
    expect((await fails(updateAdvantage(agri, id, 1, input({ potentialJobs: "60" })))).status).toBe(409);
    await moveAdvantage(agri, id, { action: "study", version: 2 });
    await moveAdvantage(agri, id, { action: "offer", version: 3, programmeId: callId });
    expect((await fails(updateAdvantage(agri, id, 4, input({ programme: "course" })))).fields).toEqual({ programme: "agenda.advantage.programmeFixed" });
    expect(Number((await advantagePage(agri, id, "fa")).advantage.potential_jobs)).toBe(55);
  });
});

describe("the working group's view: target shares", () => {
  it("shows the agency's share of the target, potential jobs by status and the verified jobs of the call's ideas (never the advantage's own)", async () => {
    const db = await getDb();
    const owner = await createUser({ role: "entrepreneur" });
    const idea = await db.insertInto("ideas").values({ call_id: callId, owner_id: owner.id, title: "گلخانه هیدروپونیک", status: "submitted" } as never).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("job_targets").values({ jalali_year: YEAR, starts_on: "2024-03-20", ends_on: "2025-03-20", current_target: 50_000 }).onConflict((oc) => oc.column("jalali_year").doNothing()).execute();
    const director = await actorFor((await createUser({ role: "staff" })).id);
    await setAllocation(director, YEAR, { dimension: "agency", code: "agriculture", amount: 6000 });
    const before = (await targetShares(staff, YEAR, "fa")).rows.find((r) => r.code === "agriculture")!;
    expect(before.share).toBe(6000);
    const { reportId } = await reportEmployment(director, {
      source: { module: "ideas", id: idea.id }, programme: "ideas",
      enterprise: { registrationNo: "880011", name: "گلخانه نمونه", kind: "company", county: "marand", sector: "A", agency: "agriculture" },
      asOf: "2024-08-01", fteBaseline: 0, fteNow: 7, created: { fullTime: 7, partTime: 0, tempMonths: 0 },
    } as never);
    await decideReports(director, [reportId], "verified", "بازدید شد");
    const after = (await targetShares(staff, YEAR, "fa")).rows.find((r) => r.code === "agriculture")!;
    // The activated advantages' call now has 7 verified jobs in the ledger; potential jobs never move the verified figure.
    expect(after.verified - before.verified).toBe(7);
    expect(after.potential.activated).toBeGreaterThanOrEqual(40);
    expect(after.share_met).toBeCloseTo(after.verified / 6000, 6);
    const csv = await sharesCsv(staff, YEAR, "fa");
    expect(csv.rows.find((r) => r[0] === "agriculture")?.[2]).toBe(6000);
    expect((await fails(targetShares(bank, YEAR, "fa"))).status).toBe(403);

    // Issue 14 item 4: the call's jobs count only while the enterprise's counted report (the latest
    // verified one of the year) came from the call's own records. A later report of the same firm from
    // another source (a case), even under the same programme, takes the count away from the call.
    const { reportId: later } = await reportEmployment(director, {
      source: { module: "cases", id: 990_001 }, programme: "ideas",
      enterprise: { registrationNo: "880011", name: "گلخانه نمونه", kind: "company", county: "marand", sector: "A", agency: "agriculture" },
      asOf: "2024-08-20", fteBaseline: 0, fteNow: 9, created: { fullTime: 9, partTime: 0, tempMonths: 0 },
    } as never);
    await decideReports(director, [later], "verified", "بازدید شد");
    const elsewhere = (await targetShares(staff, YEAR, "fa")).rows.find((r) => r.code === "agriculture")!;
    expect(elsewhere.verified).toBe(before.verified);
  });

  it("the public list shows published advantages without names or money", async () => {
    const rows = (await publicOpportunities("fa")).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status !== "dropped")).toBe(true);
    expect(Object.keys(rows[0])).not.toContain("investment_rials");
    expect(Object.keys(rows[0])).not.toContain("created_by");
  });
});

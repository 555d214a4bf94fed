import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { addDays, setClock, todayTehran } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { fileFromBytes } from "~/modules/files/service.server";
import {
  challengeList, challengeMatches, challengePage, createChallenge, fittingChallenges, inviteCompany, transitionChallenge, updateChallenge,
} from "~/modules/partnerships/challenges.server";
import { companyDirectory, companyPage, saveCompany, verifyCertificate } from "~/modules/partnerships/profiles.server";
import {
  compareProposals, decideProposal, postMessage, proposalPage, submitProposal, withdrawProposal,
} from "~/modules/partnerships/proposals.server";
import {
  addMilestone, addResult, partnershipList, partnershipPage, recordMeasure, setPublishConsent, stepMilestone, transitionPartnership,
} from "~/modules/partnerships/partnerships.server";
import { showcase, staffOverview } from "~/modules/partnerships/overview.server";
import { saveWeights, weightsForEdit } from "~/modules/partnerships/service.server";
import { completeSchema, signSchema } from "~/modules/partnerships/schema";
import { DEFAULT_WEIGHTS } from "~/modules/partnerships/match";
import { programmeResolver, subjectResolver } from "~/modules/subjects/registry.server";
import { parseForm } from "~/lib/forms";
import { actorFor, createUser, fails } from "../factories";
import { samplePdf } from "../factories/files";
import {
  challengeInput, companyInput, form, jalaliInDays, makeCompany, makeIndustry, openChallenge, proposalInput, regNo,
} from "../factories/partnerships";

let staff: UserActor;
let outsider: UserActor; // an entrepreneur
afterEach(() => setClock(null));

beforeAll(async () => {
  staff = await actorFor((await createUser({ role: "staff" })).id);
  outsider = await actorFor((await createUser({ role: "entrepreneur" })).id);
});

const signInput = () => {
  const p = parseForm(signSchema, form({ contractValue: "1400", startsOn: jalaliInDays(0), endsOn: jalaliInDays(150), scope: "بازرسی تصویری خط ریخته‌گری" }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
const completeInput = (v: Record<string, string>) => {
  const p = parseForm(completeSchema, form(v));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};

describe("profiles: one enterprise per registration number", () => {
  it("links a new company to the ledger enterprise with its registration number instead of copying it", async () => {
    const db = await getDb();
    const reg = regNo();
    const existing = await db.insertInto("enterprises").values({ name: "ثبت قبلی در دفتر", registration_no: reg, kind: "company", county_code: "tabriz", sector_code: "M", size_class: "small" })
      .returning("id").executeTakeFirstOrThrow();
    const id = await saveCompany(staff, null, companyInput({ registrationNo: reg }));
    const unit = await db.selectFrom("org_units").select(["enterprise_id", "kind"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(unit).toEqual({ enterprise_id: existing.id, kind: "company" });
    expect((await db.selectFrom("enterprises").select(sql<number>`count(*)::int`.as("n")).where("registration_no", "=", reg).executeTakeFirstOrThrow()).n).toBe(1);
    // An industry with the same registration number is the same enterprise too (one firm, two roles).
    const ind = await makeIndustry(staff, { registrationNo: reg });
    expect((await db.selectFrom("org_units").select("enterprise_id").where("id", "=", ind.id).executeTakeFirstOrThrow()).enterprise_id).toBe(existing.id);
    // A second company unit for that number is refused on its field, and nothing is written.
    const before = (await db.selectFrom("org_units").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
    expect(await fails(saveCompany(staff, null, companyInput({ registrationNo: reg })))).toMatchObject({ status: 400, fields: { registrationNo: "error.partnerships.registrationTaken" } });
    expect((await db.selectFrom("org_units").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it("lets a representative keep only their own company's profile; a renewed certificate needs verifying again", async () => {
    const a = await makeCompany(staff);
    const b = await makeCompany(staff);
    const page = await companyPage(a.rep, a.id);
    expect(page).toMatchObject({ certificate: "verified", canEdit: true, canVerify: false });
    expect(await fails(saveCompany(a.rep, b.id, companyInput()))).toMatchObject({ status: 403 });
    expect(await fails(companyPage(a.rep, b.id))).toMatchObject({ status: 403 });
    const c = page.company;
    await saveCompany(a.rep, a.id, companyInput({ registrationNo: c.registration_no!, certificateNo: c.certificate_no!, certificateExpiresOn: jalaliInDays(700), version: String(c.version) }));
    expect((await companyPage(a.rep, a.id)).certificate).toBe("unverified");
    // A stale form (the old version) answers 409.
    expect(await fails(saveCompany(a.rep, a.id, companyInput({ registrationNo: c.registration_no!, version: String(c.version) })))).toMatchObject({ status: 409 });
    expect(await fails(verifyCertificate(a.rep, a.id))).toMatchObject({ status: 403 });
    await verifyCertificate(staff, a.id);
    expect((await companyPage(staff, a.id)).certificate).toBe("verified");
    // An industry rep browses companies; an entrepreneur may not.
    const ind = await makeIndustry(staff);
    expect((await companyDirectory(ind.rep, {})).rows.length).toBeGreaterThan(1);
    expect(await fails(companyDirectory(outsider, {}))).toMatchObject({ status: 403 });
  });

  it("refuses to verify an expired certificate", async () => {
    const c = await makeCompany(staff, { certificateExpiresOn: jalaliInDays(10) }, { verified: false });
    setClock(`${addDays(todayTehran(), 11)}T08:00:00Z`);
    expect(await fails(verifyCertificate(staff, c.id))).toMatchObject({ status: 409, key: "error.partnerships.verifyExpired" });
    expect((await companyPage(staff, c.id)).certificate).toBe("expired");
  });
});

describe("challenges", () => {
  it("refuses a deadline in the past or beyond a year, and edits only drafts and open challenges", async () => {
    const ind = await makeIndustry(staff);
    expect(await fails(createChallenge(ind.rep, challengeInput({ deadline: jalaliInDays(-1) })))).toMatchObject({ status: 400, fields: { deadline: "error.partnerships.deadlinePast" } });
    expect(await fails(createChallenge(ind.rep, challengeInput({ deadline: jalaliInDays(400) })))).toMatchObject({ status: 400, fields: { deadline: "error.partnerships.deadlineTooFar" } });
    const id = await createChallenge(ind.rep, challengeInput());
    const other = await makeIndustry(staff);
    expect(await fails(updateChallenge(other.rep, id, challengeInput()))).toMatchObject({ status: 403 });
    expect(await fails(transitionChallenge(ind.rep, id, "start_review", {}))).toMatchObject({ status: 409 });
    expect(await fails(transitionChallenge(ind.rep, id, "withdraw", { note: " " }))).toMatchObject({ status: 400, fields: { note: "error.partnerships.noteRequired" } });
    await transitionChallenge(ind.rep, id, "withdraw", { note: "بودجه تأمین نشد" });
    expect(await fails(updateChallenge(ind.rep, id, challengeInput()))).toMatchObject({ status: 409 });
  });

  it("is seen by verified companies when open to them, by invited ones when invited only, never as a draft", async () => {
    const ind = await makeIndustry(staff);
    const verified = await makeCompany(staff);
    const unverified = await makeCompany(staff, {}, { verified: false });
    const invitedOnly = await createChallenge(ind.rep, challengeInput({ visibility: "invited", title: "چالش ویژه دعوت‌شدگان" }));
    const open = await openChallenge(ind.rep, { title: "چالش باز برای همه" });
    // Drafts are invisible even to invited companies.
    await inviteCompany(ind.rep, invitedOnly, unverified.id);
    expect(await fails(challengePage(unverified.rep, invitedOnly))).toMatchObject({ status: 403 });
    await transitionChallenge(ind.rep, invitedOnly, "publish", {});
    expect((await challengePage(unverified.rep, invitedOnly)).companies[0]).toMatchObject({ invited: true, blocked: null });
    expect(await fails(challengePage(verified.rep, invitedOnly))).toMatchObject({ status: 403 });
    expect(await fails(challengePage(unverified.rep, open))).toMatchObject({ status: 403 });
    expect((await challengePage(verified.rep, open)).companies[0].blocked).toBeNull();
    // "Challenges that fit you" shows the same.
    const fitV = (await fittingChallenges(verified.rep)).rows.map((r) => r.id);
    const fitU = (await fittingChallenges(unverified.rep)).rows.map((r) => r.id);
    expect(fitV).toContain(open);
    expect(fitV).not.toContain(invitedOnly);
    expect(fitU).toEqual([invitedOnly]);
    // The company's list names invitations and proposals only.
    expect((await challengeList(unverified.rep, {})).companyRows.map((r) => r.id)).toEqual([invitedOnly]);
    // The ranked pages are kept a minute, but an invitation (an audited change) shows on the next request.
    expect((await fittingChallenges(unverified.rep)).rows.map((r) => r.id)).not.toContain(open);
    await inviteCompany(ind.rep, open, unverified.id);
    expect((await fittingChallenges(unverified.rep)).rows.map((r) => r.id)).toContain(open);
  });
});

describe("proposals", () => {
  it("a company never sees another company's proposal; an industry never sees another industry's", async () => {
    const ind = await makeIndustry(staff);
    const otherInd = await makeIndustry(staff);
    const a = await makeCompany(staff);
    const b = await makeCompany(staff);
    const ch = await openChallenge(ind.rep);
    const pa = await submitProposal(a.rep, ch, proposalInput());
    const pb = await submitProposal(b.rep, ch, proposalInput({ price: "1200" }));
    expect((await proposalPage(a.rep, pa)).proposal.id).toBe(pa);
    expect(await fails(proposalPage(a.rep, pb))).toMatchObject({ status: 403 });
    expect(await fails(proposalPage(otherInd.rep, pa))).toMatchObject({ status: 403 });
    expect(await fails(compareProposals(otherInd.rep, ch))).toMatchObject({ status: 403 });
    expect(await fails(compareProposals(a.rep, ch))).toMatchObject({ status: 403 });
    expect(await fails(challengeMatches(a.rep, ch))).toMatchObject({ status: 403 });
    expect(await fails(postMessage(b.rep, pa, { body: "سلام" }))).toMatchObject({ status: 403 });
    expect(await fails(proposalPage(outsider, pa))).toMatchObject({ status: 403 });
    const denied = await (await getDb()).selectFrom("audit_log").select(sql<number>`count(*)::int`.as("n")).where("action", "=", "authz.denied").where("actor_id", "=", a.rep.user.id).executeTakeFirstOrThrow();
    expect(denied.n).toBeGreaterThanOrEqual(3);
    // The industry compares both with their match parts; staff read them.
    const cmp = await compareProposals(ind.rep, ch);
    expect(cmp.proposals.map((p) => p.id).sort()).toEqual([pa, pb].sort());
    expect(cmp.proposals[0].match?.explained.parts).toHaveLength(6);
    expect((await proposalPage(staff, pb)).proposal.id).toBe(pb);
    // Threads: the industry asks, the company answers under it.
    await postMessage(ind.rep, pa, { body: "نرخ تشخیص مدل چقدر است؟" });
    const q = (await proposalPage(a.rep, pa)).messages[0];
    await postMessage(a.rep, pa, { body: "بالای ۹۵٪ در داده آزمایشی", parentId: q.id });
    const msgs = (await proposalPage(ind.rep, pa)).messages;
    expect(msgs.map((m) => [m.side, m.parent_id])).toEqual([["industry", null], ["company", q.id]]);
    expect(await fails(postMessage(a.rep, pa, { body: "x", parentId: 999999 }))).toMatchObject({ status: 400 });
  });

  it("refuses, with the reason, a proposal after the deadline, on a closed challenge, with an expired certificate, or twice", async () => {
    const ind = await makeIndustry(staff);
    const a = await makeCompany(staff, { certificateExpiresOn: jalaliInDays(20) });
    const b = await makeCompany(staff);
    const ch = await openChallenge(ind.rep, { deadline: jalaliInDays(10) });
    const db = await getDb();
    const count = async () => (await db.selectFrom("partner_proposals").select(sql<number>`count(*)::int`.as("n")).where("challenge_id", "=", ch).executeTakeFirstOrThrow()).n;
    // after the deadline
    setClock(`${addDays(todayTehran(), 11)}T08:00:00Z`);
    expect(await fails(submitProposal(b.rep, ch, proposalInput()))).toMatchObject({ status: 409, key: "partnerships.block.deadlinePassed" });
    setClock(null);
    // twice (a double submit): one proposal
    await submitProposal(b.rep, ch, proposalInput());
    expect(await fails(submitProposal(b.rep, ch, proposalInput()))).toMatchObject({ status: 409, key: "partnerships.block.alreadyProposed" });
    // an expired certificate blocks until renewed
    setClock(`${addDays(todayTehran(), 21)}T08:00:00Z`);
    const ch2 = await openChallenge(ind.rep, { deadline: jalaliInDays(40) });
    expect(await fails(submitProposal(a.rep, ch2, proposalInput()))).toMatchObject({ status: 409, key: "partnerships.block.certificateExpired" });
    expect((await challengePage(staff, ch2)).challenge.id).toBe(ch2);
    const c = (await companyPage(a.rep, a.id)).company;
    await saveCompany(a.rep, a.id, companyInput({ registrationNo: c.registration_no!, certificateNo: c.certificate_no!, certificateExpiresOn: jalaliInDays(400), version: String(c.version) }));
    await verifyCertificate(staff, a.id);
    expect(await submitProposal(a.rep, ch2, proposalInput())).toBeGreaterThan(0);
    setClock(null);
    // a closed challenge
    await transitionChallenge(ind.rep, ch, "close", { note: "بودجه به پروژه دیگری رفت" });
    const c3 = await makeCompany(staff);
    expect(await fails(submitProposal(c3.rep, ch, proposalInput()))).toMatchObject({ status: 409, key: "partnerships.block.notOpen" });
    expect(await count()).toBe(1);
    // closing declined the live proposal and said why
    const declined = await db.selectFrom("partner_proposals").select(["status", "decision_note"]).where("challenge_id", "=", ch).executeTakeFirstOrThrow();
    expect(declined).toEqual({ status: "declined", decision_note: "بودجه به پروژه دیگری رفت" });
  });

  it("double award: one wins, the other gets 409, and only one partnership opens", async () => {
    const ind = await makeIndustry(staff);
    const second = await actorFor((await createUser({ role: "industry_rep", unit: ind.id })).id);
    const a = await makeCompany(staff);
    const b = await makeCompany(staff);
    const ch = await openChallenge(ind.rep);
    const pa = await submitProposal(a.rep, ch, proposalInput());
    const pb = await submitProposal(b.rep, ch, proposalInput());
    expect(await fails(decideProposal(ind.rep, pa, "award", {}))).toMatchObject({ status: 409, key: "partnerships.guard.challenge_reviewing" });
    await decideProposal(ind.rep, pa, "shortlist", {});
    await transitionChallenge(ind.rep, ch, "start_review", {});
    const results = await Promise.allSettled([decideProposal(ind.rep, pa, "award", { note: "قیمت بهتر" }), decideProposal(second, pb, "award", {})]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(await fails(Promise.reject(lost[0].reason))).toMatchObject({ status: 409, key: "error.partnerships.alreadyAwarded" });
    const db = await getDb();
    const ps = await db.selectFrom("partnerships").select(["proposal_id", "status"]).where("challenge_id", "=", ch).execute();
    expect(ps).toHaveLength(1);
    const statuses = await db.selectFrom("partner_proposals").select(["id", "status"]).where("challenge_id", "=", ch).orderBy("id").execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(["awarded", "declined"]);
    expect((await db.selectFrom("partner_challenges").select("status").where("id", "=", ch).executeTakeFirstOrThrow()).status).toBe("awarded");
    // A company withdrawing now is too late.
    const loser = statuses.find((s) => s.status === "declined")!.id;
    const loserRep = loser === pa ? a.rep : b.rep;
    expect(await fails(withdrawProposal(loserRep, loser, {}))).toMatchObject({ status: 409 });
  });
});

describe("partnerships: from award to measured result and jobs", () => {
  it("signs, runs, completes with a measured result; files one employment report per enterprise; rollups follow", async () => {
    const ind = await makeIndustry(staff);
    const co = await makeCompany(staff);
    const ch = await openChallenge(ind.rep);
    const p = await submitProposal(co.rep, ch, proposalInput());
    await transitionChallenge(ind.rep, ch, "start_review", {});
    const id = (await decideProposal(ind.rep, p, "award", {}))!;
    const other = await makeIndustry(staff);
    expect(await fails(partnershipPage(other.rep, id))).toMatchObject({ status: 403 });
    expect(await fails(transitionPartnership(co.rep, id, "sign", { sign: signInput(), document: fileFromBytes("قرارداد.pdf", samplePdf("contract")) }))).toMatchObject({ status: 409 });
    await transitionPartnership(co.rep, id, "negotiate", {});
    // Signing is the industry's, with the document; without it, a field error and nothing changes.
    expect(await fails(transitionPartnership(co.rep, id, "sign", { sign: signInput(), document: fileFromBytes("قرارداد.pdf", samplePdf("contract")) }))).toMatchObject({ status: 409 });
    expect(await fails(transitionPartnership(ind.rep, id, "sign", { sign: signInput(), document: null }))).toMatchObject({ status: 400, fields: { document: "error.partnerships.documentRequired" } });
    await transitionPartnership(ind.rep, id, "sign", { sign: signInput(), document: fileFromBytes("قرارداد.pdf", samplePdf("contract")) });
    const db = await getDb();
    const load = async () => (await db.selectFrom("partner_companies").select(["load_count", "results_count", "results_pm"]).where("org_unit_id", "=", co.id).executeTakeFirstOrThrow());
    expect((await load()).load_count).toBe(1);
    await transitionPartnership(co.rep, id, "start", {});
    await addMilestone(ind.rep, id, { title: "نصب دوربین‌ها", dueOn: addDays(todayTehran(), 30) });
    const m = (await partnershipPage(co.rep, id)).milestones[0];
    expect(m.actions).toEqual(["deliver"]);
    expect(await fails(stepMilestone(co.rep, id, m.id, "accept", {}))).toMatchObject({ status: 409 });
    await stepMilestone(co.rep, id, m.id, "deliver", {});
    expect(await fails(stepMilestone(ind.rep, id, m.id, "return", {}))).toMatchObject({ status: 400 });
    await stepMilestone(ind.rep, id, m.id, "accept", {});
    // Completing needs a measured result.
    expect(await fails(transitionPartnership(ind.rep, id, "complete", { complete: completeInput({}) }))).toMatchObject({ status: 409, key: "partnerships.guard.measured_result" });
    await addResult(ind.rep, id, { metric: "defect_rate", label: "نرخ ضایعات", unit: "٪", baseline: 6, target: 2 });
    expect(await fails(addResult(co.rep, id, { metric: "sales", baseline: 1, target: 2 }))).toMatchObject({ status: 409 });
    const r = (await partnershipPage(ind.rep, id)).results[0];
    await recordMeasure(ind.rep, id, { resultId: r.id, measured: 2.5 }, fileFromBytes("گزارش کیفیت.pdf", samplePdf("qc")));
    // Women above the jobs: a field error on that side, nothing filed.
    expect(await fails(transitionPartnership(ind.rep, id, "complete", { complete: { ...completeInput({ companyFullTime: "1" }), companyWomen: 3 } }))).toMatchObject({ status: 400, fields: { companyWomen: "employment.error.womenOverTotal" } });
    await transitionPartnership(ind.rep, id, "complete", { complete: completeInput({ companyFullTime: "2", companyPartTime: "1", companyWomen: "1", industryFullTime: "3", publishConsent: "on" }) });
    const page = await partnershipPage(staff, id);
    expect(page.partnership).toMatchObject({ status: "completed", publish_consent: true, company_report_status: "reported", industry_report_status: "reported", company_jobs: 2.5, industry_jobs: 3 });
    expect(page.results[0].achievement).toBeCloseTo(0.875);
    const reports = await db.selectFrom("employment_reports").select(["enterprise_id", "source_module", "source_id", "programme"]).where("source_module", "=", "partnerships").where("source_id", "=", String(id)).execute();
    const units = await db.selectFrom("org_units").select(["id", "enterprise_id"]).where("id", "in", [co.id, ind.id]).execute();
    expect(reports.map((x) => x.enterprise_id).sort()).toEqual(units.map((u) => u.enterprise_id).sort());
    expect(reports.every((x) => x.programme === "partnerships")).toBe(true);
    // Rollups: no load, one completed partnership in the industry's sector, one result at 875 per mille.
    expect(await load()).toEqual({ load_count: 0, results_count: 1, results_pm: 875 });
    expect(await db.selectFrom("partner_company_experience").select(["sector_code", "completed"]).where("company_id", "=", co.id).execute()).toEqual([{ sector_code: "C", completed: 1 }]);
    // Final: nothing moves any more.
    expect(await fails(transitionPartnership(ind.rep, id, "terminate", { note: "x" }))).toMatchObject({ status: 409 });
    // The showcase lists it (the industry agreed); withdrawing consent removes it.
    expect((await showcase()).rows.map((x) => x.id)).toContain(id);
    await setPublishConsent(ind.rep, id, false);
    expect((await showcase()).rows.map((x) => x.id)).not.toContain(id);
    expect(await fails(setPublishConsent(co.rep, id, true))).toMatchObject({ status: 409 });
    // Staff see it counted.
    const ov = await staffOverview(staff);
    expect(ov.partnerships.find((x) => x.status === "completed")!.n).toBeGreaterThanOrEqual(1);
    expect(await fails(staffOverview(co.rep))).toMatchObject({ status: 403 });
    // Lists narrow to the actor's units.
    expect((await partnershipList(co.rep, {})).rows.map((x) => x.id)).toEqual([id]);
    expect((await partnershipList(other.rep, {})).rows).toEqual([]);
  });

  it("registers the partnership subject and the challenge programme for the other modules", async () => {
    const ind = await makeIndustry(staff);
    const co = await makeCompany(staff);
    const ch = await openChallenge(ind.rep);
    const p = await submitProposal(co.rep, ch, proposalInput());
    await transitionChallenge(ind.rep, ch, "start_review", {});
    const id = (await decideProposal(ind.rep, p, "award", {}))!;
    const db = await getDb();
    const subject = subjectResolver("partnership")!;
    expect(await subject.canSee(db, co.rep, id)).toBe(true);
    expect(await subject.canSee(db, (await makeIndustry(staff)).rep, id)).toBe(false);
    expect(await subject.canSee(db, co.rep, 999999)).toBe(false);
    expect((await subject.describe(db, [id])).get(id)).toMatchObject({ link: `/partnerships/${id}`, countyCode: "tabriz" });
    expect((await subject.participants!(db, id)).sort()).toEqual([co.rep.user.id, ind.rep.user.id].sort());
    const programme = programmeResolver("challenge")!;
    expect(await programme.ledgerSources(db, ch)).toEqual([{ module: "partnerships", ids: [String(id)] }]);
    expect((await programme.options(db, staff, "fa")).map((o) => o.value)).toContain(String(ch));
  });
});

describe("match weights", () => {
  it("are staff's to tune, audited, refused when all zero or stale", async () => {
    const co = await makeCompany(staff);
    expect(await fails(weightsForEdit(co.rep))).toMatchObject({ status: 403 });
    const before = await weightsForEdit(staff);
    expect(await fails(saveWeights(staff, { domains: 0, sector: 0, county: 0, results: 0, load: 0, certificate: 0, version: before.version }))).toMatchObject({ status: 400, fields: { _form: "partnerships.weights.error.allZero" } });
    await saveWeights(staff, { ...DEFAULT_WEIGHTS, county: 40, version: before.version });
    expect(await fails(saveWeights(staff, { ...DEFAULT_WEIGHTS, version: before.version }))).toMatchObject({ status: 409 });
    const after = await weightsForEdit(staff);
    expect(after).toEqual({ weights: { ...DEFAULT_WEIGHTS, county: 40 }, version: before.version + 1 });
    const audit = await (await getDb()).selectFrom("audit_log").select(["details"]).where("action", "=", "match.weights").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ to: { county: 40 } });
    // The ranking uses them at once.
    const ind = await makeIndustry(staff);
    const ch = await openChallenge(ind.rep);
    const m = await challengeMatches(ind.rep, ch);
    expect(m.weights.county).toBe(40);
    await saveWeights(staff, { ...DEFAULT_WEIGHTS, version: after.version });
  });
});

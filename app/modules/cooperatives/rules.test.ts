import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, RULE_KEYS, applyMembershipChange, recordedRules, formationProblems, maskNationalId, rulesFrom, rulesProblems, sameMemberLine, shareAboveMax, type MemberLine } from "./rules";
import { parseMembers } from "./schema";

const ids = ["0013542419", "0010350829", "0499370899", "0084575948", "0067749828", "1753455488", "0075211712", "4608968882"];
const member = (i: number, over: Partial<MemberLine> = {}): MemberLine => ({ fullName: `عضو ${i}`, nationalId: ids[i], share: 10_000_000, role: i < 3 ? "board" : i === 3 ? "inspector" : "founder", ...over });
const seven = () => Array.from({ length: 7 }, (_, i) => member(i));

describe("formation rules", () => {
  it("accepts seven members whose shares add up to the capital", () => {
    expect(formationProblems({ typeCode: "producer", capital: 70_000_000 * 2, members: seven().map((m) => ({ ...m, share: 20_000_000 })) }, DEFAULT_RULES)).toEqual({});
  });
  it("refuses too few members", () => {
    const e = formationProblems({ typeCode: "producer", capital: 120_000_000, members: seven().slice(0, 6).map((m) => ({ ...m, share: 20_000_000 })) }, DEFAULT_RULES);
    expect(e.members).toBe("coop.error.tooFewMembers");
  });
  it("names the row of a duplicate national ID and of a share above the maximum", () => {
    const ms = seven().map((m) => ({ ...m, share: 20_000_000 }));
    ms[5] = { ...ms[5], nationalId: ms[1].nationalId };
    ms[6] = { ...ms[6], share: 61_000_000 };
    const e = formationProblems({ typeCode: "producer", capital: 181_000_000, members: ms, rows: [0, 1, 2, 3, 4, 6, 8] }, DEFAULT_RULES);
    expect(e["members.6.nationalId"]).toBe("coop.error.duplicateNationalId");
    expect(e["members.8.share"]).toBe("coop.error.shareAboveMax");
  });
  it("refuses shares that do not add up and capital under the minimum", () => {
    expect(formationProblems({ typeCode: "producer", capital: 150_000_000, members: seven().map((m) => ({ ...m, share: 20_000_000 })) }, DEFAULT_RULES).capital).toBe("coop.error.sharesDontAddUp");
    expect(formationProblems({ typeCode: "producer", capital: 70_000, members: seven().map((m) => ({ ...m, share: 10_000 })) }, DEFAULT_RULES).capital).toBe("coop.error.capitalBelowMin");
  });
  it("checks board and inspector candidates and the allowed types", () => {
    const ms: MemberLine[] = seven().map((m) => ({ ...m, share: 20_000_000, role: "founder" }));
    expect(formationProblems({ typeCode: "producer", capital: 140_000_000, members: ms }, DEFAULT_RULES).roles).toBe("coop.error.tooFewBoard");
    ms[0].role = ms[1].role = ms[2].role = "board";
    expect(formationProblems({ typeCode: "producer", capital: 140_000_000, members: ms }, DEFAULT_RULES).roles).toBe("coop.error.tooFewInspectors");
    expect(formationProblems({ typeCode: "transport", capital: 140_000_000, members: ms }, DEFAULT_RULES).typeCode).toBe("coop.error.typeNotAllowed");
  });
  it("compares shares with the maximum exactly (one third of 90 is allowed, a rial more is not)", () => {
    expect(shareAboveMax(30, 90, DEFAULT_RULES)).toBe(false);
    expect(shareAboveMax(31, 90, DEFAULT_RULES)).toBe(true);
  });
  it("reads rules from settings rows, falling back per rule on broken values", () => {
    const r = rulesFrom([{ key: RULE_KEYS.minMembers, value: 5 }, { key: RULE_KEYS.maxShare, value: { num: 3, den: 1 } }, { key: RULE_KEYS.allowedTypes, value: ["nope"] }]);
    expect(r.minMembers).toBe(5);
    expect(r.maxShare).toEqual(DEFAULT_RULES.maxShare);
    expect(r.allowedTypes).toEqual(DEFAULT_RULES.allowedTypes);
  });
  it("refuses incoherent rule edits", () => {
    expect(rulesProblems({ ...DEFAULT_RULES, maxShare: { num: 2, den: 1 } }).maxShareNum).toBe("coop.error.maxShareFraction");
    expect(rulesProblems({ ...DEFAULT_RULES, minMembers: 3 }).minBoard).toBe("coop.error.rolesAboveMembers");
    expect(rulesProblems(DEFAULT_RULES)).toEqual({});
  });
  it("masks national IDs to the last four digits", () => {
    expect(maskNationalId("0013542419")).toBe("••••••2419");
    expect(maskNationalId(null)).toBe("");
  });
  it("keeps a confirmation only for an unchanged line", () => {
    expect(sameMemberLine(member(1), { ...member(1), mobile: "09120000000" })).toBe(true);
    expect(sameMemberLine(member(1), { ...member(1), share: 1 })).toBe(false);
  });
});

describe("member rows", () => {
  it("skips blank rows and keys problems by the row the user sees", () => {
    const p = parseMembers({
      memberName: ["علی", "", "رضا"], memberNationalId: ["0013542419", "", "۱۲۳۴۵۶۷۸۹۰"], memberMobile: ["", "", "0912"], memberShare: ["۱۰٬۰۰۰", "", "x"], memberRole: ["board", "founder", "boss"],
    });
    expect(p.members).toHaveLength(2);
    expect(p.rows).toEqual([0, 2]);
    expect(p.members[0].share).toBe(10_000);
    expect(p.errors).toEqual({ "members.2.nationalId": "error.invalidNationalId", "members.2.mobile": "error.invalidMobile", "members.2.share": "error.invalidNumber", "members.2.role": "error.invalidChoice" });
  });
});

describe("membership changes after approval (decision 0038)", () => {
  // Seven members of 20M each: capital 140M, the largest share one third (46.67M).
  const live = () => seven().map((m, i) => ({ ...m, id: i + 1, share: 20_000_000 }));
  const newcomer = (share: number): MemberLine => ({ fullName: "تازه", nationalId: ids[7], share, role: "founder" });

  it("a member joins: the capital grows by the share", () => {
    const r = applyMembershipChange(live(), { kind: "join", member: newcomer(20_000_000) }, DEFAULT_RULES);
    expect(r.errors).toEqual({});
    expect(r.capital).toBe(160_000_000);
    expect(r.members).toHaveLength(8);
  });
  it("refuses a joining share above the maximum, and a national ID already a member", () => {
    expect(applyMembershipChange(live(), { kind: "join", member: newcomer(80_000_000) }, DEFAULT_RULES).errors).toEqual({ share: "coop.change.error.shareAboveMax" });
    expect(applyMembershipChange(live(), { kind: "join", member: { ...newcomer(1_000_000), nationalId: ids[2] } }, DEFAULT_RULES).errors.nationalId).toBe("coop.change.error.alreadyMember");
  });
  it("refuses a leaving below the smallest membership and board", () => {
    expect(applyMembershipChange(live(), { kind: "leave", memberId: 6 }, DEFAULT_RULES).errors).toEqual({ memberId: "coop.change.error.tooFewMembers" });
    const eight = [...live(), { ...newcomer(20_000_000), id: 8 }];
    expect(applyMembershipChange(eight, { kind: "leave", memberId: 1 }, DEFAULT_RULES).errors).toEqual({ memberId: "coop.change.error.tooFewBoard" });
    expect(applyMembershipChange(eight, { kind: "leave", memberId: 4 }, DEFAULT_RULES).errors).toEqual({ memberId: "coop.change.error.tooFewInspectors" });
    const ok = applyMembershipChange(eight, { kind: "leave", memberId: 6 }, DEFAULT_RULES);
    expect(ok).toMatchObject({ errors: {}, capital: 140_000_000, leaving: 6 });
  });
  it("refuses a leaving that lifts another member above the maximum share (the capital shrinks)", () => {
    const eight = [...live(), { ...newcomer(20_000_000), id: 8 }];
    eight[0].share = 50_000_000; // 50M of 190M; after 20M leaves, 50M of 170M is still fine
    expect(applyMembershipChange(eight, { kind: "leave", memberId: 6 }, DEFAULT_RULES).errors).toEqual({});
    eight[0].share = 62_000_000; // 62M of 202M is fine; after a 20M member leaves, 62M of 182M is above one third
    expect(applyMembershipChange(eight, { kind: "leave", memberId: 6 }, DEFAULT_RULES).errors).toEqual({ memberId: "coop.change.error.otherAboveMax" });
  });
  it("a share transfer keeps the capital; refused above the giver's share or the maximum", () => {
    const ok = applyMembershipChange(live(), { kind: "transfer", fromId: 5, toId: 6, amount: 10_000_000 }, DEFAULT_RULES);
    expect(ok).toMatchObject({ errors: {}, capital: 140_000_000, leaving: null });
    expect(ok.members.find((m) => m.id === 6)!.share).toBe(30_000_000);
    expect(applyMembershipChange(live(), { kind: "transfer", fromId: 5, toId: 6, amount: 30_000_000 }, DEFAULT_RULES).errors).toEqual({ amount: "coop.change.error.aboveShare" });
    expect(applyMembershipChange(live(), { kind: "transfer", fromId: 5, toId: 5, amount: 1 }, DEFAULT_RULES).errors.toMemberId).toBe("coop.change.error.sameMember");
    const rich = live().map((m) => (m.id === 6 ? { ...m, share: 40_000_000 } : m.id === 7 ? { ...m, share: 0 } : m));
    expect(applyMembershipChange(rich, { kind: "transfer", fromId: 5, toId: 6, amount: 10_000_000 }, DEFAULT_RULES).errors).toEqual({ amount: "coop.change.error.shareAboveMax" });
  });
  it("a transfer of the whole share means the giver leaves (and the smallest membership is checked)", () => {
    const eight = [...live(), { ...newcomer(20_000_000), id: 8 }];
    const r = applyMembershipChange(eight, { kind: "transfer", fromId: 8, toId: 7, amount: 20_000_000 }, DEFAULT_RULES);
    expect(r).toMatchObject({ errors: {}, leaving: 8 });
    expect(r.members).toHaveLength(7);
    expect(applyMembershipChange(live(), { kind: "transfer", fromId: 7, toId: 6, amount: 20_000_000 }, DEFAULT_RULES).errors).toEqual({ fromMemberId: "coop.change.error.tooFewMembers" });
  });
  it("checks against the recorded rules, not the defaults", () => {
    const loose = recordedRules({ ...DEFAULT_RULES, minMembers: 5 });
    expect(applyMembershipChange(live(), { kind: "leave", memberId: 6 }, loose).errors).toEqual({});
    expect(recordedRules(null)).toEqual(DEFAULT_RULES);
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, RULE_KEYS, formationProblems, maskNationalId, rulesFrom, rulesProblems, sameMemberLine, shareAboveMax, type MemberLine } from "./rules";
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

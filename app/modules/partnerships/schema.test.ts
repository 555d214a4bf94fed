import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { challengeSchema, completeSchema, companySchema, proposalSchema, resultSchema, signSchema, weightsSchema } from "./schema";

// The forms' field errors as the user gets them (through parseForm, as formAction does).
function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
}
const errors = (schema: Parameters<typeof parseForm>[0], values: Record<string, string | string[]>) => {
  const p = parseForm(schema, form(values));
  return p.ok ? {} : p.errors;
};

const challenge = {
  category: "quality", title: "کاهش ضایعات", description: "شرح", expectedResult: "از ۶٪ به ۲٪", budgetMin: "۵۰۰", budgetMax: "2,000", deadline: "1499/01/15",
  visibility: "verified", domains: ["quality-testing"],
};

describe("challenge form", () => {
  it("accepts Persian digits and thousands separators; stores million rials as typed numbers", () => {
    const p = parseForm(challengeSchema, form(challenge));
    expect(p.ok && [p.data.budgetMin, p.data.budgetMax, p.data.domains]).toEqual([500, 2000, ["quality-testing"]]);
  });
  it("refuses a reversed budget range, an absurd one, and a missing domain on their fields", () => {
    expect(errors(challengeSchema, { ...challenge, budgetMin: "2000", budgetMax: "500" })).toEqual({ budgetMax: "error.partnerships.budgetReversed" });
    expect(errors(challengeSchema, { ...challenge, budgetMin: "1", budgetMax: "5000" })).toEqual({ budgetMax: "error.partnerships.budgetTooWide" });
    expect(errors(challengeSchema, { ...challenge, budgetMin: "0" })).toMatchObject({ budgetMin: "error.numberTooSmall" });
    expect(errors(challengeSchema, { ...challenge, budgetMax: "99999999999" })).toMatchObject({ budgetMax: "error.numberTooLarge" });
    expect(errors(challengeSchema, { ...challenge, budgetMax: "دو میلیارد" })).toMatchObject({ budgetMax: "error.invalidNumber" });
    expect(errors(challengeSchema, { ...challenge, domains: [] })).toEqual({ domains: "error.partnerships.domainsRequired" });
    expect(errors(challengeSchema, { ...challenge, deadline: "1403/13/01" })).toEqual({ deadline: "error.invalidDate" });
    expect(errors(challengeSchema, { ...challenge, visibility: "everyone" })).toEqual({ visibility: "error.invalidChoice" });
  });
});

describe("proposal form", () => {
  const base = { approach: "رویکرد", workPlan: "برنامه", price: "1500", durationWeeks: "۲۰", team: "تیم" };
  it("reads milestone rows, skipping empty ones", () => {
    const p = parseForm(proposalSchema, form({ ...base, milestoneTitle: ["نصب", "", "تحویل"], milestoneWeek: ["۴", "", "20"] }));
    expect(p.ok && p.data.milestones).toEqual([{ title: "نصب", week: 4 }, { title: "تحویل", week: 20 }]);
  });
  it("needs a milestone, a title and a week within the duration for each row", () => {
    expect(errors(proposalSchema, { ...base, milestoneTitle: ["", ""], milestoneWeek: ["", ""] })).toEqual({ milestoneTitle: "error.partnerships.milestonesRequired" });
    expect(errors(proposalSchema, { ...base, milestoneTitle: ["", "x"], milestoneWeek: ["3", "4"] })).toEqual({ milestoneTitle: "error.partnerships.milestoneTitle" });
    expect(errors(proposalSchema, { ...base, milestoneTitle: "نصب", milestoneWeek: "هفته" })).toEqual({ milestoneWeek: "error.partnerships.milestoneWeek" });
    expect(errors(proposalSchema, { ...base, milestoneTitle: "نصب", milestoneWeek: "21" })).toEqual({ milestoneWeek: "error.partnerships.milestoneAfterEnd" });
  });
});

describe("partnership forms", () => {
  it("refuses a measured result without a baseline, or a target equal to it", () => {
    expect(errors(resultSchema, { metric: "defect_rate", target: "2" })).toEqual({ baseline: "error.required" });
    expect(errors(resultSchema, { metric: "defect_rate", baseline: "۶٫۵", target: "6.5" })).toEqual({ target: "error.partnerships.targetEqualsBaseline" });
    const p = parseForm(resultSchema, form({ metric: "energy_use", baseline: "1,200", target: "۱۰۰۰/۵" }));
    expect(p.ok && [p.data.baseline, p.data.target]).toEqual([1200, 1000.5]);
    expect(errors(resultSchema, { metric: "sales", baseline: "1.234", target: "2" })).toEqual({ baseline: "error.invalidNumber" });
  });
  it("refuses a contract that ends before it starts", () => {
    expect(errors(signSchema, { contractValue: "900", startsOn: "1404/05/01", endsOn: "1404/04/01", scope: "x" })).toEqual({ endsOn: "error.partnerships.endBeforeStart" });
  });
  it("refuses more women than jobs created on either side (part-time counts half)", () => {
    expect(errors(completeSchema, { companyFullTime: "1", companyPartTime: "2", companyWomen: "2" })).toEqual({});
    expect(errors(completeSchema, { companyFullTime: "1", companyPartTime: "1", companyWomen: "2" })).toEqual({ companyWomen: "error.partnerships.womenOverJobs" });
    expect(errors(completeSchema, { industryWomen: "1" })).toEqual({ industryWomen: "error.partnerships.womenOverJobs" });
  });
  it("weights are whole numbers from 0 to 100", () => {
    expect(errors(weightsSchema, { domains: "35", sector: "20", county: "10", results: "15", load: "10", certificate: "101", version: "0" })).toEqual({ certificate: "error.numberTooLarge" });
  });
  it("a company needs at least one technology domain and served sector", () => {
    const company = { name: "شرکت", registrationNo: "۱۰۳۲۰۸۴۱۰۰۱", certificateNo: "1401-12", certificateType: "type1", certificateExpiresOn: "1404/01/01", county: "tabriz", sector: "M", employees: "5" };
    expect(errors(companySchema, company)).toEqual({ sectorsServed: "error.partnerships.sectorsRequired", domains: "error.partnerships.domainsRequired" });
    expect(errors(companySchema, { ...company, registrationNo: "12 34", sectorsServed: "C", domains: "ai-software" })).toEqual({});
    expect(errors(companySchema, { ...company, certificateNo: "؟؟", sectorsServed: "C", domains: "ai-software" })).toEqual({ certificateNo: "error.partnerships.certificateNo" });
  });
});

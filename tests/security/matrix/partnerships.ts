// Route x role matrix rows for knowledge-based companies and industries (issue 13). Setup: the
// matrix company_rep's and industry_rep's own units get profiles; "other" units belong to nobody in
// the matrix. `challenge` is the matrix industry's open challenge (open to verified companies, the
// matrix company proposed to it), `challenge2` another open one it has not answered, `hidden` an
// invited-only challenge of the other industry; `proposal` is the matrix company's, `otherProposal`
// another company's on the same challenge; `partnership` joins the matrix company and industry,
// `otherPartnership` two other units. POST bodies are invalid on purpose: a permitted asker gets 400
// (nothing written), everyone else 403 before the form is read.
import { ROLES } from "~/modules/accounts/roles";
import { saveCompany, saveIndustry, verifyCertificate } from "~/modules/partnerships/profiles.server";
import { createChallenge, transitionChallenge } from "~/modules/partnerships/challenges.server";
import { decideProposal, submitProposal } from "~/modules/partnerships/proposals.server";
import { actorFor } from "../../factories";
import { challengeInput, companyInput, industryInput, makeCompany, makeIndustry, openChallenge, proposalInput } from "../../factories/partnerships";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Only the listed roles get their status; other signed-in users 403; anonymous is sent to /login. */
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });
type Fx = Record<string, string | number>;

export async function setup(users: MatrixUsers) {
  const staff = await actorFor(users.staff.id);
  const companyRep = await actorFor(users.company_rep.id);
  const industryRep = await actorFor(users.industry_rep.id);
  const company = users.company_rep.orgUnitId!;
  const industry = users.industry_rep.orgUnitId!;
  await saveCompany(staff, company, companyInput());
  await verifyCertificate(staff, company);
  await saveIndustry(staff, industry, industryInput());
  const other = await makeCompany(staff);
  const otherInd = await makeIndustry(staff);

  const challenge = await openChallenge(industryRep);
  const challenge2 = await openChallenge(industryRep, { title: "چالش دوم ماتریس" });
  const hidden = await createChallenge(otherInd.rep, challengeInput({ visibility: "invited", title: "چالش پنهان" }));
  await transitionChallenge(otherInd.rep, hidden, "publish", {});
  const proposal = await submitProposal(companyRep, challenge, proposalInput());
  const otherProposal = await submitProposal(other.rep, challenge, proposalInput());

  const awarded = await openChallenge(industryRep, { title: "چالش واگذارشده ماتریس" });
  const winning = await submitProposal(companyRep, awarded, proposalInput());
  await transitionChallenge(industryRep, awarded, "start_review", {});
  const partnership = (await decideProposal(industryRep, winning, "award", {}))!;

  const otherAwarded = await openChallenge(otherInd.rep, { title: "چالش دیگر واگذارشده" });
  const otherWinning = await submitProposal(other.rep, otherAwarded, proposalInput());
  await transitionChallenge(otherInd.rep, otherAwarded, "start_review", {});
  const otherPartnership = (await decideProposal(otherInd.rep, otherWinning, "award", {}))!;

  return { company, otherCompany: other.id, industry, otherIndustry: otherInd.id, challenge, challenge2, hidden, proposal, otherProposal, partnership, otherPartnership };
}

const p = (f: (fx: Fx) => string) => f;
const NONE = 999999999;

export const rows: MatrixRow[] = [
  { route: "routes/partnerships.showcase", path: "/partnerships/showcase", expect: all(200), note: "public" },
  { route: "routes/partnerships.mine", path: "/partnerships/mine", expect: { ...all(200), anonymous: 302, company_rep: 302, industry_rep: 302 }, note: "reps go to their profile" },
  { route: "routes/partnerships.fit", path: "/partnerships/fit", expect: only({ company_rep: 200 }) },
  { route: "routes/partnerships.overview", path: "/partnerships/overview", expect: only({ staff: 200 }) },
  { route: "routes/partnerships.weights", path: "/partnerships/weights", expect: only({ staff: 200 }) },
  { route: "routes/partnerships.weights", method: "POST", path: "/partnerships/weights", body: { domains: "-1" }, expect: only({ staff: 400 }) },

  { route: "routes/partnerships.companies._index", path: "/partnerships/companies", expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.companies.new", path: "/partnerships/companies/new", expect: only({ staff: 200 }) },
  { route: "routes/partnerships.companies.new", method: "POST", path: "/partnerships/companies/new", body: { name: "" }, expect: only({ staff: 400 }) },
  { route: "routes/partnerships.companies.$id._index", path: p((fx) => `/partnerships/companies/${fx.company}`), expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.companies.$id._index", path: p((fx) => `/partnerships/companies/${fx.otherCompany}`), expect: only({ industry_rep: 200, staff: 200 }), note: "another company's profile: 403 + audit for a company rep" },
  { route: "routes/partnerships.companies.$id._index", path: `/partnerships/companies/${NONE}`, expect: only({ company_rep: 404, industry_rep: 404, staff: 404 }) },
  { route: "routes/partnerships.companies.$id._index", method: "POST", path: p((fx) => `/partnerships/companies/${fx.company}`), body: { version: "x" }, expect: only({ staff: 400 }), note: "verify: staff only" },
  { route: "routes/partnerships.companies.$id.edit", path: p((fx) => `/partnerships/companies/${fx.company}/edit`), expect: only({ company_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.companies.$id.edit", path: p((fx) => `/partnerships/companies/${fx.otherCompany}/edit`), expect: only({ staff: 200 }) },
  { route: "routes/partnerships.companies.$id.edit", method: "POST", path: p((fx) => `/partnerships/companies/${fx.company}/edit`), body: { name: "" }, expect: only({ company_rep: 400, staff: 400 }) },
  { route: "routes/partnerships.companies.$id.edit", method: "POST", path: p((fx) => `/partnerships/companies/${fx.otherCompany}/edit`), body: { name: "" }, expect: only({ staff: 400 }) },

  { route: "routes/partnerships.industries._index", path: "/partnerships/industries", expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.industries.new", path: "/partnerships/industries/new", expect: only({ staff: 200 }) },
  { route: "routes/partnerships.industries.new", method: "POST", path: "/partnerships/industries/new", body: { name: "" }, expect: only({ staff: 400 }) },
  { route: "routes/partnerships.industries.$id._index", path: p((fx) => `/partnerships/industries/${fx.industry}`), expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.industries.$id._index", path: p((fx) => `/partnerships/industries/${fx.otherIndustry}`), expect: only({ company_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.industries.$id.edit", path: p((fx) => `/partnerships/industries/${fx.industry}/edit`), expect: only({ industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.industries.$id.edit", method: "POST", path: p((fx) => `/partnerships/industries/${fx.industry}/edit`), body: { name: "" }, expect: only({ industry_rep: 400, staff: 400 }) },
  { route: "routes/partnerships.industries.$id.edit", method: "POST", path: p((fx) => `/partnerships/industries/${fx.otherIndustry}/edit`), body: { name: "" }, expect: only({ staff: 400 }) },

  { route: "routes/partnerships.challenges._index", path: "/partnerships/challenges", expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.challenges._index", path: "/partnerships/challenges?status=open&category=quality", expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.challenges[.]csv", path: "/partnerships/challenges.csv", expect: only({ staff: 200 }) },
  { route: "routes/partnerships.challenges.new", path: "/partnerships/challenges/new", expect: only({ industry_rep: 200 }) },
  { route: "routes/partnerships.challenges.new", method: "POST", path: "/partnerships/challenges/new", body: { title: "" }, expect: only({ industry_rep: 400 }) },
  { route: "routes/partnerships.challenges.$id._index", path: p((fx) => `/partnerships/challenges/${fx.challenge}`), expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.challenges.$id._index", path: p((fx) => `/partnerships/challenges/${fx.hidden}`), expect: only({ staff: 200 }), note: "another industry's invited-only challenge" },
  { route: "routes/partnerships.challenges.$id._index", path: `/partnerships/challenges/${NONE}`, expect: only({ company_rep: 404, industry_rep: 404, staff: 404 }) },
  { route: "routes/partnerships.challenges.$id._index", method: "POST", path: p((fx) => `/partnerships/challenges/${fx.challenge}`), body: { step: "" }, expect: only({ industry_rep: 400 }) },
  { route: "routes/partnerships.challenges.$id._index", method: "POST", path: p((fx) => `/partnerships/challenges/${fx.hidden}`), body: { step: "" }, expect: only({}) },
  { route: "routes/partnerships.challenges.$id.edit", path: p((fx) => `/partnerships/challenges/${fx.challenge}/edit`), expect: only({ industry_rep: 200 }) },
  { route: "routes/partnerships.challenges.$id.edit", method: "POST", path: p((fx) => `/partnerships/challenges/${fx.challenge}/edit`), body: { title: "" }, expect: only({ industry_rep: 400 }) },
  { route: "routes/partnerships.challenges.$id.matches", path: p((fx) => `/partnerships/challenges/${fx.challenge}/matches`), expect: only({ industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.challenges.$id.matches", method: "POST", path: p((fx) => `/partnerships/challenges/${fx.challenge}/matches`), body: { companyId: "" }, expect: only({ industry_rep: 400 }) },
  { route: "routes/partnerships.challenges.$id.proposals", path: p((fx) => `/partnerships/challenges/${fx.challenge}/proposals`), expect: only({ industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.challenges.$id.proposals", path: p((fx) => `/partnerships/challenges/${fx.hidden}/proposals`), expect: only({ staff: 200 }) },
  { route: "routes/partnerships.challenges.$id.proposals", method: "POST", path: p((fx) => `/partnerships/challenges/${fx.challenge}/proposals`), body: { proposalId: "" }, expect: only({ industry_rep: 400 }) },
  { route: "routes/partnerships.challenges.$id.propose", path: p((fx) => `/partnerships/challenges/${fx.challenge2}/propose`), expect: only({ company_rep: 200 }) },
  { route: "routes/partnerships.challenges.$id.propose", path: p((fx) => `/partnerships/challenges/${fx.challenge}/propose`), expect: only({ company_rep: 302 }), note: "already proposed: to the proposal" },
  { route: "routes/partnerships.challenges.$id.propose", path: p((fx) => `/partnerships/challenges/${fx.hidden}/propose`), expect: only({}) },
  { route: "routes/partnerships.challenges.$id.propose", method: "POST", path: p((fx) => `/partnerships/challenges/${fx.challenge2}/propose`), body: { approach: "" }, expect: only({ company_rep: 400 }) },

  { route: "routes/partnerships.proposals.$id", path: p((fx) => `/partnerships/proposals/${fx.proposal}`), expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.proposals.$id", path: p((fx) => `/partnerships/proposals/${fx.otherProposal}`), expect: only({ industry_rep: 200, staff: 200 }), note: "a company never sees another company's proposal" },
  { route: "routes/partnerships.proposals.$id", path: `/partnerships/proposals/${NONE}`, expect: only({ company_rep: 404, industry_rep: 404, staff: 404 }) },
  { route: "routes/partnerships.proposals.$id", method: "POST", path: p((fx) => `/partnerships/proposals/${fx.proposal}`), body: { intent: "message", body: "" }, expect: only({ company_rep: 400, industry_rep: 400 }), note: "staff read, never write, the threads" },
  { route: "routes/partnerships.proposals.$id", method: "POST", path: p((fx) => `/partnerships/proposals/${fx.otherProposal}`), body: { intent: "message", body: "" }, expect: only({ industry_rep: 400 }) },

  { route: "routes/partnerships._index", path: "/partnerships", expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships._index", path: "/partnerships?status=proposed", expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships[.]csv", path: "/partnerships.csv", expect: only({ staff: 200 }) },
  { route: "routes/partnerships.$id", path: p((fx) => `/partnerships/${fx.partnership}`), expect: only({ company_rep: 200, industry_rep: 200, staff: 200 }) },
  { route: "routes/partnerships.$id", path: p((fx) => `/partnerships/${fx.otherPartnership}`), expect: only({ staff: 200 }) },
  { route: "routes/partnerships.$id", path: `/partnerships/${NONE}`, expect: only({ company_rep: 404, industry_rep: 404, staff: 404 }) },
  { route: "routes/partnerships.$id", method: "POST", path: p((fx) => `/partnerships/${fx.partnership}`), body: { intent: "step", step: "" }, expect: only({ company_rep: 400, industry_rep: 400 }) },
  { route: "routes/partnerships.$id", method: "POST", path: p((fx) => `/partnerships/${fx.otherPartnership}`), body: { intent: "step", step: "" }, expect: only({}) },
];

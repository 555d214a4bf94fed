// Route x role matrix rows for the agencies' agenda (issue 14). Setup: an emergency case filed by the
// matrix entrepreneur, with an obstacle for the banks' agency (the matrix agency officer's unit). Who
// cannot see the subject or the obstacle gets 404 (no hint it exists); roles without the grant 403.
// POST bodies fail validation, so an allowed asker gets 400 and nothing is written.
import { getDb } from "~/lib/db.server";
import { ROLES } from "~/modules/accounts/roles";
import { fileEmergency } from "~/modules/cases/service.server";
import { raiseObstacle } from "~/modules/agenda/service.server";
import { createAdvantage } from "~/modules/agenda/advantages.server";
import { actorFor } from "../../factories";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const owner = await actorFor(users.entrepreneur.id);
  const { id: caseId } = await fileEmergency(owner, {
    firmName: "کارگاه ماتریس", registrationNo: "77001", county: "tabriz", sector: "C", baselineEmployees: 5, problemAreas: ["financing"], description: "ماتریس", urgency: "high",
  });
  const { id } = await raiseObstacle(owner, {
    subjectKind: "case", subjectId: caseId, category: "financing", agency: "banks", description: "ماتریس", jobsCreated: 2, jobsRetained: 3, beganOn: "2024-01-01",
  });
  // A case of the centre staff's centre with its own obstacle (decision 0053: centre staff read only those).
  const { id: centreCase } = await fileEmergency(owner, {
    firmName: "کارگاه مرکز ماتریس", registrationNo: "77002", county: "tabriz", sector: "C", baselineEmployees: 4, problemAreas: ["financing"], description: "ماتریس", urgency: "high",
  });
  await (await getDb()).updateTable("cases").set({ centre_id: users.centre_staff.orgUnitId }).where("id", "=", centreCase).execute();
  const { id: centreObstacle } = await raiseObstacle(owner, {
    subjectKind: "case", subjectId: centreCase, category: "permit", agency: "banks", description: "ماتریس", jobsCreated: 1, jobsRetained: 0, beganOn: "2024-01-01",
  });
  const officer = await actorFor(users.agency_officer.id);
  const { id: advantage } = await createAdvantage(officer, {
    agency: "banks", sector: "A", isic: "", activity: "ماتریس", counties: ["tabriz"], area: "rural", description: "ماتریس", potentialJobs: 10, investment: 0,
    programme: "call", howToJoin: undefined, published: true,
  });
  return { caseId, obstacle: id, advantage, centreObstacle };
}

const readers = { entrepreneur: 200, mentor: 200, company_rep: 200, industry_rep: 200, staff: 200, agency_officer: 200 };
const unseen = { mentor: 404, company_rep: 404, industry_rep: 404 };

export const rows: MatrixRow[] = [
  { route: "routes/agenda.obstacles._index", path: "/agenda/obstacles", expect: only(readers), note: "narrowed: staff all, officers their agency's, others those they raised" },
  { route: "routes/agenda.obstacles._index", path: "/agenda/obstacles?status=active&overdue=on&category=financing&agency=banks", expect: only(readers) },

  { route: "routes/agenda.obstacles.new", path: (fx) => `/agenda/obstacles/new?kind=case&id=${fx.caseId}`, expect: only({ entrepreneur: 200, staff: 200, ...unseen, centre_staff: 404 }), note: "the case's module decides who sees it (another centre's staff: 404)" },
  { route: "routes/agenda.obstacles.new", path: "/agenda/obstacles/new?kind=case&id=999999999", expect: only({ entrepreneur: 404, staff: 404, ...unseen }) },
  { route: "routes/agenda.obstacles.new", method: "POST", path: (fx) => `/agenda/obstacles/new?kind=case&id=${fx.caseId}`, body: { description: "" }, expect: only({ entrepreneur: 400, staff: 400, ...unseen, centre_staff: 404 }) },

  { route: "routes/agenda.obstacles.$id._index", path: (fx) => `/agenda/obstacles/${fx.obstacle}`, expect: { ...all(404), anonymous: 302, entrepreneur: 200, staff: 200, agency_officer: 200, centre_staff: 404 }, note: "another agency's officer, a stranger or another centre's staff: 404" },
  { route: "routes/agenda.obstacles.$id._index", path: (fx) => `/agenda/obstacles/${fx.centreObstacle}`, expect: { ...all(404), anonymous: 302, entrepreneur: 200, staff: 200, agency_officer: 200, centre_staff: 200 }, note: "an obstacle on a case of the centre staff's centre" },
  { route: "routes/agenda.obstacles.$id._index", path: "/agenda/obstacles/999999999", expect: { ...all(404), anonymous: 302 } },
  { route: "routes/agenda.obstacles.$id._index", method: "POST", path: (fx) => `/agenda/obstacles/${fx.obstacle}`, body: { intent: "move", action: "", version: "1" }, expect: { ...all(404), anonymous: 302, entrepreneur: 400, staff: 400, agency_officer: 400, centre_staff: 404 } },
  { route: "routes/agenda.obstacles.$id._index", method: "POST", path: (fx) => `/agenda/obstacles/${fx.centreObstacle}`, body: { intent: "escalate", version: "1", note: "" }, expect: { ...all(404), anonymous: 302, entrepreneur: 403, staff: 400, agency_officer: 403, centre_staff: 403 }, note: "escalation is the directorate's (centre staff read it, 403 to escalate)" },

  { route: "routes/agenda.obstacles.$id.files.$fileId", path: (fx) => `/agenda/obstacles/${fx.obstacle}/files/00000000-0000-4000-8000-000000000000`, expect: { ...all(404), anonymous: 302 } },

  { route: "routes/agenda.meeting", path: "/agenda/meeting", expect: only({ staff: 200, centre_staff: 403 }), note: "the working group's printable list (the directorate's)" },
  { route: "routes/agenda.sla", path: "/agenda/sla", expect: only({ staff: 200, centre_staff: 403 }), note: "the categories' service-level days (the directorate's, decision 0045)" },
  { route: "routes/agenda.sla", method: "POST", path: "/agenda/sla", body: { stamp: "" }, expect: only({ staff: 400, centre_staff: 403 }) },

  { route: "routes/agenda._index", path: "/agenda", expect: only({ staff: 200 }), note: "the working group's ranking (centre staff: their centre's obstacles)" },
  { route: "routes/agenda._index", path: "/agenda?sort=median", expect: only({ staff: 200 }) },
  { route: "routes/agenda.agencies.$code", path: "/agenda/agencies/banks", expect: only({ staff: 200 }) },
  { route: "routes/agenda.agencies.$code", path: "/agenda/agencies/no-such-agency", expect: only({ staff: 404 }) },
  { route: "routes/agenda.board[.]csv", path: "/agenda/board.csv?table=ranking", expect: only({ staff: 200 }) },
  { route: "routes/agenda.board[.]csv", path: "/agenda/board.csv?table=categories&agency=banks", expect: only({ staff: 200 }) },
  { route: "routes/agenda.board[.]csv", path: "/agenda/board.csv?table=nothing", expect: only({ staff: 404 }) },

  // Sector advantages: staff read every one, an officer their agency's (another agency's: 404), only
  // officers record, edit and move them; the public list of published ones is open to everyone.
  { route: "routes/agenda.advantages._index", path: "/agenda/advantages", expect: only({ staff: 200, agency_officer: 200 }) },
  { route: "routes/agenda.advantages._index", path: "/agenda/advantages?status=identified&agency=banks", expect: only({ staff: 200, agency_officer: 200 }) },
  { route: "routes/agenda.advantages.new", path: "/agenda/advantages/new", expect: only({ agency_officer: 200 }) },
  { route: "routes/agenda.advantages.new", method: "POST", path: "/agenda/advantages/new", body: { activity: "" }, expect: only({ agency_officer: 400 }) },
  { route: "routes/agenda.advantages.$id._index", path: (fx) => `/agenda/advantages/${fx.advantage}`, expect: only({ staff: 200, agency_officer: 200 }) },
  { route: "routes/agenda.advantages.$id._index", path: "/agenda/advantages/999999999", expect: only({ staff: 404, agency_officer: 404 }) },
  { route: "routes/agenda.advantages.$id._index", method: "POST", path: (fx) => `/agenda/advantages/${fx.advantage}`, body: { action: "", version: "1" }, expect: only({ agency_officer: 400 }), note: "staff read but do not move advantages" },
  { route: "routes/agenda.advantages.$id.edit", path: (fx) => `/agenda/advantages/${fx.advantage}/edit`, expect: only({ agency_officer: 200 }) },
  { route: "routes/agenda.advantages.$id.edit", method: "POST", path: (fx) => `/agenda/advantages/${fx.advantage}/edit`, body: { activity: "" }, expect: only({ agency_officer: 400 }) },
  { route: "routes/agenda.targets", path: "/agenda/targets", expect: only({ staff: 200 }), note: "the working group's target shares" },
  { route: "routes/agenda.targets", path: "/agenda/targets?year=1300", expect: only({ staff: 404 }) },
  { route: "routes/agenda.board[.]csv", path: "/agenda/board.csv?table=shares", expect: only({ staff: 200 }) },
  { route: "routes/opportunities", path: "/opportunities", expect: all(200), note: "public: published advantages only" },
];

// Route x role matrix rows for business clusters (issue 12 item 6, decision 0039).
// Setup: a cluster of the matrix cluster agent's unit at trust building with a joint project (`own`,
// `project`), and a cluster of another unit (`other`). POST bodies fail validation, so an allowed
// asker gets 400 and nothing is written; askers without a cluster grant get 403 before the form is
// read; an agent asking about another unit's cluster gets 404, as for a missing one.
import { ROLES } from "~/modules/accounts/roles";
import { createUser } from "../../factories";
import { makeCluster } from "../../factories/clusters";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const own = await makeCluster(users.cluster_agent.id, { stage: "trust_building", project: true });
  const stranger = await createUser({ role: "cluster_agent" });
  const other = await makeCluster(stranger.id);
  return { own: own.id, project: own.projectId!, other: other.id };
}

const c = (suffix: string, which: "own" | "other" = "own") => (fx: Record<string, string | number>) => `/clusters/${fx[which]}${suffix}`;
const both = (n: number, agent = n) => only({ staff: n, cluster_agent: agent });

export const rows: MatrixRow[] = [
  { route: "routes/clusters._index", path: "/clusters", expect: both(200), note: "staff: every cluster; an agent: their unit's" },
  { route: "routes/clusters._index", path: "/clusters?stage=diagnosis&county=tabriz&sector=C&q=%DA%A9%D9%81%D8%B4&after=5", expect: both(200) },
  { route: "routes/clusters[.]csv", path: "/clusters.csv?stage=identification", expect: both(200) },
  { route: "routes/clusters.directory", path: "/clusters/directory?q=%DA%A9%D9%81%D8%B4&county=tabriz", expect: all(200), note: "public: no people's data" },
  { route: "routes/clusters.new", path: "/clusters/new", expect: both(200) },
  { route: "routes/clusters.new", method: "POST", path: "/clusters/new", body: { name: "" }, expect: both(400) },

  { route: "routes/clusters.$id._index", path: c(""), expect: both(200) },
  { route: "routes/clusters.$id._index", path: c("", "other"), expect: both(200, 404), note: "another unit's cluster: 404 + audit" },
  { route: "routes/clusters.$id._index", path: "/clusters/999999999", expect: both(404) },
  { route: "routes/clusters.$id._index", method: "POST", path: c(""), body: { intent: "move", to: "joint_action" }, expect: both(400) },
  { route: "routes/clusters.$id._index", method: "POST", path: c(""), body: { intent: "firm", name: "" }, expect: both(400), note: "the add-firm form has its own page now: an unknown intent is 400" },
  { route: "routes/clusters.$id._index", method: "POST", path: c("", "other"), body: { intent: "move" }, expect: both(400, 404) },

  // The forms that list the cluster's firms, counties and sectors have their own pages (decision 0051).
  { route: "routes/clusters.$id.firms.new", path: c("/firms/new"), expect: both(200), note: "add a member firm" },
  { route: "routes/clusters.$id.firms.new", path: c("/firms/new", "other"), expect: both(200, 404) },
  { route: "routes/clusters.$id.firms.new", path: "/clusters/999999999/firms/new", expect: both(404) },
  { route: "routes/clusters.$id.firms.new", method: "POST", path: c("/firms/new"), body: { name: "" }, expect: both(400) },
  { route: "routes/clusters.$id.firms.new", method: "POST", path: c("/firms/new", "other"), body: { name: "" }, expect: both(400, 404) },
  { route: "routes/clusters.$id.firms.leave", path: c("/firms/leave"), expect: both(200), note: "a member firm leaves" },
  { route: "routes/clusters.$id.firms.leave", path: c("/firms/leave", "other"), expect: both(200, 404) },
  { route: "routes/clusters.$id.firms.leave", method: "POST", path: c("/firms/leave"), body: { firmId: "" }, expect: both(400) },
  { route: "routes/clusters.$id.projects.new", path: c("/projects/new"), expect: both(200), note: "a new joint project with its firms" },
  { route: "routes/clusters.$id.projects.new", path: c("/projects/new", "other"), expect: both(200, 404) },
  { route: "routes/clusters.$id.projects.new", method: "POST", path: c("/projects/new"), body: { title: "" }, expect: both(400) },
  { route: "routes/clusters.$id.projects.new", method: "POST", path: c("/projects/new", "other"), body: { title: "" }, expect: both(400, 404) },

  { route: "routes/clusters.$id._index", method: "POST", path: c(""), body: { intent: "edit", name: "" }, expect: both(400), note: "edit name/counties (version-checked)" },
  { route: "routes/clusters.$id.jobs", path: c("/jobs"), expect: both(200), note: "the cluster's ledger view per firm" },
  { route: "routes/clusters.$id.jobs", path: c("/jobs", "other"), expect: both(200, 404) },
  { route: "routes/clusters.$id.jobs", path: "/clusters/999999999/jobs", expect: both(404) },

  { route: "routes/clusters.$id.projects.$pid", path: (fx) => `/clusters/${fx.own}/projects/${fx.project}`, expect: both(200) },
  { route: "routes/clusters.$id.projects.$pid", method: "POST", path: (fx) => `/clusters/${fx.own}/projects/${fx.project}`, body: { intent: "firms", firms: "x" }, expect: both(400), note: "edit the taking-part firms" },
  { route: "routes/clusters.$id.projects.$pid", path: (fx) => `/clusters/${fx.other}/projects/${fx.project}`, expect: both(404), note: "a project under another cluster's id" },
  { route: "routes/clusters.$id.projects.$pid", method: "POST", path: (fx) => `/clusters/${fx.own}/projects/${fx.project}`, body: { intent: "jobs", firmId: "" }, expect: both(400) },
];

// The pages issues 13-16 judge, in one run against the static page (decision 0036): /home as staff, the
// staff idea queue, the staff case list, the employment dashboard, a challenge's ranked companies, the
// agenda's ranking, a provider's outcome page and the job seeker's home, plus the cheapest signed-in page.
// No data of its own: the requests are the other scenarios' (same labels), so prepare their data once
// (`npm run bench -- ideas cases employment partnerships agenda training seekers`), then
// `npm run bench -- route-cost --skip-prepare` (add `--build-file <old build/index.js>` for the before).
import { defineScenario, type BenchRequest, type Scenario } from "../types";
import agenda from "./agenda";
import cases from "./cases";
import common from "./common";
import employment from "./employment";
import ideas from "./ideas";
import partnerships from "./partnerships";
import training from "./training";

const pick = (s: Scenario, label: string): BenchRequest => {
  const r = (s.requests as BenchRequest[]).find((x) => x.label === label);
  if (!r) throw new Error(`bench scenario ${s.name} has no request "${label}"`);
  return r;
};

export default defineScenario({
  name: "route-cost",
  description: "issues 13-16's signed-in pages in one run (needs the data of ideas, cases, employment, partnerships, agenda, training, seekers)",
  requests: [
    pick(common, "notifications (staff)"),
    pick(cases, "staff home"),
    pick(ideas, "ideas queue, first page"),
    pick(cases, "staff case list"),
    pick(employment, "employment dashboard (staff, 1401)"),
    pick(partnerships, "ranked companies for a challenge (industry)"),
    pick(agenda, "agenda: agency ranking (staff)"),
    pick(training, "provider outcome page (training manager)"),
    { label: "job seeker's home", path: "/home", role: { email: "seeker@demo.karafarini.ir" }, targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
  ],
});

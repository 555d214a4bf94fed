// Foundation (issue 2): signed-in home pages against the static landing page. The bare server and the
// static page `/` are the runner's built-in baseline.
// - home (admin): only what the foundation puts on every signed-in page (session + user + roles from the
//   database, the unread count, the shell). Issue 2's target: at least 70% of the static page's req/s.
// - home (staff): also carries the widgets other modules add to the staff home (cases...), so it gets the
//   module pages' target (40% of static) and shows what those widgets cost.
import { defineScenario } from "../types";

export default defineScenario({
  name: "foundation",
  description: "signed-in home pages against the static landing page (issue 2: >= 70% of static req/s)",
  requests: [
    { label: "home (admin)", path: "/home", role: "admin", targets: { minRatioToStatic: 0.7 } },
    { label: "home (staff)", path: "/home", role: "staff", targets: { minRatioToStatic: 0.4 } },
  ],
});

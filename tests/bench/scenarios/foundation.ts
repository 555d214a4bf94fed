// Foundation: the signed-in home page (session + user + roles from the database, unread count, org units).
// The bare server and the static landing page are the runner's built-in baseline.
import { defineScenario } from "../types";

export default defineScenario({
  name: "foundation",
  description: "signed-in home pages against the static landing page (issue 2, target: >= 70% of static rps)",
  requests: [
    { label: "home (staff)", path: "/home", role: "staff", targets: { minRatioToStatic: 0.7 } },
    { label: "home (admin)", path: "/home", role: "admin", targets: { minRatioToStatic: 0.7 } },
  ],
});

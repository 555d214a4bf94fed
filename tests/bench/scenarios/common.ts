// The common cost of a signed-in page (decision 0036): pages whose own query is one cheap statement,
// so what they cost beyond the static page is what every signed-in page pays (the session statement,
// the menu, the header, the layout). Issues 13-16 ask >= 50% of the static page for their lists, which
// only works when this is well above that.
import { defineScenario } from "../types";

const targets = { p95Ms: 100, minRatioToStatic: 0.5 };

export default defineScenario({
  name: "common",
  description: "cheap signed-in pages (notifications as staff and as an entrepreneur): the cost every signed-in page pays",
  requests: [
    { label: "notifications (staff)", path: "/notifications", role: "staff", targets },
    { label: "notifications (entrepreneur)", path: "/notifications", role: "entrepreneur", targets },
  ],
});

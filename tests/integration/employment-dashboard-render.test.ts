// Decision 0056, the dashboard's render cost: each breakdown is one accessible table whose rows carry
// their bar (drawn by CSS from --w), not a bar chart plus a table of the same numbers; and the page's
// hydration data carries what is shown (labels in the reader's language), not every reference list in
// both languages. Pages are read from the built server (`npx remix build` first).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reportEmployment } from "~/modules/employment/service.server";
import { decideReports } from "~/modules/employment/reports.server";
import { barRatio } from "~/modules/employment/components/DashboardView";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
let staffId: number;

beforeAll(async () => {
  const staff = await createUser({ role: "staff" });
  staffId = staff.id;
  const actor = await actorFor(staff.id);
  const ids: number[] = [];
  // Three counties, two sectors, two programmes; Tabriz the largest.
  for (const [reg, county, sector, programme, jobs] of [
    ["56001", "tabriz", "C", "cases", 9], ["56002", "tabriz", "C", "cooperatives", 3], ["56003", "ahar", "A", "cases", 2], ["56004", "marand", "A", "cases", 1],
  ] as const) {
    const { reportId } = await reportEmployment(actor, {
      source: { module: "manual" }, programme, asOf: "2022-08-03", fteBaseline: 1, fteNow: 1 + jobs,
      enterprise: { registrationNo: reg, name: `بنگاه ${reg}`, kind: "company", county, sector },
      created: { fullTime: jobs, partTime: 0, tempMonths: 0 },
    });
    ids.push(reportId);
  }
  await decideReports(actor, ids, "verified");
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

const get = async (path: string, lang: "fa" | "en", signedIn = true) => {
  const r = await send(server, path, { cookie: signedIn ? await sessionCookieFor(staffId) : undefined, headers: { "Accept-Language": lang } });
  expect(r.status).toBe(200);
  const body = r.body;
  const at = body.indexOf("<main");
  const end = body.indexOf("</main>");
  return { main: body.slice(at, end), data: body.slice(end) };
};
const count = (s: string, part: string) => s.split(part).length - 1;

describe("the dashboard's breakdowns", () => {
  for (const [path, signedIn] of [["/employment/dashboard?year=1401", true], ["/employment?year=1401", false]] as const) {
    it(`are one table each whose rows carry their bar, nothing rendered twice (${path})`, async () => {
      const { main } = await get(path, "fa", signedIn);
      // Five breakdowns (county, agency, programme, sector, priority groups), each a table with a caption and column headers.
      expect(count(main, 'class="data-table bar-table"')).toBe(5);
      expect(main).not.toContain('data-chart="bar"');
      const county = main.slice(main.indexOf("به تفکیک شهرستان"), main.indexOf("به تفکیک دستگاه"));
      expect(county).toContain('<caption class="sr-only">به تفکیک شهرستان</caption>');
      expect(count(county, '<th scope="col">')).toBe(6);
      // One row per county, the largest's bar full, the others in proportion; each county named once on the page.
      expect(count(county, "<tr><td>")).toBe(3);
      expect(county).toContain('<tr><td>تبریز</td><td style="--w:1">۱۲</td>');
      expect(county).toContain('<tr><td>اهر</td><td style="--w:0.167">۲</td>');
      expect(count(main, "<td>مرند</td>")).toBe(1);
      // The headline, the print button's place, filters and exports are still there.
      expect(main).toContain('data-testid="employment-verified"');
      expect(main).toContain("&amp;table=county");
      expect(main).toContain('<select name="county"');
    });
  }

  it("serialise labels in the reader's language only, and the filters' options as value and label", async () => {
    const fa = await get("/employment/dashboard?year=1401", "fa");
    // Sector C's English name is not in a Persian page's data (every reference list went in both languages).
    expect(fa.data).not.toContain("Manufacturing");
    expect(fa.data).not.toContain("Tabriz");
    expect(fa.data).toContain("تبریز");
    const en = await get("/employment/dashboard?year=1401", "en");
    expect(en.main).toContain('<tr><td>Tabriz</td><td style="--w:1">12</td>');
    expect(en.data).not.toContain("تبریز");
    expect(en.main).toContain('<option value="ahar">Ahar</option>');
  });
});

describe("barRatio", () => {
  it("is the share of the largest row, never 0 for a figure above 0", () => {
    expect(barRatio(12, 12)).toBe(1);
    expect(barRatio(2, 12)).toBe(0.167);
    expect(barRatio(1, 100_000)).toBe(0.01);
    expect(barRatio(0, 12)).toBe(0);
    expect(barRatio(0, 0)).toBe(0);
  });
});

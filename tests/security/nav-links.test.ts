// Navigation by permission (issue 10): for every role (and staff held in a centre), every link the
// menu shows, every link on the home page (menu, account menu and the modules' home widgets) and every
// link of the employment pages' link bar answers that user 200 — never 403 or 404 — through the real
// HTTP layer with a real session. A redirect (e.g. /seekers/me to the user's own profile) is followed
// on this site and must end in a 200. The menu is derived from the permission table (nav.ts canOpen),
// so a link shown to someone the page refuses fails here.
import { describe, expect, it, vi } from "vitest";
import { canOpen, navFor, type NavHolding } from "~/modules/accounts/nav";
import { ROLES } from "~/modules/accounts/roles";
import { EMPLOYMENT_LINKS } from "~/modules/employment/links";
import { actorFor, createUser } from "../factories";
import { builtServer, send, sessionCookieFor } from "./http-helpers";
import { CENTRE_STAFF_UNIT, type Asker } from "./matrix-types";

vi.setConfig({ testTimeout: 600_000 });

const app = builtServer();

/** GET, following redirects on this site (at most 3); the final status and path. */
async function open(path: string, cookie: string): Promise<{ status: number; path: string }> {
  let current = path;
  for (let hop = 0; hop < 4; hop++) {
    const reply = await send(app.server, current, { cookie });
    const location = reply.headers.location;
    if (reply.status < 300 || reply.status >= 400 || !location) return { status: reply.status, path: current };
    const next = new URL(location, app.server.origin);
    if (next.origin !== app.server.origin) return { status: reply.status, path: current };
    current = next.pathname + next.search;
  }
  return { status: 310, path: current }; // too many redirects
}

/** Same-site links (<a href="/...">) of a page, without the skip link, fragments and duplicates. */
function linksOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*?\shref="(\/[^"#]*)/g)) found.add(m[1].replace(/&amp;/g, "&"));
  return [...found];
}

describe("menu and home links by permission", () => {
  const askers: Exclude<Asker, "anonymous">[] = [...ROLES, "centre_staff"];

  it.each(askers)("every link shown to %s answers 200", async (asker) => {
    const user = asker === "centre_staff" ? await createUser({ role: "staff", unit: CENTRE_STAFF_UNIT }) : await createUser({ role: asker });
    const holdings: NavHolding[] = (await actorFor(user.id)).user.roles.map((r) => ({ role: r.role, orgKind: r.orgKind ?? null }));
    const cookie = await sessionCookieFor(user.id);

    const home = await send(app.server, "/home", { cookie });
    expect(home.status).toBe(200);
    const menu = navFor(holdings).map((i) => i.to);
    const homeLinks = linksOf(home.body);
    // The header renders exactly the entries navFor() gives (so checking navFor's entries checks the menu).
    for (const to of menu) expect(homeLinks, `${asker}: menu entry ${to} missing from the page`).toContain(to);
    const bar = EMPLOYMENT_LINKS.filter((l) => canOpen(holdings, l)).map((l) => l.to);

    const bad: string[] = [];
    for (const link of new Set([...menu, ...homeLinks, ...bar])) {
      const { status, path } = await open(link, cookie);
      if (status !== 200) bad.push(`${link}${path !== link ? ` (-> ${path})` : ""}: ${status}`);
    }
    expect(bad, `links shown to ${asker} that do not answer 200`).toEqual([]);
  });

  it("would catch a link to a page the role is refused (the check is not vacuous)", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    expect((await open("/employment/targets", cookie)).status).toBe(403);
    expect(canOpen([{ role: "admin", orgKind: null }], EMPLOYMENT_LINKS.find((l) => l.to === "/employment/targets")!)).toBe(false);
  });
});

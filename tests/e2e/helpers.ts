import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO_PASSWORD = "demo-pass-1401";
export const DEMO = {
  admin: "admin@demo.karafarini.ir",
  staff: "staff@demo.karafarini.ir",
  mentor: "mentor@demo.karafarini.ir",
  mentor2: "mentor2@demo.karafarini.ir",
  entrepreneur: "entrepreneur@demo.karafarini.ir",
  chair_manager: "chair@demo.karafarini.ir",
  company_rep: "company@demo.karafarini.ir",
  industry_rep: "industry@demo.karafarini.ir",
  training_manager: "training@demo.karafarini.ir",
} as const;

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[method="post"] button[type="submit"]').last().click();
  await page.waitForURL(/\/home/);
  await expect(page.getByTestId("account-menu")).toBeVisible(); // the signed-in page, not the login form's
}

/**
 * Opens the account menu (beside the bell) and logs out. Waits for the app to settle first: a form sent
 * just before (whose earlier "saved" message a test may already have seen) lands later as a new page,
 * and a new page closes the menus (the header is keyed by location), so the open menu would vanish
 * under the click (seen once in CI, seekers-homes.spec.ts).
 */
export async function logout(page: Page) {
  await expect(async () => {
    await openAccountMenu(page);
    await page.locator('form[action="/logout"] button').click({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.waitForURL((u) => u.pathname === "/");
}

/** Waits until no navigation or form submission is under way in the app (Remix's router is idle). */
export async function settled(page: Page) {
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter;
    return !router || router.state.navigation.state === "idle";
  });
}

/**
 * The serious and critical axe violations on the current page, one line each naming the rule and up to three
 * offending elements (selector and the start of its HTML); empty when there are none. `include` limits the
 * check to part of the page (the page walk checks the header once per role, then only `#main`). Kept fast:
 * only violations are collected (no passes or incomplete lists), and axe runs in the page itself (legacy
 * mode: the portal has no frames, so the default's extra blank page and second copy of axe buy nothing;
 * about a quarter of each check's time).
 */
export async function axeProblems(page: Page, { include }: { include?: string } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).setLegacyMode(true);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const element = (n: { target: unknown[]; html: string }) => `${n.target.join(" ")} ${n.html.replace(/\s+/g, " ").slice(0, 80)}`;
  return bad.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(element).join("; ")}${v.nodes.length > 3 ? `; +${v.nodes.length - 3} more` : ""})`);
}

/** No serious or critical axe violations on the current page. */
export async function expectAccessible(page: Page) {
  expect(await axeProblems(page)).toEqual([]);
}

/**
 * Tables that are not inside their own scroll region (issue 17: a wide table scrolls inside a labelled,
 * focusable region with overflow-x auto, never the page): a short description of each, empty when all are.
 */
export async function tablesOutsideRegions(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("table")].flatMap((table, i) => {
      const region = table.parentElement?.closest("[role='region']") as HTMLElement | null | undefined;
      const name = table.getAttribute("data-testid") ?? table.querySelector("th")?.textContent?.trim().slice(0, 30) ?? `#${i + 1}`;
      if (!region) return [`table ${name} is not in a region`];
      const missing = [
        !(region.getAttribute("aria-label") ?? "").trim() && "aria-label",
        region.tabIndex !== 0 && "tabindex=0",
        !["auto", "scroll"].includes(getComputedStyle(region).overflowX) && "overflow-x auto",
      ].filter(Boolean);
      return missing.length ? [`table ${name}: its region lacks ${missing.join(", ")}`] : [];
    }),
  );
}

/**
 * The header's account menu (account, files, notifications, log out) is a disclosure: open it. A click
 * that lands while the page is still settling (the header is rebuilt on each navigation, so a menu
 * opened just before closes again) is retried until the menu's panel shows: on a loaded CI machine one
 * such click left the log-out button hidden and the test waiting fifteen minutes.
 */
export async function openAccountMenu(page: Page) {
  await settled(page);
  const menu = page.getByTestId("account-menu");
  await expect(async () => {
    if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
    await expect(menu.locator(".site-nav-panel")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Opens a menu section by its label (a disclosure on a desktop), so its links can be clicked. */
export async function openSection(page: Page, label: string) {
  await page.getByRole("navigation").locator("summary", { hasText: label }).click();
}

/**
 * Opens a page from the header menu as a user would: a section with several pages is a disclosure
 * (details/summary): open it first (unless already open), then click the entry; a one-page section is a
 * plain link. `section` and `entry` are the visible labels.
 */
export async function openFromMenu(page: Page, section: string, entry: string) {
  await settled(page); // a page still arriving would close the section opened here (the header is keyed by location)
  const nav = page.locator("nav.site-nav");
  const details = nav.locator("details", { has: page.locator("summary", { hasText: section }) });
  // Wait for this page's menu (right after a login the previous page's may still show): the section or the entry.
  await expect(details.or(nav.getByRole("link", { name: entry, exact: true })).first()).toBeVisible();
  if (await details.count()) {
    if ((await details.first().getAttribute("open")) === null) await details.first().locator("summary").click();
    await expect(details.first()).toHaveAttribute("open", "");
    await details.first().getByRole("link", { name: entry, exact: true }).click();
  } else {
    await nav.getByRole("link", { name: entry, exact: true }).click();
  }
}

/** Logs in from wherever the visitor is, by the header's login link (no typed URL). */
export async function loginByClick(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByRole("banner").getByRole("link", { name: "ورود", exact: true }).click();
  await page.waitForURL(/\/login/);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[method="post"] button[type="submit"]').last().click();
  await page.waitForURL(/\/home/);
  await expect(page.getByTestId("account-menu")).toBeVisible(); // the signed-in page, not the login form's
}

/**
 * Touch targets smaller than 44 × 44 px on the current page (issue 17, WCAG 2.5.5): buttons, menu summaries,
 * selects and inputs (not checkboxes and radios, whose label is the target), and links or labels styled as
 * buttons (a border or a background). Plain text links in sentences and table cells are exempt (WCAG 2.5.8's
 * inline exception); so are hidden and visually hidden (1 px) elements.
 */
export async function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const styledAsButton = (el: Element) => {
      const s = getComputedStyle(el);
      const bg = s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.backgroundColor !== "transparent";
      const border = ["Top", "Right", "Bottom", "Left"].some((side) => parseFloat(s[`border${side}Width` as "borderTopWidth"]) > 0 && s[`border${side}Style` as "borderTopStyle"] !== "none");
      return bg || border;
    };
    const controls = "button, summary, select, input:not([type='checkbox'],[type='radio'],[type='hidden'],[type='range'])";
    const out: string[] = [];
    for (const el of document.querySelectorAll(`${controls}, a[href], label`)) {
      if (!el.matches(controls) && !styledAsButton(el)) continue;
      if (el.tagName === "LABEL" && el.querySelector("input, select, textarea")) continue; // a field's wrapper, not a target
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === "hidden") continue;
      if (r.height < min - 0.5 || r.width < min - 0.5) {
        const name = (el.getAttribute("aria-label") || el.textContent?.trim() || el.getAttribute("name") || el.getAttribute("href") || "").trim().slice(0, 30);
        const where = el.id ? ` #${el.id}` : el.closest("[id]") ? ` in #${el.closest("[id]")!.id}` : "";
        out.push(`${el.tagName.toLowerCase()}${el.matches("input") ? `[type=${(el as HTMLInputElement).type}]` : ""} "${name}"${where} is ${Math.round(r.width)}×${Math.round(r.height)} px`);
      }
    }
    return out;
  }, min);
}

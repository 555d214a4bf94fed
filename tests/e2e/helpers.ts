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
}

/** Opens the account menu (beside the bell) and logs out. */
export async function logout(page: Page) {
  await openAccountMenu(page);
  await page.locator('form[action="/logout"] button').click();
  await page.waitForURL((u) => u.pathname === "/");
}

/** No serious or critical axe violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

/** The header's account menu (account, files, notifications, log out) is a disclosure: open it. */
export async function openAccountMenu(page: Page) {
  const menu = page.getByTestId("account-menu");
  if (!(await menu.getAttribute("open").then((v) => v !== null))) await menu.locator("summary").click();
}

/** Opens a menu section by its label (a disclosure on a desktop), so its links can be clicked. */
export async function openSection(page: Page, label: string) {
  await page.getByRole("navigation").locator("summary", { hasText: label }).click();
}

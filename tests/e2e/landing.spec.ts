import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

// Issue 17, items 1 and 2: the landing page shows the living demo province at a glance, in the
// reader's language and digits, linking to the public pages.

const PERSIAN_NUMBER = /^[۰-۹٬]+$/;

test("the landing page shows the province at a glance in Persian and English", async ({ page }) => {
  await page.goto("/");
  const glance = page.getByTestId("glance");
  await expect(glance.getByRole("heading", { level: 2 })).toHaveText("استان در یک نگاه");
  const verified = (await page.getByTestId("glance-verified").textContent()) ?? "";
  expect(verified).toMatch(PERSIAN_NUMBER);
  expect(Number(verified.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/٬/g, ""))).toBeGreaterThan(1_000);
  await expect(page.getByTestId("glance-jobs")).toContainText("از هدف");
  await expect(page.getByTestId("glance-jobs").getByRole("progressbar")).toBeVisible();
  for (const id of ["open-calls", "ideas", "active-cases", "emergencies", "chairs"]) {
    const value = await page.getByTestId(`glance-${id}`).locator("span").first().textContent();
    expect(value, id).toMatch(PERSIAN_NUMBER);
    expect(value, id).not.toBe("۰");
  }
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "صفحه‌های عمومی" }).getByRole("link", { name: "داشبورد اشتغال استان" }).click();
  await expect(page).toHaveURL(/\/employment$/);
  await expect(page.getByTestId("employment-verified")).not.toHaveText("۰");

  await page.goto("/");
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.getByTestId("glance").getByRole("heading", { level: 2 })).toHaveText("The province at a glance");
  expect(await page.getByTestId("glance-verified").textContent()).toMatch(/^[0-9,]+$/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
});

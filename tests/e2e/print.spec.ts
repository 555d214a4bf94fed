import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./helpers";

// Issue 17, item 6: pages meant for paper print on A4 without navigation, with the portal's name and
// the Jalali date on top and table rows kept whole; each has a print button.

async function expectPrintable(page: Page) {
  await expect(page.getByTestId("print-button")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByTestId("print-button")).toBeHidden();
  const header = page.getByTestId("print-header");
  await expect(header).toBeVisible();
  await expect(header).toContainText("درگاه کارآفرینی");
  await expect(header).toContainText(/۱۴[۰-۹]{2}/); // the Jalali date in Persian digits
  const rows = page.locator("main tr");
  if (await rows.count()) expect(await rows.first().evaluate((tr) => getComputedStyle(tr).breakInside)).toBe("avoid");
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  await page.emulateMedia({ media: "screen" });
}

test("the employment dashboard, a case summary and a chair's yearly report print cleanly", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, DEMO.staff);
  await page.goto("/employment/dashboard?year=1401");
  await expectPrintable(page);

  await page.goto("/cases");
  await page.locator("main table a[href^='/cases/']").first().click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await expectPrintable(page);

  await page.goto("/chairs/manage");
  const chair = (await page.locator("main a[href^='/chairs/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))).find((h) => /^\/chairs\/\d+$/.test(h));
  expect(chair).toBeTruthy();
  await page.goto(`${chair}/report`);
  await expectPrintable(page);
});

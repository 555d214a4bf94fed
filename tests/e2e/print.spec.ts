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

test("the working group's meeting list prints cleanly, with an escalated obstacle on it", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, DEMO.staff);
  // Setup: staff escalate an open obstacle (the demo's escalations depend on its dates), so the list has a row.
  await page.goto("/agenda/obstacles?status=active");
  const hrefs = await page.locator("main table a[href^='/agenda/obstacles/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  let escalated = false;
  for (const href of hrefs.filter((h) => /^\/agenda\/obstacles\/\d+$/.test(h)).slice(0, 25)) {
    await page.goto(href);
    const escalate = page.getByRole("button", { name: "ارجاع به کارگروه" });
    if (!(await escalate.count())) continue;
    await page.getByLabel("دلیل ارجاع").fill("برای آزمون چاپ فهرست جلسه");
    await escalate.click();
    await expect(page.getByText("مانع به کارگروه ارجاع شد.")).toBeVisible();
    escalated = true;
    break;
  }
  expect(escalated).toBe(true);
  await page.goto("/agenda/meeting");
  await expect(page.getByTestId("meeting-list")).toContainText("برای آزمون چاپ فهرست جلسه");
  await expectPrintable(page);
  await page.emulateMedia({ media: "print" });
  // No navigation on paper: no nav element and no link to the obstacle list takes room on the page.
  expect(await page.evaluate(() => [...document.querySelectorAll("nav, header")].filter((e) => e.getClientRects().length > 0).length)).toBe(0);
  await expect(page.locator("main a[href='/agenda/obstacles?escalated=on']")).toBeHidden();
  await page.emulateMedia({ media: "screen" });
});

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

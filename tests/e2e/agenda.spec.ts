// The agencies' agenda (issue 14), in Persian: a mentor raises a financing obstacle with 12 jobs waiting
// on a business-emergency case (a negative number is refused on its field); the banks' agency officer
// takes it and works it; meanwhile the working group's ranking and the employment dashboard show the
// banks' jobs blocked 12 higher; staff escalate it and print the meeting list; the officer resolves it
// with what was done and the figures drop back; the English interface shows the ranking left to right.
// Axe on every page visited.
import { expect, test, type Page } from "@playwright/test";
import { currentJalaliYear } from "../../app/i18n/format";
import { DEMO, expectAccessible, login, logout } from "./helpers";

const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const num = (s: string) => Number(s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[٬,]/g, "").replace("٫", "."));
const BANK = "bank@demo.karafarini.ir";

async function banksBlocked(page: Page) {
  await page.goto("/agenda");
  const cell = page.locator('[data-testid="agency-ranking"] tr[data-agency="banks"] td').nth(1);
  return num((await cell.textContent()) ?? "0");
}
async function dashboardBlocked(page: Page) {
  await page.goto("/employment/dashboard");
  const text = (await page.getByTestId("jobs-blocked").textContent()) ?? "";
  return num(text.trim().split(/\s/)[0]);
}

test("raise a financing obstacle, the bank works it, the working group sees it, resolve", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, DEMO.staff);
  const rankBefore = await banksBlocked(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("کارگروه اشتغال: دستگاه‌ها و موانع");
  await expectAccessible(page);
  const dashBefore = await dashboardBlocked(page);
  await logout(page);

  // A mentor raises it from an emergency case they work (a demo mentor of the accelerator with an emergency case in progress).
  await login(page, "reviewer1@demo.karafarini.ir");
  await page.goto("/cases?kind=business_emergency&status=in_progress");
  let link = page.locator('table a[href^="/cases/"]').first();
  if (!(await link.count())) {
    await page.goto("/cases?kind=business_emergency&status=diagnosis");
    link = page.locator('table a[href^="/cases/"]').first();
  }
  await link.click();
  await page.getByRole("link", { name: "ثبت مانع تازه" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ثبت مانع اشتغال");
  await expectAccessible(page);
  await page.getByLabel("نوع مانع").selectOption("financing");
  await page.getByLabel("دستگاه مسئول").selectOption("banks");
  await page.getByLabel("شرح مانع").fill("وام سرمایه در گردش شش ماه در بانک عامل معطل مانده است");
  await page.getByLabel("شغل‌های ایجادی منتظر (معادل تمام‌وقت)").fill("-۳");
  await page.getByLabel("شغل‌های حفظ‌شده منتظر (معادل تمام‌وقت)").fill("۸");
  await page.getByLabel("تاریخ شروع مانع").fill(`${fa(currentJalaliYear())}/۰۱/۱۵`);
  await page.getByRole("button", { name: "ثبت مانع" }).click();
  await expect(page.getByText("این عدد کمتر از حد مجاز است.")).toBeVisible();
  await expect(page.getByLabel("شرح مانع")).toHaveValue("وام سرمایه در گردش شش ماه در بانک عامل معطل مانده است");
  await page.getByLabel("شغل‌های ایجادی منتظر (معادل تمام‌وقت)").fill("۴");
  await page.getByRole("button", { name: "ثبت مانع" }).click();
  await expect(page.getByText("مانع ثبت شد و به دستگاه مسئول اعلام شد.")).toBeVisible();
  await expect(page.getByTestId("obstacle-jobs")).toHaveText("۴ ایجادی · ۸ حفظ‌شده");
  await expectAccessible(page);
  const obstacleUrl = new URL(page.url()).pathname;
  await logout(page);

  // The banks' officer takes it and starts work.
  await login(page, BANK);
  await page.goto("/agenda/obstacles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("موانع واگذارشده به دستگاه");
  await expectAccessible(page);
  await page.goto(obstacleUrl);
  await page.getByRole("button", { name: "برداشتن مانع" }).click();
  await expect(page.getByText("مانع به شما واگذار شد.")).toBeVisible();
  await page.getByRole("button", { name: "شروع پیگیری" }).click();
  await expect(page.getByText("پیگیری آغاز شد.")).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // In between: the working group's ranking and the employment dashboard show the 12 jobs; staff escalate it and print the meeting list.
  await login(page, DEMO.staff);
  expect(await banksBlocked(page)).toBeCloseTo(rankBefore + 12, 2);
  expect(await dashboardBlocked(page)).toBeCloseTo(dashBefore + 12, 2);
  await expectAccessible(page);
  await page.goto(obstacleUrl);
  await page.getByLabel("دلیل ارجاع").fill("شش ماه بی‌پاسخ؛ در جلسه کارگروه طرح شود");
  await page.getByRole("button", { name: "ارجاع به کارگروه" }).click();
  await expect(page.getByText("مانع به کارگروه ارجاع شد.")).toBeVisible();
  await page.goto("/agenda/meeting");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("فهرست موانع ارجاعی برای جلسه کارگروه");
  await expect(page.getByTestId("meeting-list")).toContainText("شش ماه بی‌پاسخ؛ در جلسه کارگروه طرح شود");
  await expectAccessible(page);
  // The English interface shows the same ranking left to right.
  await page.goto("/agenda");
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Employment working group: agencies and obstacles");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await logout(page);

  // The officer resolves it with what was done; the blocked jobs drop back.
  await login(page, BANK);
  await page.goto(obstacleUrl);
  await page.getByRole("button", { name: "رفع شد" }).click();
  await expect(page.getByText("بنویسید چه کاری برای رفع مانع انجام شد.")).toBeVisible();
  await page.getByLabel(/^یادداشت/).fill("وام با ضمانت صندوق پرداخت شد");
  await page.getByRole("button", { name: "رفع شد" }).click();
  await expect(page.getByText("مانع رفع شد؛ از صاحب پرونده خواسته شد ارقام اشتغال را به‌روز کند.")).toBeVisible();
  await expect(page.getByTestId("obstacle-history")).toContainText("وام با ضمانت صندوق پرداخت شد");
  await logout(page);
  await login(page, DEMO.staff);
  expect(await dashboardBlocked(page)).toBeCloseTo(dashBefore, 2);
});

// Micro and home businesses (issue 16), in Persian: an entrepreneur registers a home business (a
// future permit date is refused on its field, what was typed stays), a second registration of the
// same activity is refused with a link to the first, staff filter the registry by county, and the
// public summary shows it in Persian and in English (left to right). Axe on every page visited.
import { expect, test } from "@playwright/test";
import { currentJalaliYear } from "../../app/i18n/format";
import { nationalIdFor } from "../factories";
import { DEMO, expectAccessible, login, logout } from "./helpers";

const YEAR = currentJalaliYear();
const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const NID = nationalIdFor(424_242);
const NAME = "خیاطی خانگی آزمون";

test("register a home business, refuse a duplicate, filter, public summary", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, DEMO.entrepreneur);
  await expect(page.getByTestId("micro-home")).toContainText("آشپزخانه خانگی نمونه (نمایشی)");
  await page.goto("/micro-businesses");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("کسب‌وکارهای من");
  await expectAccessible(page);
  await page.getByRole("link", { name: "ثبت کسب‌وکار" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ثبت کسب‌وکار خرد یا خانگی");
  await expectAccessible(page);

  const fill = async () => {
    await page.getByLabel("نام و نام خانوادگی مالک").fill("سمیه رضایی");
    await page.getByLabel("کد ملی مالک").fill(fa(NID));
    await page.getByLabel("جنسیت مالک").selectOption("female");
    await page.getByLabel("نام کسب‌وکار").fill(NAME);
    await page.getByLabel("فعالیت (بخش ISIC)").selectOption("C");
    await page.getByLabel("کد چهاررقمی ISIC").fill("۱۴۱۰");
    await page.getByLabel("شرح فعالیت").fill("دوخت لباس زنانه و بچگانه");
    await page.getByLabel("شهرستان").selectOption("tabriz");
    await page.getByLabel("محل").selectOption("urban");
    await page.getByLabel("نشانی").fill("تبریز، خیابان امام");
    await page.getByLabel("تاریخ شروع فعالیت").fill(`${fa(YEAR)}/۰۱/۰۱`);
    await page.getByLabel("فروش اینترنتی").check();
    await page.getByLabel("وضعیت مجوز").selectOption("issued");
    await page.getByLabel("شماره مجوز").fill("HB-E2E-1");
    await page.getByLabel("تاریخ صدور مجوز").fill(`${fa(YEAR + 1)}/۰۱/۰۱`);
    await page.getByLabel("تاریخ پایان اعتبار مجوز").fill(`${fa(YEAR + 2)}/۰۱/۰۱`);
    await page.getByLabel("اعضای خانواده، پاره‌وقت (نفر)").fill("۲");
    await page.getByLabel("از این افراد (با مالک)، چند نفر زن‌اند؟").fill("۳");
  };
  await fill();
  await page.getByRole("button", { name: "ثبت کسب‌وکار" }).click();
  await expect(page.getByText("تاریخ صدور مجوز نمی‌تواند در آینده باشد.")).toBeVisible();
  await expect(page.getByLabel("نام کسب‌وکار")).toHaveValue(NAME);
  await expect(page.getByLabel("فروش اینترنتی")).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel("تاریخ صدور مجوز").fill(`${fa(YEAR)}/۰۱/۰۱`);
  await page.getByRole("button", { name: "ثبت کسب‌وکار" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  await expect(page.getByText("کسب‌وکار ثبت شد و اشتغال آن به سامانه اشتغال گزارش شد.")).toBeVisible();
  await expect(page.getByTestId("permit-status")).toHaveText("صادر شده");
  await expect(page.getByTestId("micro-jobs")).toContainText("معادل ۲ شغل تمام‌وقت");
  await expect(page.getByTestId("micro-updates")).toContainText("گزارش شد");
  await expectAccessible(page);
  const url = new URL(page.url()).pathname;

  // The same owner and activity again: a message with a link to the first record, nothing written.
  await page.goto("/micro-businesses/new");
  await fill();
  await page.getByLabel("شماره مجوز").fill("HB-E2E-2");
  await page.getByLabel("تاریخ صدور مجوز").fill(`${fa(YEAR)}/۰۱/۰۱`);
  await page.getByRole("button", { name: "ثبت کسب‌وکار" }).click();
  await expect(page.getByText("این مالک این فعالیت را قبلاً ثبت کرده است.").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("duplicate-link").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await logout(page);

  // Staff: the registry filtered by county (in the URL), with the new business.
  await login(page, DEMO.staff);
  await page.goto("/micro-businesses");
  await page.getByLabel("شهرستان").selectOption("tabriz");
  await page.getByLabel("مالک زن").check();
  await page.getByRole("button", { name: "جستجو" }).click();
  await expect(page).toHaveURL(/county=tabriz/);
  await expect(page.getByTestId("micro-list")).toContainText(NAME);
  await expect(page.getByTestId("micro-list")).not.toContainText("قالی‌بافی روستایی (نمایشی)"); // Heris
  await expectAccessible(page);
  await logout(page);

  // Public summary (no login), Persian then English.
  await page.goto("/micro-businesses/summary");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("آمار کسب‌وکارهای خرد و خانگی استان");
  await expect(page.getByTestId("micro-summary-county")).toContainText("تبریز");
  await expect(page.getByTestId("micro-summary-totals")).not.toContainText(NAME);
  await expectAccessible(page);
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Micro and home businesses of the province");
  await expect(page.getByTestId("micro-summary-activity")).toContainText("Manufacturing");
  await expectAccessible(page);
  const json = await (await page.request.get("/micro-businesses/summary.json")).json();
  expect(json.totals.businesses).toBeGreaterThanOrEqual(6);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

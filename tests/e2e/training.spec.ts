// Skills training (issue 16), in Persian: a training manager opens a sewing course for 20 with
// priority to low-income deciles (an end before the start is refused on its field, what was typed
// stays); 22 people enrol and 2 wait; one withdraws and the first waiting takes the place; a pass is
// recorded; the completer's home business (registered with a permit application) links to her
// enrolment and reports its jobs to the ledger; the 3-month check records her as self-employed; the
// course's outcome page shows the employment rate, in Persian and in English (left to right).
// Axe on every page visited.
import { expect, test, type Page } from "@playwright/test";
import { currentJalaliYear } from "../../app/i18n/format";
import { nationalIdFor } from "../factories";
import { DEMO, expectAccessible, login, logout } from "./helpers";

const YEAR = currentJalaliYear();
const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const TITLE = "دوخت لباس زنانه آزمون";
const MARYAM = "مریم کریمی";
const MARYAM_NID = nationalIdFor(616_161);
const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });

test("a sewing course for 20: waiting list, withdrawal, pass, home business, 3-month check, outcomes", async ({ page }) => {
  test.setTimeout(480_000);
  await login(page, DEMO.training_manager);
  await page.goto("/training");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("دوره‌های آموزشگاه من");
  await expectAccessible(page);
  await page.getByRole("link", { name: "دوره جدید" }).click();
  await label(page, "عنوان دوره").fill(TITLE);
  await label(page, "شغل (طبقه‌بندی ISCO)").selectOption("75");
  await label(page, "مدت (ساعت)").fill("۲۴۰");
  await label(page, "شیوه برگزاری").selectOption("in_person");
  await label(page, "شهرستان").selectOption("tabriz");
  await label(page, "تاریخ شروع").fill(`${fa(YEAR + 1)}/۰۲/۰۱`);
  await label(page, "تاریخ پایان").fill(`${fa(YEAR + 1)}/۰۱/۰۱`);
  await label(page, "ظرفیت (نفر)").fill("۲۰");
  await page.getByLabel("دهک‌های پایین درآمدی").check();
  await page.getByRole("button", { name: "ثبت دوره" }).click();
  await expect(page.getByText("تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد.")).toBeVisible();
  await expect(label(page, "عنوان دوره")).toHaveValue(TITLE);
  await expect(page.getByLabel("دهک‌های پایین درآمدی")).toBeChecked();
  await expectAccessible(page);
  await label(page, "تاریخ پایان").fill(`${fa(YEAR + 1)}/۰۵/۰۱`);
  await page.getByRole("button", { name: "ثبت دوره" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByRole("button", { name: "شروع ثبت‌نام" })).toBeVisible();
  await page.getByRole("button", { name: "شروع ثبت‌نام" }).click();
  await expect(page.getByTestId("course-status")).toContainText("در حال ثبت‌نام");
  const courseUrl = new URL(page.url()).pathname;

  // 22 people enrol: 20 take the places, 2 wait in arrival order.
  for (let i = 1; i <= 22; i++) {
    const name = i === 1 ? MARYAM : `متقاضی ${fa(i)}`;
    await label(page, "نام و نام خانوادگی").fill(name);
    await label(page, "کد ملی").fill(i === 1 ? MARYAM_NID : nationalIdFor(616_200 + i));
    await label(page, "جنسیت").selectOption("female");
    if (i % 2 === 1) await page.getByLabel("گروه اولویت‌دار").selectOption("low-income-deciles");
    await page.getByRole("button", { name: "ثبت‌نام", exact: true }).click();
    await expect(page.getByText(i <= 20 ? "ثبت‌نام انجام شد و متقاضی پذیرفته شد." : "ظرفیت پر است؛ متقاضی در فهرست انتظار قرار گرفت.")).toBeVisible();
  }
  await expect(page.getByTestId("accepted-list").locator("tbody tr")).toHaveCount(20);
  await expect(page.getByTestId("waiting-list").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("waiting-list").locator("tbody tr").first()).toContainText(`متقاضی ${fa(21)}`);
  await expectAccessible(page);

  // One withdraws; the first waiting takes the place.
  await page.getByTestId("accepted-list").getByRole("link", { name: `متقاضی ${fa(2)}`, exact: true }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "انصراف از دوره" }).click();
  await expect(page.getByText("انصراف ثبت شد.")).toBeVisible();
  await expect(page.getByTestId("accepted-list")).toContainText(`متقاضی ${fa(21)}`);
  await expect(page.getByTestId("accepted-list").locator("tbody tr")).toHaveCount(20);
  await expect(page.getByTestId("waiting-list").locator("tbody tr")).toHaveCount(1);

  // The course runs; Maryam passes.
  await page.getByRole("button", { name: "شروع دوره" }).click();
  await expect(page.getByTestId("course-status")).toContainText("در حال برگزاری");
  await page.getByTestId("accepted-list").getByRole("link", { name: MARYAM }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MARYAM);
  const enrolmentUrl = new URL(page.url()).pathname;
  await page.getByLabel("درصد حضور").fill("۱۲۰");
  await page.getByRole("button", { name: "ثبت حضور" }).click();
  await expect(page.getByText("حضور نمی‌تواند بیش از ۱۰۰ درصد باشد.")).toBeVisible();
  await page.getByLabel("درصد حضور").fill("۹۵");
  await page.getByRole("button", { name: "ثبت حضور" }).click();
  await expect(page.getByText("حضور ثبت شد.")).toBeVisible();
  await label(page, "نتیجه").selectOption("passed");
  await page.getByLabel("شماره گواهینامه").fill("TVTO-E2E-0001");
  await page.getByRole("button", { name: "ثبت نتیجه" }).click();
  await expect(page.getByText("نتیجه ثبت شد.")).toBeVisible();
  await expect(page.getByTestId("check-3")).toBeVisible();
  await expectAccessible(page);

  // The rest of the class on the results sheet; a pass without a certificate number is refused on its row
  // with everything chosen kept; then the course finishes.
  await page.goto(courseUrl);
  await page.getByRole("link", { name: "ثبت نتایج همه" }).click();
  const sheet = page.getByTestId("results-sheet");
  const results = sheet.getByRole("combobox");
  await expect(results).toHaveCount(20);
  await expect(sheet.getByLabel(`نتیجه: ${MARYAM}`)).toHaveValue("passed");
  const count = await results.count();
  for (let i = 0; i < count; i++) {
    if ((await results.nth(i).inputValue()) === "") await results.nth(i).selectOption(i % 4 === 0 ? "dropped" : "failed");
  }
  const second = sheet.locator("tbody tr").nth(1);
  await second.getByRole("combobox").selectOption("passed");
  await page.getByRole("button", { name: "ذخیره نتایج" }).click();
  await expect(second.getByRole("alert")).toHaveText("برای قبولی، شماره گواهینامه را وارد کنید.");
  await expect(second.getByRole("combobox")).toHaveValue("passed");
  await expect(results.nth(count - 1)).not.toHaveValue("");
  await expectAccessible(page);
  await second.getByRole("textbox").fill("TVTO-E2E-0002");
  await page.getByRole("button", { name: "ذخیره نتایج" }).click();
  await expect(page.getByText("نتایج ذخیره شد.")).toBeVisible();
  await page.getByRole("button", { name: "پایان دوره" }).click();
  await expect(page.getByTestId("course-status")).toContainText("پایان‌یافته");
  await logout(page);

  // She registers a home sewing business with a permit application (staff register it for her).
  await login(page, DEMO.staff);
  await page.goto("/micro-businesses/new");
  await page.getByLabel("نام و نام خانوادگی مالک").fill(MARYAM);
  await page.getByLabel("کد ملی مالک").fill(MARYAM_NID);
  await page.getByLabel("جنسیت مالک").selectOption("female");
  await page.getByLabel("نام کسب‌وکار").fill("خیاطی خانگی مریم");
  await page.getByLabel("فعالیت (بخش ISIC)").selectOption("C");
  await page.getByLabel("کد چهاررقمی ISIC").fill("۱۴۱۰");
  await page.getByLabel("شرح فعالیت").fill("دوخت لباس زنانه");
  await page.getByLabel("شهرستان").selectOption("tabriz");
  await page.getByLabel("محل").selectOption("urban");
  await page.getByLabel("نشانی").fill("تبریز");
  await page.getByLabel("تاریخ شروع فعالیت").fill(`${fa(YEAR)}/۰۱/۰۱`);
  await page.getByLabel("وضعیت مجوز").selectOption("applied");
  await page.getByLabel("تاریخ درخواست مجوز").fill(`${fa(YEAR)}/۰۱/۰۲`);
  await page.getByRole("button", { name: "ثبت کسب‌وکار" }).click();
  await expect(page.getByText("کسب‌وکار ثبت شد و اشتغال آن به سامانه اشتغال گزارش شد.")).toBeVisible();
  await expect(page.getByTestId("micro-updates")).toContainText("گزارش شد");
  await logout(page);

  // The 3-month check records her as self-employed; the outcome page shows the rate.
  await login(page, DEMO.training_manager);
  await page.goto(enrolmentUrl);
  await expect(page.getByRole("link", { name: "کسب‌وکار ثبت‌شده پس از دوره" })).toBeVisible();
  const three = page.getByTestId("check-3");
  await three.getByLabel("وضعیت اشتغال", { exact: true }).selectOption("self_employed");
  await three.getByLabel("روش پیگیری", { exact: true }).selectOption("phone");
  await three.getByRole("button", { name: "ثبت پیگیری" }).click();
  await expect(page.getByText("پیگیری اشتغال ثبت شد.")).toBeVisible();
  await expect(page.getByTestId("check-3-outcome")).toContainText("خوداشتغال");
  await expectAccessible(page);
  await page.goto(`${courseUrl}/outcomes`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`نتایج دوره ${TITLE}`);
  await expect(page.getByTestId("employment-3")).toContainText("۱۰۰");
  await expectAccessible(page);
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Outcomes of ${TITLE}`);
  await expect(page.getByTestId("employment-3")).toContainText("100");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

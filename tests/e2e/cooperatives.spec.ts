// Cooperatives (issue 12), in Persian: an entrepreneur applies with seven members (a wrong national
// ID first, a row added and removed without JavaScript), six members confirm from their own accounts
// and one declines, the applicant replaces that member, the last confirmation sends it to staff,
// staff ask for a revision, the applicant resends, staff approve with a registration number and
// activate; the cooperative is in the public directory (Persian, then English left to right) and its
// jobs are in the employment ledger. Axe on every page visited.
import { expect, test, type Page } from "@playwright/test";
import { currentJalaliYear } from "../../app/i18n/format";
import { COOP_MEMBERS } from "../../db/seeds/demo/cooperatives";
import { DEMO, expectAccessible, login, logout } from "./helpers";

const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const NAME = "تعاونی کفاشان آزمون";
const ROLES = ["board", "board", "board", "inspector", "founder", "founder", "founder"];

async function fillRow(page: Page, i: number, m: { fullName: string; nationalId: string }, role: string) {
  const row = page.getByTestId(`member-row-${i}`);
  await row.getByLabel("نام و نام خانوادگی").fill(m.fullName);
  await row.getByLabel("کد ملی").fill(fa(m.nationalId));
  await row.getByLabel("سهم از سرمایه (ریال)").fill("۲۰٬۰۰۰٬۰۰۰");
  await row.getByLabel("سمت").selectOption(role);
}

async function openMine(page: Page) {
  await page.goto("/cooperatives/mine");
  await page.getByRole("link", { name: NAME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
}

async function answer(page: Page, email: string, decline?: string) {
  await login(page, email);
  await openMine(page);
  await page.getByRole("link", { name: "پاسخ به دعوت" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  if (decline) {
    await page.getByLabel("دلیل انصراف").fill(decline);
    await page.getByRole("button", { name: "انصراف از عضویت" }).click();
    await expect(page.getByTestId("join-status")).toHaveText("انصراف داده");
  } else {
    await page.getByRole("button", { name: "تأیید عضویت" }).click();
    await expect(page.getByTestId("join-status")).toHaveText("تأیید کرده");
  }
  await logout(page);
}

test("form a cooperative with its members, review, approve, directory and ledger", async ({ page }) => {
  test.setTimeout(900_000);
  await login(page, DEMO.entrepreneur);
  await page.goto("/cooperatives/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("درخواست تشکیل تعاونی");
  await expectAccessible(page);
  await page.getByLabel("نام پیشنهادی اول").fill(NAME);
  await page.getByLabel("نوع تعاونی").selectOption("producer");
  await page.getByLabel("بخش اقتصادی").selectOption("C");
  await page.getByLabel("شهرستان").selectOption("tabriz");
  await page.getByLabel("موضوع فعالیت").fill("تولید کفش چرمی دست‌دوز");
  await page.getByLabel("نشانی").fill("تبریز، بازار کفاشان");
  await page.locator('input[name="capital"]').fill("۱۴۰٬۰۰۰٬۰۰۰");
  await page.getByLabel("اعضای شاغل در تعاونی").fill("۷");
  await page.getByLabel("کارکنان استخدامی").fill("۲");
  for (let i = 0; i < 7; i++) await fillRow(page, i, COOP_MEMBERS[i], ROLES[i]);
  await page.getByTestId("member-row-2").getByLabel("کد ملی").fill("۱۲۳۴۵۶۷۸۹۰");
  // No-JS row buttons: one more row, then remove it; everything typed stays.
  await page.getByRole("button", { name: "افزودن ردیف عضو" }).click();
  await expect(page.getByTestId("member-row-7")).toBeVisible();
  await expect(page.getByTestId("member-row-6").getByLabel("نام و نام خانوادگی")).toHaveValue(COOP_MEMBERS[6].fullName);
  await page.getByRole("button", { name: "حذف ردیف ۸" }).click();
  await expect(page.getByTestId("member-row-7")).toHaveCount(0);
  await page.getByRole("button", { name: "ارسال برای تأیید اعضا" }).click();
  await expect(page.getByTestId("row-errors")).toContainText("ردیف ۳ (کد ملی): کد ملی معتبر نیست.");
  await expect(page.getByLabel("نام پیشنهادی اول")).toHaveValue(NAME);
  await expectAccessible(page);
  await page.getByTestId("member-row-2").getByLabel("کد ملی").fill(fa(COOP_MEMBERS[2].nationalId));
  await page.getByRole("button", { name: "ارسال برای تأیید اعضا" }).click();
  await expect(page.getByTestId("coop-status")).toHaveText("در انتظار تأیید اعضا");
  await expect(page.getByTestId("coop-members")).toContainText("/cooperatives/join/");
  await expectAccessible(page);
  await logout(page);

  // Six confirm, the seventh declines.
  for (let i = 0; i < 6; i++) await answer(page, COOP_MEMBERS[i].email);
  await answer(page, COOP_MEMBERS[6].email, "در شهر دیگری کار می‌کنم");

  // The applicant replaces the member who declined and sends again.
  await login(page, DEMO.entrepreneur);
  await openMine(page);
  await expect(page.getByTestId("coop-status")).toHaveText("پیش‌نویس");
  await expect(page.getByTestId("coop-members")).toContainText("در شهر دیگری کار می‌کنم");
  await expect(page.getByTestId("coop-confirmed")).toContainText("۶ از ۷");
  await page.getByRole("link", { name: "ویرایش و ارسال برای اعضا" }).click();
  await fillRow(page, 6, COOP_MEMBERS[7], "founder");
  await page.getByRole("button", { name: "ارسال برای تأیید اعضا" }).click();
  await expect(page.getByTestId("coop-status")).toHaveText("در انتظار تأیید اعضا");
  await logout(page);
  await answer(page, COOP_MEMBERS[7].email);

  // Staff: revision, then approval.
  await login(page, DEMO.staff);
  await page.goto("/cooperatives?status=submitted");
  await expectAccessible(page);
  await page.getByRole("link", { name: NAME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  await expect(page.getByTestId("coop-status")).toHaveText("ارسال‌شده به اداره کل");
  await page.getByRole("button", { name: "شروع بررسی" }).click();
  await page.getByTestId("action-request_revision").getByLabel("توضیح").fill("صورتجلسه مجمع مؤسسان را پیوست کنید.");
  await page.getByRole("button", { name: "درخواست اصلاح" }).click();
  await expect(page.getByTestId("coop-status")).toHaveText("نیازمند اصلاح");
  await logout(page);

  await login(page, DEMO.entrepreneur);
  await openMine(page);
  await expect(page.getByTestId("coop-timeline")).toContainText("صورتجلسه مجمع مؤسسان را پیوست کنید.");
  await page.getByRole("link", { name: "ویرایش و ارسال برای اعضا" }).click();
  await page.getByRole("button", { name: "ارسال برای تأیید اعضا" }).click();
  await expect(page.getByTestId("coop-status")).toHaveText("ارسال‌شده به اداره کل");
  await logout(page);

  await login(page, DEMO.staff);
  await page.goto(`/cooperatives?q=${encodeURIComponent("کفاشان")}`);
  await page.getByRole("link", { name: NAME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  await page.getByRole("button", { name: "شروع بررسی" }).click();
  const approve = page.getByTestId("action-approve");
  await approve.getByLabel("شماره ثبت").fill("E2E-5501");
  await approve.getByLabel("تاریخ ثبت").fill(`${fa(currentJalaliYear())}/۰۱/۰۱`);
  await approve.getByRole("button", { name: "تأیید و ثبت" }).click();
  await expect(page.getByTestId("coop-status")).toHaveText("تأییدشده و ثبت‌شده");
  await expect(page.getByTestId("coop-regno")).toHaveText(fa("E2E-5501"));
  await page.getByRole("button", { name: "اعلام شروع فعالیت" }).click();
  await expect(page.getByTestId("coop-status")).toHaveText("فعال");
  await expectAccessible(page);
  await page.getByRole("link", { name: "مشاهده در سامانه اشتغال" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  await expect(page.locator("main")).toContainText("۹");
  await logout(page);

  // The public directory, in Persian then in English (left to right).
  await page.goto("/cooperatives/directory");
  await expect(page.getByTestId("coop-directory")).toContainText(NAME);
  await expect(page.getByTestId("coop-directory")).not.toContainText(COOP_MEMBERS[0].fullName);
  await expectAccessible(page);
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Active cooperatives");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

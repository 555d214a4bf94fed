// Cooperatives (issue 12), in Persian: staff accept the demo entrepreneur's idea with path "cooperative";
// the entrepreneur opens the accepted idea and follows its link to the application, prefilled from the
// idea (no id typed), and applies with seven members (a wrong national ID first, a row added and removed
// without JavaScript), six members confirm from their own accounts and one declines, the applicant
// replaces that member, the last confirmation sends it to staff, staff ask for a revision, the applicant
// resends, staff approve with a registration number and activate; the cooperative is in the public
// directory (Persian, then English left to right) and its jobs are in the employment ledger. Axe on
// every page visited.
import { expect, test, type Page } from "@playwright/test";
import { todayTehran } from "../../app/i18n/clock";
import { currentJalaliYear, toJalaliInput } from "../../app/i18n/format";
import { COOP_IDEA_TITLE, COOP_MEMBERS, demoNationalId } from "../../db/seeds/demo/cooperatives";
import { DEMO, expectAccessible, login, logout } from "./helpers";

const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const NAME = COOP_IDEA_TITLE; // the first proposed name comes from the idea
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
  // Staff accept the demo entrepreneur's idea (both reviews are in) for cooperative formation.
  await login(page, DEMO.staff);
  await page.goto(`/staff/ideas?q=${encodeURIComponent("کفاشان")}`);
  await page.getByRole("link", { name: COOP_IDEA_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COOP_IDEA_TITLE);
  await expect(page.getByTestId("reviewer-count")).toContainText("۲ از ۲");
  await page.getByLabel("یادداشت یا دلیل").fill("هفت استادکار با کارگاه مشترک؛ مسیر تعاونی.");
  await page.getByLabel("مسیر").selectOption("cooperative");
  await expectAccessible(page);
  await page.getByRole("button", { name: "پذیرش" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("پذیرفته‌شده");
  await logout(page);

  // The entrepreneur opens the accepted idea from "my ideas" and follows it to the application.
  await login(page, DEMO.entrepreneur);
  await page.goto("/ideas");
  await page.getByRole("link", { name: COOP_IDEA_TITLE }).click();
  await expect(page.getByTestId("accepted-path")).toContainText("تشکیل تعاونی");
  await expectAccessible(page);
  await page.getByTestId("next-step").filter({ hasText: "شروع درخواست تعاونی" }).click();
  await expect(page).toHaveURL(/\/cooperatives\/new\?idea=\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("درخواست تشکیل تعاونی");
  // Prefilled from the idea: name, activity, sector, county and the expected jobs.
  await expect(page.getByLabel("نام پیشنهادی اول")).toHaveValue(NAME);
  await expect(page.getByLabel("موضوع فعالیت")).toHaveValue(/کفاشان دست‌دوز/);
  await expect(page.getByLabel("بخش اقتصادی")).toHaveValue("C");
  await expect(page.getByLabel("شهرستان")).toHaveValue("tabriz");
  await expect(page.getByLabel("اعضای شاغل در تعاونی")).toHaveValue(/^[7۷]$/);
  await expectAccessible(page);
  await page.getByLabel("نوع تعاونی").selectOption("producer");
  await page.getByLabel("نشانی").fill("تبریز، بازار کفاشان");
  await page.locator('input[name="capital"]').fill("۱۴۰٬۰۰۰٬۰۰۰");
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

// After registration (decision 0038), on the demo's active cooperative (eight members of 20,000,000
// rials: three board members, one inspector, founders): a member joins (an ID already in the
// cooperative refused first), a share is transferred (more than the giver holds refused first), a
// member leaves (the only inspector refused first), and the board files this year's update, which
// goes to the employment ledger. Every refusal keeps what was typed; axe on each state; English too.
test("membership changes after registration and the board's yearly update", async ({ page }) => {
  test.setTimeout(300_000);
  const COOP = "تعاونی فرش دستباف هریس (نمایشی)";
  const member = (n: number) => `عضو ${fa(n)} ${COOP}`;
  const today = toJalaliInput(todayTehran(), "fa");
  const pick = async (form: ReturnType<Page["getByTestId"]>, label: string, name: string) => {
    const value = await form.getByLabel(label).locator("option", { hasText: `${name} (` }).getAttribute("value");
    await form.getByLabel(label).selectOption(value!);
  };
  const saved = async () => expect(page.getByText("تغییر عضویت ثبت شد.")).toBeVisible();

  await login(page, DEMO.entrepreneur);
  await page.goto("/cooperatives/mine");
  await page.getByRole("link", { name: COOP }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(COOP);
  await expect(page.getByTestId("coop-status")).toHaveText("فعال");
  await expectAccessible(page);

  // A member joins: an ID already in the cooperative first, then a new one.
  const join = page.getByTestId("form-member_join");
  await join.getByLabel("نام و نام خانوادگی").fill("عضو تازه آزمون");
  await join.getByLabel("کد ملی").fill(fa(demoNationalId(2000)));
  await join.getByLabel("سهم از سرمایه (ریال)").fill("۲۰٬۰۰۰٬۰۰۰");
  await join.getByLabel("تاریخ اجرا").fill(today);
  await join.getByRole("button", { name: "ثبت عضو تازه" }).click();
  await expect(join).toContainText("این کد ملی متعلق به یکی از اعضای کنونی است.");
  await expect(join.getByLabel("نام و نام خانوادگی")).toHaveValue("عضو تازه آزمون");
  await expectAccessible(page);
  await join.getByLabel("کد ملی").fill(fa(demoNationalId(9001)));
  await join.getByRole("button", { name: "ثبت عضو تازه" }).click();
  await saved();
  await expect(page.getByTestId("coop-changes")).toContainText("عضو تازه آزمون");
  await expect(page.getByTestId("coop-members")).toContainText("عضو تازه آزمون");

  // A share moves from member 1 to member 2: more than member 1 holds first.
  const transfer = page.getByTestId("form-member_transfer");
  await pick(transfer, "از عضو", member(1));
  await pick(transfer, "به عضو", member(2));
  await transfer.getByLabel("مبلغ سهم (ریال)").fill("۳۰٬۰۰۰٬۰۰۰");
  await transfer.getByLabel("تاریخ اجرا").fill(today);
  await transfer.getByRole("button", { name: "ثبت انتقال" }).click();
  await expect(transfer).toContainText("مبلغ انتقال از سهم این عضو بیشتر است.");
  await expect(transfer.getByLabel("مبلغ سهم (ریال)")).toHaveValue("۳۰٬۰۰۰٬۰۰۰");
  await expectAccessible(page);
  await transfer.getByLabel("مبلغ سهم (ریال)").fill("۱۰٬۰۰۰٬۰۰۰");
  await transfer.getByRole("button", { name: "ثبت انتقال" }).click();
  await saved();
  await expect(page.getByTestId("coop-changes")).toContainText(`از ${member(1)} به ${member(2)}`);

  // A member leaves: the only inspector is refused (the rules need one), a founder may go.
  const leave = page.getByTestId("form-member_leave");
  await pick(leave, "عضو", member(4));
  await leave.getByLabel("تاریخ اجرا").fill(today);
  await leave.getByRole("button", { name: "ثبت خروج" }).click();
  await expect(leave).toContainText("پس از این تغییر، شمار بازرسان از حداقل ضوابط کمتر می‌شود.");
  await expectAccessible(page);
  await pick(leave, "عضو", member(7));
  await leave.getByRole("button", { name: "ثبت خروج" }).click();
  await saved();
  await expect(page.getByTestId("coop-changes")).toContainText("خروج");
  await expect(page.getByTestId("coop-members")).not.toContainText(member(7));

  // The board's yearly update goes to the employment ledger.
  const yearly = page.getByTestId("form-yearly");
  await yearly.getByLabel("اعضای شاغل در تعاونی").fill("۸");
  await yearly.getByLabel("کارکنان استخدامی").fill("۳");
  await yearly.getByRole("button", { name: "ثبت گزارش امسال" }).click();
  await expect(page.getByText("گزارش سالانه ثبت شد و اشتغال آن به دفتر اشتغال رفت.")).toBeVisible();
  await expect(page.getByTestId("coop-yearly")).toContainText(fa(currentJalaliYear()));
  await expect(page.getByTestId("coop-yearly")).toContainText("گزارش شد (در انتظار تأیید)");
  await expectAccessible(page);

  // The same page in English, left to right.
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { name: "Membership changes" })).toBeVisible();
  await expect(page.getByTestId("coop-yearly")).toContainText(String(currentJalaliYear()));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

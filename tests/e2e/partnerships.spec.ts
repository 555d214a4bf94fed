// Knowledge-based companies and industries (issue 13), in Persian, through the pages only: the demo
// industry rep posts a quality challenge with a target figure, sees companies ranked with the
// reasons and invites two; the demo company rep finds it among "challenges that fit you" and sends
// a proposal (one more milestone row added without JavaScript's help); the industry shortlists and
// awards it; the partnership is negotiated, signed with the contract, started; a milestone is
// delivered and accepted; the result is measured and the partnership completed with jobs; the jobs
// are in the ledger's queue; the result is on the public showcase. Then the same pages in English.
//   npx remix build && E2E_PORT=3224 npx playwright test tests/e2e/partnerships.spec.ts
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, login, logout } from "./helpers";
import { samplePdf } from "../factories/files";
import { addDays, todayTehran } from "../../app/i18n/clock";
import { toJalaliInput } from "../../app/i18n/format";

const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const jalali = (days: number) => fa(toJalaliInput(addDays(todayTehran(), days)));
const TITLE = "کاهش ضایعات خط پرس‌کاری";
const COMPANY = "شرکت دانش‌بنیان نمونه (نمایشی)";
const ROBOTICS = "شرکت رباتیک ارس (نمایشی)";
const MILESTONE = "نصب دوربین‌های بازرسی";

test.describe.configure({ mode: "serial" });
test.use({ actionTimeout: 20_000, navigationTimeout: 45_000 });

let page_: Page;
/** The title field of milestone row n ("مرحله ۱"; the week field is "هفته پایان مرحله ۱"). */
const row = (n: string) => page_.getByLabel(new RegExp(`^مرحله ${n}(?![۰-۹])`));

async function switchTo(page: Page, login: "industry" | "company" | "staff") {
  await logout(page);
  await loginAs(page, login);
}
async function loginAs(page: Page, who: "industry" | "company" | "staff") {
  await login(page, who === "industry" ? DEMO.industry_rep : who === "company" ? DEMO.company_rep : DEMO.staff);
}

test("a challenge becomes a partnership with a measured result and jobs, in Persian", async ({ page }) => {
  test.setTimeout(600_000);
  page_ = page;

  // 1. The industry posts a challenge (a reversed budget first: a field error, what was typed kept).
  await loginAs(page, "industry");
  await expect(page.getByTestId("home-challenges")).toBeVisible();
  await page.goto("/partnerships/challenges/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ثبت چالش تازه");
  await expectAccessible(page);
  await page.getByLabel("دسته", { exact: true }).selectOption("quality");
  await page.getByLabel("عنوان چالش").fill(TITLE);
  await page.getByLabel("شرح چالش").fill("ترک لبه قطعات پرس‌شده دیر دیده می‌شود و بازرسی چشمی کند است.");
  await page.getByLabel("وضع فعلی (ارقام)").fill("نرخ ضایعات ۶٪");
  await page.getByLabel("نتیجه مورد انتظار").fill("کاهش نرخ ضایعات از ۶٪ به ۲٪");
  await page.getByLabel("حداقل بودجه").fill("۲۰۰۰");
  await page.getByLabel("حداکثر بودجه").fill("۵۰۰");
  await page.getByLabel("مهلت ارسال پیشنهاد").fill(jalali(30));
  await page.getByLabel("چه کسانی ببینند").selectOption("verified");
  await page.getByLabel("اتوماسیون و رباتیک").check();
  await page.getByLabel("کنترل کیفیت، آزمون و اندازه‌گیری").check();
  await page.getByRole("button", { name: "ذخیره پیش‌نویس" }).click();
  await expect(page.getByText("حداکثر بودجه از حداقل کمتر است.")).toBeVisible();
  await expect(page.getByLabel("عنوان چالش")).toHaveValue(TITLE);
  await expect(page.getByLabel("کنترل کیفیت، آزمون و اندازه‌گیری")).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel("حداکثر بودجه").fill("۳۰۰۰");
  await page.getByRole("button", { name: "ذخیره پیش‌نویس" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByTestId("challenge-status")).toHaveText("پیش‌نویس");
  const challengeUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "انتشار" }).click();
  await expect(page.getByTestId("challenge-status")).toHaveText("باز");
  await expect(page.getByTestId("expected-result")).toHaveText("کاهش نرخ ضایعات از ۶٪ به ۲٪");
  await expectAccessible(page);

  // 2. Companies ranked with the reasons; the industry invites two.
  await page.getByRole("link", { name: "شرکت‌های مناسب" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expect(page.getByText("امتیاز تطبیق چگونه ساخته می‌شود؟")).toBeVisible();
  const demoRow = page.getByTestId("matches").locator("tr", { hasText: COMPANY });
  await expect(demoRow).toContainText("۲ از ۲ حوزه مشترک");
  await expect(demoRow).toContainText("هم‌شهرستان");
  await expect(demoRow).toContainText("گواهی تأییدشده");
  await expectAccessible(page);
  await page.getByRole("button", { name: `دعوت ${COMPANY}` }).click();
  await expect(page.getByText("شرکت دعوت شد.")).toBeVisible();
  await page.getByRole("button", { name: `دعوت ${ROBOTICS}` }).click();
  await expect(page.getByTestId("matches").locator("tr", { hasText: ROBOTICS }).getByTestId("invited-mark")).toBeVisible();
  await expect(demoRow.getByTestId("invited-mark")).toBeVisible();

  // 3. The company finds it among the challenges that fit it and proposes.
  await switchTo(page, "company");
  await page.goto("/partnerships/fit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("چالش‌های مناسب شما");
  const fitItem = page.getByTestId("fit").locator("li", { hasText: TITLE });
  await expect(fitItem).toContainText("دعوت‌شده");
  await expect(fitItem).toContainText("هم‌شهرستان");
  await expectAccessible(page);
  await fitItem.getByRole("link", { name: TITLE }).click();
  await expect(page.getByText("شرکت شما به این چالش دعوت شده است.")).toBeVisible();
  await page.getByRole("link", { name: "ارسال پیشنهاد" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expectAccessible(page);
  await page.getByLabel("رویکرد").fill("بازرسی تصویری لبه قطعات با دوربین صنعتی و یادگیری عمیق");
  await page.getByLabel("برنامه کار").fill("نصب دوربین، گردآوری تصاویر، آموزش مدل، اتصال به خط");
  await page.getByLabel("قیمت پیشنهادی").fill("۲۴۰۰");
  await page.getByLabel("مدت (هفته)").fill("۱۶");
  await page.getByLabel("تیم").fill("دو مهندس بینایی ماشین و یک کارشناس کیفیت");
  await row("۱").fill(MILESTONE);
  await page.getByLabel("هفته پایان مرحله ۱").fill("۴");
  await row("۲").fill("آموزش مدل");
  await page.getByLabel("هفته پایان مرحله ۲").fill("۲۰");
  await page.getByRole("button", { name: "افزودن ردیف" }).click();
  await expect(row("۴")).toBeVisible();
  await expect(row("۱")).toHaveValue(MILESTONE);
  await row("۴").fill("تحویل و آموزش اپراتورها");
  await page.getByLabel("هفته پایان مرحله ۴").fill("۱۶");
  await page.getByRole("button", { name: "ارسال پیشنهاد" }).click();
  await expect(page.getByText("هفته پایان یک مرحله بعد از مدت کل کار است.")).toBeVisible();
  await expect(page.getByLabel("رویکرد")).toHaveValue("بازرسی تصویری لبه قطعات با دوربین صنعتی و یادگیری عمیق");
  await expect(row("۴")).toHaveValue("تحویل و آموزش اپراتورها");
  await expectAccessible(page);
  await page.getByLabel("هفته پایان مرحله ۲").fill("۱۲");
  await page.getByRole("button", { name: "ارسال پیشنهاد" }).click();
  await expect(page.getByText("پیشنهاد فرستاده شد.")).toBeVisible();
  await expect(page.getByTestId("proposal-status")).toHaveText("ارسال‌شده");
  await expectAccessible(page);

  // 4. The industry reviews, shortlists and awards it.
  await switchTo(page, "industry");
  await page.goto(challengeUrl);
  await page.getByRole("button", { name: "آغاز بررسی پیشنهادها" }).click();
  await expect(page.getByTestId("challenge-status")).toHaveText("در حال بررسی پیشنهادها");
  await page.getByRole("link", { name: /پیشنهادها/ }).click();
  await expect(page.getByTestId("compare")).toContainText("بازرسی تصویری لبه قطعات");
  await expect(page.getByTestId("compare")).toContainText("حوزه مشترک");
  await expectAccessible(page);
  await page.getByRole("button", { name: `فهرست کوتاه ${COMPANY}` }).click();
  await expect(page.getByText("پیشنهاد به فهرست کوتاه رفت.")).toBeVisible();
  await page.getByLabel("پیام به شرکت‌های دیگر").fill("از همه شرکت‌ها سپاسگزاریم.");
  await page.getByRole("button", { name: `واگذاری به این شرکت ${COMPANY}` }).click();
  await expect(page.getByText("چالش واگذار شد و همکاری گشوده شد.")).toBeVisible();
  await expect(page.getByTestId("partnership-status")).toHaveText("پیشنهادشده");
  const partnershipUrl = new URL(page.url()).pathname;
  const partnershipId = partnershipUrl.split("/").pop()!;
  await expectAccessible(page);

  // 5. Negotiation: a milestone and a target metric (a metric without a baseline is refused), then the signed contract.
  await page.getByRole("button", { name: "آغاز مذاکره" }).click();
  await expect(page.getByTestId("partnership-status")).toHaveText("در حال مذاکره");
  await page.getByLabel("عنوان مرحله تازه").fill(MILESTONE);
  await page.getByLabel("موعد").fill(jalali(20));
  await page.getByRole("button", { name: "افزودن مرحله" }).click();
  await expect(page.getByTestId("milestones")).toContainText(MILESTONE);
  await page.getByLabel("شاخص", { exact: true }).selectOption("defect_rate");
  await page.getByLabel("عنوان شاخص").fill("نرخ ضایعات پرس");
  await page.getByLabel("هدف", { exact: true }).fill("۲");
  await page.getByRole("button", { name: "افزودن شاخص" }).click();
  await expect(page.getByText("این فیلد را پر کنید.")).toBeVisible();
  await expect(page.getByLabel("عنوان شاخص")).toHaveValue("نرخ ضایعات پرس");
  await page.getByLabel("مقدار پایه").fill("۶");
  await page.getByRole("button", { name: "افزودن شاخص" }).click();
  await expect(page.getByTestId("results")).toContainText("نرخ ضایعات پرس");
  await page.getByLabel("مبلغ قرارداد").fill("۲۳۰۰");
  await page.getByLabel("تاریخ آغاز").fill(jalali(0));
  await page.getByLabel("تاریخ پایان").fill(jalali(120));
  await page.getByLabel("قرارداد امضاشده").setInputFiles({ name: "قرارداد.pdf", mimeType: "application/pdf", buffer: samplePdf("contract") });
  await page.getByRole("button", { name: "ثبت قرارداد امضاشده" }).click();
  await expect(page.getByTestId("partnership-status")).toHaveText("امضاشده");
  await expect(page.getByRole("link", { name: "قرارداد.pdf" }).first()).toBeVisible();
  await page.getByRole("button", { name: "آغاز کار" }).click();
  await expect(page.getByTestId("partnership-status")).toHaveText("در جریان");
  await expectAccessible(page);

  // 6. The company delivers the milestone; the industry accepts it, measures and completes with jobs.
  await switchTo(page, "company");
  await page.goto(partnershipUrl);
  await page.getByRole("button", { name: `اعلام تحویل ${MILESTONE}` }).click();
  await expect(page.getByTestId("milestones")).toContainText("تحویل‌شده");
  await expectAccessible(page);
  await switchTo(page, "industry");
  await expect(page.getByTestId("home-to-accept")).toContainText(MILESTONE);
  await page.goto(partnershipUrl);
  await page.getByRole("button", { name: `پذیرش ${MILESTONE}` }).click();
  await expect(page.getByTestId("milestones")).toContainText("پذیرفته‌شده");
  await page.getByLabel("مقدار اندازه‌گیری‌شده نرخ ضایعات پرس").fill("۲٫۱");
  await page.getByLabel("مستند اندازه‌گیری").setInputFiles({ name: "گزارش کیفیت.pdf", mimeType: "application/pdf", buffer: samplePdf("qc") });
  await page.getByRole("button", { name: "ثبت اندازه‌گیری" }).click();
  await expect(page.getByText("اندازه‌گیری ثبت شد.")).toBeVisible();
  await expect(page.getByTestId("results")).toContainText("۹۷٫۵");
  const atCompany = page.getByRole("group", { name: `مشاغل ایجادشده در ${COMPANY}` });
  const atIndustry = page.getByRole("group", { name: "مشاغل ایجادشده در واحد صنعتی نمونه (نمایشی)" });
  await atCompany.getByLabel(/^تمام‌وقت/).fill("۲");
  await atIndustry.getByLabel(/^تمام‌وقت/).fill("۱");
  await atIndustry.getByLabel("پاره‌وقت").fill("۲");
  await page.getByLabel("واحد صنعتی موافق است").first().check();
  await page.getByRole("button", { name: "تکمیل همکاری" }).click();
  await expect(page.getByTestId("partnership-status")).toHaveText("تکمیل‌شده");
  await expect(page.getByTestId("jobs")).toContainText("گزارش‌شده، در انتظار تأیید");
  await expectAccessible(page);

  // 7. The jobs are reported employment in the ledger, linked back to the partnership.
  await switchTo(page, "staff");
  await page.goto("/employment/queue?programme=partnerships");
  const source = page.getByTestId("report-source").filter({ hasText: `#${fa(partnershipId)}` });
  await expect(source).toHaveCount(2);
  await expect(page.getByRole("link", { name: "واحد صنعتی نمونه (نمایشی)" }).first()).toBeVisible();
  await expectAccessible(page);
  await page.goto("/partnerships/overview");
  await expect(page.getByTestId("overview-partnerships")).toContainText("تکمیل‌شده");
  await expectAccessible(page);

  // 8. The public showcase shows the result.
  await logout(page);
  await page.goto("/partnerships/showcase");
  const shown = page.getByTestId("showcase").locator("tr", { hasText: TITLE });
  await expect(shown).toContainText("نرخ ضایعات پرس: از ۶ به ۲٫۱");
  await expect(shown).toContainText(COMPANY);
  await expectAccessible(page);

  // 9. The same pages in English, left to right.
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Company-industry partnership showcase");
  await expect(page.getByTestId("showcase").locator("tr", { hasText: TITLE })).toContainText("from 6 to 2.1");
  await expectAccessible(page);
  await login(page, DEMO.industry_rep);
  await page.goto(partnershipUrl);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("partnership-status")).toHaveText("Completed");
  await expect(page.getByRole("heading", { name: "Target metrics and measured results" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`${challengeUrl}/matches`);
  await expect(page.getByText("How is the match score built?")).toBeVisible();
  await expect(page.getByTestId("matches").locator("tr", { hasText: "Demo knowledge-based company" })).toContainText("same county");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

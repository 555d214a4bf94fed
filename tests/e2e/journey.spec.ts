import { expect, test, type Page } from "@playwright/test";
import { samplePdf } from "../factories/files";
import { DEMO, expectAccessible, loginByClick, logout, openFromMenu } from "./helpers";

// Issue 11's done-when: the whole path from sign-up to a verified job, in Persian, by clicking only.
// The browser opens the landing page once; every other page is reached through the menu, a link or a
// button, never a typed URL or id: sign-up → idea with an attachment → staff assign reviewers (from the
// menu) → two reviews → acceptance for acceleration (the case opens with it) → centre and mentor →
// diagnosis, milestones and sessions → graduation with jobs → the case's employment report → staff
// verify it → the staff dashboard and the public page count it. Every page is scanned by axe.

const stamp = String(Date.now() % 1_000_000).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const ENTREPRENEUR = { name: "سمیرا احمدی", email: `samira-${Date.now()}@example.com`, password: "journey-pass-1405" };
const TITLE = `کارگاه خشک‌کردن میوه مراغه ${stamp}`;
const ideasSection = "ایده‌ها و فراخوان‌ها";
const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[٬,]/g, "");
const numberIn = (s: string | null) => Number(toLatin(s ?? "").match(/\d+/)?.[0] ?? "NaN");
const formOf = (page: Page, intent: string) => page.locator(`form:has(input[name="intent"][value="${intent}"])`);

/** A mentor opens the idea from "my reviews" in the menu and scores it. */
async function review(page: Page, email: string, scores: string[]) {
  await loginByClick(page, email);
  await openFromMenu(page, ideasSection, "داوری‌های من");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  // Blind or not, the attachment marked "no names" is shown to the reviewer.
  await expect(page.getByRole("link", { name: /طرح-کسب‌وکار\.pdf/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "تعارض منافع ندارم" }).click();
  await expect(page.getByRole("status")).toContainText("عدم تعارض");
  const selects = page.locator('select[name^="score_"]');
  const n = await selects.count();
  for (let i = 0; i < n; i++) await selects.nth(i).selectOption(scores[i % scores.length]);
  await page.getByLabel("نظر برای متقاضی").fill("بازار خشکبار روشن است؛ برنامه فروش را دقیق‌تر کنید.");
  await page.getByLabel("توصیه").selectOption("accept");
  await expectAccessible(page);
  await page.getByRole("button", { name: "ثبت داوری" }).click();
  await expect(page.getByText("داوری شما ثبت شده است.")).toBeVisible();
  await logout(page);
}

/** Staff open the idea from the ideas queue in the menu (the newest first). */
async function openIdeaFromQueue(page: Page) {
  await openFromMenu(page, ideasSection, "صف ایده‌ها");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expectAccessible(page);
}

/** Opens the case from the cases list in the menu (newest first). */
async function openCaseFromMenu(page: Page) {
  await openFromMenu(page, "پرونده‌ها", "پرونده‌ها");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
}

async function verifiedOnDashboard(page: Page) {
  await openFromMenu(page, "اشتغال", "داشبورد کارشناسی");
  await expect(page.getByTestId("employment-verified")).toBeVisible();
  await expectAccessible(page);
  return numberIn(await page.getByTestId("employment-verified").textContent());
}

test("from sign-up to a verified job, by clicking only", async ({ page }) => {
  test.setTimeout(1_800_000); // many pages, each scanned by axe, on a shared machine

  // 1. A new entrepreneur signs up from the landing page (the only typed address).
  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("banner").getByRole("link", { name: "ثبت‌نام", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("نام و نام خانوادگی").fill(ENTREPRENEUR.name);
  await page.getByLabel("ایمیل").fill(ENTREPRENEUR.email);
  await page.getByLabel("گذرواژه", { exact: true }).fill(ENTREPRENEUR.password);
  await page.getByLabel("تکرار گذرواژه").fill(ENTREPRENEUR.password);
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await page.waitForURL(/\/home/);
  await expectAccessible(page);

  // 2. The idea, from the calls in the menu, with an attachment, then submitted.
  await openFromMenu(page, ideasSection, "فراخوان‌ها");
  await expectAccessible(page);
  await page.getByRole("link", { name: "فراخوان دائمی ایده‌های کارآفرینانه" }).click();
  await expect(page.getByRole("link", { name: "نوشتن ایده برای این فراخوان" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "نوشتن ایده برای این فراخوان" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("نوشتن ایده");
  await expectAccessible(page);
  await page.getByLabel("عنوان ایده").fill(TITLE);
  await page.getByLabel("خلاصه یک‌خطی").fill("خشک‌کردن سیب و زردآلوی باغ‌های مراغه با خشک‌کن خورشیدی");
  await page.getByLabel("مسئله").fill("میوه مازاد باغ‌ها در فصل برداشت دور ریخته می‌شود");
  await page.getByLabel("راه‌حل").fill("خشک‌کن خورشیدی و بسته‌بندی بهداشتی برای فروش برخط");
  await page.getByLabel("مشتریان و بازار").fill("فروشگاه‌های خشکبار تبریز و تهران");
  await page.getByLabel("بخش اقتصادی").selectOption("C");
  await page.getByLabel("شهرستان").selectOption("maragheh");
  await page.getByLabel("مرحله").selectOption("prototype");
  await page.getByLabel("اشتغال مستقیم پیش‌بینی‌شده (نفر)").fill("۵");
  await page.getByLabel("سرمایه مورد نیاز (ریال)").fill("۱۲۰۰۰۰۰۰۰۰");
  await page.getByLabel("اعضای تیم").fill("سمیرا احمدی - مدیر\nرضا نوری - تولید");
  await page.getByRole("button", { name: "ذخیره پیش‌نویس" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("پیش‌نویس");
  await expectAccessible(page);
  await page.getByLabel("افزودن پیوست").setInputFiles({ name: "طرح-کسب‌وکار.pdf", mimeType: "application/pdf", buffer: samplePdf("plan") });
  await page.getByLabel("این فایل هیچ نامی از متقاضی یا تیم ندارد").check();
  await page.getByRole("button", { name: "بارگذاری پیوست" }).click();
  await expect(page.getByTestId("attachments")).toContainText("طرح-کسب‌وکار.pdf");
  await expectAccessible(page);
  await page.getByRole("button", { name: "ارسال به فراخوان" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("ارسال‌شده");
  await logout(page);

  // 3. Staff open the idea from the queue in the menu, screen it and assign two reviewers.
  await loginByClick(page, DEMO.staff);
  await openIdeaFromQueue(page);
  await page.getByRole("button", { name: "شروع غربالگری" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("در غربالگری");
  await page.getByLabel("مربی شتاب‌دهنده (نمایشی)", { exact: false }).first().check();
  await page.getByLabel("مربی سوم شتاب‌دهنده (نمایشی)", { exact: false }).check();
  await page.getByRole("button", { name: "تعیین داوران انتخاب‌شده" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("در داوری");
  await expectAccessible(page);
  await logout(page);

  // 4. Both reviewers score it from "my reviews".
  await review(page, DEMO.mentor, ["4", "5"]);
  await review(page, "mentor3@demo.karafarini.ir", ["4"]);

  // 5. Staff accept it for acceleration: the case opens with the acceptance and the idea page links to it.
  await loginByClick(page, DEMO.staff);
  await openIdeaFromQueue(page);
  await expect(page.getByTestId("reviewer-count")).toContainText("۲ از ۲");
  await page.getByLabel("یادداشت یا دلیل").fill("بازار روشن و اشتغال روستایی؛ مناسب شتاب‌دهی.");
  await page.getByLabel("مسیر").selectOption("acceleration");
  await expectAccessible(page);
  await page.getByRole("button", { name: "پذیرش" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("پذیرفته‌شده");
  await page.getByTestId("next-step").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expect(page.getByTestId("case-idea")).toHaveText(TITLE);
  await expectAccessible(page);

  // 6. Staff assign the accelerator's mentor and start triage and diagnosis.
  await page.getByRole("link", { name: "تخصیص مرکز و مربی" }).click();
  await expect(page.getByTestId("mentor-loads")).toBeVisible();
  await expectAccessible(page);
  const mentor = await page.locator('select[name="leadMentorId"] option', { hasText: "مربی شتاب‌دهنده (نمایشی)" }).first().getAttribute("value");
  await page.locator('select[name="leadMentorId"]').selectOption(mentor!);
  await page.getByRole("button", { name: "ثبت تخصیص" }).click();
  await expect(page.getByRole("button", { name: "شروع غربالگری" })).toBeVisible();
  await page.getByRole("button", { name: "شروع غربالگری" }).click();
  await expect(page.getByRole("button", { name: "شروع عارضه‌یابی" })).toBeVisible();
  await page.getByRole("button", { name: "شروع عارضه‌یابی" }).click();
  await expect(page.getByTestId("timeline")).toContainText("عارضه‌یابی");
  await expectAccessible(page);
  await logout(page);

  // 7. The mentor finds the case in the menu: diagnosis, plan, milestones, sessions, then graduation with jobs.
  await loginByClick(page, DEMO.mentor);
  await openCaseFromMenu(page);
  const diag = formOf(page, "diagnosis");
  await diag.getByLabel("بازار و فروش").check();
  await diag.getByLabel("عارضه‌یابی").fill("کانال فروش برخط ندارد و بسته‌بندی استاندارد نیست.");
  await diag.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("عارضه‌یابی ذخیره شد.")).toBeVisible();
  await page.getByRole("button", { name: "تأیید عارضه‌یابی و تدوین برنامه" }).click();
  await expect(page.getByTestId("timeline")).toContainText("برنامه اقدام");
  for (const [title, due] of [["مجوز بهداشت", "۱۴۰۶/۰۲/۱۰"], ["نخستین فروش برخط", "۱۴۰۶/۰۴/۰۱"]]) {
    const f = formOf(page, "milestone");
    await f.getByLabel("عنوان گام").fill(title);
    await f.getByLabel("موعد").fill(due);
    await f.getByRole("button", { name: "افزودن گام" }).click();
    await expect(page.getByTestId("milestones")).toContainText(title);
  }
  await page.getByRole("button", { name: "شروع اجرا" }).click();
  await expect(page.getByTestId("timeline")).toContainText("در حال اجرا");
  for (const [minutes, topics] of [["۶۰", "مدل کسب‌وکار"], ["۴۵", "قیمت‌گذاری و بسته‌بندی"]]) {
    const f = formOf(page, "session");
    await f.getByLabel("مدت (دقیقه)").fill(minutes);
    await f.getByLabel("موضوعات").fill(topics);
    await f.getByRole("button", { name: "ثبت جلسه" }).click();
    await expect(page.getByText("جلسه ثبت شد.")).toBeVisible();
  }
  await expect(page.getByTestId("hours")).toContainText("۱٫۷۵");
  await expectAccessible(page);
  const out = formOf(page, "outcome");
  await out.getByLabel("تعداد کارکنان اکنون").fill("۶");
  await out.getByLabel("شغل ایجادشده").fill("۶");
  await out.getByLabel("شغل حفظ‌شده").fill("۰");
  await out.getByLabel("شماره ثبت").fill("۷۳۱۰۵");
  await out.getByRole("button", { name: "دانش‌آموختگی" }).click();
  await expect(page.getByTestId("timeline")).toContainText("دانش‌آموخته");
  await expect(page.getByTestId("outcome")).toContainText("۶");
  await expectAccessible(page);
  await logout(page);

  // 8. Staff go from the graduated case to its employment report, verify it, and back to the case.
  await loginByClick(page, DEMO.staff);
  const verifiedBefore = await verifiedOnDashboard(page);
  await openCaseFromMenu(page);
  await expect(page.getByTestId("outcome-report")).toContainText("گزارش‌شده");
  await expectAccessible(page);
  await page.getByTestId("outcome-report").click();
  await expect(page.getByTestId("employment.report.jobsCreated")).toHaveText("۶");
  await expectAccessible(page);
  const decide = formOf(page, "decide");
  await decide.getByLabel("یادداشت").fill("فهرست بیمه شش نفر بررسی شد.");
  await decide.getByRole("button", { name: "تأیید", exact: true }).click();
  await expect(page.getByText("تصمیم ثبت شد.")).toBeVisible();
  await expect(page.getByTestId("common.status")).toHaveText("تأییدشده");
  await expectAccessible(page);
  await page.getByTestId("report-source").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expect(page.getByTestId("outcome-report")).toContainText("تأییدشده");

  // 9. The staff dashboard counts the six jobs at once, and so does the public page.
  expect(await verifiedOnDashboard(page)).toBe(verifiedBefore + 6);
  await logout(page);
  await openFromMenu(page, "اشتغال", "داشبورد اشتغال");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("اشتغال ایجادشده در استان");
  expect(numberIn(await page.getByTestId("employment-verified").textContent())).toBe(verifiedBefore + 6);
  await expectAccessible(page);
});

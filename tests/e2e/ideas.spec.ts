import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, login, logout, smallTouchTargets } from "./helpers";

// Issue 4's journey, in Persian: an entrepreneur drafts and submits an idea to the standing call;
// staff screen it and assign two mentors; one recuses and staff assign a third; two score it;
// staff accept it for acceleration; the entrepreneur sees the timeline and the notifications.

const ENTREPRENEUR = { name: "نرگس رضایی", email: `narges-${Date.now()}@example.com`, password: "idea-pass-1405" };
const TITLE = "گلخانه هوشمند کم‌آب";

async function loginAs(page: Page, email: string, password?: string) {
  await login(page, email, password);
}

async function openIdeaAsStaff(page: Page) {
  await page.goto("/staff/ideas?q=" + encodeURIComponent("گلخانه"));
  await expectAccessible(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
}

async function reviewFromList(page: Page) {
  await page.goto("/reviews");
  await expectAccessible(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expectAccessible(page);
}

async function score(page: Page, values: string[]) {
  await page.getByRole("button", { name: "تعارض منافع ندارم" }).click();
  await expect(page.getByRole("status")).toContainText("عدم تعارض");
  const selects = page.locator('select[name^="score_"]');
  const n = await selects.count();
  for (let i = 0; i < n; i++) await selects.nth(i).selectOption(values[i % values.length]);
  await page.getByLabel("نظر برای متقاضی").fill("ایده روشن و بازار مشخص است.");
  await page.getByLabel("یادداشت محرمانه برای کارشناسان").fill("یادداشت داخلی داور");
  await page.getByLabel("توصیه").selectOption("accept");
  await expectAccessible(page);
  await page.getByRole("button", { name: "ثبت داوری" }).click();
  await expect(page.getByText("داوری شما ثبت شده است.")).toBeVisible();
}

// Decision 0057: the queue's filters are the shared list filters; the reviewer filter offers only the people
// who hold a review (a mentor without one would only filter to an empty list), and works without JavaScript.
test("staff filter the queue by reviewer without JavaScript; the next page and the CSV keep the filters", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await login(page, DEMO.staff);
  await page.goto("/staff/ideas");
  const form = page.getByRole("search", { name: "جستجوی ایده‌ها" });
  const offered = await form.getByTestId("reviewer-filter").locator("option").allTextContents();
  expect(offered).toContain("داور فناوری (نمایشی)");
  expect(offered).not.toContain("مربی شتاب‌دهنده (نمایشی)"); // a mentor who holds no review
  await expectAccessible(page);
  expect(await smallTouchTargets(page)).toEqual([]);

  const context = await browser.newContext({ javaScriptEnabled: false, locale: "fa-IR" });
  const bare = await context.newPage();
  await login(bare, DEMO.staff);
  await bare.goto("/staff/ideas");
  const bareForm = bare.getByRole("search", { name: "جستجوی ایده‌ها" });
  await bareForm.getByTestId("reviewer-filter").selectOption({ label: "داور فناوری (نمایشی)" });
  await bareForm.locator('select[name="sort"]').selectOption({ label: "قدیمی‌ترین" });
  await bareForm.getByRole("button", { name: "جستجو" }).click();
  await expect(bare).toHaveURL(/reviewer=\d+/);
  const reviewer = new URL(bare.url()).searchParams.get("reviewer")!;
  await expect(bare.getByTestId("reviewer-filter").locator("option:checked")).toHaveText("داور فناوری (نمایشی)");
  await expect(bare.locator('select[name="sort"] option:checked')).toHaveText("قدیمی‌ترین");
  expect(await bare.locator("tbody tr").count()).toBeGreaterThan(0);
  const csv = new URL((await bare.getByRole("link", { name: "دریافت CSV", exact: true }).getAttribute("href"))!, bare.url());
  expect([csv.pathname, csv.searchParams.get("reviewer"), csv.searchParams.get("sort")]).toEqual(["/staff/ideas/export", reviewer, "old"]);
  // every idea of the demo province: more than a page, so the next link keeps the filters and moves the cursor
  await bare.goto("/staff/ideas?sort=old");
  const next = new URL((await bare.getByRole("link", { name: "صفحه بعد" }).getAttribute("href"))!, bare.url());
  expect(next.searchParams.get("sort")).toBe("old");
  expect(Number(next.searchParams.get("after"))).toBeGreaterThan(0);
  await bare.getByRole("link", { name: "صفحه بعد" }).click();
  await expect(bare.getByRole("link", { name: "صفحه اول" })).toHaveAttribute("href", "/staff/ideas?sort=old");
  await context.close();
});

test("idea journey: draft, submit, screen, assign, recuse, replace, score, accept, timeline", async ({ page }) => {
  test.setTimeout(600_000); // many pages, each scanned by axe, on a shared machine

  // 1. sign up and write a draft
  await page.goto("/signup");
  await page.getByLabel("نام و نام خانوادگی").fill(ENTREPRENEUR.name);
  await page.getByLabel("ایمیل").fill(ENTREPRENEUR.email);
  await page.getByLabel("گذرواژه", { exact: true }).fill(ENTREPRENEUR.password);
  await page.getByLabel("تکرار گذرواژه").fill(ENTREPRENEUR.password);
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await page.waitForURL(/\/home/);

  await page.goto("/calls");
  await expectAccessible(page);
  await page.getByRole("link", { name: "فراخوان دائمی ایده‌های کارآفرینانه" }).click();
  await expect(page).toHaveURL(/\/calls\/\d+$/);
  // The URL changes before the call page has replaced the list (client navigation): wait for the page itself.
  await expect(page.getByRole("link", { name: "نوشتن ایده برای این فراخوان" })).toBeVisible();
  await expect(page.getByTestId("call-sectors")).toHaveText("همه بخش‌ها"); // the standing call is open to every sector
  await expectAccessible(page);
  await page.getByRole("link", { name: "نوشتن ایده برای این فراخوان" }).click();
  await expect(page).toHaveURL(/\/ideas\/new/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("نوشتن ایده");
  await expectAccessible(page);
  await page.getByLabel("عنوان ایده").fill(TITLE);
  await page.getByRole("button", { name: "ذخیره پیش‌نویس" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("پیش‌نویس");
  await expectAccessible(page);

  // attach a PDF business plan through the FileStore
  await page.getByLabel("افزودن پیوست").setInputFiles({
    name: "business-plan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
  });
  await page.getByRole("button", { name: "بارگذاری پیوست" }).click();
  await expect(page.getByTestId("attachments")).toContainText("business-plan.pdf");

  // submitting an incomplete draft shows field errors and keeps the text
  await page.getByRole("button", { name: "ارسال به فراخوان" }).click();
  await expect(page.getByText("لطفاً خطاهای فرم را برطرف کنید.")).toBeVisible();

  await page.getByRole("link", { name: "ویرایش ایده" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByLabel("عنوان ایده")).toHaveValue(TITLE);
  await page.getByLabel("خلاصه یک‌خطی").fill("گلخانه با آبیاری هوشمند و مصرف آب کمتر");
  await page.getByLabel("مسئله").fill("کم‌آبی در دشت تبریز");
  await page.getByLabel("راه‌حل").fill("حسگر رطوبت و آبیاری قطره‌ای خودکار");
  await page.getByLabel("مشتریان و بازار").fill("گلخانه‌داران استان");
  await page.getByLabel("بخش اقتصادی").selectOption("A");
  await page.getByLabel("شهرستان").selectOption("tabriz");
  await page.getByLabel("مرحله").selectOption("prototype");
  await page.getByLabel("اشتغال مستقیم پیش‌بینی‌شده (نفر)").fill("۸");
  await page.getByLabel("سرمایه مورد نیاز (ریال)").fill("۲۵۰۰۰۰۰۰۰۰");
  await page.getByLabel("اعضای تیم").fill("نرگس رضایی - مدیر\nعلی کریمی - فنی");
  await expectAccessible(page);
  await page.getByRole("button", { name: "ارسال به فراخوان" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("ارسال‌شده");
  const ideaUrl = new URL(page.url()).pathname;
  await logout(page);

  // 2. staff screen it and assign two mentors
  await loginAs(page, DEMO.staff);
  await openIdeaAsStaff(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "شروع غربالگری" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("در غربالگری");
  await page.getByLabel("مربی شتاب‌دهنده (نمایشی)", { exact: false }).first().check();
  await page.getByLabel("مربی مرکز مشاوره (نمایشی)", { exact: false }).check();
  await page.getByRole("button", { name: "تعیین داوران انتخاب‌شده" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("در داوری");
  await expectAccessible(page);
  await logout(page);

  // 3. mentor2 recuses
  await loginAs(page, DEMO.mentor2);
  await reviewFromList(page);
  await page.getByLabel("دلیل کناره‌گیری").fill("متقاضی از بستگان من است.");
  await page.getByRole("button", { name: "کناره‌گیری از داوری" }).click();
  await expect(page.getByText("شما از داوری این ایده کناره‌گیری کرده‌اید.")).toBeVisible();
  await logout(page);

  // 4. staff assign a third mentor
  await loginAs(page, DEMO.staff);
  await openIdeaAsStaff(page);
  await expect(page.getByText("کناره‌گیری", { exact: true })).toBeVisible();
  // reviewers per idea (2): one recused, so 1 of 2 active, and no decision before two reviews
  await expect(page.getByTestId("reviewer-count")).toContainText("۱ از ۲");
  await expect(page.getByTestId("reviewers-short")).toBeVisible();
  await expect(page.getByTestId("decision-waits")).toBeVisible();
  await expect(page.getByRole("button", { name: "پذیرش" })).toHaveCount(0);
  await page.getByLabel("مربی سوم شتاب‌دهنده (نمایشی)", { exact: false }).check();
  await page.getByRole("button", { name: "تعیین داوران انتخاب‌شده" }).click();
  await expect(page.getByRole("status")).toContainText("داوران تعیین شدند");
  await logout(page);

  // 5. two mentors score it (one criterion n/a)
  await loginAs(page, DEMO.mentor);
  await reviewFromList(page);
  await score(page, ["4", "na", "5"]);
  await logout(page);
  await loginAs(page, "mentor3@demo.karafarini.ir");
  await reviewFromList(page);
  await score(page, ["3"]);
  await logout(page);

  // 6. staff accept it for acceleration
  await loginAs(page, DEMO.staff);
  await openIdeaAsStaff(page);
  await expect(page.getByTestId("score-summary")).toContainText("میانگین وزنی داوران");
  await expect(page.getByTestId("reviewer-count")).toContainText("۲ از ۲");
  await expect(page.getByTestId("decision-waits")).toHaveCount(0);
  await page.getByLabel("یادداشت یا دلیل").fill("ایده با بازار روشن؛ مناسب شتاب‌دهی.");
  await page.getByLabel("مسیر").selectOption("acceleration");
  await expectAccessible(page);
  await page.getByRole("button", { name: "پذیرش" }).click();
  await expect(page.getByTestId("idea-status")).toHaveText("پذیرفته‌شده");
  // the case opened with the acceptance, at the idea's county's accelerator; the idea page links to it
  await expect(page.getByRole("status")).toContainText("پرونده‌اش گشوده شد");
  await page.getByTestId("next-step").click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expect(page.getByTestId("case-idea")).toHaveText(TITLE);
  await expect(page.getByTestId("timeline")).not.toContainText("#");
  await expectAccessible(page);
  await logout(page);

  // 7. the entrepreneur sees the timeline and the notifications
  await loginAs(page, ENTREPRENEUR.email, ENTREPRENEUR.password);
  await page.goto(ideaUrl);
  await expect(page.getByTestId("accepted-path")).toContainText("شتاب‌دهی");
  await expect(page.getByTestId("accepted-path")).toContainText("۸");
  await expect(page.getByTestId("next-step")).toHaveText("رفتن به پرونده این ایده");
  const timeline = page.getByTestId("timeline");
  for (const s of ["ارسال‌شده", "در غربالگری", "در داوری", "پذیرفته‌شده"]) await expect(timeline).toContainText(s);
  await expect(page.getByText("یادداشت داخلی داور")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/notifications");
  await expect(page.getByText(`ایده «${TITLE}» پذیرفته شد.`)).toBeVisible();
  await expect(page.getByText(`ایده «${TITLE}» به داوری رفت.`)).toBeVisible();
  await expectAccessible(page);
  await page.goto("/ideas");
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  await expectAccessible(page);
});

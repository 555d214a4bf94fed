// Issue 15, what its done-when journey (seekers.spec.ts) leaves out, in Persian with axe on every page:
//  - staff register an employer from the menu (a second registration of the same firm is refused on its
//    field with what was typed kept) and land on the new-vacancy form with the employer chosen;
//  - staff tune the match weights from the menu (a weight over 100 is refused on its field; a saved change
//    is shown in "how the score is built"), then put them back;
//  - the homes of the demo job seeker (completeness, ranked vacancies with each part's reason), employer
//    (vacancies, answers waiting) and counsellor (caseload, retention checks due), and the seeker's home
//    in English, left to right.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, login, logout, openFromMenu } from "./helpers";

const JOBS = "کاریابی و آموزش";
const fa = (s: string | number) => String(s).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

test("staff register an employer and tune the match weights from the menu", async ({ page }) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(20_000);
  const firm = `نانوایی سحر ${fa(Date.now() % 100000)}`;
  const reg = String(60_000_000 + (Date.now() % 10_000_000));

  await login(page, DEMO.staff);
  await openFromMenu(page, JOBS, "کارفرمایان");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("کارفرمایان");
  await expectAccessible(page);
  await page.getByRole("link", { name: "ثبت کارفرما" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ثبت کارفرما");
  await page.getByLabel("نام بنگاه یا شخص").fill(firm);
  await page.getByLabel("شماره ثبت", { exact: false }).first().fill(fa(reg));
  await field(page, "kind").selectOption({ index: 1 });
  await field(page, "county").selectOption("tabriz");
  await field(page, "sector").selectOption({ index: 1 });
  await field(page, "sizeClass").selectOption({ index: 1 });
  await field(page, "baselineHeadcount").fill("۸");
  await expectAccessible(page);
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("کارفرما ثبت و به بنگاه دفتر اشتغال وصل شد؛ اکنون می‌توانید فرصت شغلی آن را ثبت کنید.")).toBeVisible();
  await expect(page).toHaveURL(/\/vacancies\/new\?employer=\d+$/);
  const unit = new URL(page.url()).searchParams.get("employer")!;
  await expect(field(page, "employerId")).toHaveValue(unit);
  await expectAccessible(page);

  // The same firm again: refused on the registration number, what was typed kept, nothing written.
  await page.goto("/employers/new");
  await page.getByLabel("نام بنگاه یا شخص").fill(firm);
  await page.getByLabel("شماره ثبت", { exact: false }).first().fill(reg);
  await field(page, "kind").selectOption({ index: 1 });
  await field(page, "county").selectOption("tabriz");
  await field(page, "sector").selectOption({ index: 1 });
  await field(page, "sizeClass").selectOption({ index: 1 });
  await field(page, "baselineHeadcount").fill("8");
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("این بنگاه پیش‌تر به‌عنوان کارفرما ثبت شده است.")).toBeVisible();
  await expect(page.getByLabel("نام بنگاه یا شخص")).toHaveValue(firm);
  await expectAccessible(page);
  await page.goto("/employers");
  await expect(page.locator("main")).toContainText(firm);

  // The match weights: over 100 refused on its field; a saved change shows in "how the score is built"; then back.
  await openFromMenu(page, JOBS, "وزن‌های تطبیق شغلی");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("وزن‌های تطبیق کارجو و فرصت شغلی");
  await expectAccessible(page);
  const availability = field(page, "availability");
  const before = await availability.inputValue();
  await availability.fill("۱۰۱");
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("این عدد بیشتر از حد مجاز است.")).toBeVisible();
  await expect(availability).toHaveValue("۱۰۱");
  await expectAccessible(page);
  await availability.fill("۷");
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("وزن‌های تطبیق ذخیره شد.")).toBeVisible();
  await page.getByText("امتیاز تطبیق چگونه ساخته می‌شود؟").click();
  await expect(page.locator("details").filter({ hasText: "امتیاز تطبیق چگونه ساخته می‌شود؟" })).toContainText(fa(7));
  await expectAccessible(page);
  // The first save's message leaves while the next save is on its way (held back here), then comes back as the new one.
  let release = () => {};
  const held = new Promise<void>((r) => { release = r; });
  await page.route("**/vacancies/weights*", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await field(page, "availability").fill(before);
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("وزن‌های تطبیق ذخیره شد.")).toBeHidden();
  release();
  await expect(page.getByText("وزن‌های تطبیق ذخیره شد.")).toBeVisible();
  await page.unroute("**/vacancies/weights*");
  await logout(page);
});

test("the homes of a job seeker, an employer and a counsellor", async ({ page }) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(20_000);

  await login(page, "seeker@demo.karafarini.ir");
  await expect(page.getByRole("heading", { name: "کاریابی", exact: true })).toBeVisible();
  await expect(page.locator("main")).toContainText("فرصت‌های مناسب شما");
  const matches = page.getByTestId("home-matches").locator(":scope > li");
  expect(await matches.count()).toBeGreaterThan(0);
  await expect(matches.first().getByTestId("match-parts")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "همه فرصت‌های مناسب" }).click();
  await expect(page).toHaveURL(/\/seekers\/\d+\/matches$/);
  await expectAccessible(page);
  await page.goto("/home");
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.locator("main")).toContainText("Vacancies that fit you");
  await expect(page.getByTestId("home-matches").locator(":scope > li").first().getByTestId("match-parts")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await logout(page);

  await login(page, "employer@demo.karafarini.ir");
  await expect(page.getByRole("heading", { name: "فرصت‌های شغلی و استخدام" })).toBeVisible();
  expect(await page.getByTestId("home-vacancies").locator("li").count()).toBeGreaterThan(0);
  await expectAccessible(page);
  await logout(page);

  await login(page, "counsellor@demo.karafarini.ir");
  await expect(page.getByRole("heading", { name: "کارجویان و مشاوره" })).toBeVisible();
  await expect(page.getByTestId("caseload")).toContainText("کارجویان فعال شما");
  expect(await page.getByTestId("checks-due").getByRole("link").count()).toBeGreaterThan(0);
  await expectAccessible(page);
  await logout(page);
});

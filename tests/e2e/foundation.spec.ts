import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, login, logout, openSection } from "./helpers";

test("landing page is Persian RTL by default and switches to English LTR", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("از ایده تا اشتغال");
  await expectAccessible(page);
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("From ideas to jobs");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

test("an entrepreneur signs up, sees field errors in Persian, then lands on the home page", async ({ page }) => {
  await page.goto("/signup");
  await expectAccessible(page);
  await page.getByLabel("نام و نام خانوادگی").fill("سارا احمدی");
  await page.getByLabel("ایمیل").fill("sara@example.com");
  await page.getByLabel("شماره همراه").fill("۰۹۱۲۳۴۵۶۷۸۹");
  await page.getByLabel("گذرواژه", { exact: true }).fill("short");
  await page.getByLabel("تکرار گذرواژه").fill("short");
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await expect(page.getByText("گذرواژه باید دست‌کم ۸ نویسه باشد.")).toBeVisible();
  await expect(page.getByLabel("نام و نام خانوادگی")).toHaveValue("سارا احمدی");
  await page.getByLabel("گذرواژه", { exact: true }).fill("a-good-password");
  await page.getByLabel("تکرار گذرواژه").fill("a-good-password");
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await page.waitForURL(/\/home/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("سارا احمدی");
  await expect(page.getByRole("status")).toHaveText("خوش آمدید!");
  await expectAccessible(page);
  await logout(page);
  await expect(page.getByRole("status")).toHaveText("از حساب خود خارج شدید.");
});

test("a wrong password gets one generic message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("ایمیل").fill(DEMO.staff);
  await page.getByLabel("گذرواژه").fill("not-the-password");
  await page.getByRole("button", { name: "ورود" }).click();
  await expect(page.getByRole("alert")).toHaveText("ایمیل یا گذرواژه درست نیست.");
  await expectAccessible(page);
});

for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  test(`demo ${role} logs in and sees a home page for the role`, async ({ page }) => {
    await login(page, DEMO[role]);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("خوش آمدید");
    await expectAccessible(page);
  });
}

test("admin pages: users, a user's roles, reference data and the audit log", async ({ page }) => {
  await login(page, DEMO.admin);
  await openSection(page, "مدیریت");
  await page.getByRole("link", { name: "کاربران" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("کاربران");
  await expectAccessible(page);
  await page.getByLabel("جستجو در نام یا ایمیل").fill("mentor");
  await page.getByRole("button", { name: "جستجو" }).click();
  await expect(page.getByRole("cell", { name: "mentor@demo.karafarini.ir" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "staff@demo.karafarini.ir" })).toHaveCount(0);
  await page.getByRole("link", { name: "مربی شتاب‌دهنده (نمایشی)" }).click();
  await expectAccessible(page);
  await page.goto("/admin/reference/counties");
  await expectAccessible(page);
  await page.getByLabel("کد", { exact: true }).fill("new-county");
  await page.getByLabel("نام فارسی", { exact: true }).fill("شهرستان تازه");
  await page.getByLabel("نام انگلیسی", { exact: true }).fill("New county");
  await page.getByRole("button", { name: "افزودن", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("ذخیره شد.");
  await expect(page.getByRole("cell", { name: "new-county", exact: true })).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "reference.added" })).toBeVisible();
  // The shared list filters (app/ui/ListFilters): an action typed in Latin narrows the log to it.
  const search = page.getByRole("search", { name: "جست‌وجو در رویدادها" });
  await search.getByLabel("رویداد", { exact: true }).fill("reference.added");
  await search.getByRole("button").click();
  await expect(page).toHaveURL(/action=reference\.added/);
  const actions = await page.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(["reference.added"]));
  await expectAccessible(page);
});

test("unknown pages answer 404 in both languages; staff cannot open admin pages", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("صفحه پیدا نشد");
  await expectAccessible(page);
  await login(page, DEMO.staff);
  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("دسترسی ندارید");
});

// The header's menu links are plain anchors with one click handler (decision 0036): a click still
// navigates inside the app (no document load), marks the current page and closes the open section.
test("the menu navigates inside the app and marks the current page", async ({ page }) => {
  await login(page, DEMO.staff);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const nav = page.locator("nav.site-nav");
  const section = nav.locator("details", { has: page.locator("summary", { hasText: "پرونده‌ها" }) });
  await section.locator("summary").click();
  await section.getByRole("link", { name: "پرونده‌ها", exact: true }).click();
  await page.waitForURL(/\/cases$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(nav.locator('a[aria-current="page"]')).toHaveAttribute("href", "/cases");
  await expect(section).not.toHaveAttribute("open", "");
  await nav.getByRole("link", { name: "خانه", exact: true }).click();
  await page.waitForURL(/\/home$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(nav.locator('a[aria-current="page"]')).toHaveAttribute("href", "/home");
});

// Issue 14 item 2: directorate staff set the service-level days of the obstacle categories from the menu
// (data, audited). A day count out of range is refused on its field with what was typed kept; a saved value
// is shown; the page in English is left to right. Axe on every page. The value is put back at the end.
import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, login, logout, openFromMenu } from "./helpers";

test("staff change an obstacle category's service-level days", async ({ page }) => {
  test.setTimeout(180_000);
  page.setDefaultTimeout(20_000);
  await login(page, DEMO.staff);
  await openFromMenu(page, "اشتغال", "مهلت رسیدگی به موانع");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("مهلت رسیدگی به هر دسته از موانع");
  await expectAccessible(page);
  const customs = page.getByLabel("گمرک (روز)");
  const before = await customs.inputValue();

  await customs.fill("۰");
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("این عدد کمتر از حد مجاز است.")).toBeVisible();
  await expect(customs).toHaveValue("۰");
  await expectAccessible(page);

  await customs.fill("۴۵");
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("مهلت‌ها ذخیره شد؛ موانعی که از این پس ثبت شوند با مهلت تازه سررسید می‌گیرند.")).toBeVisible();
  await expect(customs).toHaveValue("۴۵");
  await expectAccessible(page);

  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service-level time of each obstacle category");
  await expect(page.getByLabel("Customs (days)")).toHaveValue("45");
  await expectAccessible(page);
  await page.getByLabel("Customs (days)").fill(before.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Service levels saved; obstacles raised from now on get their due dates from them.")).toBeVisible();
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await logout(page);
});

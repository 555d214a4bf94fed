import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, login, openFromMenu } from "./helpers";

// Issue 11 item 10, the targets form in a browser (client navigation, where the faults were): after a
// saved revision the form is empty again (it offered the previous revision's note), a refused one shows
// its error without the earlier success message above it and keeps what was typed; a share is picked
// from a grouped list (counties, agencies, programmes), not typed as a code.

test("targets: a saved revision empties the form, a refused one shows only its error; shares are picked", async ({ page }) => {
  test.setTimeout(300_000);
  await login(page, DEMO.staff);
  await openFromMenu(page, "اشتغال", "اهداف و سهم دستگاه‌ها");
  await expect(page.getByTestId("current-target")).toBeVisible();
  await expectAccessible(page);
  const revise = page.locator("form").filter({ has: page.locator('input[name="intent"][value="revise"]') });
  await revise.getByLabel("مقدار").fill("۵۳۰۰۰");
  await revise.getByLabel("نوع").selectOption("raised");
  await revise.getByLabel("تاریخ").fill("۱۴۰۵/۰۸/۰۱");
  await revise.getByLabel("یادداشت").fill("افزایش با طرح‌های روستایی");
  await revise.getByRole("button", { name: "بازنگری هدف" }).click();
  await expect(page.getByRole("status").filter({ hasText: "هدف بازنگری شد." })).toBeVisible();
  await expect(page.getByTestId("current-target")).toHaveText("۵۳٬۰۰۰");
  // The form is empty again: the previous revision's note and amount are not offered for the next one.
  await expect(revise.getByLabel("یادداشت")).toHaveValue("");
  await expect(revise.getByLabel("مقدار")).toHaveValue("");
  // A refused revision: its error, what was typed, and no leftover success message.
  await revise.getByLabel("مقدار").fill("پنجاه");
  await revise.getByLabel("یادداشت").fill("یادداشت دوم");
  await revise.getByRole("button", { name: "بازنگری هدف" }).click();
  await expect(revise.getByRole("alert").first()).toBeVisible();
  await expect(page.getByText("هدف بازنگری شد.")).toHaveCount(0);
  await expect(revise.getByLabel("یادداشت")).toHaveValue("یادداشت دوم");
  await expectAccessible(page);

  // A share for a county, picked by its name under the county group.
  const allocate = page.locator("form").filter({ has: page.locator('input[name="intent"][value="allocate"]') });
  await expect(allocate.locator('input[name="code"]')).toHaveCount(0);
  await allocate.getByLabel("سهم (شهرستان، دستگاه یا برنامه)").selectOption({ label: "مراغه" });
  await allocate.getByLabel("مقدار").fill("۲۱۰۰");
  await allocate.getByRole("button", { name: "ثبت تخصیص" }).click();
  await expect(page.getByRole("status").filter({ hasText: "تخصیص ثبت شد." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "مراغه" })).toContainText("۲٬۱۰۰");
  await expect(allocate.getByLabel("مقدار")).toHaveValue("");
  await expectAccessible(page);
});

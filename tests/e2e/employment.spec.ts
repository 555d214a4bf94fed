import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, login, logout } from "./helpers";
import { sampleExe, samplePdf } from "../factories/files";

// Issue 3 journey, in Persian: enterprise -> report -> verify -> dashboard moves -> target revised
// 45,000 -> 52,000 and the percentage changes -> CSV import with one bad row; then an anonymous
// visitor reads /employment and downloads the open-data CSV. The demo province already has 1401 jobs,
// so the numbers are read before and compared after.

const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[٬,]/g, "").replace("٫", ".");
const numberIn = (s: string | null) => Number(toLatin(s ?? "").match(/[\d.]+/)?.[0] ?? "NaN");
const fa = (n: number) => n.toLocaleString("fa-IR");

test("staff records, verifies and imports jobs; the dashboard and target follow; the public sees aggregates", async ({ page }) => {
  test.setTimeout(360_000);
  await login(page, DEMO.staff);
  // The breakdown rows are written as HTML strings (decision 0056): hydration must keep them without a mismatch.
  const reactErrors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && /React error|hydrat|did not match/i.test(m.text())) reactErrors.push(m.text()); });
  await page.goto("/employment/dashboard?year=1401");
  await expect(page.getByTestId("print-button")).toBeVisible(); // shown once the page is interactive
  expect(reactErrors).toEqual([]);
  await expect(page.locator("table.bar-table")).toHaveCount(5);
  const verifiedBefore = numberIn(await page.getByTestId("employment-verified").textContent());
  const pendingBefore = numberIn(await page.getByTestId("employment-pending").textContent());
  expect(verifiedBefore).toBeGreaterThan(40_000); // the living demo province

  // Create an enterprise (a bad national ID first: field error in Persian, nothing lost).
  await page.goto("/employment/enterprises/new");
  await expectAccessible(page);
  await page.locator('input[name="name"]').fill("نانوایی سنتی آذر");
  await page.locator('input[name="nationalId"]').fill("1234567890");
  await page.locator('select[name="kind"]').selectOption("self_employed");
  await page.locator('select[name="county"]').selectOption("tabriz");
  await page.locator('select[name="sector"]').selectOption("C");
  await page.locator('select[name="sizeClass"]').selectOption("micro");
  await page.locator('main form[method="post"] button[type="submit"]').click();
  await expect(page.getByText("کد ملی معتبر نیست.")).toBeVisible();
  await expect(page.locator('input[name="name"]')).toHaveValue("نانوایی سنتی آذر");
  await page.locator('input[name="nationalId"]').fill("");
  await page.locator('input[name="registrationNo"]').fill("۷۷۰۰۱");
  await page.locator('main form[method="post"] button[type="submit"]').click();
  await expect(page.getByRole("heading", { level: 1, name: "نانوایی سنتی آذر" })).toBeVisible();
  await expectAccessible(page);

  // Enter a report: 4 full-time + 2 part-time = 5 FTE created.
  await page.getByRole("link", { name: "ثبت گزارش اشتغال" }).click();
  await expectAccessible(page);
  await page.locator('input[name="asOf"]').fill("۱۴۰۱/۰۵/۱۲");
  await page.locator('select[name="programme"]').selectOption("cases");
  await page.locator('input[name="fteBaseline"]').fill("2");
  await page.locator('input[name="fteNow"]').fill("7");
  await page.locator('input[name="createdFullTime"]').fill("4");
  await page.locator('input[name="createdPartTime"]').fill("2");
  await page.locator('input[name="women"]').fill("2");
  // Evidence that lies about its type: a field error, the numbers are kept, nothing is written.
  await page.locator('input[name="evidence"]').setInputFiles({ name: "بیمه.pdf", mimeType: "application/pdf", buffer: sampleExe() });
  await page.locator('main form[method="post"] button[type="submit"]').click();
  await expect(page.locator('input[name="evidence"]')).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator('input[name="createdPartTime"]')).toHaveValue("2");
  await expectAccessible(page);
  await page.locator('input[name="evidence"]').setInputFiles({ name: "بیمه.pdf", mimeType: "application/pdf", buffer: samplePdf("bime") });
  await page.locator('main form[method="post"] button[type="submit"]').click();
  await expect(page.getByText("گزارش ثبت شد و در انتظار تأیید است.")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2); // one report, not two

  // The report page shows the evidence and staff download it.
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByTestId("evidence-link")).toContainText("بیمه.pdf");
  await expectAccessible(page);
  const [evidence] = await Promise.all([page.waitForEvent("download"), page.getByTestId("evidence-link").click()]);
  expect(evidence.suggestedFilename()).toBe("بیمه.pdf");

  // Edit the enterprise: a new name, everything else kept.
  await page.locator("main").getByRole("link", { name: "نانوایی سنتی آذر" }).click();
  await page.getByRole("link", { name: "ویرایش بنگاه" }).click();
  await expectAccessible(page);
  await page.locator('input[name="name"]').fill("نانوایی سنتی آذربایجان");
  await page.locator('main form[method="post"] button[type="submit"]').click();
  await expect(page.getByText("بنگاه به‌روز شد.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "نانوایی سنتی آذربایجان" })).toBeVisible();

  // The staff home shows the reports awaiting verification, linking to the queue.
  await page.goto("/home");
  await expect(page.getByTestId("employment-home").getByRole("link", { name: /گزارش در انتظار تأیید/ })).toHaveAttribute("href", "/employment/queue");
  await expectAccessible(page);

  // Dashboard before verification: nothing more verified, 5 more awaiting.
  await page.goto("/employment/dashboard?year=1401");
  await expect(page.getByTestId("employment-verified")).toHaveText(fa(verifiedBefore));
  expect(numberIn(await page.getByTestId("employment-pending").textContent())).toBe(pendingBefore + 5);

  // Verify it from the queue (filtered to this report's year, county and programme: the demo has many waiting).
  await page.goto("/employment/queue?year=1401&county=tabriz&programme=cases");
  await expectAccessible(page);
  // Other journeys may have left reports in the queue: pick this enterprise's row.
  await page.getByRole("row").filter({ hasText: "نانوایی سنتی آذر" }).getByRole("checkbox").check();
  await page.locator('textarea[name="note"]').fill("مدارک بیمه بررسی شد");
  await page.getByRole("button", { name: "تأیید" }).click();
  await expect(page.getByText("تصمیم ثبت شد.")).toBeVisible();

  await page.goto("/employment/dashboard?year=1401");
  await expectAccessible(page);
  await expect(page.getByTestId("employment-verified")).toHaveText(fa(verifiedBefore + 5));
  await expect(page.getByTestId("employment-progress")).toContainText("۵۲٬۰۰۰");
  await expect(page.locator("svg[role=img] title").first()).toBeAttached();

  // Revise the 1401 target: 45,000 (commitment restated) then raised to 52,000; the percentage changes.
  await page.goto("/employment/targets?year=1401");
  await expectAccessible(page);
  const revise = page.locator("form").filter({ has: page.locator('input[name="intent"][value="revise"]') });
  await revise.locator('input[name="amount"]').fill("45000");
  await revise.locator('select[name="kind"]').selectOption("correction");
  await revise.locator('input[name="revisedOn"]').fill("1401/06/01");
  await revise.locator('button[type="submit"]').click();
  await expect(page.getByTestId("current-target")).toHaveText("۴۵٬۰۰۰");
  await page.goto("/employment/dashboard?year=1401");
  const at45 = await page.getByTestId("employment-progress").textContent();
  expect(at45).toContain("۴۵٬۰۰۰");
  await page.goto("/employment/targets?year=1401");
  await revise.locator('input[name="amount"]').fill("۵۲۰۰۰");
  await revise.locator('select[name="kind"]').selectOption("raised");
  await revise.locator('input[name="revisedOn"]').fill("1401/07/01");
  await revise.locator('button[type="submit"]').click();
  await expect(page.getByTestId("current-target")).toHaveText("۵۲٬۰۰۰");
  await page.goto("/employment/dashboard?year=1401");
  const at52 = await page.getByTestId("employment-progress").textContent();
  expect(at52).toContain("۵۲٬۰۰۰");
  expect(at52).not.toEqual(at45);

  // Import a CSV with one bad row (jobs greater than headcount): per-row error, nothing written yet.
  await page.goto("/employment/import");
  await expectAccessible(page);
  const csv = [
    "external_ref,registration_no,enterprise_name,county,sector,as_of,programme,fte_baseline,fte_now,created_full_time",
    "e2e-1,880001,کارگاه فرش,tabriz,C,۱۴۰۱/۰۶/۰۱,cooperatives,1,4,3",
    "e2e-2,880002,کارگاه چرم,tabriz,C,1401/06/01,cooperatives,0,1,9",
  ].join("\n");
  await page.locator('input[type="file"]').setInputFiles({ name: "reports.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + csv, "utf-8") });
  await page.locator('main form[method="post"] button[type="submit"]').click();
  // A background job checks the rows; the page refreshes itself (no JavaScript needed) until the preview.
  await expect(page.getByTestId("import-summary")).toContainText("۱ ردیف دارای خطا", { timeout: 30_000 });
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("created_full_time");
  await expect(errors).toContainText("۳");
  await expect(errors).toContainText("مشاغل ایجادشده و حفظ‌شده بیش از شاغلان فعلی است.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "فقط ردیف‌های درست را وارد کن" }).click();
  await expect(page.getByTestId("import-done")).toBeVisible({ timeout: 30_000 });

  // An anonymous visitor: the public page and the open-data CSV.
  await logout(page);
  await page.goto("/employment?year=1401");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("اشتغال ایجادشده در استان");
  const verifiedPublic = numberIn(await page.getByTestId("employment-verified").textContent());
  expect(verifiedPublic).toBe(verifiedBefore + 5); // the imported rows wait for verification
  await expect(page.getByText("نانوایی سنتی آذر")).toHaveCount(0);
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("open-data-csv").click()]);
  expect(download.suggestedFilename()).toBe("employment-1401.csv");
  const body = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(body).toString("utf-8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("jalali_year,county,agency,programme,dimension,code");
  expect(text).toContain(`1401,,,,total,,,,${verifiedPublic},`);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { samplePdf, samplePng } from "../factories/files";
import { DEMO, expectAccessible, login } from "./helpers";

const NAME = "طرح کسب‌وکار.pdf";

test("an entrepreneur uploads a PDF, sees it listed, downloads it, and a lying file is refused in Persian", async ({ page }) => {
  await login(page, DEMO.entrepreneur);
  await page.goto("/files");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("پرونده‌های من");
  await expectAccessible(page);

  const pdf = samplePdf("e2e upload");
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: NAME, mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "بارگذاری پرونده" }).click();
  await expect(page.getByRole("status")).toHaveText("پرونده بارگذاری شد.");
  const link = page.getByRole("link", { name: `دریافت ${NAME}` });
  await expect(link).toBeVisible();
  await expect(page.getByRole("cell", { name: NAME, exact: true })).toBeVisible();
  await expectAccessible(page);

  // The download: an attachment with the UTF-8 name, the stored type, nosniff, the same bytes.
  const href = await link.getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["content-disposition"]).toContain("attachment;");
  expect(res.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(NAME)}`);
  expect(Buffer.from(await res.body()).equals(pdf)).toBe(true);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  // Chromium replaces format characters such as the ZWNJ (U+200C) when it saves a file; the header above carries it.
  expect(download.suggestedFilename()).toMatch(/^طرح کسب.وکار\.pdf$/);

  // A PNG that says it is a PDF.
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: samplePng() });
  await page.getByRole("button", { name: "بارگذاری پرونده" }).click();
  await expect(page.getByText("محتوای پرونده با پسوند آن نمی‌خواند.")).toBeVisible();
  await expect(page.locator('input[type="file"][name="file"]')).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("cell", { name: "report.pdf", exact: true })).toHaveCount(0);
  await expectAccessible(page);

  // Nothing chosen.
  await page.locator('input[type="file"][name="file"]').setInputFiles([]);
  await page.getByRole("button", { name: "بارگذاری پرونده" }).click();
  await expect(page.getByText("یک پرونده انتخاب کنید.")).toBeVisible();
});

test("a file over the limit is refused with the Persian message, in the browser and by the server", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, DEMO.entrepreneur);
  await page.goto("/files");
  const big = Buffer.concat([samplePdf(), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
  const bigPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-big-")), "big.pdf");
  fs.writeFileSync(bigPath, big);
  // Caught in the browser before sending...
  await page.locator('input[type="file"][name="file"]').setInputFiles(bigPath);
  await page.getByRole("button", { name: "بارگذاری پرونده" }).click();
  await expect(page.getByText("حجم پرونده بیش از ۱۰ مگابایت است.")).toBeVisible();
  // ...and by the server while it streams, when the browser check is skipped.
  const posted = await page.request.post("/files", {
    headers: { Origin: new URL(page.url()).origin, Accept: "text/html" },
    multipart: { file: { name: "big.pdf", mimeType: "application/pdf", buffer: big } },
  });
  expect(posted.status()).toBe(400);
  expect(await posted.text()).toContain("حجم پرونده بیش از ۱۰ مگابایت است.");
  fs.rmSync(path.dirname(bigPath), { recursive: true, force: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the upload form works as a plain form", async ({ page }) => {
    await login(page, DEMO.entrepreneur);
    await page.goto("/files");
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: samplePng() });
    await page.getByRole("button", { name: "بارگذاری پرونده" }).click();
    await expect(page.getByRole("status")).toHaveText("پرونده بارگذاری شد.");
    await expect(page.getByRole("cell", { name: "photo.png", exact: true })).toBeVisible();
  });
});

test("another user's file answers 404 like a missing one", async ({ page, browser }) => {
  await login(page, DEMO.entrepreneur);
  await page.goto("/files");
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "private.pdf", mimeType: "application/pdf", buffer: samplePdf("private") });
  await page.getByRole("button", { name: "بارگذاری پرونده" }).click();
  const href = await page.getByRole("link", { name: "دریافت private.pdf" }).first().getAttribute("href");
  const other = await browser.newPage();
  await login(other, DEMO.company_rep);
  const refused = await other.request.get(href!);
  const missing = await other.request.get("/files/00000000-0000-4000-8000-000000000000");
  expect(refused.status()).toBe(404);
  expect(missing.status()).toBe(404);
  expect(await refused.text()).toBe(await missing.text());
  await other.close();
});

// Issue 11 item 4: the browser's own picker says "Choose Files / No file chosen" in the browser's
// language; the portal's is a labelled button in the reader's language, and it works without JavaScript.
test("the file picker is a Persian button that opens the picker, names the choice, and works without JavaScript", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await login(page, DEMO.entrepreneur);
  await page.goto("/files");
  const button = page.getByTestId("file-button");
  await expect(button).toHaveText("انتخاب پرونده");
  await expect(page.getByTestId("file-chosen")).toHaveText("پرونده‌ای انتخاب نشده است");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), button.click()]);
  await chooser.setFiles({ name: "پیشنهاد.pdf", mimeType: "application/pdf", buffer: samplePdf("picker") });
  await expect(page.getByTestId("file-chosen")).toHaveText("پیشنهاد.pdf");
  await expectAccessible(page);

  // Without JavaScript: the same form posts the file as a plain multipart form.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "fa-IR" });
  const bare = await context.newPage();
  await login(bare, DEMO.entrepreneur);
  await bare.goto("/files");
  await expect(bare.getByTestId("file-button")).toHaveText("انتخاب پرونده");
  await bare.locator('input[type="file"][name="file"]').setInputFiles({ name: "بی‌اسکریپت.pdf", mimeType: "application/pdf", buffer: samplePdf("no js") });
  await bare.getByRole("button", { name: "بارگذاری پرونده" }).click();
  await expect(bare.getByRole("cell", { name: "بی‌اسکریپت.pdf", exact: true })).toBeVisible();
  await context.close();
});

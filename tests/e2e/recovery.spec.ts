import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";
import { startSmtpSink } from "../support/smtp-sink";

// Issue 18's "done when": a newcomer signs up (and confirms the address from the mail), forgets the
// password, asks for a reset in Persian, receives the mail on a real SMTP server, resets the password
// and is logged out on the other browser.

const port = Number(process.env.E2E_PORT || 3210);
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

test.beforeAll(async () => {
  sink = await startSmtpSink(port + 1000);
});
test.afterAll(async () => {
  await sink?.close();
});

const linkIn = (text: string | undefined, path: string) => {
  const m = (text ?? "").match(new RegExp(`http://127\\.0\\.0\\.1:${port}(${path}/[A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
};

test("sign up, confirm the address, forget the password, reset it by mail in Persian, logged out elsewhere", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `reset-${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("نام و نام خانوادگی").fill("مریم رضایی");
  await page.getByLabel("ایمیل").fill(email);
  await page.getByLabel("گذرواژه", { exact: true }).fill("first-password-1");
  await page.getByLabel("تکرار گذرواژه").fill("first-password-1");
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await page.waitForURL(/\/home/);
  await expect(page.getByTestId("verify-banner")).toBeVisible();

  // The verification mail: opening the link shows a button; pressing it confirms the address.
  const verifyMail = await sink.waitFor(email, 30_000);
  expect(verifyMail.subject).toBe("تأیید نشانی ایمیل در سامانه کارآفرینی");
  await page.goto(linkIn(verifyMail.text, "/verify"));
  await expectAccessible(page);
  await page.getByRole("button", { name: "تأیید نشانی" }).click();
  await page.waitForURL(/\/home/);
  await expect(page.getByRole("status")).toHaveText("نشانی ایمیل شما تأیید شد.");
  await expect(page.getByTestId("verify-banner")).toHaveCount(0);

  // Another browser stays signed in...
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await elsewhere.goto("/login");
  await elsewhere.locator('input[name="email"]').fill(email);
  await elsewhere.locator('input[name="password"]').fill("first-password-1");
  await elsewhere.locator('form[method="post"] button[type="submit"]').last().click();
  await elsewhere.waitForURL(/\/home/);

  // ...while this one asks for a reset from the login page.
  const fresh = await browser.newContext({ locale: "fa-IR" });
  const p = await fresh.newPage();
  await p.goto("/login");
  await p.getByRole("link", { name: "گذرواژه را فراموش کرده‌اید؟" }).click();
  await p.waitForURL(/\/password\/forgot/);
  await expectAccessible(p);
  await p.getByLabel("ایمیل").fill(email);
  await p.getByRole("button", { name: "فرستادن پیوند" }).click();
  await p.waitForURL(/\/login/);
  await expect(p.getByRole("status")).toContainText("اگر حسابی با این نشانی باشد");

  const deadline = Date.now() + 30_000;
  let resetMail = sink.received.find((m) => m.subject === "بازنشانی گذرواژه سامانه کارآفرینی" && JSON.stringify(m.to).includes(email));
  while (!resetMail && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    resetMail = sink.received.find((m) => m.subject === "بازنشانی گذرواژه سامانه کارآفرینی" && JSON.stringify(m.to).includes(email));
  }
  expect(resetMail, "the reset mail arrived").toBeTruthy();
  expect(resetMail!.html).toContain('dir="rtl"');
  expect(resetMail!.text).toContain("یک ساعت");
  const resetPath = linkIn(resetMail!.text, "/password/reset");

  await p.goto(resetPath);
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("انتخاب گذرواژه تازه");
  await expectAccessible(p);
  await p.getByLabel("گذرواژه تازه", { exact: true }).fill("second-password-2");
  await p.getByLabel("تکرار گذرواژه تازه").fill("second-password-2");
  await p.getByRole("button", { name: "ذخیره گذرواژه" }).click();
  await p.waitForURL(/\/login/);
  await expect(p.getByRole("status")).toContainText("گذرواژه تازه ذخیره شد");

  // The link works once.
  await p.goto(resetPath);
  await expect(p.getByText("این پیوند نامعتبر است")).toBeVisible();

  // The other browser was logged out; the new password works, the old one does not.
  await elsewhere.goto("/home");
  await elsewhere.waitForURL(/\/login/);
  await p.goto("/login");
  await p.locator('input[name="email"]').fill(email);
  await p.locator('input[name="password"]').fill("first-password-1");
  await p.locator('form[method="post"] button[type="submit"]').last().click();
  await expect(p.getByRole("alert")).toBeVisible();
  await p.locator('input[name="password"]').fill("second-password-2");
  await p.locator('form[method="post"] button[type="submit"]').last().click();
  await p.waitForURL(/\/home/);
  await other.close();
  await fresh.close();
});

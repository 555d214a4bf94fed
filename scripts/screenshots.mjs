// Screenshots for the README (issue 17): the landing page, the public employment dashboard and a staff
// home, in Persian and English, on a desktop and on a 390 px phone, from a running portal with the demo
// province. Usage: start the portal (npm start), then
//   node scripts/screenshots.mjs [http://127.0.0.1:3000]        (writes docs/screenshots/*.jpg)
import fs from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] || process.env.BASE_URL || "http://127.0.0.1:3000";
const out = "docs/screenshots";
fs.mkdirSync(out, { recursive: true });
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const lang = (l) => encodeURIComponent(Buffer.from(JSON.stringify(l)).toString("base64"));
const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
for (const [size, viewport] of Object.entries(sizes)) {
  for (const locale of ["fa", "en"]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    await context.addCookies([{ name: "lang", value: lang(locale), url: base }]);
    const page = await context.newPage();
    const shot = async (name) => page.screenshot({ path: `${out}/${name}-${locale}-${size}.jpg`, type: "jpeg", quality: 70, fullPage: size === "desktop" ? false : false });
    await page.goto(`${base}/`);
    await shot("landing");
    await page.goto(`${base}/employment?year=1401`);
    await shot("employment");
    await page.goto(`${base}/login`);
    await page.locator('input[name="email"]').fill("staff@demo.karafarini.ir");
    await page.locator('input[name="password"]').fill("demo-pass-1401");
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    // The URL changes before the new page is drawn (a client-side navigation): wait for the signed-in header.
    await page.waitForURL((u) => u.pathname === "/home");
    await page.getByTestId("account-menu").waitFor();
    await page.waitForLoadState("networkidle");
    await shot("staff-home");
    await context.close();
  }
}
await browser.close();
console.log(`screenshots written to ${out}/`);

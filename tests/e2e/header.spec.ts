import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, login } from "./helpers";

// Issue 17, item 3: on a 1280 px desktop, the longest menus (directorate staff: home and six sections; an
// entrepreneur: home, five sections and the chairs' one-page link) show every top-level entry on the
// header's one row, each on one line, with the bell, account menu and language beside them, in Persian
// and in English (English labels are longer: staff's "دانشگاه‌ها"/"Universities" and the entrepreneur's
// last entry fell onto a second row), and every entry keeps a 44 px target and a visible keyboard focus.
test.use({ viewport: { width: 1280, height: 800 } });

const MENUS = [
  { role: "staff", email: DEMO.staff, count: 7, last: { fa: "دانشگاه‌ها", en: "Universities" } },
  { role: "entrepreneur", email: DEMO.entrepreneur, count: 7, last: { fa: "کرسی‌های کارآفرینی", en: "Entrepreneurship chairs" } },
] as const;

async function setLocale(page: Page, locale: "fa" | "en") {
  const origin = new URL(page.url()).origin;
  await page.context().addCookies([{ name: "lang", value: encodeURIComponent(Buffer.from(JSON.stringify(locale)).toString("base64")), url: origin }]);
}

for (const menu of MENUS) {
  test(`${menu.role}'s menu fits one row at 1280 px in Persian and English`, async ({ page }) => {
    await login(page, menu.email);
    for (const locale of ["fa", "en"] as const) {
      await setLocale(page, locale);
      await page.goto("/home");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const entries = page.locator("nav.site-nav .site-nav-row > li");
      await expect(entries).toHaveCount(menu.count);
      await expect(entries.last()).toContainText(menu.last[locale]);
      const targets = page.locator(
        "nav.site-nav .site-nav-row > li > .site-nav-link, nav.site-nav .site-nav-row > li > details > summary, [data-testid=account-menu] > summary",
      );
      const boxes = await targets.evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: (e.textContent ?? "").trim(), top: Math.round(r.top), height: Math.round(r.height), width: Math.round(r.width) };
      }));
      expect(boxes).toHaveLength(menu.count + 1);
      for (const b of boxes) {
        expect(b.top, `${locale}: ${b.text}`).toBe(boxes[0].top);
        expect(b.height, `${locale}: ${b.text}`).toBeGreaterThanOrEqual(44);
        expect(b.height, `${locale}: ${b.text}`).toBeLessThanOrEqual(48);
        expect(b.width, `${locale}: ${b.text}`).toBeGreaterThanOrEqual(44);
      }
      // Keyboard focus on the last entry is visible (an outline, not only a colour change).
      await targets.nth(menu.count - 1).focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      const outline = await targets.nth(menu.count - 1).evaluate((e) => {
        const s = getComputedStyle(e);
        return { focused: e.matches(":focus-visible"), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(outline.focused, locale).toBe(true);
      expect(outline.style, locale).not.toBe("none");
      expect(outline.width, locale).toBeGreaterThan(0);
    }
  });
}

// On a phone the same <nav> (rendered once, decision 0058) is a sheet behind the "menu" button: closed it
// is hidden, open it lists every section's pages without opening the section (two taps to any task), a
// link navigates and closes it, Escape and the close button close it.
test("on a phone the menu button opens the one menu as a sheet, every page two taps away", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await login(page, DEMO.staff);
  const nav = page.locator("nav.site-nav");
  await expect(nav).toBeHidden();
  expect(await page.locator("nav").count()).toBe(1);
  const open = page.getByRole("button", { name: "منو", exact: true });
  await open.click();
  await expect(nav).toBeVisible();
  // A page inside a section (cases' mentor capacity) is visible at once, as a 44 px target.
  const entry = nav.getByRole("link", { name: "ظرفیت مربیان", exact: true });
  await expect(entry).toBeVisible();
  expect((await entry.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await open.click();
  await nav.getByRole("button", { name: "بستن منو" }).click();
  await expect(nav).toBeHidden();
  await open.click();
  await entry.click();
  await page.waitForURL(/\/cases\/mentors$/);
  await expect(nav).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { DEMO, login } from "./helpers";

// Issue 17, item 3: on a 1280 px desktop in Persian, directorate staff (the longest menu: home and six
// sections) see every top-level entry on the header's one row, each on one line (the last one,
// "دانشگاه‌ها", fell onto a second row), with the bell, account menu and language beside them.
test.use({ viewport: { width: 1280, height: 800 } });

test("staff's menu fits one row at 1280 px in Persian", async ({ page }) => {
  await login(page, DEMO.staff);
  const entries = page.locator("nav.site-nav-desktop .site-nav-row > li");
  await expect(entries).toHaveCount(7);
  await expect(entries.last()).toContainText("دانشگاه‌ها");
  const boxes = await page.locator(
    "nav.site-nav-desktop .site-nav-row > li > .site-nav-link, nav.site-nav-desktop .site-nav-row > li > details > summary, [data-testid=account-menu] > summary",
  ).evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { text: (e.textContent ?? "").trim(), top: Math.round(r.top), height: Math.round(r.height) };
  }));
  expect(boxes).toHaveLength(8);
  for (const b of boxes) {
    expect(b.top, b.text).toBe(boxes[0].top);
    expect(b.height, b.text).toBeLessThanOrEqual(48);
  }
});

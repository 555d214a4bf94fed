// Renders the portal's mark (public/favicon.svg) into the raster icons browsers and phones ask for,
// all checked in: favicon.ico (16, 32 and 48 px PNG images in one ICO container), apple-touch-icon.png
// (180 px) and the web app manifest's icon-192.png / icon-512.png. Run after changing the SVG:
//   node scripts/favicon.mjs
// Chromium draws the SVG (the one the e2e tests use; no image library needed), and the ICO container is
// written here: a 6-byte header, one 16-byte entry per image, then the PNG files as they are (PNG inside
// ICO is read by every browser since Windows Vista-era formats).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const pub = path.join(root, "public");
const svg = fs.readFileSync(path.join(pub, "favicon.svg"), "utf8");
const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  const render = async (size) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent"><img width="${size}" height="${size}" style="display:block" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"></body></html>`);
    await page.locator("img").evaluate((img) => img.decode());
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  const icoSizes = [16, 32, 48];
  const pngs = [];
  for (const size of icoSizes) pngs.push(await render(size));
  fs.writeFileSync(path.join(pub, "favicon.ico"), ico(icoSizes.map((size, i) => ({ size, png: pngs[i] }))));
  fs.writeFileSync(path.join(pub, "apple-touch-icon.png"), await render(180));
  fs.writeFileSync(path.join(pub, "icon-192.png"), await render(192));
  fs.writeFileSync(path.join(pub, "icon-512.png"), await render(512));
} finally {
  await browser.close();
}

/** An ICO file holding PNG images (ICONDIR, ICONDIRENTRY per image, then the images). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    e.writeUInt8(size >= 256 ? 0 : size, 1); // height
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

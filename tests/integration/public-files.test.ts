// public/ (issue 10 item 16): the portal's mark as SVG and ICO, robots.txt and the web app manifest are
// served by the real HTTP layer (server/app.mjs) with the right types (nosniff is on, so a wrong type
// means a broken icon), every page links them, and robots.txt allows exactly the public menu entries.
import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalog";
import { NAV } from "~/modules/accounts/nav";
import { loadBuild, startServer, type TestServer } from "../security/http-helpers";

let build: ServerBuild;
let server: TestServer;

beforeAll(async () => {
  build = await loadBuild();
  server = await startServer(build, { production: true });
});
afterAll(async () => {
  await server?.close();
});

const get = (p: string) => fetch(server.origin + p);

describe("public files", () => {
  it("serves every file of public/ by name, and looks no other path up on disk", async () => {
    for (const f of fs.readdirSync("public", { withFileTypes: true }).filter((e) => e.isFile())) {
      const r = await get(`/${f.name}`);
      expect(r.status, f.name).toBe(200);
      expect(r.headers.get("cache-control"), f.name).toBe("public, max-age=3600");
    }
    // public/ is listed when the server starts: a file that appears later is not served (before, every
    // request's path was first tried as a file there).
    const late = path.join("public", `late-${process.pid}.txt`);
    fs.writeFileSync(late, "late");
    try {
      expect((await get(`/${path.basename(late)}`)).status).toBe(404);
    } finally {
      fs.rmSync(late);
    }
  });

  it("serves the mark as SVG and as an ICO holding PNG images", async () => {
    const svg = await get("/favicon.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const ico = await get("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)$/);
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]); // ICONDIR: reserved, type icon
    const count = bytes.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      sizes.push(bytes.readUInt8(entry));
      const [length, offset] = [bytes.readUInt32LE(entry + 8), bytes.readUInt32LE(entry + 12)];
      expect(offset + length).toBeLessThanOrEqual(bytes.length);
      expect(bytes.subarray(offset, offset + 8).toString("hex")).toBe("89504e470d0a1a0a"); // a PNG image
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48]));
  });

  it("serves the web app manifest with the Persian name and icons that exist with their types", async () => {
    const res = await get("/manifest.webmanifest");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(await res.text()) as { name: string; short_name: string; lang: string; dir: string; start_url: string; icons: { src: string; type: string; sizes: string }[] };
    expect(manifest.name).toBe(catalogs.fa["app.name"]);
    expect(manifest).toMatchObject({ lang: "fa", dir: "rtl", start_url: "/" });
    expect(manifest.short_name).toMatch(/[\u0600-\u06FF]/);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) {
      const r = await get(icon.src);
      expect(r.status, icon.src).toBe(200);
      expect(r.headers.get("content-type"), icon.src).toMatch(new RegExp(`^${icon.type.replace("+", "\\+")}`));
    }
  });

  it("links the icons and the manifest from every page", async () => {
    const res = await get("/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48"/>');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(html).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
  });

  it("serves robots.txt as text that allows the public pages and disallows the rest", async () => {
    const res = await get("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const robots = await res.text();
    const allowed = (p: string) => robotsAllows(robots, p);
    for (const item of NAV) {
      expect(allowed(item.to), `${item.to} (${item.public ? "public" : "signed-in"} menu entry)`).toBe(!!item.public);
    }
    for (const p of ["/", "/calls?page=2", "/calls/12", "/employment?year=1401", "/employment.csv?year=1401", "/employment.json", "/chairs", "/favicon.ico", "/manifest.webmanifest"]) {
      expect(allowed(p), p).toBe(true);
    }
    for (const p of ["/home", "/login", "/signup", "/admin/users", "/employment/dashboard", "/employment/queue", "/chairs/3", "/cases/12", "/ideas/new", "/files/1", "/password/forgot"]) {
      expect(allowed(p), p).toBe(false);
    }
  });

  it("serves the files checked in under public/ as they are (not built)", async () => {
    for (const name of ["robots.txt", "manifest.webmanifest", "favicon.svg"]) {
      expect(await (await get(`/${name}`)).text(), name).toBe(fs.readFileSync(path.resolve(__dirname, "../../public", name), "utf8"));
    }
  });
});

/**
 * RFC 9309 matching for `User-agent: *`: the longest matching Allow/Disallow pattern wins, Allow on a
 * tie; `*` matches any run of characters and a trailing `$` anchors the end.
 */
function robotsAllows(robots: string, urlPath: string): boolean {
  let best: { length: number; allow: boolean } | null = null;
  for (const line of robots.split("\n")) {
    const m = /^\s*(allow|disallow)\s*:\s*(\S*)/i.exec(line.replace(/#.*/, ""));
    if (!m || !m[2]) continue;
    const pattern = m[2];
    const anchored = pattern.endsWith("$");
    const body = (anchored ? pattern.slice(0, -1) : pattern).split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    if (!new RegExp(`^${body}${anchored ? "$" : ""}`).test(urlPath)) continue;
    const allow = m[1].toLowerCase() === "allow";
    if (!best || pattern.length > best.length || (pattern.length === best.length && allow)) best = { length: pattern.length, allow };
  }
  return best ? best.allow : true;
}

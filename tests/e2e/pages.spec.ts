import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, axeProblems, login, smallTouchTargets } from "./helpers";

// Issue 17, items 5, 7 and 8 in one walk of the portal: as anonymous and as each demo role, on a
// 390 px phone, every page the role can reach from its menu and home (two links deep; one visit per
// route pattern, /x/12 and /x/13 are one route) is opened in Persian and in English, and
//  - no page is wider than the window (nothing scrolls sideways on a phone);
//  - no Persian page shows a Latin digit outside codes, emails and URLs (and dir="ltr" fields);
//  - the server's HTML of every page, in both languages, has 0 errors in the Nu HTML Checker (vnu-jar);
//  - once per route pattern (Persian, the phone width, on the page already open): 0 serious or critical
//    axe violations and no touch target under 44 px (decision 0047). The header and footer are the same
//    on every page of a role, so axe checks the whole page on the role's first page and only #main after.
// One browser context per role and the HTML checked in one Java run keep it near two and a half minutes:
// 148 route patterns (the five roles of the later modules included; staff's 103 pages are all it reaches
// two links deep, under the 150 a role may walk), 320 page views in 139 s, axe and touch targets 61 s of it.
// Each problem is printed as it is found, so a timeout on a loaded machine still says what was wrong.

const PHONE = { width: 390, height: 844 };
const ROLES = ["anonymous", "staff", "admin", "entrepreneur", "mentor", "chair_manager", "company_rep", "industry_rep", "training_manager", "counsellor", "employer", "job_seeker", "cluster_agent", "agency_officer"] as const;
const EMAIL: Record<string, string> = {
  ...DEMO,
  counsellor: "counsellor@demo.karafarini.ir",
  employer: "employer@demo.karafarini.ir",
  job_seeker: "seeker@demo.karafarini.ir",
  cluster_agent: "cluster@demo.karafarini.ir",
  agency_officer: "bank@demo.karafarini.ir",
};
/** Links that are not pages (downloads, actions) or would end the session. */
const SKIP = /^\/(logout|lang)\b|\.(csv|json)(\?|$)|\/(export|evidence|documents)(\/|\?|$)|^\/files\/[^/]+$/;
const PER_ROLE = 150;

const pattern = (p: string) => p.replace(/\/\d+(?=\/|$)/g, "/:id");
/** One page per route for axe and touch targets: the reference kinds are one route ($kind). */
const route = (key: string) => key.replace(/^\/admin\/reference\/[\w-]+$/, "/admin/reference/:kind");
const htmlDir = fs.mkdtempSync(path.join(os.tmpdir(), "pages-html-"));

interface Problem { url: string; what: string }

async function setLocale(page: Page, locale: "fa" | "en") {
  const base = new URL(page.url() === "about:blank" ? test.info().project.use.baseURL! : page.url());
  await page.context().addCookies([{ name: "lang", value: encodeURIComponent(Buffer.from(JSON.stringify(locale)).toString("base64")), url: base.origin }]);
}

/** Same-site page links on the current page (menu included, collapsed or not). */
async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.locator("a[href^='/']").evaluateAll((as) => as.filter((a) => !a.hasAttribute("download")).map((a) => a.getAttribute("href")!));
  return hrefs.map((h) => h.split("#")[0]).filter((h) => h && !SKIP.test(h));
}

/** Text with a Latin digit outside codes (tokens with Latin letters; code/kbd/samp and dir="ltr" elements), emails, URLs and what is being typed (textarea). */
async function latinDigits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script,style,code,kbd,samp,textarea,[dir='ltr'],[translate='no'],[hidden]")) continue;
      const text = (n.nodeValue ?? "").replace(/\S+@\S+|https?:\/\/\S+|(?:^|\s)\/[\w\-./?=&%]*/g, " ");
      for (const token of text.split(/[\s()،:؛,]+/)) if (/[0-9]/.test(token) && !/[A-Za-z]/.test(token)) found.push(token);
    }
    return found.slice(0, 5);
  });
}

test("every page fits a 390 px phone in both languages, shows no Latin digits in Persian, and is valid HTML", async ({ browser }) => {
  test.setTimeout(900_000);
  const started = Date.now();
  const seen = new Set<string>();
  const problems: Problem[] = [];
  let pages = 0;
  let checkMs = 0;
  for (const role of ROLES) {
    const context = await browser.newContext({ viewport: PHONE, locale: "fa-IR" });
    const page = await context.newPage();
    if (role !== "anonymous") await login(page, EMAIL[role]);
    const queue = role === "anonymous" ? ["/"] : ["/home"];
    let visited = 0;
    let axeWhole = true;
    const checked = new Set<string>();
    const note = (p: Problem) => {
      problems.push(p);
      console.log(`${p.url}: ${p.what}`);
    };
    for (let i = 0; i < queue.length && visited < PER_ROLE; i++) {
      const url = queue[i];
      const key = pattern(new URL(url, "http://x").pathname);
      if (seen.has(key) && i > 0) continue;
      seen.add(key);
      const found: string[] = [];
      for (const locale of ["fa", "en"] as const) {
        await setLocale(page, locale);
        const response = await page.goto(url).catch((e: Error) => (/Download is starting/.test(e.message) ? null : Promise.reject(e)));
        if (!response || response.status() !== 200 || !(response.headers()["content-type"] ?? "").includes("text/html")) break;
        pages++;
        fs.writeFileSync(path.join(htmlDir, `${String(pages).padStart(4, "0")}-${locale}${key.replace(/[^a-z0-9]+/gi, "_")}.html`), await response.text());
        const wide = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
        if (wide.doc > wide.win + 1) note({ url: `${url} (${role}, ${locale})`, what: `scrolls sideways: ${wide.doc} px in a ${wide.win} px window` });
        if (locale === "fa" && !checked.has(route(key))) {
          checked.add(route(key));
          const checkStart = Date.now();
          for (const small of await smallTouchTargets(page)) note({ url: `${url} (${role})`, what: `touch target under 44 px: ${small}` });
          for (const axe of await axeProblems(page, { include: axeWhole ? undefined : "#main" })) note({ url: `${url} (${role})`, what: `axe ${axe}` });
          axeWhole = false;
          checkMs += Date.now() - checkStart;
        }
        if (locale === "fa") {
          const digits = await latinDigits(page);
          if (digits.length) note({ url: `${url} (${role})`, what: `Latin digits in Persian: ${digits.join(" | ")}` });
          found.push(...(await linksOn(page)));
        }
      }
      visited++;
      for (const link of found) if (!seen.has(pattern(new URL(link, "http://x").pathname)) && !queue.includes(link)) queue.push(link);
      await setLocale(page, "fa");
    }
    await context.close();
    console.log(`${role}: ${visited} pages, ${checked.size} checked with axe and touch targets`);
  }
  console.log(`page walk: ${seen.size} route patterns, ${pages} page views in ${Math.round((Date.now() - started) / 1000)} s (axe and touch targets ${Math.round(checkMs / 1000)} s)`);

  // The Nu HTML Checker over every page's server HTML at once.
  const jar = createRequire(import.meta.url)("vnu-jar") as string;
  let report = "";
  try {
    execFileSync("java", ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", htmlDir], { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (e) {
    report = String((e as { stderr?: Buffer }).stderr ?? e);
  }
  const messages = report ? (JSON.parse(report) as { messages: { url: string; message: string; extract?: string }[] }).messages : [];
  for (const m of messages.slice(0, 40)) problems.push({ url: path.basename(m.url), what: `HTML: ${m.message} ${m.extract ?? ""}`.trim() });
  fs.rmSync(htmlDir, { recursive: true, force: true });
  expect(pages).toBeGreaterThan(40);
  expect(problems.map((p) => `${p.url}: ${p.what}`)).toEqual([]);
});

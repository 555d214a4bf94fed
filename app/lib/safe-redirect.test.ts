import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

const FALLBACK = "/fallback";
// Two unrelated sites: a safe answer must mean the same path on either, and never leave it.
const SITES = ["http://127.0.0.1:3000", "https://karafarini.example"];

/** What a browser does with `Location: <answer>` on a page of `site`. */
const follow = (answer: string, site: string) => new URL(answer, `${site}/login?next=x`);

function expectSafe(input: string) {
  const out = safeRedirect(input, FALLBACK);
  if (out === FALLBACK) return out;
  expect(out, JSON.stringify(input)).toMatch(/^\/(?![/\\])/);
  // eslint-disable-next-line no-control-regex
  expect(out, JSON.stringify(input)).not.toMatch(/[\u0000-\u0020\u007F-\uFFFF]/); // percent-encoded, valid in a header
  for (const site of SITES) {
    const target = follow(out, site);
    expect(target.origin, `${JSON.stringify(input)} -> ${out}`).toBe(new URL(site).origin);
    expect(target.pathname + target.search + target.hash).toBe(out);
  }
  expect(safeRedirect(out, FALLBACK), "idempotent").toBe(out);
  return out;
}

describe("safeRedirect", () => {
  it("keeps same-site paths, percent-encoding non-ASCII so the Location header is valid", () => {
    expect(safeRedirect("/home")).toBe("/home");
    expect(safeRedirect("/admin/users?q=a#x")).toBe("/admin/users?q=a#x");
    expect(safeRedirect("/خانه?ق=۱")).toBe("/%D8%AE%D8%A7%D9%86%D9%87?%D9%82=%DB%B1");
    expect(safeRedirect("/ideas/./12/../13")).toBe("/ideas/13");
    expect(safeRedirect("/a/%2F%2Fevil.example")).toBe("/a/%2F%2Fevil.example"); // an encoded slash is a character of one segment
  });

  it("falls back for anything that could leave the site", () => {
    for (const bad of [
      "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
      "https://evil.example", " /home", "evil.example", "", null, undefined, "/\u0000x",
      // dot segments that climb above the root leave "//host" behind
      "/..//evil.example/phish", "/../\\evil.example", "/.//evil.example", "/%2e%2e//evil.example", "/.%2E//evil.example",
      "/a/../..//evil.example", "/./\\/evil.example",
    ]) {
      expect(safeRedirect(bad, FALLBACK), JSON.stringify(bad)).toBe(FALLBACK);
    }
  });

  // Pieces attackers combine: dot segments (plain and encoded), slashes and backslashes (plain and
  // encoded), tabs and newlines (plain and encoded), schemes, credentials, hosts, Persian paths,
  // bidi controls and look-alike slashes.
  const PIECES = [
    "/", "/", "//", "\\", ".", "..", "%2e", "%2E", ".%2e", "%2e%2e", "%2f", "%2F", "%5c", "%5C", "%252f",
    "\t", "\n", "\r", "%09", "%0a", "%0d", " ", "%20", "\u00a0", "\u200f", "\u202e", "\uff0f", "\u2215", "\u3002",
    "evil.example", "127.0.0.1", "@", ":", "?", "#", "&", "=", "https:", "http:", "javascript:alert(1)", "data:",
    "خانه", "ایده‌ها", "۱۲", "١٢", "home", "ideas", "a",
  ];
  const piece = fc.constantFrom(...PIECES);
  const candidate = fc.tuple(fc.constantFrom("", "/", "/", "//", "/.", "/..", "\\"), fc.array(piece, { maxLength: 12 })).map(([head, rest]) => head + rest.join(""));

  it("property: whatever it answers is a path on the site's own origin, the same on any origin", () => {
    fc.assert(fc.property(candidate, (input) => void expectSafe(input)), { numRuns: 20_000, seed: Number(process.env.FUZZ_SEED) || undefined });
  });

  it("property: arbitrary strings (full Unicode) never get out either", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }).map((s) => "/" + s), (input) => void expectSafe(input)), { numRuns: 5_000 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), (input) => void expectSafe(input)), { numRuns: 5_000 });
  });

  it("property: a plain same-site path (Persian segments included) comes back as the same place", () => {
    const segment = fc.array(fc.constantFrom(..."abcxyz0129", ..."خانهایدکسبوکار", "\u200c", "-", "_", "۱", "٢"), { minLength: 1, maxLength: 10 }).map((s) => s.join(""));
    const path = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.tuple(segment, segment))).map(
      ([segs, q]) => "/" + segs.join("/") + (q ? `?${q[0]}=${q[1]}` : ""),
    );
    fc.assert(
      fc.property(path, (p) => {
        const out = expectSafe(p);
        expect(out).not.toBe(FALLBACK);
        expect(follow(out, SITES[0]).href).toBe(new URL(p, SITES[0]).href);
      }),
      { numRuns: 2_000 },
    );
  });
});

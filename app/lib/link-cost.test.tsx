import fs from "node:fs";
import { createRequire } from "node:module";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Link } from "@remix-run/react";
import { Link as RouterLink } from "react-router-dom";
import { StaticRouter } from "react-router-dom/server";

// Remix's <Link> renders a plain anchor on the server (patches/@remix-run+react, decision 0036): the
// same HTML the full link rendered, without the click handler, prefetch state and path resolutions the
// browser's render needs. These tests fail when the patch is missing and compare the HTML with what
// the unpatched link rendered (the router's own Link with Remix's data-discover attribute).
const require = createRequire(import.meta.url);

describe("server-rendered links", () => {
  it("the patch is applied to the installed @remix-run/react", () => {
    const src = fs.readFileSync(require.resolve("@remix-run/react/dist/components.js"), "utf8");
    expect(src, "run `npx patch-package` (npm ci runs it as postinstall)").toContain("0036-common-cost-of-a-signed-in-page.md");
  });

  const at = (location: string, el: JSX.Element) => renderToString(<StaticRouter location={location}>{el}</StaticRouter>);
  const cases: { to: string; props?: Record<string, unknown>; discover?: boolean }[] = [
    { to: "/cases/39", props: { className: "underline" } },
    { to: "?kind=consulting&status=intake" },
    { to: "?after=12#top", props: { "data-testid": "next", "aria-label": "بعدی" } },
    { to: "../ideas" },
    { to: "followups#f7" },
    { to: "/files/3", props: { target: "_blank", rel: "noreferrer" } },
    { to: "/export.csv", props: { reloadDocument: true }, discover: false },
    { to: "https://example.org/x", discover: false },
    { to: "//example.org/x", discover: false },
    { to: "/cases?x=1&y=<b>", props: { className: "a \"quoted\" class", title: "<&>" } },
  ];

  it("render exactly the HTML the full link rendered, for absolute, relative, external and document links", () => {
    for (const location of ["/cases", "/staff/ideas?status=submitted", "/cases/12/documents"]) {
      for (const c of cases) {
        const patched = at(location, <Link to={c.to} {...c.props}>پرونده</Link>);
        const { reloadDocument: _r, ...rest } = (c.props ?? {}) as { reloadDocument?: boolean };
        const original = at(location, <RouterLink to={c.to} {...rest} reloadDocument={_r} data-discover={c.discover === false ? undefined : "true"}>پرونده</RouterLink>);
        expect(patched, `${c.to} at ${location}`).toBe(original);
      }
    }
  });

  it("keeps discover='none' links without the attribute", () => {
    expect(at("/", <Link to="/a" discover="none">a</Link>)).toBe('<a href="/a">a</a>');
  });
});

import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths, percent-encoding non-ASCII so the Location header is valid", () => {
    expect(safeRedirect("/home")).toBe("/home");
    expect(safeRedirect("/admin/users?q=a#x")).toBe("/admin/users?q=a#x");
    expect(safeRedirect("/خانه?ق=۱")).toBe("/%D8%AE%D8%A7%D9%86%D9%87?%D9%82=%DB%B1");
  });

  it("falls back for anything that could leave the site", () => {
    for (const bad of [
      "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
      "https://evil.example", " /home", "evil.example", "", null, undefined, "/\u0000x",
    ]) {
      expect(safeRedirect(bad, "/fallback"), JSON.stringify(bad)).toBe("/fallback");
    }
  });
});

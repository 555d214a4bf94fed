import type { MouseEvent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { MenuLink, menuLinkClick, samePath } from "./MenuLink";

// The header's plain menu links must keep what the router's NavLink gave them: the current page marked
// for assistive technology, and a click that navigates inside the app (decision 0036).

describe("MenuLink", () => {
  it("marks the current page only on an exact match, not case-sensitive (NavLink's end)", () => {
    expect(samePath("/cases", "/cases")).toBe(true);
    expect(samePath("/Cases", "/cases")).toBe(true);
    expect(samePath("/cases/12", "/cases")).toBe(false);
    expect(samePath("/cases", "/cases/emergency")).toBe(false);
    expect(renderToStaticMarkup(<MenuLink to="/cases" current>Cases</MenuLink>)).toBe('<a href="/cases" class="site-nav-link" aria-current="page" data-menu-link="">Cases</a>');
    expect(renderToStaticMarkup(<MenuLink to="/cases" current={false}>Cases</MenuLink>)).toBe('<a href="/cases" class="site-nav-link" data-menu-link="">Cases</a>');
  });

  const click = (href: string | null, init: Partial<{ button: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; defaultPrevented: boolean; inside: boolean }> = {}) => {
    const link = href == null ? null : { getAttribute: () => href };
    const e = {
      button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...init,
      target: { closest: () => link },
      currentTarget: { contains: () => init.inside ?? true },
      preventDefault: vi.fn(),
    };
    const navigate = vi.fn();
    menuLinkClick(e as unknown as MouseEvent<HTMLElement>, navigate, { pathname: "/home", search: "", hash: "" });
    return { navigate, prevented: e.preventDefault.mock.calls.length > 0 };
  };

  it("navigates in the app on a plain left click, replacing when it is the page shown", () => {
    const a = click("/cases");
    expect(a.prevented).toBe(true);
    expect(a.navigate).toHaveBeenCalledWith("/cases", { replace: false });
    expect(click("/home").navigate).toHaveBeenCalledWith("/home", { replace: true });
  });

  it("leaves new-tab clicks, other buttons, other elements and foreign links to the browser", () => {
    for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }, { defaultPrevented: true }, { inside: false }]) {
      const r = click("/cases", init);
      expect(r.navigate, JSON.stringify(init)).not.toHaveBeenCalled();
      expect(r.prevented).toBe(false);
    }
    expect(click(null).navigate).not.toHaveBeenCalled(); // not on a menu link
    expect(click("//evil.example/x").navigate).not.toHaveBeenCalled();
    expect(click("https://evil.example/x").navigate).not.toHaveBeenCalled();
  });
});

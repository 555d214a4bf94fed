import type { MouseEvent, ReactNode } from "react";
import type { Location, NavigateFunction } from "@remix-run/react";

// The header's menu links (decision 0036). The menu has up to ~80 links on every signed-in page (each
// entry once in the desktop row and once in the phone menu); as router NavLinks each one ran a dozen
// hooks and resolved its path on every request, the largest share of a signed-in page's extra server
// CPU. Menu paths are absolute and fixed, so a plain anchor does: `aria-current="page"` on an exact
// match, as NavLink's `end` did, and one click handler on the header (menuLinkClick) navigates inside
// the app as a router link would. Without JavaScript the anchor is an ordinary link.

/** NavLink's `end` test: the page is exactly this path (not case-sensitive, like the router). */
export function samePath(pathname: string, to: string): boolean {
  return pathname.toLowerCase() === to.toLowerCase();
}

export function MenuLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return (
    <a href={to} className="site-nav-link" aria-current={current ? "page" : undefined} data-menu-link="">
      {children}
    </a>
  );
}

/**
 * For an onClick on an element holding MenuLinks: a plain left click on one navigates in the app (what
 * the router's Link does: replace when it is the page already shown). Modified clicks (new tab, ...)
 * and other targets are left to the browser.
 */
export function menuLinkClick(e: MouseEvent<HTMLElement>, navigate: NavigateFunction, location: Pick<Location, "pathname" | "search" | "hash">) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
  const a = (e.target as Element | null)?.closest?.("a[data-menu-link]");
  if (!a || !e.currentTarget.contains(a)) return;
  const to = a.getAttribute("href");
  if (!to || !to.startsWith("/") || to.startsWith("//")) return;
  e.preventDefault();
  navigate(to, { replace: location.pathname + location.search + location.hash === to });
}

import { Form, Link, NavLink, useLocation, useNavigate } from "@remix-run/react";
import { useRef, type KeyboardEvent, type MouseEvent, type SyntheticEvent } from "react";
import { makeT, type Translate } from "~/i18n";
import type { Locale } from "~/i18n/locale";
import { navSections, sectionOf, type NavHolding, type NavItem } from "~/modules/accounts/nav";
import { MenuLink, menuLinkClick, samePath } from "./MenuLink";

// The site header: navigation by task (app/modules/accounts/nav.ts). The menu is rendered once (decision
// 0058): on a desktop its sections sit in a row, each section with several pages a <details> disclosure;
// on a phone (below 64rem) the same <nav> is a popover sheet opened by the "menu" button, its sections
// listed open. Without JavaScript every part works (popover and details are HTML; a browser without
// popovers shows the row in the header). With JavaScript, opening a disclosure closes the others,
// Escape closes it, and a navigation closes all (the key below).
// Styles: .site-nav* in app/tailwind.css (one rule, not a class list per link: the header is on every page).

export interface HeaderUser {
  fullName: string;
  /** The roles held and the kind of unit each is held in (directorate staff see more than centre staff). */
  roles: NavHolding[];
}

export function SiteHeader({ locale, user, unread }: { locale: Locale; user: HeaderUser | null; unread: number }) {
  const t = makeT(locale);
  const location = useLocation();
  const ref = useRef<HTMLElement>(null);
  const sections = navSections(user?.roles ?? null);
  const tasks = sections.filter((s) => s.id !== "me");
  const me = sections.find((s) => s.id === "me")?.items ?? [];
  const current = sectionOf(location.pathname);
  const navigate = useNavigate();
  // The menu's links are plain anchors (MenuLink): one click handler here navigates in the app.
  const onClick = (e: MouseEvent<HTMLElement>) => menuLinkClick(e, navigate, location);

  // One disclosure open at a time (progressive enhancement: without JS several may stay open).
  const onToggle = (e: SyntheticEvent<HTMLElement>) => {
    const opened = e.currentTarget as HTMLDetailsElement;
    if (!opened.open) return;
    ref.current?.querySelectorAll<HTMLDetailsElement>("details[open]").forEach((d) => {
      if (d !== opened && !d.contains(opened) && !opened.contains(d)) d.open = false;
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== "Escape") return;
    const open = (e.target as HTMLElement).closest("details[open]") as HTMLDetailsElement | null;
    if (!open) return;
    open.open = false;
    open.querySelector("summary")?.focus();
  };
  const here = (to: string) => samePath(location.pathname, to);
  const sectionLinks = (items: readonly NavItem[]) => items.map((item) => (
    <li key={item.to}><MenuLink to={item.to} current={here(item.to)}>{t(item.label)}</MenuLink></li>
  ));
  // One list: a row on a desktop, a stacked sheet on a phone (CSS).
  const taskList = (
    <ul className="site-nav-row">
      {user && (
        <li><MenuLink to="/home" current={here("/home")}>{t("nav.home")}</MenuLink></li>
      )}
      {tasks.map((s) => {
        const mark = s.id === current ? <span className="sr-only"> {t("nav.currentSection")}</span> : null;
        if (s.items.length === 1) {
          const item = s.items[0];
          return (
            <li key={s.id} data-current={s.id === current || undefined}>
              <MenuLink to={item.to} current={here(item.to)}>{t(item.label)}{mark}</MenuLink>
            </li>
          );
        }
        return (
          <li key={s.id} data-current={s.id === current || undefined}>
            <details className="site-nav-section" onToggle={onToggle}>
              <summary className="site-nav-link">{t(s.label)}{mark}</summary>
              <ul className="site-nav-panel">{sectionLinks(s.items)}</ul>
            </details>
          </li>
        );
      })}
    </ul>
  );

  return (
    <header className="site-header" ref={ref} onKeyDown={onKeyDown} onClick={onClick}>
      <div key={location.key} className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2">
        <Link to={user ? "/home" : "/"} className="site-brand">{t("app.name")}</Link>
        <nav id="site-menu" popover="auto" aria-label={t("nav.menu")} className="site-nav">
          <button type="button" popovertarget="site-menu" popovertargetaction="hide" className="site-nav-link site-nav-close">{t("nav.closeMenu")}</button>
          {taskList}
          {!user && (
            <ul className="site-nav-row site-nav-guest-phone">
              <li><NavLink to="/login" className="site-nav-link">{t("nav.login")}</NavLink></li>
              <li><NavLink to="/signup" className="site-nav-link">{t("nav.signup")}</NavLink></li>
            </ul>
          )}
        </nav>
        <div className="ms-auto flex items-center gap-1">
          {user && <Bell t={t} unread={unread} />}
          {user ? (
            <details className="site-nav-section site-nav-me" data-testid="account-menu" onToggle={onToggle}>
              <summary className="site-nav-link">{t("nav.accountMenu")}</summary>
              <div className="site-nav-panel site-nav-panel-end">
                <p className="px-3 py-2 text-sm text-slate-600">{user.fullName}</p>
                <ul>{sectionLinks(me)}</ul>
                <Form method="post" action="/logout">
                  <button type="submit" className="site-nav-link w-full">{t("nav.logout")}</button>
                </Form>
              </div>
            </details>
          ) : (
            <span className="site-nav-guest">
              <NavLink to="/login" className="site-nav-link">{t("nav.login")}</NavLink>
              <NavLink to="/signup" className="site-nav-link">{t("nav.signup")}</NavLink>
            </span>
          )}
          <LanguageSwitch locale={locale} />
          <button type="button" popovertarget="site-menu" className="site-nav-link site-nav-toggle">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 fill-current"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" /></svg>
            <span className="ms-1">{t("nav.openMenu")}</span>
          </button>
        </div>
      </div>
    </header>
  );
}

function Bell({ t, unread }: { t: Translate; unread: number }) {
  return (
    <Link to="/notifications" className="site-nav-link" aria-label={t("notifications.bell", { count: unread })}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 fill-current"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" /></svg>
      {unread > 0 && <span aria-hidden="true" className="ms-1 rounded-full bg-amber-400 px-2 text-xs font-bold text-slate-900">{t("common.count", { n: unread })}</span>}
    </Link>
  );
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = makeT(locale);
  const location = useLocation();
  return (
    <Form method="post" action="/lang" className="inline">
      <input type="hidden" name="locale" value={locale === "fa" ? "en" : "fa"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="site-nav-link" aria-label={t("nav.switchToLabel")} lang={locale === "fa" ? "en" : "fa"}>
        {t("nav.switchTo")}
      </button>
    </Form>
  );
}

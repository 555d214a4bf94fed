import {
  Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration,
  isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData,
} from "@remix-run/react";
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import stylesheet from "~/tailwind.css";
import { dirOf, type Locale, DEFAULT_LOCALE } from "~/i18n/locale";
import { makeT, useT } from "~/i18n";
import { useNonce } from "~/ui/nonce";
import { getActor } from "~/modules/accounts/actor.server";
import { getLocale } from "~/lib/locale.server";
import { readFlash } from "~/lib/flash.server";
import { navSections, type NavItem } from "~/modules/accounts/nav";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [actor, locale, { flash, clear }] = await Promise.all([getActor(request, context), getLocale(request), readFlash(request)]);
  const user = actor.user
    ? { id: actor.user.id, fullName: actor.user.fullName, roles: actor.user.roles.map((r) => r.role) }
    : null;
  const unread = actor.user?.unread ?? 0;
  return data({ locale, user, flash, unread, requestId: actor.requestId }, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}

type RootData = Awaited<ReturnType<typeof loader>>["data"];

function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = makeT(locale);
  const location = useLocation();
  return (
    <Form method="post" action="/lang" className="inline">
      <input type="hidden" name="locale" value={locale === "fa" ? "en" : "fa"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="rounded px-2 py-1 text-sm text-white underline-offset-2 hover:underline" aria-label={t("nav.switchToLabel")} lang={locale === "fa" ? "en" : "fa"}>
        {t("nav.switchTo")}
      </button>
    </Form>
  );
}

function Header({ data: d }: { data: RootData }) {
  const t = makeT(d.locale);
  // Flat for now, in section order; issue 17 renders the sections (details/summary, phone menu).
  const items: NavItem[] = [
    ...(d.user ? [{ to: "/home", label: "nav.home", section: "me" as const }] : []),
    ...navSections(d.user?.roles ?? null).flatMap((s) => s.items),
  ];
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to={d.user ? "/home" : "/"} className="text-lg font-bold text-white">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.menu")} className="flex flex-wrap items-center gap-1">
          {items.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={({ isActive }) => `rounded px-2 py-1 text-sm text-white ${isActive ? "bg-brand-600" : "hover:bg-brand-700"}`}
            >
              {t(item.label)}
            </NavLink>
          ))}
          {d.user && (
            <Link to="/notifications" className="rounded px-2 py-1 text-sm text-white hover:bg-brand-700" aria-label={t("notifications.bell", { count: d.unread })}>
              <svg aria-hidden="true" viewBox="0 0 24 24" className="inline h-5 w-5 fill-current"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" /></svg>
              {d.unread > 0 && <span aria-hidden="true" className="ms-1 rounded-full bg-amber-400 px-2 text-xs font-bold text-slate-900">{t("common.count", { n: d.unread })}</span>}
            </Link>
          )}
          {d.user ? (
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="rounded px-2 py-1 text-sm text-white hover:bg-brand-700">{t("nav.logout")}</button>
            </Form>
          ) : (
            <>
              <NavLink to="/login" className="rounded px-2 py-1 text-sm text-white hover:bg-brand-700">{t("nav.login")}</NavLink>
              <NavLink to="/signup" className="rounded px-2 py-1 text-sm text-white hover:bg-brand-700">{t("nav.signup")}</NavLink>
            </>
          )}
          <LanguageSwitch locale={d.locale} />
        </nav>
      </div>
    </header>
  );
}

function Document({ locale, children, title }: { locale: Locale; children: React.ReactNode; title?: string }) {
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title && <title>{title}</title>}
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ d, children }: { d: RootData; children: React.ReactNode }) {
  const t = makeT(d.locale);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 focus:text-slate-900">
        {t("app.skipToContent")}
      </a>
      <Header data={d} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6">
        {d.flash && (
          <div role="status" className={`mb-4 rounded-md border p-3 ${d.flash.kind === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-900"}`}>
            {t(d.flash.key)}
          </div>
        )}
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600">{t("app.footer")} · {t("app.province")}</footer>
    </>
  );
}

export default function App() {
  const d = useRouteLoaderData<typeof loader>("root")!;
  return (
    <Document locale={d.locale} title={makeT(d.locale)("app.name")}>
      <Shell d={d}>
        <Outlet />
      </Shell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const d = useRouteLoaderData<typeof loader>("root");
  const locale = d?.locale ?? DEFAULT_LOCALE;
  const content = <ErrorContent error={error} requestId={d?.requestId} />;
  if (!d) {
    return (
      <Document locale={locale} title={makeT(locale)("error.server.title")}>
        <main id="main" className="mx-auto max-w-3xl px-4 py-10">{content}</main>
      </Document>
    );
  }
  return (
    <Document locale={locale} title={makeT(locale)("error.server.title")}>
      <Shell d={d}>{content}</Shell>
    </Document>
  );
}

export function ErrorContent({ error, requestId }: { error: unknown; requestId?: string }) {
  const t = useT();
  let title = t("error.server.title");
  let body = t("error.server.body");
  if (isRouteErrorResponse(error)) {
    const key = (error.data as { messageKey?: string } | null)?.messageKey;
    if (error.status === 404) { title = t("error.notFound.title"); body = t(key ?? "error.notFound.body"); }
    else if (error.status === 403) { title = t("error.forbidden.title"); body = t(key ?? "error.forbidden.body"); }
    else if (error.status === 409) { title = t("error.conflict.title"); body = t(key ?? "error.conflict"); }
    else if (error.status < 500) { title = t("error.badRequest"); body = t(key ?? "error.badRequest"); }
  }
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="mb-2 text-2xl font-bold">{title}</h1>
      <p className="mb-4">{body}</p>
      {requestId && !isRouteErrorResponse(error) && <p className="mb-4 text-sm text-slate-600">{t("error.requestId", { id: requestId })}</p>}
      <Link to="/">{t("error.goHome")}</Link>
    </div>
  );
}

import {
  Link, Links, Meta, Outlet, Scripts, ScrollRestoration,
  isRouteErrorResponse, useNavigation, useRouteError, useRouteLoaderData,
} from "@remix-run/react";
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import stylesheet from "~/tailwind.css";
import { dirOf, type Locale, DEFAULT_LOCALE } from "~/i18n/locale";
import { makeT, useT } from "~/i18n";
import { useNonce } from "~/ui/nonce";
import { getActor } from "~/modules/accounts/actor.server";
import { getLocale } from "~/lib/locale.server";
import { readFlash } from "~/lib/flash.server";
import { pageTitleKey } from "~/modules/accounts/nav";
import { SiteHeader } from "~/ui/SiteHeader";
import { formatDate } from "~/i18n/format";
import { todayTehran } from "~/i18n/clock";

// The portal's mark and web app manifest live in public/ (issue 10 item 16); the raster icons are made
// from favicon.svg by scripts/favicon.mjs and checked in.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "16x16 32x32 48x48" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

// A refusal thrown with Retry-After (a rate limit, ~/lib/heavy-limit.server) keeps that header on
// the error page; pages add no other headers here.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const out: Record<string, string> = {};
  const retry = errorHeaders?.get("Retry-After");
  if (retry) out["Retry-After"] = retry;
  return out;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [actor, locale, { flash, clear }] = await Promise.all([getActor(request, context), getLocale(request), readFlash(request)]);
  const user = actor.user
    ? { id: actor.user.id, fullName: actor.user.fullName, roles: actor.user.roles.map((r) => ({ role: r.role, orgKind: r.orgKind ?? null })), verified: actor.user.verified }
    : null;
  const unread = actor.user?.unread ?? 0;
  return data({ locale, user, flash, unread, requestId: actor.requestId, today: todayTehran() }, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}

/**
 * The root (flash, header) reloads after every form post, even one answered 400 or 409, which single
 * fetch otherwise skips: else the flash of an earlier success stays above the new error (issue 11 item
 * 10, seen on the targets form) and the bell's count lags. Its loader reads no more than a page view.
 */
export function shouldRevalidate({ formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod && formMethod.toUpperCase() !== "GET") return true;
  return defaultShouldRevalidate;
}

type RootData = Awaited<ReturnType<typeof loader>>["data"];

/**
 * ONE <title> per page (WCAG 2.4.2), "page · portal" in the reader's language: a route's
 * `handle.title` (an i18n key) when it has one, else the menu entry the page falls under
 * (pageTitleKey in nav.ts), else the portal's name alone. Routes do not export their own title.
 */
export const meta: MetaFunction<typeof loader> = ({ data: d, location, matches, error }) => {
  const t = makeT((d as RootData | undefined)?.locale ?? DEFAULT_LOCALE);
  const handleKey = [...matches].reverse().map((m) => (m.handle as { title?: string } | undefined)?.title).find(Boolean);
  const key = error ? "error.server.title" : handleKey ?? pageTitleKey(location.pathname);
  const name = t("app.name");
  return [
    { title: key ? `${t(key)} · ${name}` : name },
    { name: "description", content: t("app.description") },
    { name: "theme-color", content: "#084231" },
  ];
};

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
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
  // An earlier save's "saved" is hidden while the next form is on its way: it would answer a question
  // not yet asked (and a test waiting for the new message would take the old one for it).
  const flash = useNavigation().state === "submitting" ? null : d.flash;
  return (
    <>
      <a href="#main" className="skip-link sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 focus:text-slate-900">
        {t("app.skipToContent")}
      </a>
      <SiteHeader locale={d.locale} user={d.user} unread={d.unread} />
      <div className="print-header mx-4 mb-4 hidden items-baseline justify-between border-b border-slate-400 pb-2" aria-hidden="true" data-testid="print-header">
        <strong>{t("app.name")}</strong>
        <span>{formatDate(d.locale, d.today)}</span>
      </div>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6">
        {flash && (
          <div role="status" className={`mb-4 rounded-md border p-3 ${flash.kind === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-900"}`}>
            {t(flash.key)}
          </div>
        )}
        {d.user && d.user.verified === false && (
          <div role="note" data-testid="verify-banner" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            {t("recovery.banner")} <Link to="/account/email" className="underline">{t("recovery.banner.manage")}</Link>
          </div>
        )}
        {children}
      </main>
      <footer className="site-footer mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600">{t("app.footer")} · {t("app.province")}</footer>
    </>
  );
}

export default function App() {
  const d = useRouteLoaderData<typeof loader>("root")!;
  return (
    <Document locale={d.locale}>
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
      <Document locale={locale}>
        <main id="main" className="mx-auto max-w-3xl px-4 py-10">{content}</main>
      </Document>
    );
  }
  return (
    <Document locale={locale}>
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
    else if (error.status === 429) { title = t("error.rateLimited.title"); body = t(key ?? "error.rateLimited"); }
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

import { createCookie } from "@remix-run/node";
import { pickLocale, type Locale } from "~/i18n/locale";
import { makeT } from "~/i18n";

export const localeCookie = createCookie("lang", { path: "/", sameSite: "lax", maxAge: 365 * 86400, httpOnly: false });

const cache = new WeakMap<Request, Promise<Locale>>();

/** The language is decided on the server: cookie first, then Accept-Language, then Persian. */
export function getLocale(request: Request): Promise<Locale> {
  let p = cache.get(request);
  if (!p) {
    p = localeCookie.parse(request.headers.get("Cookie")).then((v: unknown) =>
      pickLocale(typeof v === "string" ? v : null, request.headers.get("Accept-Language")),
    );
    cache.set(request, p);
  }
  return p;
}

export async function getT(request: Request) {
  return makeT(await getLocale(request));
}

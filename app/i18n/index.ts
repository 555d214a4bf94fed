import { useRouteLoaderData } from "@remix-run/react";
import { catalogs, type MessageKey } from "./catalog";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import { formatNumber } from "./format";

export type { MessageKey } from "./catalog";
export type Params = Record<string, string | number | null | undefined>;
export type Translate = (key: MessageKey | (string & {}), params?: Params) => string;

export function translate(locale: Locale, key: string, params?: Params): string {
  const catalog = catalogs[locale] as Record<string, string>;
  const template = catalog[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v == null) return "";
    return typeof v === "number" ? formatNumber(locale, v, 2) : String(v);
  });
}

export function makeT(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return makeT(useLocale());
}

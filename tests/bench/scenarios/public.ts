// Public pages behind a shared cache (issue 18 item 8): the public employment page rendered, and the
// same page answered 304 to a conditional request with its current ETag (server/public-cache.mjs: one SQL
// statement and a hash, Remix never runs). Target: the 304's server CPU per request under a tenth of the
// static page's.
import { defineScenario } from "../types";

/** The page's current ETag, asked with the same Accept-Language the measured requests send (it is part of the tag). */
async function etagOf(url: string): Promise<Record<string, string>> {
  const lang = { "Accept-Language": "fa" };
  const res = await fetch(url, { headers: lang });
  const etag = res.headers.get("etag");
  if (!etag) throw new Error(`${url} sent no ETag`);
  return { ...lang, "If-None-Match": etag };
}

export default defineScenario({
  name: "public",
  description: "public pages with ETags: the rendered page and the 304 of a conditional request",
  requests: [
    { label: "public employment page (200)", path: "/employment", targets: { minRatioToStatic: 0.4 } },
    { label: "public employment page (304)", path: "/employment", status: 304, headers: (ctx) => etagOf(`${ctx.baseUrl}/employment`), targets: { maxCpuRatioToStatic: 0.1 } },
    { label: "employment.json (304)", path: "/employment.json", status: 304, headers: (ctx) => etagOf(`${ctx.baseUrl}/employment.json`), targets: { maxCpuRatioToStatic: 0.1 } },
  ],
});

import { getDb } from "./db.server";
import { env } from "./env.server";
import { getT } from "./locale.server";
import { perWindow, takeToken, type Limit } from "./rate-limit.server";

// Per-user limits on the expensive reads (issue 10 item 9, decision 0050): every signed-in export
// (*.csv and the /export routes) and every text search (a list page asked with ?q=) takes a token
// from the user's bucket before the work. A user who bursts gets 429 with Retry-After and a message
// in their language; other users have their own buckets and keep their pages. Buckets live in
// PostgreSQL like the login limit (~/lib/rate-limit.server), so every app process shares them.

export type HeavyKind = "export" | "search";

/** Per user and minute (a burst of that many, refilled over a minute); the environment may raise them. */
export function heavyLimit(kind: HeavyKind): Limit {
  const e = env();
  return perWindow(kind === "export" ? e.EXPORTS_PER_MINUTE : e.SEARCHES_PER_MINUTE, 60_000);
}

/** Takes a token for `kind` from the asker's bucket (user id, else IP), or throws the 429. */
export async function limitHeavy(request: Request, asker: { user: { id: number } | null; ip: string }, kind: HeavyKind): Promise<void> {
  const key = asker.user ? `user:${asker.user.id}` : `ip:${asker.ip}`;
  const took = await takeToken(await getDb(), `heavy-${kind}`, key, heavyLimit(kind));
  if (took.granted) return;
  const headers = { "Retry-After": String(took.retryAfter), "Cache-Control": "no-store" };
  if (kind === "export") {
    // A download link: a plain-text answer the browser shows as it is.
    const t = await getT(request);
    throw new Response(`${t("error.rateLimited.export")}\n`, { status: 429, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  // A page: the root error boundary shows the message (see ErrorContent in root.tsx).
  throw Response.json({ messageKey: "error.rateLimited.search", retryAfter: took.retryAfter }, { status: 429, headers });
}

/** The search limit, taken only when the list is asked with a search text (?q=). */
export async function limitSearch(request: Request, asker: { user: { id: number } | null; ip: string }): Promise<void> {
  if ((new URL(request.url).searchParams.get("q") ?? "").trim()) await limitHeavy(request, asker, "search");
}

import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

// One-shot messages after an action ("Saved."), carried by a short-lived signed cookie
// so they work for anonymous users and with JavaScript off.
let cookie: ReturnType<typeof createCookie> | undefined;
function flashCookie() {
  cookie ??= createCookie("flash", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60, secure: env().secureCookies, secrets: [env().sessionSecret] });
  return cookie;
}

export type Flash = { key: string; kind: "success" | "error" };

export function setFlash(key: string, kind: Flash["kind"] = "success") {
  return flashCookie().serialize({ key, kind });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("flash=")) return { flash: null, clear: null };
  const value = (await flashCookie().parse(header)) as Flash | null;
  return { flash: value && typeof value.key === "string" ? value : null, clear: await flashCookie().serialize("", { maxAge: 0 }) };
}

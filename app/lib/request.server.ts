import crypto from "node:crypto";

/** What the HTTP server puts in Remix's load context (see server.mjs). */
export interface RequestContext {
  requestId: string;
  ip: string;
  nonce: string;
  /** What the request log line reports (server/logging.mjs): filled in as the request is served. */
  meta?: { userId?: number; route?: string };
}

export function requestContext(context: unknown): RequestContext {
  const c = (context ?? {}) as Partial<RequestContext>;
  return {
    requestId: c.requestId ?? crypto.randomUUID(),
    ip: c.ip ?? "unknown",
    nonce: c.nonce ?? "",
    meta: c.meta,
  };
}

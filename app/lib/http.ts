import { data } from "@remix-run/node";
import { MAX_INT_ID, parseId } from "./ids";

// Expected failures are thrown as Remix responses carrying an i18n message key, so the
// ErrorBoundary (or the form) renders them in the user's language. Never a 500.

export type HttpErrorBody = { messageKey: string; fieldErrors?: Record<string, string> };

export function httpError(status: number, messageKey: string, extra?: Omit<HttpErrorBody, "messageKey">) {
  return data<HttpErrorBody>({ messageKey, ...extra }, { status });
}

export const badRequest = (key = "error.badRequest", fieldErrors?: Record<string, string>) =>
  httpError(400, key, fieldErrors ? { fieldErrors } : undefined);
export const forbidden = (key = "error.forbidden.body") => httpError(403, key);
export const notFound = (key = "error.notFound.body") => httpError(404, key);
export const conflict = (key = "error.conflict") => httpError(409, key);
export const tooMany = (key = "error.rateLimited") => httpError(429, key);

export function isHttpError(e: unknown): e is ReturnType<typeof httpError> {
  return (
    typeof e === "object" && e !== null && (e as { type?: string }).type === "DataWithResponseInit" &&
    typeof (e as { data?: HttpErrorBody }).data?.messageKey === "string"
  );
}

export function httpErrorStatus(e: ReturnType<typeof httpError>): number {
  return e.init?.status ?? 500;
}

/** A route's id parameter, or a 404 before any query (see parseId in ./ids). */
export function idOrNotFound(value: unknown, max: number = MAX_INT_ID): number {
  const id = parseId(value, max);
  if (id == null) throw notFound();
  return id;
}

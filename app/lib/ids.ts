// Ids from URLs and forms. PostgreSQL refuses an out-of-range integer with an error (a 500), so
// anything that is not a plain positive integer in range is "no such id" (404) before any query.

/** Largest value of a PostgreSQL `integer` column. */
export const MAX_INT_ID = 2_147_483_647;
/** For `bigint` ids (audit rows, notifications): the largest integer JavaScript holds exactly. */
export const MAX_BIGINT_ID = Number.MAX_SAFE_INTEGER;

/** A positive integer id (ASCII digits only) no larger than `max`, or null. */
export function parseId(value: unknown, max: number = MAX_INT_ID): number | null {
  if (typeof value !== "string" || !/^[0-9]{1,16}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

import type { Role } from "~/modules/accounts/roles";

/**
 * Who asks: nobody signed in, or a fresh user holding exactly one role (demo-like org units: staff in
 * the directorate), plus `centre_staff`: staff held in a second centre (consult-tabriz-2), who must
 * work only their centre's records (issue 10 item 8).
 */
export type Asker = "anonymous" | Role | "centre_staff";
/** The second centre the matrix's centre staff hold their role in (not the matrix mentor's accel-tabriz-1). */
export const CENTRE_STAFF_UNIT = "consult-tabriz-2";

/**
 * One row of the route x role matrix. `route` is the Remix route id ("routes/admin.users.$id");
 * every route file must appear in at least one row. `expect` gives the HTTP status each asker gets
 * (302 = redirect, e.g. anonymous to /login); a list means any of those.
 */
export interface MatrixRow {
  route: string;
  method?: "GET" | "POST";
  /** A concrete URL; a function receives the fixtures the module's `setup` returned. */
  path: string | ((fx: Record<string, string | number>) => string);
  /** Form fields for POST rows (sent as application/x-www-form-urlencoded, same Origin). */
  body?: Record<string, string> | ((fx: Record<string, string | number>) => Record<string, string>);
  /** `centre_staff` may be left out: it then expects what directorate `staff` gets. */
  expect: Record<Exclude<Asker, "centre_staff">, number | number[]> & { centre_staff?: number | number[] };
  note?: string;
}

/** Users the matrix created, one per asker role, so a module's setup can make records they own. */
export type MatrixUsers = Record<Exclude<Asker, "anonymous">, { id: number; orgUnitId: number | null }>;

/** A module's matrix file: `export const rows: MatrixRow[]` and optionally `export async function setup(users)`. */
export interface MatrixModule {
  rows: MatrixRow[];
  setup?: (users: MatrixUsers) => Promise<Record<string, string | number>>;
}

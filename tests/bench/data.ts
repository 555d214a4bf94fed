// Helpers of the scenarios' data steps (set-based SQL on the bench database; see types.ts).
import { sql, type RawBuilder } from "kysely";
import type { BenchContext } from "./types";

/** A deterministic pseudo-random 0..n-1 for a generated row: `abs(hashtext(salt || v)) % n`, `v` a column of the series (default g). */
export const hashPick = (salt: string, n: number, v = "g") => sql.raw(`(abs(hashtext('${salt}' || ${v})) % ${n})`);

/**
 * The idempotent start of a data step: `count` counts the rows the scenario marks as its own (as `n`);
 * with `enough` of them the data is there, which is logged and answered true.
 */
export async function alreadyGenerated(ctx: BenchContext, name: string, count: RawBuilder<{ n: number }>, enough: number): Promise<boolean> {
  const { rows } = await count.execute(ctx.db);
  if ((rows[0]?.n ?? 0) < enough) return false;
  ctx.log(`${name}: data already generated`);
  return true;
}

/** A request path resolved after prepare(): the first id `query` finds among the generated records, put into `to`. */
export function firstIdPath(query: RawBuilder<{ id: number }>, to: (id: number) => string) {
  return async (ctx: BenchContext) => {
    const { rows } = await query.execute(ctx.db);
    if (!rows[0]) throw new Error(`no generated record for ${to(0)}`);
    return to(rows[0].id);
  };
}

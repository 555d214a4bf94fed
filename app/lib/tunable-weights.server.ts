import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { memo } from "~/lib/memo.server";
import { MAX_WEIGHT, weightsProblems } from "~/lib/weights";

// One settings row of tunable match weights (decision 0054; first written for partnerships, decision 0021):
// `settings[key] = { weights, version }`. Rankings read it through memo("setting") (the audit row of a
// change, entity "setting", drops it); a stored row that breaks the rules falls back to the defaults.
// The calling service checks the permission and writes the audit row in the transaction save() opens.

export interface WeightsSpec<P extends string> {
  key: string;
  parts: readonly P[];
  defaults: Record<P, number>;
  /** i18n keys: a stale form (409) and every weight zero (a form error). */
  staleKey: string;
  allZeroKey: string;
  max?: number;
}

export interface StoredWeights<P extends string> { weights: Record<P, number>; version: number }

export function tunableWeights<P extends string>(spec: WeightsSpec<P>) {
  const max = spec.max ?? MAX_WEIGHT;
  const problems = (w: Partial<Record<P, unknown>>) => weightsProblems(spec.parts, w, spec.allZeroKey, max);

  async function read(db: Database): Promise<StoredWeights<P>> {
    const row = await db.selectFrom("settings").select("value").where("key", "=", spec.key).executeTakeFirst();
    const v = (row?.value ?? {}) as { weights?: Partial<Record<P, number>>; version?: number };
    const weights = { ...spec.defaults };
    for (const p of spec.parts) if (typeof v.weights?.[p] === "number") weights[p] = v.weights[p]!;
    return { weights: Object.keys(problems(weights)).length ? { ...spec.defaults } : weights, version: v.version ?? 0 };
  }
  const cached = memo("setting", 60_000, async () => read(await getDb()));

  return {
    key: spec.key,
    problems,
    /** The weights the ranking uses now (cached; a change through save() is seen at once in this process). */
    async current(): Promise<Record<P, number>> {
      return (await cached.get("current")).weights;
    },
    /** The stored weights and version for the edit form (uncached). */
    async forEdit(): Promise<StoredWeights<P>> {
      return read(await getDb());
    },
    /**
     * Saves new weights: field errors (400) when a weight is not a whole number 0..max or all are zero,
     * 409 when the form's version is not the row's. `audit` runs in the same transaction.
     */
    async save(input: Record<P, number> & { version?: number }, audit: (trx: Database, before: Record<P, number>, after: Record<P, number>) => Promise<void>) {
      const weights = Object.fromEntries(spec.parts.map((p) => [p, input[p]])) as unknown as Record<P, number>;
      const errors = problems(weights);
      if (Object.keys(errors).length) throw badRequest("error.form", errors);
      const db = await getDb();
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom("settings").select("value").where("key", "=", spec.key).forUpdate().executeTakeFirst();
        const before = (row?.value ?? {}) as { weights?: Record<P, number>; version?: number };
        if (input.version != null && input.version !== (before.version ?? 0)) throw conflict(spec.staleKey);
        const value = JSON.stringify({ weights, version: (before.version ?? 0) + 1 });
        await trx.insertInto("settings").values({ key: spec.key, value })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: sql`now()` })).execute();
        await audit(trx, before.weights ?? spec.defaults, weights);
      });
    },
  };
}

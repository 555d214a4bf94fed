/**
 * Short-lived, per-process caching of read models that are expensive to compute and cheap to be a
 * little late about (counts on a home page, a ranking, reference lists). Decision 0014.
 *
 *   const perStage = memo("cases", 30_000, () => q.casesPerStage(db));
 *   const loads = await perStage.get("all");
 *
 * - Values are kept per key for `ttlMs`; concurrent callers share one computation (no stampede).
 * - `dropTag(tag)` forgets every value of that tag. writeAudit() calls it with the audited entity, so
 *   any change made through a service (every change writes an audit row) is seen by the next request
 *   of this process; other processes see it within the TTL.
 * - Never use it for anything a rule depends on (capacity checks, permissions, counting rules):
 *   those read the database.
 */
type Entry<V> = { at: number; value: Promise<V> };

const registry = new Map<string, Set<Map<string, Entry<unknown>>>>();
const droppedAt = new Map<string, number>();
/**
 * writeAudit drops a tag inside the changing transaction, before it commits: a value computed in the
 * moment between the drop and the commit may still hold the old data. So a value computed within
 * SETTLE_MS after a drop is used only until SETTLE_MS has passed, then computed again.
 */
const SETTLE_MS = 1000;

export interface Memo<K, V> {
  get(key: K): Promise<V>;
  drop(): void;
}

export function memo<K = string, V = unknown>(tags: string | string[], ttlMs: number, compute: (key: K) => Promise<V>, keyOf: (key: K) => string = String): Memo<K, V> {
  const entries = new Map<string, Entry<V>>();
  const tagList = Array.isArray(tags) ? tags : [tags];
  const lastDrop = () => Math.max(0, ...tagList.map((t) => droppedAt.get(t) ?? 0));
  for (const tag of tagList) {
    let set = registry.get(tag);
    if (!set) registry.set(tag, (set = new Set()));
    set.add(entries as Map<string, Entry<unknown>>);
  }
  return {
    get(key: K) {
      const k = keyOf(key);
      const hit = entries.get(k);
      const now = Date.now();
      const settled = lastDrop() + SETTLE_MS;
      if (hit && now - hit.at < ttlMs && (hit.at >= settled || now < settled)) return hit.value;
      const value = compute(key);
      if (entries.size >= 500) entries.clear();
      const entry = { at: Date.now(), value };
      entries.set(k, entry);
      // A failed computation is not kept.
      value.catch(() => {
        if (entries.get(k) === entry) entries.delete(k);
      });
      return value;
    },
    drop() {
      entries.clear();
    },
  };
}

/**
 * Forgets every cached value tagged `tag` (called by writeAudit with the changed entity, and by the
 * cache bus when another instance's change commits: app/lib/cache-bus.server.ts). A drop that comes
 * from the bus arrives after the commit, so it needs no settling period.
 */
export function dropTag(tag: string, opts: { committed?: boolean } = {}) {
  if (!opts.committed) droppedAt.set(tag, Date.now());
  for (const entries of registry.get(tag) ?? []) entries.clear();
}

/** Forgets everything (the cache bus lost its connection and may have missed drops). */
export function dropAll() {
  for (const set of registry.values()) for (const entries of set) entries.clear();
}

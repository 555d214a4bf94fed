import type { Kysely } from "kysely";
import { demoContext, type DemoContext } from "./demo/kit";
import { usersDemo } from "./demo/users";
import { employmentDemo } from "./demo/employment";
import { chairsDemo, moreChairsDemo } from "./demo/chairs";
import { ideasDemo } from "./demo/ideas";
import { casesDemo } from "./demo/cases";
import { seedMicroDemo } from "./demo-micro";
import { partnershipsDemo } from "./demo/partnerships";
import { trainingDemo } from "./demo/training";
import { seekersDemo } from "./demo/seekers";
import { cooperativesDemo } from "./demo/cooperatives";
import { agendaDemo } from "./demo/agenda";
import { clustersDemo } from "./demo/clusters";

// The demo province (evaluation mode: the embedded database's first start, `npm run db:seed`, the
// end-to-end server and the benchmarks). ONE entry, one file per module in db/seeds/demo/:
//
//   db/seeds/demo/kit.ts          the shared context (today, deterministic random, unit/user ids, bulk insert)
//   db/seeds/demo/users.ts        demo users, one per role (README's demo table)
//   db/seeds/demo/<module>.ts     export async function <module>Demo(ctx: DemoContext) { ... }
//
// A new module adds its file and ONE line to DEMO_SEEDS below (at the end, or after the modules whose
// records it points at). The rules every module seed follows (deterministic, marked "(نمایشی)",
// idempotent, bulk and fast) are at the top of db/seeds/demo/kit.ts.

export type DemoSeed = (ctx: DemoContext) => Promise<void>;

/** Module seeds in the order they run (later seeds may use earlier seeds' records). */
export const DEMO_SEEDS: [module: string, seed: DemoSeed][] = [
  ["users", usersDemo],
  ["employment", employmentDemo],
  ["chairs", async (ctx) => { await chairsDemo(ctx); await moreChairsDemo(ctx); }],
  ["ideas", ideasDemo],
  ["cases", casesDemo],
  ["micro", (ctx) => seedMicroDemo(ctx.db)],
  ["partnerships", partnershipsDemo],
  ["training", trainingDemo],
  ["seekers", seekersDemo],
  ["cooperatives", cooperativesDemo],
  ["agenda", agendaDemo],
  ["clusters", clustersDemo],
];

/** Loads the whole demo province; idempotent. `log` gets one line per module with its time. */
export async function seedDemo(db: Kysely<any>, opts: { at?: Date; log?: (m: string) => void } = {}) {
  const ctx = demoContext(db, opts.at);
  for (const [module, seed] of DEMO_SEEDS) {
    const t0 = performance.now();
    await seed(ctx);
    opts.log?.(`demo ${module}: ${Math.round(performance.now() - t0)} ms`);
  }
}

// Kept for callers and tests that seed one module.
export { DEMO_PASSWORD, DEMO_USERS } from "./demo/users";
export { DEMO_CHAIR_TITLE } from "./demo/chairs";
export { DEMO_MARK } from "./demo/kit";
export const seedEmploymentDemo = (db: Kysely<any>) => employmentDemo(demoContext(db));
export const seedChairsDemo = (db: Kysely<any>, at?: Date) => chairsDemo(demoContext(db, at));

// npm install (postinstall) and `npx tsx scripts/pglite-template.ts`: the embedded database's template
// for this checkout (db/pglite-template.ts, decision 0046), so the first `npm start` skips initdb and the
// migrations. Idempotent: it does nothing when the template for these migrations exists.
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { installJobSchema } from "../db/jobs-schema";
import { migrations } from "../db/migrations/index";
import { buildTemplate } from "../db/pglite-template";

const t0 = performance.now();
const tpl = await buildTemplate(
  Object.keys(migrations),
  (dataDir) => connect({ dataDir, template: false }),
  async (db) => {
    await migrateToLatest(db);
    await installJobSchema(db);
  },
);
console.log(tpl ? `embedded database template: ${tpl} (${Math.round(performance.now() - t0)} ms)` : "embedded database template: PGlite not found, skipped");

// npm run db:migrate | db:seed | db:types
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seedReference } from "../db/seeds/reference";
import { seedDemo } from "../db/seeds/demo";
import { generateTypes } from "../db/codegen";
import fs from "node:fs";

const cmd = process.argv[2];
const conn = await connect({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? "./data" });
try {
  if (cmd === "migrate") {
    for (const r of await migrateToLatest(conn.db)) console.log(`${r.migrationName}: ${r.status}`);
  } else if (cmd === "seed") {
    if (process.env.NODE_ENV === "production") {
      console.error("db:seed loads the demo province and refuses to run with NODE_ENV=production.");
      process.exitCode = 1;
    } else {
      await migrateToLatest(conn.db);
      await seedReference(conn.db);
      await seedDemo(conn.db, { log: console.log });
      console.log("reference data and the demo province loaded");
    }
  } else if (cmd === "types") {
    await migrateToLatest(conn.db);
    fs.writeFileSync("db/types.ts", await generateTypes(conn.db));
    console.log("db/types.ts written");
  } else {
    console.error("usage: tsx scripts/db.ts migrate|seed|types");
    process.exitCode = 2;
  }
} finally {
  await conn.close();
}

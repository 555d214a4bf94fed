import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { connect } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seeds/reference";
import { installJobSchema } from "../../db/jobs-schema";

// Prepares one migrated database with reference data; each test file then gets its own copy:
// real PostgreSQL (DATABASE_URL set) clones a template database, PGlite loads a snapshot.
// Named per run so several test runs on one server do not drop each other's template.
const TEMPLATE_DB = `portal_tpl_${process.pid}`;

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${TEMPLATE_DB}`;
    const conn = await connect({ databaseUrl: u.toString(), max: 1 });
    await migrateToLatest(conn.db);
    await seedReference(conn.db);
    await installJobSchema(conn.db);
    await conn.close();
    project.provide("dbMode", "postgres");
    project.provide("snapshot", TEMPLATE_DB);
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await c.end();
    };
  }
  const conn = await connect({ dataDir: undefined });
  await migrateToLatest(conn.db);
  await seedReference(conn.db);
  await installJobSchema(conn.db);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
  const file = path.join(dir, "snapshot.tar.gz");
  const blob = await conn.pglite!.dumpDataDir("gzip");
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await conn.close();
  project.provide("dbMode", "pglite");
  project.provide("snapshot", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    dbMode: "postgres" | "pglite";
    /** PGlite: the snapshot file; PostgreSQL: the template database's name. */
    snapshot: string;
  }
}

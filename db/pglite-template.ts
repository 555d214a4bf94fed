import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";

// The embedded database's first start (issue 17 item 1, decision 0046). Creating a PGlite data folder
// runs initdb in WebAssembly: about 14 s of CPU, most of the first start. So `npm install` (postinstall,
// scripts/pglite-template.ts) makes a template once: a cleanly closed data folder, initdb done and every
// migration of this checkout and pg-boss's schema applied. A new DATA_DIR starts as a copy of it (a
// file copy, well under a second) and boot goes on as on any later start: migrations (none left),
// reference data, the demo province. Without a matching template (no postinstall, another PGlite
// version, other migrations) the start is what it was: initdb and every migration.

/** Where templates live: PGLITE_TEMPLATE_DIR, else node_modules/.cache of the working directory. */
export function templateRoot() {
  return process.env.PGLITE_TEMPLATE_DIR || path.resolve("node_modules/.cache/karafarini-pglite");
}

function pgliteVersion(): string | undefined {
  try {
    const pkg = path.resolve("node_modules/@electric-sql/pglite/package.json");
    return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The template's folder for this PGlite and this list of migrations (undefined: PGlite not found). */
export function templatePath(migrationNames: string[]): string | undefined {
  const version = pgliteVersion();
  if (!version) return undefined;
  const hash = crypto.createHash("sha256").update([...migrationNames].sort().join("\n")).digest("hex").slice(0, 16);
  return path.join(templateRoot(), `pglite-${version}-${hash}`);
}

function isEmptyOrMissing(dir: string) {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Before opening `pgdata`: when it is new (missing or empty) and a template for these migrations
 * exists, copy the template there. Returns whether it did.
 */
export function startFromTemplate(pgdata: string, migrationNames: string[]): boolean {
  const tpl = templatePath(migrationNames);
  if (!tpl || !fs.existsSync(path.join(tpl, "PG_VERSION")) || !isEmptyOrMissing(pgdata)) return false;
  fs.mkdirSync(path.dirname(pgdata), { recursive: true });
  if (fs.existsSync(pgdata)) fs.rmdirSync(pgdata);
  fs.cpSync(tpl, pgdata, { recursive: true });
  return true;
}

/**
 * Builds the template for these migrations unless it exists: a new PGlite folder, `prepare` on it
 * (migrations and the job schema), closed cleanly, then moved into place in one rename (two builds at
 * once: the second one's copy is dropped). Returns the template's path, or undefined without PGlite.
 */
export async function buildTemplate(
  migrationNames: string[],
  /** Opens a new embedded database with this DATA_DIR (its data folder is `<dir>/pglite`). */
  open: (dataDir: string) => Promise<{ db: Kysely<any>; close(): Promise<void> }>,
  prepare: (db: Kysely<any>) => Promise<void>,
): Promise<string | undefined> {
  const tpl = templatePath(migrationNames);
  if (!tpl) return undefined;
  if (fs.existsSync(path.join(tpl, "PG_VERSION"))) return tpl;
  fs.mkdirSync(templateRoot(), { recursive: true });
  const work = fs.mkdtempSync(path.join(templateRoot(), `.build-${os.hostname()}-`));
  try {
    const conn = await open(work);
    try {
      await prepare(conn.db);
    } finally {
      await conn.close();
    }
    try {
      fs.renameSync(path.join(work, "pglite"), tpl);
    } catch (e) {
      if (!fs.existsSync(path.join(tpl, "PG_VERSION"))) throw e;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return tpl;
}

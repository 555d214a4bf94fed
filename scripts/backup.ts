// npm run db:backup [-- <file>]            back up the database (DATABASE_URL, else the embedded one in DATA_DIR)
// npm run db:restore -- <file> [--replace] restore a backup into it
//
// Real PostgreSQL: pg_dump's custom format (every schema: the portal's tables and the job queue's),
// restored with pg_restore; the target database is created when it does not exist. The embedded
// database (PGlite): PGlite's own data-directory dump (a .tar.gz), restored into DATA_DIR/pglite.
// Stop the app before backing up or restoring the embedded database (one process may open it).
// A restore refuses a database that already holds tables unless --replace is given (PostgreSQL: the
// objects are dropped and recreated; embedded: the old folder is kept beside it as pglite.replaced-<time>).
// Decision 0034.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openPglite } from "../db/connect";

const [cmd, ...args] = process.argv.slice(2);
const replace = args.includes("--replace");
const file = args.find((a) => !a.startsWith("--"));
const url = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");

function fail(message: string): never {
  console.error(`db:${cmd ?? "backup"}: ${message}`);
  process.exit(1);
}

/** pg_dump / pg_restore from PATH, else the PostgreSQL 15 server's folder. */
function tool(name: string): string {
  const which = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const fallback = `/usr/lib/postgresql/15/bin/${name}`;
  if (fs.existsSync(fallback)) return fallback;
  fail(`${name} was not found (install the PostgreSQL client tools)`);
}

function run(bin: string, argv: string[]) {
  const r = spawnSync(bin, argv, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) fail(`${path.basename(bin)} exited with ${r.status ?? r.signal}`);
}

function stamp() {
  return new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

async function tableCount(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (e) {
    if ((e as { code?: string }).code === "3D000") return null; // the database does not exist
    throw e;
  }
  try {
    const r = await client.query("select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')");
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

async function createDatabase(databaseUrl: string) {
  const u = new URL(databaseUrl);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function backup() {
  const out = path.resolve(file ?? path.join("backups", `portal-${stamp()}.${url ? "dump" : "tar.gz"}`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (url) {
    run(tool("pg_dump"), ["--format=custom", "--no-owner", "--file", out, url]);
  } else {
    const dir = path.join(dataDir, "pglite");
    if (!fs.existsSync(path.join(dir, "PG_VERSION"))) fail(`no embedded database in ${dir}`);
    const db = await openPglite(dir);
    try {
      const blob = await db.dumpDataDir("gzip");
      fs.writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  console.log(`backup written: ${out} (${fs.statSync(out).size} bytes)`);
}

async function restore() {
  if (!file) fail("which backup? npm run db:restore -- <file> [--replace]");
  const from = path.resolve(file);
  if (!fs.existsSync(from)) fail(`${from} does not exist`);
  if (url) {
    const tables = await tableCount(url);
    if (tables === null) await createDatabase(url);
    else if (tables > 0 && !replace) fail(`the database already holds ${tables} tables; give --replace to overwrite it`);
    run(tool("pg_restore"), ["--no-owner", "--exit-on-error", ...(tables ? ["--clean", "--if-exists"] : []), "--dbname", url, from]);
  } else {
    const dir = path.join(dataDir, "pglite");
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      if (!replace) fail(`${dir} already holds a database; give --replace to overwrite it (the old one is kept beside it)`);
      fs.renameSync(dir, `${dir}.replaced-${stamp()}`);
    }
    const db = await openPglite(dir, new Blob([fs.readFileSync(from)]));
    await db.close();
  }
  console.log(`restored ${from} into ${url ? `the database ${new URL(url).pathname.slice(1)}` : path.join(dataDir, "pglite")}`);
}

if (cmd === "backup") await backup();
else if (cmd === "restore") await restore();
else fail("usage: tsx scripts/backup.ts backup [file] | restore <file> [--replace]");

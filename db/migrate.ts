import { Migrator, type Kysely, type MigrationProvider } from "kysely";
import { migrations } from "./migrations/index";

const provider: MigrationProvider = { getMigrations: async () => migrations };
// Engineers are given migration hours up front and land in any order, so a database that already ran
// a later-named migration must still run an earlier-named one that lands after it.
const allowUnorderedMigrations = true;

export async function migrateToLatest(db: Kysely<any>) {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

export async function migrateDown(db: Kysely<any>) {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations });
  const { error, results } = await migrator.migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

import { type Kysely, sql } from "kysely";

// Shared ground for the modules added in December (issues 12-16), made once so each module's own
// migration never redefines a shared constraint:
// - reference lists: technology domains (company-industry matching), occupations (ISCO-08 groups) and
//   skills (job seekers, vacancies, training courses); admin-editable like counties and sectors;
// - the organisation unit kinds roles are held in: agencies (agency officers), clusters (cluster
//   agents), training providers, employers and cooperatives, besides the first five;
// - the roles those modules add;
// - org_units.enterprise_id: a company, industry, employer or cooperative unit is an enterprise of
//   the employment ledger (one record per registration number, never a copy).
// Frozen in time: never import app code here.

const KINDS_BEFORE = ["directorate", "centre", "university", "company", "industry"];
const KINDS = [...KINDS_BEFORE, "agency", "cluster", "provider", "employer", "cooperative"];
const ROLES_BEFORE = ["entrepreneur", "mentor", "chair_manager", "company_rep", "industry_rep", "staff", "admin"];
const ROLES = [...ROLES_BEFORE, "cluster_agent", "agency_officer", "counsellor", "employer", "training_manager", "job_seeker"];

const list = (xs: string[]) => sql.raw(xs.map((x) => `'${x}'`).join(","));

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["technology_domains", "occupations", "skills"]) {
    await db.schema
      .createTable(table)
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name_fa", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
      .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  }
  await sql`ALTER TABLE org_units DROP CONSTRAINT org_units_kind_check`.execute(db);
  await sql`ALTER TABLE org_units ADD CONSTRAINT org_units_kind_check CHECK (kind IN (${list(KINDS)}))`.execute(db);
  await sql`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`.execute(db);
  await sql`ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check CHECK (role IN (${list(ROLES)}))`.execute(db);
  await db.schema.alterTable("org_units").addColumn("enterprise_id", "integer", (c) => c.references("enterprises.id")).execute();
  await sql`CREATE UNIQUE INDEX org_units_enterprise_idx ON org_units (kind, enterprise_id) WHERE enterprise_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS org_units_enterprise_idx`.execute(db);
  await sql`ALTER TABLE org_units DROP COLUMN IF EXISTS enterprise_id`.execute(db);
  await sql`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`.execute(db);
  await sql`ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check CHECK (role IN (${list(ROLES_BEFORE)}))`.execute(db);
  await sql`ALTER TABLE org_units DROP CONSTRAINT org_units_kind_check`.execute(db);
  await sql`ALTER TABLE org_units ADD CONSTRAINT org_units_kind_check CHECK (kind IN (${list(KINDS_BEFORE)}))`.execute(db);
  for (const table of ["skills", "occupations", "technology_domains"]) await db.schema.dropTable(table).ifExists().execute();
}

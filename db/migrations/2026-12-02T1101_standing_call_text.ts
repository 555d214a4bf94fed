import { type Kysely, sql } from "kysely";

// Issue 11 item 4: the standing call's description mixed an English sentence into the Persian one.
// The seed now writes Persian only; this fixes databases seeded before (only when the text is the old
// seed's, so a description staff have edited stays). Frozen in time: never import app code here.

const OLD = "ایده‌های کارآفرینانه در هر زمان از سال پذیرفته و داوری می‌شوند. Entrepreneurial ideas are accepted and reviewed all year round.";
const NEW = "ایده‌های کارآفرینانه در هر زمان از سال پذیرفته و داوری می‌شوند.";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE calls SET description = ${NEW} WHERE seed_key = 'standing' AND description = ${OLD}`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: the English sentence is not restored.
}

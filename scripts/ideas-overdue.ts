// Notifies reviewers and the assigning staff of overdue idea reviews (each review once).
// The staff queue and "my reviews" pages also run this check, at most once a minute per process;
// a cron job may run it too:   DATABASE_URL=... npx tsx scripts/ideas-overdue.ts
import { connection } from "../app/lib/db.server";
import { notifyOverdue } from "../app/modules/ideas/review.server";

const n = await notifyOverdue();
console.log(`overdue reviews notified: ${n}`);
await (await connection()).close();

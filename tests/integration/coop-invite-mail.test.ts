// Cooperative member invitations go by email when the member's address is known (issue 18): a member
// whose national ID is on an account gets the in-app invitation and, with SMTP configured, a Persian
// mail with the join link, read here from a real SMTP server; a member without an account has no known
// address and is invited by the link the applicant passes on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { applicationSchema } from "~/modules/cooperatives/schema";
import { saveApplication } from "~/modules/cooperatives/service.server";
import { sendDue } from "~/modules/email/outbox.server";
import { actorFor, createUser, nationalIdFor } from "../factories";
import { startSmtpSink } from "../support/smtp-sink";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.PUBLIC_URL = "https://portal.example.ir";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

const ROLES = ["board", "board", "board", "inspector", "founder", "founder", "founder"];

describe("cooperative member invitations by email", () => {
  it("mails the join link to members with an account, and to no one else", async () => {
    const db = await getDb();
    const people: { nid: string; name: string; userId: number | null; email: string | null }[] = [];
    for (let i = 0; i < 7; i++) {
      const nid = nationalIdFor(81_000 + i);
      if (i < 6) {
        const u = await createUser({ role: "entrepreneur", fullName: `عضو ${i}`, email: `coop-member-${i}@test.local` });
        await db.updateTable("users").set({ national_id: nid }).where("id", "=", u.id).execute();
        people.push({ nid, name: `عضو ${i}`, userId: u.id, email: u.email });
      } else {
        people.push({ nid, name: `عضو بی‌حساب ${i}`, userId: null, email: null });
      }
    }
    const f = new FormData();
    const values: Record<string, string | string[]> = {
      name1: "تعاونی نامه‌رسان", name2: "تعاونی پیک آذر", typeCode: "producer", activity: "تولید کفش چرمی", sector: "C", isicCode: "1520",
      county: "tabriz", address: "تبریز", capital: "140000000", jobsMembers: "5", jobsHires: "2",
      memberName: people.map((p) => p.name), memberNationalId: people.map((p) => p.nid), memberMobile: people.map(() => ""),
      memberShare: people.map(() => "20000000"), memberRole: people.map((_, i) => ROLES[i]),
    };
    for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
    const input = parseForm(applicationSchema, f);
    if (!input.ok) throw new Error(JSON.stringify(input.errors));
    const applicant = await actorFor(people[0].userId!);
    const coopId = await saveApplication(applicant, null, input.data, { send: true });

    const members = await db.selectFrom("cooperative_members").select(["national_id", "token"]).where("cooperative_id", "=", coopId).execute();
    const tokenOf = new Map(members.map((m) => [m.national_id, m.token]));
    const outbox = await db.selectFrom("email_outbox").select(["user_id", "to_address", "kind"]).where("kind", "=", "notify.cooperatives")
      .where("user_id", "in", people.flatMap((p) => (p.userId ? [p.userId] : []))).execute();
    // The applicant (member 0) is not invited by mail; members 1-5 are; member 6 has no address.
    expect(outbox.map((o) => o.to_address).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `coop-member-${i}@test.local`));

    expect((await sendDue()).sent).toBeGreaterThanOrEqual(5);
    const mail = await sink.waitFor("coop-member-3@test.local");
    expect(mail.subject).toContain("تعاونی نامه‌رسان");
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain(`https://portal.example.ir/cooperatives/join/${tokenOf.get(people[3].nid)}`);
  });
});

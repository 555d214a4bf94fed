import { parseForm } from "~/lib/forms";
import { seekerSchema } from "~/modules/seekers/schema";
import { registerSeeker } from "~/modules/seekers/seekers.server";
import { actorFor, nationalIdFor } from "./index";

let n = 0;
/** Registers a job seeker through the real service, as `byUserId` (a counsellor, staff, or the person). */
export async function makeSeeker(byUserId: number, fields: Record<string, string | string[]> = {}) {
  n++;
  const f = new FormData();
  const base: Record<string, string | string[]> = {
    fullName: `کارجوی آزمایشی ${n}`, nationalId: nationalIdFor(900_000 + n + Math.floor(Math.random() * 1_000_000)), mobile: `0912${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`,
    birthYear: "1375", gender: "female", county: "tabriz", educationLevel: "bachelor", experienceYears: "2", availability: "immediate",
    occupations: ["2"], skills: ["computer-basics"], ...fields,
  };
  for (const [k, v] of Object.entries(base)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  const p = parseForm(seekerSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return { id: await registerSeeker(await actorFor(byUserId), p.data), nationalId: p.data.nationalId, mobile: p.data.mobile! };
}

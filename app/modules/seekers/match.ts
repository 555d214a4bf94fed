import { EDUCATION_LEVELS } from "./rules";

// The explained two-way match between a job seeker and a vacancy (pure; decision 0021's approach:
// integer parts 0..1000 per mille, one formula in JavaScript and in SQL (match.server.ts), weights as data).
//
//   part          per mille                                                        reason
//   occupation    the vacancy's occupation among the seeker's 1000, same ISCO major group 500, else 0
//   skills        shared / the vacancy's skills, rounded half up (none asked: 1000)
//   education     level at or above the vacancy's 1000, one level below 500, else 0
//   county        lives in the vacancy's county 1000, named it among desired counties 700, else 0
//   experience    years at or above the minimum 1000, else floor(1000 × years / minimum)
//   availability  immediate 1000, within a month 600, later 200
//   priority      only when the employer opted in: a confirmed priority group 1000, else 0; when the
//                 employer did not opt in the part is left out of the score (its weight counts nowhere)
//
// score (tenths of a point) = floor((2 Σ w·pm + Σ w) / (2 Σ w)) over the parts that count.

export const SEEKER_PARTS = ["occupation", "skills", "education", "county", "experience", "availability", "priority"] as const;
export type SeekerPart = (typeof SEEKER_PARTS)[number];
export type SeekerWeights = Record<SeekerPart, number>;
export const SEEKER_WEIGHTS: SeekerWeights = { occupation: 30, skills: 25, education: 10, county: 15, experience: 10, availability: 5, priority: 15 };
export const AVAILABILITY_PM = { immediate: 1000, within_month: 600, later: 200 } as const;

export interface SeekerFacts {
  occupationMatch: 0 | 1 | 2; // 2 same occupation, 1 same major group, 0 neither
  sharedSkills: number;
  skillCount: number; // the vacancy's skills
  educationGap: number; // seeker's level rank − the vacancy's
  county: 0 | 1 | 2; // 2 same county, 1 desired, 0 neither
  experience: number;
  minExperience: number;
  availability: keyof typeof AVAILABILITY_PM;
  optIn: boolean;
  confirmedGroup: boolean;
}

export const educationRank = (level: string) => Math.max(0, (EDUCATION_LEVELS as readonly string[]).indexOf(level));

export function partValue(part: SeekerPart, f: SeekerFacts): number {
  switch (part) {
    case "occupation":
      return [0, 500, 1000][f.occupationMatch];
    case "skills":
      return f.skillCount > 0 ? Math.floor((2000 * Math.min(f.sharedSkills, f.skillCount) + f.skillCount) / (2 * f.skillCount)) : 1000;
    case "education":
      return f.educationGap >= 0 ? 1000 : f.educationGap === -1 ? 500 : 0;
    case "county":
      return [0, 700, 1000][f.county];
    case "experience":
      return f.minExperience <= 0 || f.experience >= f.minExperience ? 1000 : Math.floor((1000 * Math.max(0, f.experience)) / f.minExperience);
    case "availability":
      return AVAILABILITY_PM[f.availability];
    case "priority":
      return f.optIn && f.confirmedGroup ? 1000 : 0;
  }
}

/** The parts that count: the priority part only when the employer opted in. */
export const countedParts = (optIn: boolean) => SEEKER_PARTS.filter((p) => p !== "priority" || optIn);

export function scoreTenths(f: SeekerFacts, w: SeekerWeights): number {
  const parts = countedParts(f.optIn);
  const total = parts.reduce((s, p) => s + w[p], 0);
  if (total <= 0) return 0;
  const sum = parts.reduce((s, p) => s + w[p] * partValue(p, f), 0);
  return Math.floor((2 * sum + total) / (2 * total));
}

export interface ExplainedPart { part: SeekerPart; perMille: number; points: number; maxPoints: number; reason: string; params: Record<string, string | number> }

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Each counted part with its points and reason; `forEmployer` says only that the priority option applied, never the group. */
export function explain(f: SeekerFacts, w: SeekerWeights): { score: number; parts: ExplainedPart[] } {
  const parts = countedParts(f.optIn);
  const total = parts.reduce((s, p) => s + w[p], 0);
  return {
    score: scoreTenths(f, w) / 10,
    parts: parts.map((part) => {
      const perMille = partValue(part, f);
      return { part, perMille, points: total ? round1((w[part] * perMille) / total / 10) : 0, maxPoints: total ? round1((w[part] * 100) / total) : 0, ...reasonOf(part, f) };
    }),
  };
}

function reasonOf(part: SeekerPart, f: SeekerFacts): { reason: string; params: Record<string, string | number> } {
  const k = (s: string, params: Record<string, string | number> = {}) => ({ reason: `seekers.match.reason.${s}`, params });
  switch (part) {
    case "occupation":
      return k(["occupationNone", "occupationGroup", "occupationSame"][f.occupationMatch]);
    case "skills":
      return f.skillCount ? k("skills", { n: f.sharedSkills, d: f.skillCount }) : k("skillsNone");
    case "education":
      return k(f.educationGap >= 0 ? "educationMet" : f.educationGap === -1 ? "educationNear" : "educationBelow");
    case "county":
      return k(["countyFar", "countyDesired", "countySame"][f.county]);
    case "experience":
      return k("experience", { n: f.experience, min: f.minExperience });
    case "availability":
      return k(`availability.${f.availability}`);
    case "priority":
      return k(f.confirmedGroup ? "priorityApplied" : "priorityNot");
  }
}

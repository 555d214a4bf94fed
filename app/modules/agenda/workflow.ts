// The agencies' agenda as data (pure; safe in the browser; workflow.test.ts):
//
//   obstacle:  open → assigned (to an officer) → in_progress → resolved | unresolvable
//              resolved → open again (reopen, within REOPEN_DAYS of the resolution)
//   advantage: identified → studied → offered (linked to the programme that offers it) → activated | dropped
//              (dropped, with a reason, from any status before activated)
//
// A transition is allowed when it is listed here, the actor plays one of its parts and the guards
// hold. The services apply them in a transaction: WHERE id AND version AND status (409 otherwise),
// a timeline row, an audit row and notifications.

import { addDays, daysBetween } from "~/i18n/clock";

export const OBSTACLE_CATEGORIES = ["permit", "financing", "land", "utilities", "regulation", "tax_insurance", "customs", "other"] as const;
export type ObstacleCategory = (typeof OBSTACLE_CATEGORIES)[number];

export const OBSTACLE_STATUSES = ["open", "assigned", "in_progress", "resolved", "unresolvable"] as const;
export type ObstacleStatus = (typeof OBSTACLE_STATUSES)[number];
/** Statuses in which an obstacle still holds its jobs up. */
export const OPEN_STATUSES: readonly ObstacleStatus[] = ["open", "assigned", "in_progress"];
export const isOpen = (s: string) => OPEN_STATUSES.includes(s as ObstacleStatus);

/** Days after a resolution in which it may be reopened. */
export const REOPEN_DAYS = 30;
/** The service-level time when a category has none in the data. */
export const DEFAULT_SLA_DAYS = 30;

/** Who the actor is to an obstacle: an officer of its agency, the officer it is assigned to, staff, or someone on its subject. */
export type ObstaclePart = "officer" | "assignee" | "staff" | "subject";

export type ObstacleAction = "take" | "assign" | "start" | "resolve" | "unresolvable" | "reopen";

export interface ObstacleTransition {
  action: ObstacleAction;
  from: readonly ObstacleStatus[];
  to: ObstacleStatus;
  by: readonly ObstaclePart[];
  /** A note is required (what was done, why it cannot be resolved, why it is reopened). */
  note: boolean;
}

export const OBSTACLE_TRANSITIONS: readonly ObstacleTransition[] = [
  { action: "take", from: ["open"], to: "assigned", by: ["officer"], note: false },
  { action: "assign", from: ["open", "assigned"], to: "assigned", by: ["officer"], note: false },
  { action: "start", from: ["assigned"], to: "in_progress", by: ["assignee"], note: false },
  { action: "resolve", from: ["in_progress"], to: "resolved", by: ["assignee"], note: true },
  { action: "unresolvable", from: ["assigned", "in_progress"], to: "unresolvable", by: ["assignee"], note: true },
  { action: "reopen", from: ["resolved"], to: "open", by: ["officer", "staff", "subject"], note: true },
];

export interface ObstacleFacts {
  status: string;
  /** Tehran's day of the resolution (reopen guard). */
  closedOn?: string | null;
  today: string;
  note?: string | null;
}

export type ObstacleCheck =
  | { ok: true; transition: ObstacleTransition }
  | { ok: false; reason: "not_allowed" | "wrong_part" | "note" | "reopen_window" };

export function checkObstacle(action: string, parts: readonly ObstaclePart[], f: ObstacleFacts): ObstacleCheck {
  const t = OBSTACLE_TRANSITIONS.find((x) => x.action === action);
  if (!t || !t.from.includes(f.status as ObstacleStatus)) return { ok: false, reason: "not_allowed" };
  if (!t.by.some((p) => parts.includes(p))) return { ok: false, reason: "wrong_part" };
  if (t.action === "reopen" && (!f.closedOn || daysBetween(f.closedOn, f.today) > REOPEN_DAYS)) return { ok: false, reason: "reopen_window" };
  if (t.note && !f.note?.trim()) return { ok: false, reason: "note" };
  return { ok: true, transition: t };
}

/** The actions the actor may offer now (buttons), without the note guard. */
export function obstacleActions(parts: readonly ObstaclePart[], f: Omit<ObstacleFacts, "note">): ObstacleAction[] {
  return OBSTACLE_TRANSITIONS.filter((t) => checkObstacle(t.action, parts, { ...f, note: "x" }).ok).map((t) => t.action);
}

export const noteRequired = (action: ObstacleAction) => OBSTACLE_TRANSITIONS.find((t) => t.action === action)?.note ?? false;

/** The due date: the day it was raised plus the category's service-level days. */
export function dueOn(raisedOn: string, slaDays: number | null | undefined): string {
  const days = slaDays && slaDays > 0 ? slaDays : DEFAULT_SLA_DAYS;
  return addDays(raisedOn, days);
}

/** Overdue: still open after its due date (a closed obstacle is never overdue). */
export function isOverdue(o: { status: string; due_on: string }, today: string): boolean {
  return isOpen(o.status) && o.due_on < today;
}

/** Days an obstacle has been open: raised to closed, or to today while open. */
export function daysOpen(o: { raised_on: string; closed_on?: string | null }, today: string): number {
  return Math.max(0, daysBetween(o.raised_on, o.closed_on ?? today));
}

/** The median of a list (the mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** How the working group's ranking may be sorted (jobs blocked, number open, median days to resolve, share overdue). */
export const SORTS = ["jobs", "open", "median", "overdue"] as const;
export type BoardSort = (typeof SORTS)[number];

// ---------------------------------------------------------------- advantages

export const ADVANTAGE_STATUSES = ["identified", "studied", "offered", "activated", "dropped"] as const;
export type AdvantageStatus = (typeof ADVANTAGE_STATUSES)[number];
export const ADVANTAGE_PROGRAMMES = ["call", "cluster", "course", "challenge", "cooperative"] as const;
export type AdvantageProgramme = (typeof ADVANTAGE_PROGRAMMES)[number];
export type AdvantageAction = "study" | "offer" | "activate" | "drop";
/** The statuses whose potential jobs the working group's target-share view shows (not dropped). */
export const SHARE_STATUSES = ADVANTAGE_STATUSES.filter((s) => s !== "dropped");

export interface AdvantageTransition {
  action: AdvantageAction;
  from: readonly AdvantageStatus[];
  to: AdvantageStatus;
  /** offer: a programme record must be linked; drop: a reason. */
  requires: "programme" | "reason" | null;
}

export const ADVANTAGE_TRANSITIONS: readonly AdvantageTransition[] = [
  { action: "study", from: ["identified"], to: "studied", requires: null },
  { action: "offer", from: ["studied"], to: "offered", requires: "programme" },
  { action: "activate", from: ["offered"], to: "activated", requires: null },
  { action: "drop", from: ["identified", "studied", "offered"], to: "dropped", requires: "reason" },
];

export type AdvantageCheck = { ok: true; transition: AdvantageTransition } | { ok: false; reason: "not_allowed" | "programme" | "reason" };

export function checkAdvantage(action: string, f: { status: string; programmeId?: number | null; reason?: string | null }): AdvantageCheck {
  const t = ADVANTAGE_TRANSITIONS.find((x) => x.action === action);
  if (!t || !t.from.includes(f.status as AdvantageStatus)) return { ok: false, reason: "not_allowed" };
  if (t.requires === "programme" && !f.programmeId) return { ok: false, reason: "programme" };
  if (t.requires === "reason" && !f.reason?.trim()) return { ok: false, reason: "reason" };
  return { ok: true, transition: t };
}

export function advantageActions(status: string): AdvantageAction[] {
  return ADVANTAGE_TRANSITIONS.filter((t) => t.from.includes(status as AdvantageStatus)).map((t) => t.action);
}

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalog";
import { SIZE_CLASSES } from "~/modules/employment/schema";
import { MATCH_PARTS } from "./match";
import {
  CERTIFICATE_TYPES, CHALLENGE_ACTIONS, CHALLENGE_CATEGORIES, CHALLENGE_STATUSES, challengeFlow, METRICS, MILESTONE_ACTIONS, MILESTONE_STATUSES,
  milestoneFlow, PARTNERSHIP_ACTIONS, PARTNERSHIP_STATUSES, partnershipFlow, PROPOSAL_ACTIONS, PROPOSAL_STATUSES, proposalFlow, VISIBILITIES,
} from "./workflow";

// Every message key the module and its routes name exists in the catalog (a missing key would show
// as the raw key to the user): the literal ones found in the source, and every key built from a
// status, an action, a part or a guard.
const root = path.resolve(__dirname, "../../..");
const files = [
  ...fs.readdirSync(path.join(root, "app/routes")).filter((f) => f.startsWith("partnerships")).map((f) => path.join(root, "app/routes", f)),
  ...walk(path.join(root, "app/modules/partnerships")),
].filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const has = (k: string) => Object.prototype.hasOwnProperty.call(catalogs.fa, k);
const NOT_MESSAGES = new Set(["partnerships.match_weights", "partnerships.csv"]);

describe("partnerships messages", () => {
  it("has every literal key the module uses", () => {
    const keys = new Set<string>();
    for (const f of files) for (const m of fs.readFileSync(f, "utf8").matchAll(/"((?:nav\.|error\.)?partnerships\.[A-Za-z0-9_.]+)"/g)) keys.add(m[1]);
    const missing = [...keys].filter((k) => !NOT_MESSAGES.has(k) && !k.endsWith(".") && !has(k));
    expect(keys.size).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it("has every key built from statuses, actions, parts and guards", () => {
    const built = [
      ...CHALLENGE_STATUSES.map((s) => `partnerships.challengeStatus.${s}`),
      ...PROPOSAL_STATUSES.map((s) => `partnerships.proposalStatus.${s}`),
      ...PARTNERSHIP_STATUSES.map((s) => `partnerships.partnershipStatus.${s}`),
      ...MILESTONE_STATUSES.map((s) => `partnerships.milestoneStatus.${s}`),
      ...["verified", "unverified", "expired"].flatMap((s) => [`partnerships.certificateStatus.${s}`, `partnerships.match.reason.certificate.${s}`]),
      ...CHALLENGE_CATEGORIES.map((c) => `partnerships.category.${c}`),
      ...CERTIFICATE_TYPES.map((c) => `partnerships.certificateType.${c}`),
      ...VISIBILITIES.map((c) => `partnerships.visibility.${c}`),
      ...METRICS.map((c) => `partnerships.metric.${c}`),
      ...SIZE_CLASSES.map((c) => `partnerships.size.${c}`),
      ...MATCH_PARTS.flatMap((p) => [`partnerships.match.part.${p}`, `partnerships.match.how.${p}`]),
      ...CHALLENGE_ACTIONS.flatMap((a) => [`partnerships.challenge.step.${a}`, `partnerships.challenge.stepHint.${a}`, `partnerships.flash.challenge.${a}`, `partnerships.event.${a}`]),
      ...PROPOSAL_ACTIONS.flatMap((a) => [`partnerships.proposal.step.${a}`, `partnerships.flash.proposal.${a}`, `partnerships.event.${a}`]),
      ...PARTNERSHIP_ACTIONS.flatMap((a) => [`partnerships.partnership.step.${a}`, `partnerships.flash.partnership.${a}`, `partnerships.event.${a}`]),
      ...["negotiate", "start", "terminate", "complete"].map((a) => `partnerships.partnership.stepHint.${a}`),
      ...MILESTONE_ACTIONS.flatMap((a) => [`partnerships.milestones.step.${a}`, `partnerships.flash.milestone.${a}`, `partnerships.notify.milestone.${a}`, `partnerships.event.milestone_${a}`]),
      ...[challengeFlow, proposalFlow, partnershipFlow, milestoneFlow].flatMap((m) => m.transitions.flatMap((t) => t.requires.map((g) => `partnerships.guard.${g}`))),
      ...["reported", "verified", "rejected"].map((s) => `partnerships.reportStatus.${s}`),
      ...["company", "industry"].map((s) => `partnerships.side.${s}`),
      ...["create", "invite", "submit", "open", "milestone_added", "result_added", "result_measured"].map((a) => `partnerships.event.${a}`),
    ];
    expect(built.filter((k) => !has(k))).toEqual([]);
  });
});

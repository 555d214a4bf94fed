import type { Migration } from "kysely";
import * as m20261127T0400 from "./2026-11-27T0400_foundation";
import * as m20261127T0500 from "./2026-11-27T0500_employment";
import * as m20261127T0510 from "./2026-11-27T0510_ideas";
import * as m20261127T0520 from "./2026-11-27T0520_cases";
import * as m20261127T0530 from "./2026-11-27T0530_chairs";
import * as m20261127T0800 from "./2026-11-27T0800_mentor_capacity_version";
import * as m20261202T0100 from "./2026-12-02T0100_shared_reference";
import * as m20261202T1000 from "./2026-12-02T1000_rate_limits";
import * as m20261202T1200 from "./2026-12-02T1200_cooperatives";
import * as m20261202T1300 from "./2026-12-02T1300_partnerships";
import * as m20261202T1400 from "./2026-12-02T1400_agenda";
import * as m20261202T1500 from "./2026-12-02T1500_seekers";
import * as m20261202T1600 from "./2026-12-02T1600_micro_businesses";
import * as m20261202T1610 from "./2026-12-02T1610_training";
import * as m20261202T1010 from "./2026-12-02T1010_seed_keys";
import * as m20261202T1100 from "./2026-12-02T1100_case_idea_notes";
import * as m20261202T1101 from "./2026-12-02T1101_standing_call_text";
import * as m20261202T1800 from "./2026-12-02T1800_jobs_email";
import * as m20261202T1920 from "./2026-12-02T1920_blind_review_per_idea";
import * as m20261202T1930 from "./2026-12-02T1930_clusters";
import * as m20261202T1980 from "./2026-12-02T1980_import_jobs";
import * as m20261202T1990 from "./2026-12-02T1990_training_outcome_indexes";
import * as m20261202T1981 from "./2026-12-02T1981_check_reminders";
import * as m20261202T1960 from "./2026-12-02T1960_training_placements";
import * as m20261202T2020 from "./2026-12-02T2020_coop_membership";
import * as m20261202T2210 from "./2026-12-02T2210_cluster_firms_cluster_idx";
import * as m20261203T0700 from "./2026-12-03T0700_audit_changes_idx";
import * as m20261203T1400 from "./2026-12-03T1400_employment_pending_year_idx";
import * as m20261203T1410 from "./2026-12-03T1410_ideas_status_county_idx";
import * as m20261203T1420 from "./2026-12-03T1420_rate_limits_unlogged";
import * as m20261203T1430 from "./2026-12-03T1430_cases_open_due_on";
import * as m20261202T2000 from "./2026-12-02T2000_signup_pending";

// Every migration file must be listed here (a test checks the folder against this list),
// so the built app and the CLI run the same migrations without loading TypeScript at run time.
export const migrations: Record<string, Migration> = {
  "2026-11-27T0400_foundation": m20261127T0400,
  "2026-11-27T0500_employment": m20261127T0500,
  "2026-11-27T0510_ideas": m20261127T0510,
  "2026-11-27T0520_cases": m20261127T0520,
  "2026-11-27T0530_chairs": m20261127T0530,
  "2026-11-27T0800_mentor_capacity_version": m20261127T0800,
  "2026-12-02T0100_shared_reference": m20261202T0100,
  "2026-12-02T1000_rate_limits": m20261202T1000,
  "2026-12-02T1010_seed_keys": m20261202T1010,
  "2026-12-02T1100_case_idea_notes": m20261202T1100,
  "2026-12-02T1101_standing_call_text": m20261202T1101,
  "2026-12-02T1200_cooperatives": m20261202T1200,
  "2026-12-02T1300_partnerships": m20261202T1300,
  "2026-12-02T1400_agenda": m20261202T1400,
  "2026-12-02T1500_seekers": m20261202T1500,
  "2026-12-02T1600_micro_businesses": m20261202T1600,
  "2026-12-02T1610_training": m20261202T1610,
  "2026-12-02T1800_jobs_email": m20261202T1800,
  "2026-12-02T1920_blind_review_per_idea": m20261202T1920,
  "2026-12-02T1930_clusters": m20261202T1930,
  "2026-12-02T1980_import_jobs": m20261202T1980,
  "2026-12-02T1981_check_reminders": m20261202T1981,
  "2026-12-02T1960_training_placements": m20261202T1960,
  "2026-12-02T1990_training_outcome_indexes": m20261202T1990,
  "2026-12-02T2020_coop_membership": m20261202T2020,
  "2026-12-02T2000_signup_pending": m20261202T2000,
  "2026-12-02T2210_cluster_firms_cluster_idx": m20261202T2210,
  "2026-12-03T0700_audit_changes_idx": m20261203T0700,
  "2026-12-03T1400_employment_pending_year_idx": m20261203T1400,
  "2026-12-03T1410_ideas_status_county_idx": m20261203T1410,
  "2026-12-03T1420_rate_limits_unlogged": m20261203T1420,
  "2026-12-03T1430_cases_open_due_on": m20261203T1430,
};

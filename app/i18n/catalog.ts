import * as common from "./messages/common";
import * as accounts from "./messages/accounts";
import * as admin from "./messages/admin";
import * as files from "./messages/files";
import * as cases from "./messages/cases";
import * as chairs from "./messages/chairs";
import * as employment from "./messages/employment";
import * as ideas from "./messages/ideas";
import * as micro from "./messages/micro";
import * as partnerships from "./messages/partnerships";
import * as training from "./messages/training";
import * as ops from "./messages/ops";
import * as seekers from "./messages/seekers";
import * as landing from "./messages/landing";
import * as charts from "./messages/charts";
import * as agenda from "./messages/agenda";
import * as vacancies from "./messages/vacancies";
import * as cooperatives from "./messages/cooperatives";
import * as clusters from "./messages/clusters";
import * as matching from "./messages/matching";

// Each domain keeps its strings in app/i18n/messages/<domain>.ts as a `fa` catalog and an
// `en` catalog typed with the same keys; add a new domain's file here.
export const catalogs = {
  fa: { ...common.fa, ...accounts.fa, ...admin.fa, ...files.fa, ...cases.fa, ...employment.fa, ...chairs.fa, ...ideas.fa, ...micro.fa, ...partnerships.fa, ...training.fa, ...ops.fa, ...seekers.fa, ...landing.fa, ...charts.fa, ...agenda.fa, ...vacancies.fa, ...cooperatives.fa, ...matching.fa, ...clusters.fa },
  en: { ...common.en, ...accounts.en, ...admin.en, ...files.en, ...cases.en, ...employment.en, ...chairs.en, ...ideas.en, ...micro.en, ...partnerships.en, ...training.en, ...ops.en, ...seekers.en, ...landing.en, ...charts.en, ...agenda.en, ...vacancies.en, ...cooperatives.en, ...matching.en, ...clusters.en },
};

export type MessageKey = keyof typeof catalogs.fa;

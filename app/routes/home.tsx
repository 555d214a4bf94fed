import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { homeFor } from "~/modules/accounts/home.server";
import { CasesHome } from "~/modules/cases/components/CasesHome";
import { ChairsHome } from "~/modules/chairs/components";
import { EmploymentHome } from "~/modules/employment/components/EmploymentHome";
import { IdeasHome } from "~/modules/ideas/components/IdeasHome";
import { MicroHome } from "~/modules/microbusiness/components/bits";
import { CompanyHome, IndustryHome } from "~/modules/partnerships/components/Homes";
import { CounsellorHome, EmployerHome, SeekerHome } from "~/modules/seekers/components/Homes";
import { TrainingHome } from "~/modules/training/components/checks";
import { CoopHome } from "~/modules/cooperatives/components/bits";
import { ClusterHome } from "~/modules/clusters/components/bits";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return homeFor(actor);
}

export default function Home() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("home.welcome", { name: d.fullName })}</PageTitle>
      {d.sections.length === 0 && <Card><p>{t("home.noRoles")}</p></Card>}
      {d.sections.map((s) => (
        <Card key={`${s.role}-${s.orgUnitId ?? ""}`} title={`${t(`role.${s.role}`)}${s.unitName ? ` · ${locale === "fa" ? s.unitName.fa : s.unitName.en}` : ""}`}>
          <p>{t(`home.${s.role}`)}</p>
        </Card>
      ))}
      {d.chairs && <ChairsHome data={d.chairs} />}
      {d.company && <CompanyHome data={d.company} />}
      {d.industry && <IndustryHome data={d.industry} />}
      {d.counsellor && <CounsellorHome data={d.counsellor} />}
      {d.seeker && <SeekerHome data={d.seeker} />}
      {d.employer && <EmployerHome data={d.employer} />}
      <IdeasHome data={d.ideas} />
      <CasesHome data={d.cases} />
      <EmploymentHome data={d.employment} />
      <MicroHome data={d.micro} />
      <TrainingHome data={d.training} />
      <CoopHome data={d.coop} />
      <ClusterHome data={d.cluster} />
    </div>
  );
}

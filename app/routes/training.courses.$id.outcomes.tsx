import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { FiguresList } from "~/modules/training/components/outcomes";
import { courseOutcomes } from "~/modules/training/outcomes.server";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return courseOutcomes(actor, idOrNotFound(params.id));
}

export default function CourseOutcomes() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl">
      <PageTitle actions={<Link to={`/training/courses/${d.course.id}`}>{t("common.back")}</Link>}>{t("training.outcomes.courseTitle", { title: d.course.title })}</PageTitle>
      <p className="mb-4"><Link className="text-brand-700 underline" to={`/training/providers/${d.course.provider_id}/outcomes`}>{locale === "fa" ? d.course.provider_fa : d.course.provider_en}</Link></p>
      <Card><FiguresList f={d.figures} /></Card>
      <p className="text-sm text-slate-700">{t("training.outcomes.note")}</p>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { advantageForm, assertManageable, updateAdvantage } from "~/modules/agenda/advantages.server";
import { AdvantageFields } from "~/modules/agenda/components/AdvantageFields";
import { advantageEditSchema } from "~/modules/agenda/schema";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Editing an advantage (its agency's officers, until it is activated or dropped; a stale form is a 409 with what was typed kept).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return advantageForm(actor, await getLocale(request), idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await assertManageable(actor, id);
  return formAction(await readForm(request), advantageEditSchema, async ({ version, ...v }) => {
    await updateAdvantage(actor, id, version, v);
    return redirectWithFlash(`/agenda/advantages/${id}`, "agenda.advantage.saved");
  });
}

export default function EditAdvantage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const a = d.advantage!;
  const f = useFormState();
  const v = f.failed ? { ...f.values, counties: f.all("counties"), published: f.values.published === "on" } : {
    agency: a.agency_code, sector: a.sector_code, isic: a.isic_code, activity: a.activity, counties: a.county_codes, area: a.area,
    description: a.description, potentialJobs: String(a.potential_jobs), investment: String(Math.round(a.investment_rials / 1_000_000)),
    programme: a.programme_kind, howToJoin: a.how_to_join, published: a.published,
  };
  return (
    <div className="max-w-2xl">
      <PageTitle actions={<Link to={`/agenda/advantages/${a.id}`}>{t("common.back")}</Link>}>{t("agenda.advantage.edit")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={a.version} />
          <AdvantageFields v={v} errors={f.errors} agencies={d.agencies} sectors={d.sectors} counties={d.counties} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { ApplicationForm } from "~/modules/cooperatives/components/ApplicationForm";
import { rowIntent } from "~/modules/cooperatives/form.server";
import { APPLICATION_FIELDS, applicationSchema } from "~/modules/cooperatives/schema";
import { newApplicationForm, requireApplicant, saveApplication } from "~/modules/cooperatives/service.server";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return newApplicationForm(actor, parseId(new URL(request.url).searchParams.get("idea")));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireApplicant(actor, null); // 403 (and an audit row) before the form is read
  const form = await readForm(request);
  const rows = rowIntent(form);
  if (rows) return rows;
  const send = form.get("intent") === "send";
  return formAction(form, applicationSchema, async (v) => {
    const id = await saveApplication(actor, null, v, { send });
    return redirectWithFlash(`/cooperatives/${id}`, send ? "coop.sent" : "coop.saved");
  }, { fields: APPLICATION_FIELDS });
}

export default function NewCooperative() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-5xl">
      <PageTitle>{t("coop.new.title")}</PageTitle>
      {d.existing ? (
        <Card><p>{t("coop.new.existing")} <Link to={`/cooperatives/${d.existing}`}>{t("coop.open")}</Link></p></Card>
      ) : (
        <Card>
          <ApplicationForm values={f.failed ? f.values : d.values} lists={f.failed ? f.lists : {}} errors={f.errors} options={d.options} rules={d.rules} />
        </Card>
      )}
    </div>
  );
}

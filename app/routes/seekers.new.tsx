import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireGrant, requireUser } from "~/modules/accounts/actor.server";
import { DuplicateLink, SeekerFields } from "~/modules/seekers/components/fields";
import { seekerSchema } from "~/modules/seekers/schema";
import { registerSeeker, seekerFormOptions } from "~/modules/seekers/seekers.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return seekerFormOptions(actor, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireGrant(actor, "create:seeker", { entity: "job_seeker" }); // 403 before the form is read
  return formAction(await readForm(request), seekerSchema, async (v) => {
    const id = await registerSeeker(actor, v);
    return redirectWithFlash(`/seekers/${id}`, "seekers.registered");
  }, { fields: ["duplicateOf"] });
}

export default function RegisterSeeker() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : d.defaults;
  const lists = f.failed ? { occupations: f.all("occupations"), skills: f.all("skills"), desiredCounties: f.all("desiredCounties"), groups: f.all("groups") } : ({} as Record<string, string[]>);
  return (
    <div className="max-w-3xl">
      <PageTitle>{t(d.forOthers ? "seekers.new.titleOther" : "seekers.new.titleSelf")}</PageTitle>
      {!d.forOthers && <p className="mb-4">{t("seekers.new.claimLead")} <Link className="text-brand-700 underline" to="/seekers/claim">{t("seekers.claim.title")}</Link></p>}
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <DuplicateLink id={f.errors.duplicateOf} />
          <SeekerFields v={v} lists={lists} e={f.errors} o={{ ...d, centres: d.chooseCentre ? d.centres : null }} />
          <SubmitButton>{t("seekers.register")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

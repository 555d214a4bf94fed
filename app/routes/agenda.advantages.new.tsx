import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { advantageForm, assertManageable, createAdvantage } from "~/modules/agenda/advantages.server";
import { AdvantageFields } from "~/modules/agenda/components/AdvantageFields";
import { advantageSchema } from "~/modules/agenda/schema";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// An agency officer records a sector advantage their agency has identified.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return advantageForm(actor, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await assertManageable(actor, null);
  return formAction(await readForm(request), advantageSchema, async (v) => {
    const { id } = await createAdvantage(actor, v);
    return redirectWithFlash(`/agenda/advantages/${id}`, "agenda.advantage.recorded");
  });
}

export default function NewAdvantage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.values;
  return (
    <div className="max-w-2xl">
      <PageTitle actions={<Link to="/agenda/advantages">{t("common.back")}</Link>}>{t("agenda.advantage.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <AdvantageFields
            v={{ ...v, counties: f.all("counties"), published: f.failed ? v.published === "on" : false }}
            errors={f.errors} agencies={d.agencies} sectors={d.sectors} counties={d.counties}
          />
          <SubmitButton>{t("agenda.advantage.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

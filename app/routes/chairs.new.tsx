import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { ChairFields } from "~/modules/chairs/components";
import { chairSchema } from "~/modules/chairs/schema";
import { createChair, creatableUniversities } from "~/modules/chairs/service.server";
import { FormError } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { universities: await creatableUniversities(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await creatableUniversities(actor); // 403 before reading the form for those who may not create
  const form = await readForm(request);
  const parsed = parseForm(chairSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const id = await createChair(actor, parsed.data);
    return redirect(`/chairs/${id}`, { headers: { "Set-Cookie": await setFlash("chairs.created") } });
  } catch (e) {
    if (isHttpError(e) && e.data.fieldErrors) {
      return data({ errors: e.data.fieldErrors as Record<string, string>, values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, { status: 400 });
    }
    throw e;
  }
}

export default function NewChair() {
  const t = useT();
  const { universities } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const e = r?.errors ?? {};
  return (
    <div className="max-w-xl">
      <PageTitle>{t("chairs.new.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          {Object.keys(e).length > 0 && <FormError error="error.form" />}
          <ChairFields v={r?.values ?? {}} e={e} universities={universities} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

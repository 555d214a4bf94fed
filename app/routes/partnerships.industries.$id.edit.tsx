import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { localDigits } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { industryForEdit, saveIndustry } from "~/modules/partnerships/profiles.server";
import { industrySchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { nameOf } from "~/modules/partnerships/components/bits";
import { IndustryFields } from "~/modules/partnerships/components/forms";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [industry, labels] = await Promise.all([industryForEdit(actor, id), referenceLabels(await getLocale(request))]);
  return { industry, labels };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await industryForEdit(actor, id);
  return formAction(await readForm(request), industrySchema, async (v) => {
    await saveIndustry(actor, id, v);
    return redirectWithFlash(`/partnerships/industries/${id}`, "partnerships.flash.profileSaved");
  });
}

export default function EditIndustry() {
  const t = useT();
  const locale = useLocale();
  const { industry: i, labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : {
    name: i.name_fa, nameEn: i.name_en !== i.name_fa ? i.name_en : "", registrationNo: localDigits(locale, i.registration_no), sector: i.sector_code ?? "",
    sizeClass: i.size_class ?? "", county: i.county_code ?? "", employees: i.employees == null ? "" : String(i.employees), mainProducts: i.main_products ?? "",
    version: i.version == null ? "" : String(i.version),
  };
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.profile.editTitle", { name: nameOf(locale, i) })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <IndustryFields v={v} lists={{}} e={f.errors} labels={labels} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

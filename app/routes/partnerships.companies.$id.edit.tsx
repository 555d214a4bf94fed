import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { localDigits } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { companyForEdit, saveCompany } from "~/modules/partnerships/profiles.server";
import { companySchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { nameOf } from "~/modules/partnerships/components/bits";
import { asFormDate, CompanyFields } from "~/modules/partnerships/components/forms";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [company, labels] = await Promise.all([companyForEdit(actor, id), referenceLabels(await getLocale(request))]);
  return { company, labels };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await companyForEdit(actor, id); // 403 (and an audit row) before the form is read
  return formAction(await readForm(request), companySchema, async (v) => {
    await saveCompany(actor, id, v);
    return redirectWithFlash(`/partnerships/companies/${id}`, "partnerships.flash.profileSaved");
  });
}

export default function EditCompany() {
  const t = useT();
  const locale = useLocale();
  const { company: c, labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : {
    name: c.name_fa, nameEn: c.name_en !== c.name_fa ? c.name_en : "", registrationNo: localDigits(locale, c.registration_no), certificateNo: localDigits(locale, c.certificate_no),
    certificateType: c.certificate_type ?? "", certificateExpiresOn: asFormDate(c.certificate_expires_on, locale), county: c.county_code ?? "", sector: c.sector_code ?? "",
    employees: c.employees == null ? "" : String(c.employees), portfolio: c.portfolio ?? "", version: c.version == null ? "" : String(c.version),
  };
  const lists = f.failed ? { domains: f.all("domains"), sectorsServed: f.all("sectorsServed") } : { domains: c.domains, sectorsServed: c.sectors_served ?? [] };
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.profile.editTitle", { name: nameOf(locale, c) })}</PageTitle>
      <Card>
        <p className="mb-4 text-sm text-slate-700">{t("partnerships.company.certificateResetNote")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <CompanyFields v={v} lists={lists} e={f.errors} labels={labels} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

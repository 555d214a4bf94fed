import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { getLocale } from "~/lib/locale.server";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { createProvider, providersPage } from "~/modules/training/courses.server";
import { PROVIDER_TYPES, providerSchema } from "~/modules/training/schema";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return providersPage(actor, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "manage:provider"); // 403 (and an audit row) before the form is read
  return formAction(await readForm(request), providerSchema, async (v) => {
    const id = await createProvider(actor, v);
    return redirectWithFlash(`/training/providers/${id}`, "training.flash.providerCreated");
  });
}

export default function Providers() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const county = (c: string | null) => d.counties.find((o) => o.value === c)?.label ?? c ?? "";
  return (
    <div className="max-w-5xl">
      <PageTitle actions={d.canRank && <Link className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2" to="/training/providers/ranking">{t("training.ranking.title")}</Link>}>
        {t("training.providers.title")}
      </PageTitle>
      {d.providers.length === 0 ? <EmptyState>{t("training.providers.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="provider-list">
            <thead><tr>
              <th scope="col">{t("training.provider.name")}</th>
              <th scope="col">{t("training.provider.type")}</th>
              <th scope="col">{t("training.field.county")}</th>
              <th scope="col">{t("training.provider.courses")}</th>
            </tr></thead>
            <tbody>
              {d.providers.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/training/providers/${p.id}`}>{locale === "fa" ? p.name_fa : p.name_en}</Link></td>
                  <td>{t(`training.providerType.${p.provider_type}`)}</td>
                  <td>{county(p.county_code)}</td>
                  <td>{formatNumber(locale, p.courses)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Card title={t("training.provider.new")}>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="nameFa" label={t("training.provider.nameFa")} required defaultValue={f.values.nameFa} error={f.errors.nameFa} />
          <TextField name="nameEn" label={t("training.provider.nameEn")} required dir="ltr" defaultValue={f.values.nameEn} error={f.errors.nameEn} />
          <SelectField name="providerType" label={t("training.provider.type")} required options={PROVIDER_TYPES.map((p) => ({ value: p, label: t(`training.providerType.${p}`) }))} defaultValue={f.values.providerType} error={f.errors.providerType} />
          <SelectField name="county" label={t("training.field.county")} required options={d.counties} defaultValue={f.values.county} error={f.errors.county} />
          <TextField name="phone" label={t("training.provider.phone")} dir="ltr" defaultValue={f.values.phone} error={f.errors.phone} />
          <TextField name="address" label={t("training.provider.address")} defaultValue={f.values.address} error={f.errors.address} />
          <SubmitButton>{t("training.provider.create")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { REFERENCE_KINDS, ORG_UNIT_KIND, isReferenceKind } from "~/modules/reference/kinds";
import { addEntrySchema, entryCodeSchema, renameEntrySchema } from "~/modules/reference/schema";
import { activeEntries, addEntry, allEntries, renameEntry, setEntryActive } from "~/modules/reference/service.server";
import { badRequest, notFound } from "~/lib/http";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

function kindOf(params: { kind?: string }) {
  if (!isReferenceKind(params.kind)) throw notFound();
  return params.kind;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const kind = kindOf(params);
  const entries = await allEntries(actor, kind);
  return { kind, entries, counties: ORG_UNIT_KIND[kind] ? await activeEntries("counties") : [] };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "manage:reference"); // before reading the form: others get 403, not a validation answer
  const kind = kindOf(params);
  const form = await readForm(request);
  const intent = form.get("intent");
  const saved = () => redirectWithFlash(`/admin/reference/${kind}`, "flash.saved");
  if (intent === "add") {
    return formAction(form, addEntrySchema, async (v) => (await addEntry(actor, kind, v), saved()), { intent: "add" });
  }
  if (intent === "rename") {
    // A row shows one message beside its button: every error of that row goes on the row's form.
    return formAction(form, renameEntrySchema, async (v) => (await renameEntry(actor, kind, v), saved()), { intent: `rename:${String(form.get("code") ?? "")}`, visible: [] });
  }
  if (intent === "deactivate" || intent === "activate") {
    return formAction(form, entryCodeSchema, async (v) => (await setEntryActive(actor, kind, v.code, intent === "activate"), saved()), { intent: `rename:${String(form.get("code") ?? "")}`, visible: [] });
  }
  throw badRequest();
}

export default function ReferenceAdmin() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState("add");
  const e = f.errors;
  const v = f.values;
  const row = useFormState(); // a row's answer carries intent "rename:<code>"
  const isUnit = d.kind === "centres" || d.kind === "universities";
  return (
    <div>
      <PageTitle>{t("admin.reference.title")}</PageTitle>
      <nav aria-label={t("admin.reference.title")} className="mb-4 flex flex-wrap gap-2">
        {REFERENCE_KINDS.map((k) => (
          <NavLink key={k} to={`/admin/reference/${k}`} className={({ isActive }) => `inline-flex min-h-11 items-center rounded-md border px-3 ${isActive ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-300 bg-white"}`}>
            {t(`admin.reference.${k}`)}
          </NavLink>
        ))}
      </nav>
      <p className="mb-4 text-slate-700">{t("admin.reference.note")}</p>
      <Card title={t("admin.reference.add")}>
        <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-3">
          {f.formError ? <div className="md:col-span-3"><FormError error={f.formError} /></div> : null}
          <TextField name="code" label={t("admin.reference.code")} dir="ltr" required defaultValue={v.code} error={e.code} />
          <TextField name="nameFa" label={t("admin.reference.nameFa")} required defaultValue={v.nameFa} error={e.nameFa} />
          <TextField name="nameEn" label={t("admin.reference.nameEn")} dir="ltr" required defaultValue={v.nameEn} error={e.nameEn} />
          {isUnit && (
            <SelectField name="countyCode" label={t("admin.reference.county")} defaultValue={v.countyCode} error={e.countyCode} options={d.counties.map((c) => ({ value: c.code, label: `${c.name_fa} / ${c.name_en}` }))} />
          )}
          {d.kind === "centres" && (
            <SelectField name="centreKind" label={t("admin.reference.centreKind")} required defaultValue={v.centreKind ?? "consulting"} options={[{ value: "consulting", label: t("admin.reference.consulting") }, { value: "accelerator", label: t("admin.reference.accelerator") }]} />
          )}
          <div className="md:col-span-3"><SubmitButton name="intent" value="add">{t("admin.reference.add")}</SubmitButton></div>
        </Form>
      </Card>
      <TableRegion>
      <table className={tableClass}>
        <thead>
          <tr>
            <th>{t("admin.reference.code")}</th>
            <th>{t("admin.reference.nameFa")} / {t("admin.reference.nameEn")}</th>
            <th>{t("common.status")}</th>
            <th>{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {d.entries.map((entry) => (
            <tr key={entry.code}>
              <td dir="ltr">{entry.code}</td>
              <td>
                <Form method="post" className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name="code" value={entry.code} />
                  <input type="hidden" name="version" value={entry.version} />
                  <label className="sr-only" htmlFor={`fa-${entry.code}`}>{t("admin.reference.nameFa")} (<span dir="ltr">{entry.code}</span>)</label>
                  <input id={`fa-${entry.code}`} name="nameFa" defaultValue={entry.name_fa} className="rounded border border-slate-400 px-2 py-1" />
                  <label className="sr-only" htmlFor={`en-${entry.code}`}>{t("admin.reference.nameEn")} (<span dir="ltr">{entry.code}</span>)</label>
                  <input id={`en-${entry.code}`} name="nameEn" defaultValue={entry.name_en} dir="ltr" className="rounded border border-slate-400 px-2 py-1" />
                  <SubmitButton variant="secondary" name="intent" value="rename">{t("admin.reference.rename")}</SubmitButton>
                  {row.intent === `rename:${entry.code}` && row.formError && <span role="alert" className="text-sm text-red-700">{t(row.formError)}</span>}
                </Form>
              </td>
              <td>{entry.active ? t("common.active") : t("common.inactive")}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="code" value={entry.code} />
                  <SubmitButton variant="secondary" name="intent" value={entry.active ? "deactivate" : "activate"}>
                    {entry.active ? t("admin.reference.deactivate") : t("admin.reference.activate")}
                  </SubmitButton>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableRegion>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear, formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, requireCan } from "~/modules/employment/service.server";
import { addTargetRevision, setAllocation, targetsPage } from "~/modules/employment/dashboard.server";
import { PROGRAMMES, TARGET_KINDS, allocationSchema, filtersFrom, revisionSchema } from "~/modules/employment/schema";
import { pickable } from "~/modules/employment/names";
import { StaffLinks, useLabel } from "~/modules/employment/components/DashboardView";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

const yearOf = (request: Request) => filtersFrom(new URL(request.url), currentJalaliYear()).year;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  // Only those who may revise targets (directorate staff) open the form: 403 on GET as on POST (issue 10 item 6).
  await requireCan(actor, "targets");
  const year = yearOf(request);
  return { year, ...(await targetsPage(actor, year)), names: await referenceNames() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "targets");
  const year = yearOf(request);
  const form = await readForm(request);
  if (form.get("intent") === "revise") {
    const locale = await getLocale(request);
    return formAction(form, revisionSchema, async (v) => {
      await addTargetRevision(actor, year, v, locale);
      return redirectWithFlash(`/employment/targets?year=${year}`, "employment.targets.revised");
    }, { intent: "revise" });
  }
  // The service names the code; the form has one picker for dimension and code.
  return formAction(form, allocationSchema, async (v) => {
    await setAllocation(actor, year, v);
    return redirectWithFlash(`/employment/targets?year=${year}`, "employment.targets.allocated");
  }, { intent: "allocate", rename: { code: "share" } });
}

export default function Targets() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const revise = useFormState("revise");
  const allocate = useFormState("allocate");
  const label = useLabel(d.names);
  const yearText = formatNumber(locale, d.year).replace(/[,٬]/g, "");

  const rv = { e: revise.errors, v: revise.values };
  const al = { e: allocate.errors, v: allocate.values };
  // One picker for a share: counties, agencies (active ones) and programmes, grouped (no typed codes).
  const name = (n: { fa: string; en: string }) => (locale === "fa" ? n.fa : n.en);
  const shares = [
    ...pickable(d.names.county).map((n) => ({ value: `county:${n.code}`, label: name(n), group: t("employment.dimension.county") })),
    ...pickable(d.names.agency).map((n) => ({ value: `agency:${n.code}`, label: name(n), group: t("employment.dimension.agency") })),
    ...PROGRAMMES.map((p) => ({ value: `programme:${p}`, label: t(`employment.programme.${p}`), group: t("employment.dimension.programme") })),
  ];
  // After a save the page reloads in place (client navigation): a new key empties the forms, so the
  // previous revision's note is not offered again (issue 11 item 10). A refused save keeps what was typed.
  const revisionKey = `r${d.revisions.length}`;
  const allocationKey = d.allocations.map((x) => `${x.id}:${x.amount}`).join(",");
  return (
    <div>
      <PageTitle>{t("employment.targets.title")} {yearText}</PageTitle>
      <StaffLinks />
      <Form method="get" className="mb-4 flex items-end gap-2">
        <label className="flex flex-col"><span className="mb-1">{t("employment.filter.year")}</span>
          <input name="year" defaultValue={String(d.year)} inputMode="numeric" dir="ltr" size={6} className="rounded-md border border-slate-400 px-3 py-2" /></label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.filter")}</button>
      </Form>
      <Card title={t("employment.targets.current")}>
        <p className="text-2xl font-bold" data-testid="current-target">{d.target ? formatNumber(locale, d.target.current_target) : t("employment.noTarget")}</p>
      </Card>
      {d.warnings.map((w) => (
        <p key={w.dimension} role="status" className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900">
          {t("employment.warning.allocations", { dimension: t(`employment.dimension.${w.dimension}`), sum: formatNumber(locale, w.sum), target: formatNumber(locale, w.target) })}
        </p>
      ))}
      <Card title={t("employment.targets.revisions")}>
        <TableRegion>
        <table className={tableClass}>
          <thead><tr>
            <th scope="col">{t("employment.targets.date")}</th>
            <th scope="col">{t("employment.targets.amount")}</th>
            <th scope="col">{t("employment.targets.kind")}</th>
            <th scope="col">{t("employment.report.note")}</th>
          </tr></thead>
          <tbody>{d.revisions.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(locale, r.revised_on)}</td>
              <td>{formatNumber(locale, r.amount)}</td>
              <td>{t(`employment.targets.kind.${r.kind}`)}</td>
              <td>{(locale === "fa" ? r.note_fa ?? r.note_en : r.note_en ?? r.note_fa) ?? ""}</td>
            </tr>
          ))}</tbody>
        </table>
        </TableRegion>
        <Form key={revisionKey} method="post" noValidate className="mt-4 max-w-xl">
          <h3 className="mb-2 font-semibold">{t("employment.targets.addRevision")}</h3>
          <input type="hidden" name="intent" value="revise" />
          <FormError error={revise.formError} />
          <TextField name="amount" label={t("employment.targets.amount")} inputMode="numeric" dir="ltr" required defaultValue={rv.v.amount} error={rv.e.amount} />
          <SelectField name="kind" label={t("employment.targets.kind")} required defaultValue={rv.v.kind} error={rv.e.kind} options={TARGET_KINDS.map((k) => ({ value: k, label: t(`employment.targets.kind.${k}`) }))} />
          <TextField name="revisedOn" label={t("employment.targets.date")} hint={t("employment.report.asOfHint")} dir="ltr" required defaultValue={rv.v.revisedOn} error={rv.e.revisedOn} />
          <TextArea name="note" label={t("employment.report.note")} rows={2} defaultValue={rv.v.note} error={rv.e.note} />
          <SubmitButton>{t("employment.targets.addRevision")}</SubmitButton>
        </Form>
      </Card>
      <Card title={t("employment.targets.allocations")}>
        {d.allocations.some((x) => x.is_demo) && <p className="mb-3 text-amber-900">{t("employment.targets.demoNote")}</p>}
        <TableRegion>
        <table className={tableClass}>
          <thead><tr>
            <th scope="col">{t("employment.targets.dimension")}</th>
            <th scope="col">{t("employment.targets.code")}</th>
            <th scope="col">{t("employment.targets.amount")}</th>
            <th scope="col"><span className="sr-only">{t("employment.targets.demo")}</span></th>
          </tr></thead>
          <tbody>{d.allocations.map((x) => (
            <tr key={x.id}>
              <td>{t(`employment.dimension.${x.dimension}`)}</td>
              <td>{label(x.dimension, x.code)}</td>
              <td>{formatNumber(locale, x.amount)}</td>
              <td>{x.is_demo ? t("employment.targets.demo") : ""}</td>
            </tr>
          ))}</tbody>
        </table>
        </TableRegion>
        <Form key={allocationKey} method="post" noValidate className="mt-4 max-w-xl">
          <h3 className="mb-2 font-semibold">{t("employment.targets.setAllocation")}</h3>
          <input type="hidden" name="intent" value="allocate" />
          <FormError error={allocate.formError} />
          <SelectField name="share" label={t("employment.targets.share")} required defaultValue={al.v.share} error={al.e.share} options={shares} />
          <TextField name="amount" label={t("employment.targets.amount")} inputMode="numeric" dir="ltr" required defaultValue={al.v.amount} error={al.e.amount} />
          <SubmitButton>{t("employment.targets.setAllocation")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}

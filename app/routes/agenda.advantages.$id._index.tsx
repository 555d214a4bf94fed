import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { advantagePage, assertManageable, moveAdvantage } from "~/modules/agenda/advantages.server";
import { AdvantageStatusBadge } from "~/modules/agenda/components/bits";
import { advantageMoveSchema } from "~/modules/agenda/schema";
import { FormError, SelectField, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return advantagePage(actor, idOrNotFound(params.id), await getLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await assertManageable(actor, id);
  return formAction(await readForm(request), advantageMoveSchema, async (v) => {
    await moveAdvantage(actor, id, v);
    return redirectWithFlash(`/agenda/advantages/${id}`, `agenda.advantage.moved.${v.action}`);
  });
}

const button = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";
const primary = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800";

export default function AdvantagePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const a = d.advantage;
  const f = useFormState();
  const item = (label: string, value: React.ReactNode) => (
    <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value}</dd></div>
  );
  const forward = d.actions.filter((x) => x !== "drop");
  return (
    <div className="max-w-3xl">
      <PageTitle actions={
        <div className="flex flex-wrap gap-3">
          {d.canEdit && <Link to={`/agenda/advantages/${a.id}/edit`}>{t("agenda.advantage.edit")}</Link>}
          <Link to="/agenda/advantages">{t("agenda.advantage.list")}</Link>
        </div>
      }>{a.activity}</PageTitle>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("agenda.field.agency"), d.agencyName)}
          {item(t("common.status"), <AdvantageStatusBadge status={a.status} />)}
          {item(t("agenda.advantage.field.sector"), `${d.sectorName}${a.isic_code ? ` · ISIC ${formatNumber(locale, Number(a.isic_code)).replace(/[,٬]/g, "")}` : ""}`)}
          {item(t("agenda.advantage.field.counties"), `${d.countyNames.join("، ")} · ${t(`agenda.advantage.area.${a.area}`)}`)}
          {item(t("agenda.advantage.field.potentialJobs"), <span data-testid="advantage-potential">{formatNumber(locale, a.potential_jobs, 2)}</span>)}
          {item(t("agenda.advantage.field.investment"), formatNumber(locale, Math.round(a.investment_rials / 1_000_000)))}
          {item(t("agenda.advantage.field.programme"), t(`agenda.advantage.programme.${a.programme_kind}`))}
          {item(t("agenda.advantage.field.published"), a.published ? t("common.yes") : t("common.no"))}
        </dl>
        <p className="mt-4 whitespace-pre-line">{a.description}</p>
        {a.how_to_join && <p className="mt-3"><strong>{t("agenda.advantage.field.howToJoin")}:</strong> {a.how_to_join}</p>}
        {a.drop_reason && <p className="mt-3 rounded-md bg-slate-50 p-3"><strong>{t("agenda.advantage.field.reason")}:</strong> {a.drop_reason}</p>}
      </Card>
      <Card title={t("agenda.advantage.offeredThrough")}>
        {d.programme ? (
          <>
            <p data-testid="advantage-programme"><Link to={d.programme.link}>{d.programme.title}</Link></p>
            {d.jobs && (
              <p className="mt-2" data-testid="advantage-ledger-jobs">
                {t("agenda.advantage.ledgerJobs", { year: formatNumber(locale, d.year).replace(/[,٬]/g, ""), created: formatNumber(locale, d.jobs.created, 2), retained: formatNumber(locale, d.jobs.retained, 2), enterprises: formatNumber(locale, d.jobs.enterprises) })}
              </p>
            )}
            <p className="mt-2 text-sm text-slate-600">{t("agenda.advantage.noDoubleCount")}</p>
          </>
        ) : <p>{t("agenda.advantage.notOffered")}</p>}
      </Card>
      {d.actions.length > 0 && (
        <Card title={t("agenda.work.title")}>
          <Form method="post" noValidate>
            <FormError error={f.formError} />
            <input type="hidden" name="version" value={a.version} />
            {d.actions.includes("offer") && (d.programmeOptions.length > 0 ? (
              <SelectField name="programmeId" label={t(`agenda.advantage.pick.${a.programme_kind}`)} defaultValue={f.values.programmeId} error={f.errors.programmeId} options={d.programmeOptions} />
            ) : <p className="mb-4" role="status">{t(d.programmeRegistered ? "agenda.advantage.noProgrammes" : "agenda.advantage.programmeMissing")}</p>)}
            {d.actions.includes("drop") && (
              <TextArea name="reason" label={t("agenda.advantage.field.reasonIfDropped")} defaultValue={f.values.reason} error={f.errors.reason} maxLength={1000} rows={2} />
            )}
            <div className="flex flex-wrap gap-2">
              {forward.map((x) => <button key={x} type="submit" name="action" value={x} className={primary}>{t(`agenda.advantage.action.${x}`)}</button>)}
              {d.actions.includes("drop") && <button type="submit" name="action" value="drop" className={button}>{t("agenda.advantage.action.drop")}</button>}
            </div>
          </Form>
        </Card>
      )}
      <Card title={t("agenda.history.title")}>
        <ol className="space-y-2" data-testid="advantage-history">
          {d.history.map((h) => (
            <li key={h.id} className="border-s-2 border-slate-300 ps-3">
              <span className="font-medium">{t(`agenda.advantage.event.${h.action}`)}</span>
              {h.to_status && h.from_status !== h.to_status && <> → {t(`agenda.advantage.status.${h.to_status}`)}</>}
              <span className="text-sm text-slate-600"> · {h.actor_name ?? "—"} · {formatDateTime(locale, h.at)}</span>
              {h.note && <p className="whitespace-pre-line">{h.note}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear, formatDate, formatNumber } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { requireCan } from "~/modules/employment/service.server";
import { decideReports, verificationQueuePage, type QueueFilters } from "~/modules/employment/reports.server";
import { decisionSchema, filtersFrom, PROGRAMMES } from "~/modules/employment/schema";
import { StaffLinks } from "~/modules/employment/components/DashboardView";
import { SourceLabel } from "~/modules/employment/components/SourceLabel";
import { FormError, TextArea } from "~/ui/Field";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { MAX_BIGINT_ID, parseId } from "~/lib/ids";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";
import { getLocale } from "~/lib/locale.server";
import { FilterForm, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";

function queueFilters(url: URL): QueueFilters {
  const f = filtersFrom(url, currentJalaliYear());
  return { year: url.searchParams.get("year") ? f.year : undefined, county: f.county, agency: f.agency, programme: f.programme };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  const f = queueFilters(url);
  return verificationQueuePage(actor, { ...f, after: parseId(url.searchParams.get("after"), MAX_BIGINT_ID) ?? undefined }, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "verify");
  // The checkboxes have no message of their own: "pick a report" and the like show above the table.
  return formAction(await readForm(request), decisionSchema, async (v) => {
    await decideReports(actor, v.ids, v.decision, v.note);
    return redirectWithFlash(`/employment/queue${new URL(request.url).search}`, "employment.decided");
  }, { visible: ["note"] });
}

export default function Queue() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const a = useFormState();
  return (
    <div>
      <PageTitle>{t("employment.queue.title")}</PageTitle>
      <StaffLinks />
      <p className="mb-4">{t("employment.queue.hint")}</p>
      <FilterForm label={t("employment.queue.filters")} csv="/employment/queue.csv">
        <SearchFilter name="year" label={t("employment.filter.year")} dir="ltr" inputMode="numeric" />
        <SelectFilter name="county" label={t("employment.filter.county")} options={d.counties} />
        <SelectFilter name="agency" label={t("employment.filter.agency")} options={d.agencies} />
        <SelectFilter name="programme" label={t("employment.filter.programme")} options={PROGRAMMES.map((p) => ({ value: p, label: t(`employment.programme.${p}`) }))} />
      </FilterForm>
      {d.rows.length === 0 ? <EmptyState>{t("employment.queue.empty")}</EmptyState> : (
        <Form method="post" noValidate>
          <FormError error={a.formError} />
          <TableRegion>
          <table className={tableClass}>
            <thead><tr>
              <th scope="col"><span className="sr-only">{t("employment.queue.bulk")}</span></th>
              <th scope="col">#</th>
              <th scope="col">{t("employment.report.asOf")}</th>
              <th scope="col">{t("employment.enterprise.name")}</th>
              <th scope="col">{t("employment.filter.county")}</th>
              <th scope="col">{t("employment.filter.programme")}</th>
              <th scope="col">{t("employment.report.source")}</th>
              <th scope="col">{t("employment.report.jobsCreated")}</th>
              <th scope="col">{t("employment.report.jobsRetained")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{d.canVerify && <input type="checkbox" name="ids" value={r.id} aria-label={t("employment.queue.select", { id: r.id })} />}</td>
                  <td><Link to={`/employment/reports/${r.id}`}>{formatNumber(locale, r.id)}</Link></td>
                  <td>{formatDate(locale, r.as_of)}</td>
                  <td><Link to={`/employment/enterprises/${r.enterprise_id}`}>{r.enterprise_name}</Link></td>
                  <td>{r.county ?? t("employment.unknown")}</td>
                  <td>{t(`employment.programme.${r.programme}`)}</td>
                  <td><SourceLabel module={r.source_module} id={r.source_id} /></td>
                  <td>{formatNumber(locale, r.jobs_created, 2)}</td>
                  <td>{formatNumber(locale, r.jobs_retained, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
          {d.canVerify ? (
            <fieldset className="mt-4 max-w-xl">
              <legend className="mb-2 font-semibold">{t("employment.queue.bulk")}</legend>
              <TextArea name="note" label={t("employment.report.note")} defaultValue={a.values.note} error={a.errors.note} rows={2} />
              <div className="flex gap-3">
                <SubmitButton name="decision" value="verified">{t("employment.decision.verify")}</SubmitButton>
                <SubmitButton name="decision" value="rejected" variant="danger">{t("employment.decision.reject")}</SubmitButton>
              </div>
            </fieldset>
          ) : <p className="mt-4">{t("employment.queue.cannotVerify")}</p>}
        </Form>
      )}
      <NextPage after={d.next} />
    </div>
  );
}

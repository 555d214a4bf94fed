import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { formAction, formFailure, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { ProjectStatusBadge } from "~/modules/clusters/components/bits";
import { FirmPicker, FoldedForm } from "~/modules/clusters/components/FoldedForm";
import { projectPage } from "~/modules/clusters/page.server";
import { setProjectFirms } from "~/modules/clusters/edit.server";
import { jobsSchema, participantsSchema, projectMoveSchema } from "~/modules/clusters/schema";
import { moveProject, reportJobs, requireManager } from "~/modules/clusters/service.server";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// A joint project: its taking-part firms, its status, and each firm's jobs reported to the ledger.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return projectPage(actor, idOrNotFound(params.id), idOrNotFound(params.pid));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const pid = idOrNotFound(params.pid);
  await requireManager(actor, id);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const back = (key: string) => redirectWithFlash(`/clusters/${id}/projects/${pid}`, key);
  if (intent === "move") return formAction(form, projectMoveSchema, async (v) => (await moveProject(actor, id, pid, v), back("cluster.projectMoved")), { intent });
  if (intent === "firms") return formAction(form, participantsSchema, async (v) => (await setProjectFirms(actor, id, pid, v), back("cluster.projectFirmsSaved")), { intent });
  if (intent === "jobs") return formAction(form, jobsSchema, async (v) => (await reportJobs(actor, id, pid, v), back("cluster.jobsReported")), { intent });
  return formFailure({ errors: { _form: "error.badRequest" }, values: {} });
}

function MoveForm({ to, version }: { to: string; version: number }) {
  const t = useT();
  const f = useFormState("move");
  const mine = f.values.to === to ? f : { ...f, errors: {} as Record<string, string>, formError: null, values: {} as Record<string, string> };
  return (
    <Form method="post" className="mb-4 rounded-md border border-slate-300 p-3" data-testid={`project-${to}`}>
      <FormError error={mine.formError} />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="version" value={version} />
      {to === "completed" && <TextArea name="results" label={t("cluster.project.results")} required rows={3} defaultValue={mine.values.results} error={mine.errors.results} />}
      {to === "cancelled" && <TextArea name="note" label={t("cluster.move.note")} required rows={2} defaultValue={mine.values.note} error={mine.errors.note} />}
      <SubmitButton variant={to === "cancelled" ? "danger" : "primary"}>{t(`cluster.projectAction.${to}`)}</SubmitButton>
    </Form>
  );
}

export default function ProjectPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const p = d.project;
  const jobs = useFormState("jobs");
  const open = d.firms.filter((f) => !f.report_id);
  const item = (label: string, value: React.ReactNode) => <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value || "—"}</dd></div>;
  return (
    <div className="max-w-5xl">
      <p className="mb-2"><Link to={`/clusters/${d.cluster.id}`}>{d.cluster.name}</Link></p>
      <PageTitle>{p.title} <ProjectStatusBadge status={p.status} /></PageTitle>
      <Card title={t("cluster.section.project")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("cluster.project.kind"), t(`cluster.projectKind.${p.kind}`))}
          {item(t("cluster.project.budget"), formatNumber(locale, p.budget))}
          {item(t("cluster.project.startsOn"), formatDate(locale, p.starts_on))}
          {item(t("cluster.project.endsOn"), p.ends_on && formatDate(locale, p.ends_on))}
          {item(t("cluster.project.results"), p.results)}
        </dl>
      </Card>
      <Card title={t("cluster.project.firms")}>
        <TableRegion>
          <table className={tableClass} data-testid="project-firms">
            <thead><tr>
              <th scope="col">{t("cluster.firm.name")}</th><th scope="col">{t("cluster.jobs.fullTime")}</th><th scope="col">{t("cluster.jobs.partTime")}</th>
              <th scope="col">{t("cluster.jobs.asOf")}</th><th scope="col">{t("cluster.jobs.ledger")}</th>
            </tr></thead>
            <tbody>
              {d.firms.map((f) => (
                <tr key={f.firm_id}>
                  <td>{f.name}</td>
                  <td>{f.report_id ? formatNumber(locale, f.jobs_full_time ?? 0) : "—"}</td>
                  <td>{f.report_id ? formatNumber(locale, f.jobs_part_time ?? 0) : "—"}</td>
                  <td>{f.reported_on ? formatDate(locale, f.reported_on) : "—"}</td>
                  <td>{f.report_id ? (d.ledger ? <Link to={`/employment/enterprises/${f.enterprise_id}`}>{t("cluster.jobs.reported")}</Link> : t("cluster.jobs.reported")) : t("cluster.jobs.notYet")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {d.canEditFirms && (
          <FoldedForm intent="firms" version={p.version} summary={t("cluster.project.editFirms")} submit={t("cluster.project.editFirmsSubmit")} testId="project-firms-form">
            <FirmPicker intent="firms" firms={d.firmChoices} initial={d.firms.map((f) => String(f.firm_id))} hint={t("cluster.project.editFirmsHint")} />
          </FoldedForm>
        )}
        {d.canReport && open.length > 0 && (
          <Form method="post" className="mt-4" data-testid="project-jobs-form">
            <h3 className="mb-2 font-medium">{t("cluster.jobs.title")}</h3>
            <FormError error={jobs.formError} />
            <input type="hidden" name="intent" value="jobs" />
            <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
              <SelectField name="firmId" label={t("cluster.firm.name")} required options={open.map((f) => ({ value: String(f.firm_id), label: f.name }))} defaultValue={jobs.values.firmId} error={jobs.errors.firmId} />
              <DateField name="asOf" label={t("cluster.jobs.asOf")} required typed={jobs.values.asOf} error={jobs.errors.asOf} />
              <TextField name="fullTime" label={t("cluster.jobs.fullTime")} inputMode="numeric" dir="ltr" defaultValue={jobs.values.fullTime} error={jobs.errors.fullTime} />
              <TextField name="partTime" label={t("cluster.jobs.partTime")} inputMode="numeric" dir="ltr" defaultValue={jobs.values.partTime} error={jobs.errors.partTime} />
            </div>
            <SubmitButton>{t("cluster.jobs.submit")}</SubmitButton>
          </Form>
        )}
      </Card>
      {d.moves.length > 0 && (
        <Card title={t("cluster.section.actions")}>
          {d.moves.map((to) => <MoveForm key={to} to={to} version={p.version} />)}
        </Card>
      )}
    </div>
  );
}

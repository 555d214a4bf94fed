import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { formAction, formFailure, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";
import { ProjectStatusBadge, StageBadge } from "~/modules/clusters/components/bits";
import { FoldedForm } from "~/modules/clusters/components/FoldedForm";
import { clusterPage } from "~/modules/clusters/page.server";
import { editCluster } from "~/modules/clusters/edit.server";
import { clusterEditSchema, diagnosisSchema, moveSchema } from "~/modules/clusters/schema";
import { moveStage, requireManager, saveDiagnosis } from "~/modules/clusters/service.server";
import { isForward } from "~/modules/clusters/workflow";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, parseUpload } from "~/modules/files/upload.server";
import { CheckboxGroup, DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  return { ...(await clusterPage(actor, id)), maxMb: maxUploadMb(), obstacles: await subjectObstacles(actor, "cluster", id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireManager(actor, id); // 404/403 before the form (or the upload) is read
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const upload = await parseUpload(request, { field: "file" });
    try {
      if (upload.error) return formFailure({ intent: "diagnosis", errors: { file: upload.error }, values: {} });
      return await formAction(upload.fields, diagnosisSchema, async (v) => {
        await saveDiagnosis(actor, id, v, upload.file);
        return redirectWithFlash(`/clusters/${id}`, "cluster.studySaved");
      }, { intent: "diagnosis", fields: ["file"] });
    } finally {
      await upload.dispose();
    }
  }
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const done = (key: string) => redirectWithFlash(`/clusters/${id}`, key);
  switch (intent) {
    case "edit":
      return formAction(form, clusterEditSchema, async (v) => (await editCluster(actor, id, v), done("cluster.edited")), { intent });
    case "move":
      return formAction(form, moveSchema, async (v) => (await moveStage(actor, id, v), done("cluster.moved")), { intent });
    default:
      return formFailure({ errors: { _form: "error.badRequest" }, values: {} });
  }
}

export default function ClusterPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const c = d.cluster;
  const move = useFormState("move");
  const study = useFormState("diagnosis");
  const edit = useFormState("edit");
  const name = (x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);
  const item = (label: string, value: React.ReactNode) => <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value || "—"}</dd></div>;
  const live = d.firms.filter((f) => !f.left_on);
  const former = d.firms.filter((f) => f.left_on);
  const options = (list: { code: string; name_fa: string; name_en: string }[]) => list.map((x) => ({ value: x.code, label: name(x) }));
  return (
    <div className="max-w-5xl">
      <PageTitle>{c.name} <StageBadge stage={c.stage} /></PageTitle>
      <Card title={t("cluster.section.details")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("cluster.field.product"), c.product)}
          {item(t("cluster.field.sector"), name(c.sector))}
          {item(t("cluster.field.counties"), c.counties.map(name).join("، "))}
          {item(t("cluster.field.unit"), name(d.unit))}
          {item(t("cluster.field.agents"), d.agents.map((a) => a.full_name).join("، "))}
          {item(t("cluster.field.stageSince"), formatDate(locale, c.stage_since))}
          {item(t("cluster.field.firms"), formatNumber(locale, c.firms_count))}
          {item(t("cluster.field.jobs"), <span data-testid="cluster-jobs">{formatNumber(locale, c.jobs)}</span>)}
        </dl>
        <p className="mt-3"><Link to={`/clusters/${c.id}/jobs`}>{t("cluster.ledger.link")}</Link></p>
        {d.canManage && (
          <FoldedForm intent="edit" version={c.version} summary={t("cluster.edit")} submit={t("cluster.edit.submit")} testId="cluster-edit-form">
            <TextField name="name" label={t("cluster.field.name")} required defaultValue={edit.values.name ?? c.name} error={edit.errors.name} />
            <TextField name="product" label={t("cluster.field.product")} required defaultValue={edit.values.product ?? c.product} error={edit.errors.product} />
            <CheckboxGroup name="counties" legend={t("cluster.field.counties")} options={options(d.counties)} checked={edit.failed ? edit.all("counties") : c.counties.map((x) => x.code)} error={edit.errors.counties} />
          </FoldedForm>
        )}
      </Card>

      {d.moves.length > 0 && (
        <Card title={t("cluster.section.stage")}>
          {/* Keyed by stage: an uncontrolled select keeps the DOM value of the previous stage after a move,
              which is no longer an option, so the next move would show "—" instead of the next stage. */}
          <Form method="post" data-testid="cluster-move" key={c.stage}>
            <FormError error={move.formError} />
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="version" value={c.version} />
            <SelectField name="to" label={t("cluster.move.to")} required defaultValue={move.values.to ?? d.moves.find((s) => isForward(c.stage, s))}
              options={d.moves.map((s) => ({ value: s, label: t(isForward(c.stage, s) ? "cluster.move.forward" : "cluster.move.back", { stage: t(`cluster.stage.${s}`) }) }))} error={move.errors.to} />
            <DateField name="on" label={t("cluster.move.on")} required typed={move.values.on} error={move.errors.on} />
            <TextArea name="note" label={t("cluster.move.note")} required rows={2} defaultValue={move.values.note} error={move.errors.note} />
            <SubmitButton>{t("cluster.move.submit")}</SubmitButton>
          </Form>
        </Card>
      )}

      <Card title={t("cluster.section.study")}>
        {c.study.strengths || c.study.file ? (
          <dl className="mb-4 grid grid-cols-1 gap-y-2" data-testid="cluster-study">
            {item(t("cluster.study.strengths"), c.study.strengths)}
            {item(t("cluster.study.weaknesses"), c.study.weaknesses)}
            {item(t("cluster.study.needs"), c.study.needs)}
            {item(t("cluster.study.document"), c.study.file && <a href={`/files/${c.study.file.id}`}>{c.study.file.name}</a>)}
          </dl>
        ) : <EmptyState>{t(d.canStudy ? "cluster.study.none" : "cluster.study.later")}</EmptyState>}
        {d.canStudy && (
          <Form method="post" encType="multipart/form-data" className="mt-2" data-testid="cluster-study-form">
            <FormError error={study.formError} />
            <input type="hidden" name="version" value={c.version} />
            <TextArea name="strengths" label={t("cluster.study.strengths")} rows={2} defaultValue={study.values.strengths ?? c.study.strengths} error={study.errors.strengths} />
            <TextArea name="weaknesses" label={t("cluster.study.weaknesses")} rows={2} defaultValue={study.values.weaknesses ?? c.study.weaknesses} error={study.errors.weaknesses} />
            <TextArea name="needs" label={t("cluster.study.needs")} rows={2} defaultValue={study.values.needs ?? c.study.needs} error={study.errors.needs} />
            <FileField name="file" label={t("cluster.study.document")} error={study.errors.file} maxMb={d.maxMb} />
            <SubmitButton>{t("cluster.study.save")}</SubmitButton>
          </Form>
        )}
      </Card>

      <Card title={t("cluster.section.firms")}>
        {live.length === 0 ? <EmptyState>{t("cluster.firms.none")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="cluster-firms">
              <thead><tr><th scope="col">{t("cluster.firm.name")}</th><th scope="col">{t("cluster.firm.identity")}</th><th scope="col">{t("cluster.firm.joinedOn")}</th></tr></thead>
              <tbody>
                {live.map((f) => (
                  <tr key={f.id}>
                    <td>{f.name}</td>
                    <td><span dir="ltr">{localDigits(locale, f.identity)}</span></td>
                    <td>{formatDate(locale, f.joined_on)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {former.length > 0 && <p className="mt-3 text-sm text-slate-700">{t("cluster.firms.former")}: {former.map((f) => `${f.name} (${formatDate(locale, f.left_on!)})`).join("، ")}</p>}
        {d.canManage && (
          <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
            <Link to={`/clusters/${c.id}/firms/new`}>{t("cluster.firm.add")}</Link>
            {live.length > 0 && <Link to={`/clusters/${c.id}/firms/leave`}>{t("cluster.firm.leave")}</Link>}
          </p>
        )}
      </Card>

      <Card title={t("cluster.section.projects")}>
        {d.projects.length === 0 ? <EmptyState>{t("cluster.projects.none")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="cluster-projects">
              <thead><tr>
                <th scope="col">{t("cluster.project.title")}</th><th scope="col">{t("cluster.project.kind")}</th><th scope="col">{t("common.status")}</th>
                <th scope="col">{t("cluster.project.startsOn")}</th><th scope="col">{t("cluster.project.budget")}</th><th scope="col">{t("cluster.project.firms")}</th><th scope="col">{t("cluster.field.jobs")}</th>
              </tr></thead>
              <tbody>
                {d.projects.map((p) => (
                  <tr key={p.id}>
                    <td><Link to={`/clusters/${c.id}/projects/${p.id}`}>{p.title}</Link></td>
                    <td>{t(`cluster.projectKind.${p.kind}`)}</td>
                    <td><ProjectStatusBadge status={p.status} /></td>
                    <td>{formatDate(locale, p.starts_on)}</td>
                    <td>{formatNumber(locale, p.budget)}</td>
                    <td>{formatNumber(locale, p.firms)}</td>
                    <td>{formatNumber(locale, p.jobs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.canManage && !d.canProject && <p className="mt-3 text-sm text-slate-700">{t("cluster.projects.later")}</p>}
        {d.canProject && <p className="mt-4"><Link to={`/clusters/${c.id}/projects/new`}>{t("cluster.project.new")}</Link></p>}
      </Card>

      <SubjectObstacles data={d.obstacles} />

      <Card title={t("cluster.section.timeline")}>
        <ol className="space-y-2" data-testid="cluster-timeline">
          {d.events.map((e) => (
            <li key={e.id} className="border-s-2 border-slate-300 ps-3">
              <span className="font-medium">{t(`cluster.event.${e.action}`, { from: e.from_stage ? t(`cluster.stage.${e.from_stage}`) : "", to: e.to_stage ? t(`cluster.stage.${e.to_stage}`) : "" })}</span>
              {e.happened_on && <> · {formatDate(locale, e.happened_on)}</>}
              {e.note && <> · {e.note}</>}
              <span className="block text-sm text-slate-600">{e.actor ?? ""} · {formatDateTime(locale, e.created_at)}</span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}

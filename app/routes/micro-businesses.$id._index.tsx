import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber, localDigits } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { PermitBadge } from "~/modules/microbusiness/components/bits";
import { businessPage } from "~/modules/microbusiness/service.server";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  return { ...(await businessPage(actor, id, await getLocale(request))), obstacles: await subjectObstacles(actor, "micro_business", id) };
}

const linkClass = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";

export default function BusinessPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const b = d.business;
  const item = (label: string, value: React.ReactNode) => (
    <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value}</dd></div>
  );
  return (
    <div>
      <PageTitle
        actions={d.canEdit && (
          <div className="flex flex-wrap gap-2">
            <Link className={linkClass} to={`/micro-businesses/${b.id}/edit`}>{t("micro.edit")}</Link>
            <Link className={linkClass} to={`/micro-businesses/${b.id}/permit`}>{t("micro.permit.edit")}</Link>
            <Link className={linkClass} to={`/micro-businesses/${b.id}/support`}>{t("micro.support.add")}</Link>
            <Link className={linkClass} to={`/micro-businesses/${b.id}/update`}>{t("micro.update.add")}</Link>
          </div>
        )}
      >
        {b.name} {b.is_demo && <span className="text-base font-normal text-slate-600">{t("micro.demo")}</span>}
      </PageTitle>
      {!d.updatedThisYear && <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" role="status">{t("micro.update.due")}</p>}
      <Card title={t("micro.section.business")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("micro.field.ownerName"), b.owner_name)}
          {item(t("micro.field.ownerNationalId"), <span dir="ltr">{localDigits(locale, b.owner_national_id)}</span>)}
          {item(t("micro.field.ownerGender"), t(`micro.gender.${b.owner_gender}`))}
          {b.owner_mobile && item(t("micro.field.ownerMobile"), <span dir="ltr">{localDigits(locale, b.owner_mobile)}</span>)}
          {item(t("micro.field.sector"), `${d.labels.sector}${b.isic_code ? ` (ISIC ${localDigits(locale, b.isic_code)})` : ""}`)}
          {item(t("micro.field.activity"), b.activity)}
          {item(t("micro.field.county"), `${d.labels.county} · ${t(`micro.area.${b.area}`)}`)}
          {item(t("micro.field.address"), b.address)}
          {item(t("micro.field.startedOn"), formatDate(locale, b.started_on))}
          {item(t("micro.field.homeBased"), t(b.home_based ? "common.yes" : "common.no"))}
          {item(t("micro.field.salesChannels"), b.sales_channels.length ? b.sales_channels.map((c) => t(`micro.channel.${c}`)).join("، ") : "—")}
        </dl>
      </Card>
      <Card title={t("micro.section.permit")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("micro.field.permitStatus"), <PermitBadge status={d.permit.status} />)}
          {b.permit_number && item(t("micro.field.permitNumber"), <span dir="ltr">{localDigits(locale, b.permit_number)}</span>)}
          {b.permit_applied_on && item(t("micro.field.permitAppliedOn"), formatDate(locale, String(b.permit_applied_on)))}
          {b.permit_issued_on && item(t("micro.field.permitIssuedOn"), formatDate(locale, String(b.permit_issued_on)))}
          {b.permit_expires_on && item(t("micro.field.permitExpiresOn"), formatDate(locale, String(b.permit_expires_on)))}
        </dl>
        {d.permit.daysLeft != null && d.permit.daysLeft <= 30 && (
          <p className="mt-3 text-amber-900" role="status">{t("micro.permit.expiresIn", { days: formatNumber(locale, d.permit.daysLeft) })}</p>
        )}
      </Card>
      <Card title={t("micro.section.workers")}>
        <p className="mb-3" data-testid="micro-jobs">
          {t("micro.jobs.summary", { people: formatNumber(locale, b.workers), fte: formatNumber(locale, b.jobs_fte, 2) })}
          {d.ledgerLink && <Link className="ms-3 underline" to={d.ledgerLink}>{t("micro.jobs.ledger")}</Link>}
        </p>
        <TableRegion>
          <table className={tableClass} data-testid="micro-updates">
            <thead><tr>
              <th scope="col">{t("micro.update.year")}</th>
              <th scope="col">{t("micro.update.asOf")}</th>
              <th scope="col">{t("micro.field.ownerMode")}</th>
              <th scope="col">{t("micro.workers.family")}</th>
              <th scope="col">{t("micro.workers.hired")}</th>
              <th scope="col">{t("micro.field.jobs")}</th>
              <th scope="col">{t("micro.update.report")}</th>
            </tr></thead>
            <tbody>
              {d.updates.map((u) => (
                <tr key={u.id}>
                  <td>{formatNumber(locale, u.jalali_year).replace(/[,٬]/g, "")}</td>
                  <td>{formatDate(locale, String(u.as_of))}</td>
                  <td>{t(`micro.mode.${u.owner_mode}`)}</td>
                  <td>{formatNumber(locale, u.family_full_time + u.family_part_time + u.family_seasonal)}</td>
                  <td>{formatNumber(locale, u.hired_full_time + u.hired_part_time + u.hired_seasonal)}</td>
                  <td>{formatNumber(locale, u.jobs_fte, 2)}</td>
                  <td>{u.report_id == null ? "—" : d.ledgerLink ? <Link to={`/employment/reports/${u.report_id}`}>{t("micro.update.reported")}</Link> : t("micro.update.reported")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </Card>
      <Card title={t("micro.section.support")}>
        {d.supports.length === 0 ? <EmptyState>{t("micro.support.none")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="micro-supports">
              <thead><tr>
                <th scope="col">{t("micro.support.kind")}</th>
                <th scope="col">{t("micro.support.receivedOn")}</th>
                <th scope="col">{t("micro.support.description")}</th>
                <th scope="col">{t("micro.support.loan")}</th>
              </tr></thead>
              <tbody>
                {d.supports.map((s) => (
                  <tr key={s.id}>
                    <td>{t(`micro.support.${s.kind}`)}</td>
                    <td>{formatDate(locale, String(s.received_on))}</td>
                    <td>{s.course_id ? <Link to={`/training/courses/${s.course_id}`}>{s.description || t("micro.support.course")}</Link> : s.description}</td>
                    <td>{s.loan_amount != null ? `${formatNumber(locale, s.loan_amount)} ${t("micro.rials")} · ${t(`micro.loanSource.${s.loan_source}`)}` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Card>
      <SubjectObstacles data={d.obstacles} />
    </div>
  );
}

import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber, localDigits } from "~/i18n/format";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { MEMBER_ROLES } from "../rules";

// A registered cooperative's membership changes (join, leave, share transfer) and the board's yearly
// update (decision 0038): the history everyone on the page reads, the forms for those who may change it.

export interface AfterApprovalData {
  changes: { id: number; kind: string; amount: number; capital_after: number; effective_on: string; note: string | null; member: string; toMember: string | null }[];
  yearly: { id: number; jalali_year: number; jobs_members: number; jobs_hires: number; report_id: number | null }[];
}

interface Props {
  data: AfterApprovalData;
  manage: boolean;
  version: number;
  members: { id: number; full_name: string; share: number }[];
  jobs: { members: number; hires: number };
}

const box = "mb-4 rounded-md border border-slate-300 p-3";

export function Membership({ data, manage, version, members, jobs }: Props) {
  const t = useT();
  const locale = useLocale();
  const join = useFormState("member_join");
  const leave = useFormState("member_leave");
  const transfer = useFormState("member_transfer");
  const yearly = useFormState("yearly");
  const memberOptions = members.map((m) => ({ value: String(m.id), label: `${m.full_name} (${formatNumber(locale, m.share)})` }));
  const hidden = (intent: string) => (<><input type="hidden" name="intent" value={intent} /><input type="hidden" name="version" value={version} /></>);
  return (
    <>
      <Card title={t("coop.change.title")}>
        {data.changes.length ? (
          <TableRegion>
            <table className={tableClass} data-testid="coop-changes">
              <thead><tr>
                <th scope="col">{t("coop.change.effectiveOn")}</th><th scope="col">{t("coop.change.kind")}</th><th scope="col">{t("coop.member.fullName")}</th>
                <th scope="col">{t("coop.change.amount")}</th><th scope="col">{t("coop.change.capitalAfter")}</th>
              </tr></thead>
              <tbody>
                {data.changes.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDate(locale, c.effective_on)}</td>
                    <td>{t(`coop.change.kind.${c.kind}`)}</td>
                    <td>{c.toMember ? t("coop.change.fromTo", { from: c.member, to: c.toMember }) : c.member}{c.note ? ` — ${c.note}` : ""}</td>
                    <td>{formatNumber(locale, c.amount)}</td>
                    <td>{formatNumber(locale, c.capital_after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : <EmptyState>{t("coop.change.none")}</EmptyState>}
        {manage && (
          <div className="mt-4 grid grid-cols-1 gap-x-4 lg:grid-cols-3">
            <Form method="post" className={box} data-testid="form-member_join">
              <h3 className="mb-2 font-semibold">{t("coop.change.join")}</h3>
              <FormError error={join.formError} />
              {hidden("member_join")}
              <TextField name="fullName" label={t("coop.member.fullName")} required defaultValue={join.values.fullName} error={join.errors.fullName} />
              <TextField name="nationalId" label={t("coop.member.nationalId")} required dir="ltr" inputMode="numeric" defaultValue={join.values.nationalId} error={join.errors.nationalId} />
              <TextField name="mobile" label={t("coop.member.mobile")} dir="ltr" inputMode="tel" defaultValue={join.values.mobile} error={join.errors.mobile} />
              <TextField name="share" label={t("coop.member.share")} required dir="ltr" inputMode="numeric" defaultValue={join.values.share} error={join.errors.share} />
              <SelectField name="role" label={t("coop.member.role")} required defaultValue={join.values.role ?? "founder"} error={join.errors.role} options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`coop.role.${r}`) }))} />
              <DateField name="effectiveOn" label={t("coop.change.effectiveOn")} required typed={join.values.effectiveOn} error={join.errors.effectiveOn} />
              <TextField name="note" label={t("coop.field.note")} defaultValue={join.values.note} error={join.errors.note} />
              <SubmitButton>{t("coop.change.join.submit")}</SubmitButton>
            </Form>
            <Form method="post" className={box} data-testid="form-member_leave">
              <h3 className="mb-2 font-semibold">{t("coop.change.leave")}</h3>
              <FormError error={leave.formError} />
              {hidden("member_leave")}
              <SelectField name="memberId" label={t("coop.change.member")} required defaultValue={leave.values.memberId} error={leave.errors.memberId} options={memberOptions} />
              <DateField name="effectiveOn" label={t("coop.change.effectiveOn")} required typed={leave.values.effectiveOn} error={leave.errors.effectiveOn} />
              <TextField name="note" label={t("coop.field.note")} defaultValue={leave.values.note} error={leave.errors.note} />
              <SubmitButton variant="danger">{t("coop.change.leave.submit")}</SubmitButton>
            </Form>
            <Form method="post" className={box} data-testid="form-member_transfer">
              <h3 className="mb-2 font-semibold">{t("coop.change.transfer")}</h3>
              <FormError error={transfer.formError} />
              {hidden("member_transfer")}
              <SelectField name="fromMemberId" label={t("coop.change.from")} required defaultValue={transfer.values.fromMemberId} error={transfer.errors.fromMemberId} options={memberOptions} />
              <SelectField name="toMemberId" label={t("coop.change.to")} required defaultValue={transfer.values.toMemberId} error={transfer.errors.toMemberId} options={memberOptions} />
              <TextField name="amount" label={t("coop.change.amount")} required dir="ltr" inputMode="numeric" defaultValue={transfer.values.amount} error={transfer.errors.amount} />
              <DateField name="effectiveOn" label={t("coop.change.effectiveOn")} required typed={transfer.values.effectiveOn} error={transfer.errors.effectiveOn} />
              <TextField name="note" label={t("coop.field.note")} defaultValue={transfer.values.note} error={transfer.errors.note} />
              <SubmitButton>{t("coop.change.transfer.submit")}</SubmitButton>
            </Form>
          </div>
        )}
      </Card>

      <Card title={t("coop.yearly.title")}>
        {data.yearly.length ? (
          <TableRegion>
            <table className={tableClass} data-testid="coop-yearly">
              <thead><tr>
                <th scope="col">{t("coop.yearly.year")}</th><th scope="col">{t("coop.field.jobsMembers")}</th><th scope="col">{t("coop.field.jobsHires")}</th><th scope="col">{t("coop.yearly.ledger")}</th>
              </tr></thead>
              <tbody>
                {data.yearly.map((y) => (
                  <tr key={y.id}>
                    <td>{localDigits(locale, String(y.jalali_year))}</td>
                    <td>{formatNumber(locale, y.jobs_members)}</td>
                    <td>{formatNumber(locale, y.jobs_hires)}</td>
                    <td>{y.report_id ? t("coop.yearly.reported") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : <EmptyState>{t("coop.yearly.none")}</EmptyState>}
        {manage && (
          <Form method="post" className={`${box} mt-4`} data-testid="form-yearly">
            <FormError error={yearly.formError} />
            {hidden("yearly")}
            <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
              <TextField name="jobsMembers" label={t("coop.field.jobsMembers")} required dir="ltr" inputMode="numeric" defaultValue={yearly.values.jobsMembers ?? String(jobs.members)} error={yearly.errors.jobsMembers} />
              <TextField name="jobsHires" label={t("coop.field.jobsHires")} required dir="ltr" inputMode="numeric" defaultValue={yearly.values.jobsHires ?? String(jobs.hires)} error={yearly.errors.jobsHires} />
            </div>
            <TextArea name="note" label={t("coop.field.note")} rows={2} defaultValue={yearly.values.note} error={yearly.errors.note} />
            <SubmitButton>{t("coop.yearly.submit")}</SubmitButton>
          </Form>
        )}
      </Card>
    </>
  );
}

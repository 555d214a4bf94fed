import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent, localDigits } from "~/i18n/format";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { GENDERS } from "../schema";

// The course page's enrolment part: one's own enrolment (with withdraw), the application form, the
// provider's "enrol someone" form, and the accepted and waiting lists (in arrival order).

interface Row { id: number; full_name: string; national_id: string; gender: string; priority_group: string | null; attendance_pct: number | null; result: string | null }
interface Data {
  accepted: Row[];
  waiting: Row[];
  canEnrol: boolean;
  canApply: boolean;
  mine: { id: number; status: string; version: number; result: string | null; position: number | null } | null;
  applyDefaults: { nationalId: string; mobile: string };
}

function PersonFields({ v, e, withName, groups }: { v: Record<string, string>; e: Record<string, string>; withName: boolean; groups: Record<string, string> }) {
  const t = useT();
  return (
    <>
      {withName && <TextField name="fullName" label={t("training.enrol.fullName")} required defaultValue={v.fullName} error={e.fullName} />}
      <TextField name="nationalId" label={t("training.enrol.nationalId")} required dir="ltr" inputMode="numeric" defaultValue={v.nationalId} error={e.nationalId} />
      <SelectField name="gender" label={t("training.enrol.gender")} required options={GENDERS.map((g) => ({ value: g, label: t(`training.gender.${g}`) }))} defaultValue={v.gender} error={e.gender} />
      <TextField name="mobile" label={t("training.enrol.mobile")} dir="ltr" inputMode="tel" defaultValue={v.mobile} error={e.mobile} />
      <SelectField name="priorityGroup" label={t("training.enrol.priorityGroup")} options={Object.entries(groups).map(([value, label]) => ({ value, label }))} defaultValue={v.priorityGroup} error={e.priorityGroup} placeholder={t("training.enrol.noGroup")} />
    </>
  );
}

export function EnrolmentForms({ e, groups }: { e: Data; groups: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const apply = useFormState("apply");
  const enrol = useFormState("enrol");
  const withdraw = useFormState("withdraw");
  return (
    <>
      {e.mine && (
        <Card title={t("training.mine.enrolment")}>
          <p data-testid="my-enrolment">
            {e.mine.status === "waiting"
              ? t("training.mine.waiting", { position: localDigits(locale, e.mine.position ?? 0) })
              : t(`training.enrolStatus.${e.mine.status}`)}
          </p>
          <FormError error={withdraw.formError} />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="enrolment" value={e.mine.id} />
            <input type="hidden" name="version" value={e.mine.version} />
            <SubmitButton>{t("training.enrolment.withdraw")}</SubmitButton>
          </Form>
        </Card>
      )}
      {e.canApply && (
        <Card title={t("training.apply.title")}>
          <p className="mb-3">{t("training.apply.hint")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="apply" />
            <FormError error={apply.formError} />
            <PersonFields v={apply.failed ? apply.values : e.applyDefaults} e={apply.errors} withName={false} groups={groups} />
            <SubmitButton>{t("training.apply.submit")}</SubmitButton>
          </Form>
        </Card>
      )}
      {e.canEnrol && (
        <Card title={t("training.enrol.title")}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="enrol" />
            <FormError error={enrol.formError ?? withdraw.formError} />
            <PersonFields v={enrol.values} e={enrol.errors} withName groups={groups} />
            <SubmitButton>{t("training.enrol.submit")}</SubmitButton>
          </Form>
        </Card>
      )}
    </>
  );
}

export function EnrolmentLists({ e, groups }: { e: Data; groups: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const table = (rows: Row[], waiting: boolean, testId: string) => (
    <TableRegion>
      <table className={tableClass} data-testid={testId}>
        <thead><tr>
          {waiting && <th scope="col">{t("training.enrolment.position")}</th>}
          <th scope="col">{t("training.enrol.fullName")}</th>
          <th scope="col">{t("training.enrol.nationalId")}</th>
          <th scope="col">{t("training.enrol.priorityGroup")}</th>
          {!waiting && <th scope="col">{t("training.enrolment.attendance")}</th>}
          {!waiting && <th scope="col">{t("training.enrolment.result")}</th>}
        </tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              {waiting && <td>{formatNumber(locale, i + 1)}</td>}
              <td><Link to={`/training/enrolments/${r.id}`}>{r.full_name}</Link></td>
              <td dir="ltr">{localDigits(locale, r.national_id)}</td>
              <td>{r.priority_group ? groups[r.priority_group] ?? r.priority_group : "—"}</td>
              {!waiting && <td>{r.attendance_pct == null ? "—" : formatPercent(locale, r.attendance_pct / 100)}</td>}
              {!waiting && <td>{r.result ? t(`training.result.${r.result}`) : "—"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
  return (
    <>
      <Card title={t("training.enrolment.accepted", { n: formatNumber(locale, e.accepted.length) })}>
        {e.accepted.length ? table(e.accepted, false, "accepted-list") : <EmptyState>{t("training.enrolment.noneAccepted")}</EmptyState>}
      </Card>
      <Card title={t("training.enrolment.waiting", { n: formatNumber(locale, e.waiting.length) })}>
        {e.waiting.length ? table(e.waiting, true, "waiting-list") : <EmptyState>{t("training.enrolment.noneWaiting")}</EmptyState>}
      </Card>
    </>
  );
}

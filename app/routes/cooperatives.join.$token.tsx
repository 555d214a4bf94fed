import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, localDigits } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { confirmMembership, declineMembership, invitationPage } from "~/modules/cooperatives/confirm.server";
import { confirmSchema, declineSchema } from "~/modules/cooperatives/schema";
import { FormError, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { z } from "zod";

// A member's invitation (the link the applicant copied, or the in-app notification): log in or
// sign up, then confirm or decline. The account must carry the member's national ID (decision 0019).

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return invitationPage(actor, params.token ?? "");
}

const optionalNid = z.object({ nationalId: z.string().optional() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const token = params.token ?? "";
  const form = await readForm(request);
  const intent = form.get("intent") === "decline" ? "decline" : "confirm";
  const own = await invitationPage(actor, token); // 404 / 409 before the form is read
  const nid = own.accountHasId ? optionalNid : confirmSchema;
  if (intent === "decline") {
    return formAction(form, declineSchema.and(nid), async (v) => {
      await declineMembership(actor, token, v.reason, v.nationalId);
      return redirectWithFlash(`/cooperatives/join/${token}`, "coop.declined");
    }, { intent });
  }
  return formAction(form, nid, async (v) => {
    await confirmMembership(actor, token, v.nationalId);
    return redirectWithFlash(`/cooperatives/join/${token}`, "coop.confirmed");
  }, { intent });
}

function NationalIdField({ show, intent }: { show: boolean; intent: string }) {
  const t = useT();
  const f = useFormState(intent);
  if (!show) return null;
  return <TextField name="nationalId" label={t("coop.join.nationalId")} hint={t("coop.join.nationalIdHint")} required dir="ltr" inputMode="numeric" defaultValue={f.values.nationalId} error={f.errors.nationalId} />;
}

export default function JoinCooperative() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const confirm = useFormState("confirm");
  const decline = useFormState("decline");
  return (
    <div className="max-w-4xl">
      <PageTitle>{t("coop.join.title", { name: d.coop.name1 })}</PageTitle>
      <Card>
        <p className="mb-2">{t("coop.join.intro", { name: d.me.full_name, share: formatNumber(locale, d.me.share), role: t(`coop.role.${d.me.role}`) })}</p>
        <p className="mb-2">{t("coop.field.activity")}: {d.coop.activity ?? "—"}</p>
        <p className="mb-2">{t("coop.field.capital")}: {formatNumber(locale, d.coop.capital)}</p>
        <p data-testid="join-status" className="font-medium">{t(`coop.memberStatus.${d.me.status}`)}</p>
        {!d.accountMatches && d.accountHasId && <p className="mt-2 text-red-800" role="alert">{t("coop.error.notYourInvitation")}</p>}
      </Card>
      <Card title={t("coop.section.members")}>
        <TableRegion>
          <table className={tableClass}>
            <thead><tr><th scope="col">{t("coop.member.fullName")}</th><th scope="col">{t("coop.member.nationalId")}</th><th scope="col">{t("coop.member.role")}</th><th scope="col">{t("common.status")}</th></tr></thead>
            <tbody>{d.members.map((m) => (
              <tr key={m.id}><td>{m.full_name}</td><td><span dir="ltr">{localDigits(locale, m.nationalIdMasked)}</span></td><td>{t(`coop.role.${m.role}`)}</td><td>{t(`coop.memberStatus.${m.status}`)}</td></tr>
            ))}</tbody>
          </table>
        </TableRegion>
      </Card>
      {d.open && (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Card title={t("coop.join.confirm")}>
            <Form method="post">
              <FormError error={confirm.formError} />
              <input type="hidden" name="intent" value="confirm" />
              <NationalIdField show={!d.accountHasId} intent="confirm" />
              <SubmitButton>{t("coop.join.confirm")}</SubmitButton>
            </Form>
          </Card>
          <Card title={t("coop.join.decline")}>
            <Form method="post">
              <FormError error={decline.formError} />
              <input type="hidden" name="intent" value="decline" />
              <NationalIdField show={!d.accountHasId} intent="decline" />
              <TextArea name="reason" label={t("coop.join.reason")} required defaultValue={decline.values.reason} error={decline.errors.reason} rows={2} />
              <SubmitButton variant="danger">{t("coop.join.decline")}</SubmitButton>
            </Form>
          </Card>
        </div>
      )}
    </div>
  );
}

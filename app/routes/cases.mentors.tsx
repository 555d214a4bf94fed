import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { toAsciiDigits } from "~/i18n/normalise";
import { requireUser } from "~/modules/accounts/actor.server";
import { capacitySchema } from "~/modules/cases/schema";
import { assertCaseManager, caseFormChoices } from "~/modules/cases/service.server";
import { mentorCapacities, setCapacity } from "~/modules/cases/assignment.server";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

// Staff set each mentor's active-case limit (what the assignment page compares loads with).

function centreParam(url: URL) {
  const s = toAsciiDigits(url.searchParams.get("centre") ?? "");
  return /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const centreId = centreParam(new URL(request.url));
  const capacities = await mentorCapacities(actor, centreId);
  return { ...capacities, centres: (await caseFormChoices()).centres };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await assertCaseManager(actor); // 403 (and an audit row) before the form is read
  // The answer echoes mentorId: the row it belongs to shows it.
  return formAction(await readForm(request), capacitySchema, async (v) => {
    await setCapacity(actor, v);
    return redirectWithFlash(`/cases/mentors${new URL(request.url).search}#m${v.mentorId}`, "cases.capacity.saved");
  }, { visible: ["maxActive"] });
}

export default function MentorCapacity() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const answer = useFormState();
  const [params] = useSearchParams();
  const name = (x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);
  return (
    <div>
      <PageTitle>{t("cases.capacity.title")}</PageTitle>
      <p className="mb-4">{t("cases.capacity.intro", { n: formatNumber(locale, d.defaultCapacity) })}</p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <div className="min-w-64">
          <SelectField name="centre" label={t("cases.field.centre")} defaultValue={params.get("centre") ?? ""}
            options={[{ value: "", label: t("common.all") }, ...d.centres.map((c) => ({ value: String(c.id), label: name(c) }))]} />
        </div>
        <div className="mb-4"><SubmitButton variant="secondary">{t("common.filter")}</SubmitButton></div>
      </Form>
      <Card>
        {d.mentors.length === 0 ? <EmptyState>{t("cases.capacity.none")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="mentor-capacity">
              <thead>
                <tr>
                  <th scope="col">{t("cases.field.mentor")}</th>
                  <th scope="col">{t("cases.field.centre")}</th>
                  <th scope="col">{t("cases.capacity.active")}</th>
                  <th scope="col">{t("cases.capacity.limit")}</th>
                </tr>
              </thead>
              <tbody>
                {d.mentors.map((m) => {
                  const mine = answer.failed && answer.values.mentorId === String(m.id) ? answer : null;
                  const over = m.active >= m.max;
                  return (
                    <tr key={m.id} id={`m${m.id}`} className={over ? "bg-amber-50" : ""}>
                      <td>{m.name}</td>
                      <td>{m.centres.map((c) => (locale === "fa" ? c.fa : c.en)).join("، ") || "—"}</td>
                      <td>
                        {t("cases.assign.load", { n: formatNumber(locale, m.active), max: formatNumber(locale, m.max) })}
                        {over && <span className="ms-2 text-amber-900">{t("cases.assign.over")}</span>}
                      </td>
                      <td>
                        <Form method="post" noValidate className="flex flex-wrap items-end gap-2">
                          <input type="hidden" name="version" value={m.version} />
                          <div className="w-56">
                            <FormError error={mine?.errors._form} />
                            <TextField name="maxActive" label={t("cases.capacity.limitFor", { name: m.name })} inputMode="numeric" required
                              hint={m.custom ? undefined : t("cases.capacity.default")}
                              defaultValue={mine ? mine.values.maxActive : formatNumber(locale, m.max)} error={mine?.errors.maxActive ?? mine?.errors.mentorId ?? mine?.errors.version} />
                          </div>
                          <div className="mb-4"><SubmitButton name="mentorId" value={String(m.id)}>{t("common.save")}</SubmitButton></div>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Card>
      <p><Link to="/cases" className="underline">{t("cases.home.all")}</Link></p>
    </div>
  );
}

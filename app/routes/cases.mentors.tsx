import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { toAsciiDigits } from "~/i18n/normalise";
import { setFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { capacitySchema } from "~/modules/cases/schema";
import { assertCaseManager, caseFormChoices } from "~/modules/cases/service.server";
import { mentorCapacities, setCapacity } from "~/modules/cases/assignment.server";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { readForm } from "~/lib/form-action.server";

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

type Result = { mentorId: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await assertCaseManager(actor); // 403 (and an audit row) before the form is read
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const mentorId = values.mentorId ?? "";
  const parsed = parseForm(capacitySchema, form);
  if (!parsed.ok) return data<Result>({ mentorId, errors: parsed.errors, values }, { status: 400 });
  try {
    await setCapacity(actor, parsed.data);
  } catch (e) {
    if (isHttpError(e) && (e.data.fieldErrors || e.init?.status === 409)) {
      return data<Result>({ mentorId, errors: e.data.fieldErrors ?? { _form: e.data.messageKey }, values }, { status: e.init?.status ?? 400 });
    }
    throw e;
  }
  const back = new URL(request.url);
  return redirect(`/cases/mentors${back.search}#m${parsed.data.mentorId}`, { headers: { "Set-Cookie": await setFlash("cases.capacity.saved") } });
}

export default function MentorCapacity() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>() as Result | undefined;
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
                  const mine = r && r.mentorId === String(m.id) ? r : null;
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

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { partnershipList } from "~/modules/partnerships/partnerships.server";
import { PARTNERSHIP_STATUSES } from "~/modules/partnerships/workflow";
import { Badge, Day, Money, NextPage, nameOf } from "~/modules/partnerships/components/bits";
import { SelectField } from "~/ui/Field";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const sp = new URL(request.url).searchParams;
  const filters = { status: PARTNERSHIP_STATUSES.find((s) => s === sp.get("status")), after: parseId(sp.get("after")) ?? undefined };
  return { ...(await partnershipList(actor, filters)), filters };
}

export default function Partnerships() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div>
      <PageTitle actions={d.staff ? <a className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-3 py-2" href={`/partnerships.csv${d.filters.status ? `?status=${d.filters.status}` : ""}`}>{t("common.exportCsv")}</a> : undefined}>
        {t("partnerships.list.title")}
      </PageTitle>
      <Card>
        <Form method="get" className="flex flex-wrap items-end gap-4">
          <SelectField name="status" label={t("common.status")} defaultValue={d.filters.status} placeholder={t("common.all")} options={PARTNERSHIP_STATUSES.map((s) => ({ value: s, label: t(`partnerships.partnershipStatus.${s}`) }))} />
          <button type="submit" className="mb-4 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("common.filter")}</button>
        </Form>
      </Card>
      {d.rows.length === 0 ? <EmptyState>{t("common.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="partnerships">
            <thead><tr>
              <th scope="col">{t("partnerships.challenge.title")}</th><th scope="col">{t("partnerships.challenge.industry")}</th><th scope="col">{t("partnerships.matches.company")}</th>
              <th scope="col">{t("common.status")}</th><th scope="col">{t("partnerships.partnership.contractValue")}</th><th scope="col">{t("partnerships.partnership.endsOn")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link className="text-brand-700 underline" to={`/partnerships/${r.id}`}>{r.challenge_title}</Link></td>
                  <td>{nameOf(locale, { name_fa: r.industry_fa, name_en: r.industry_en })}</td>
                  <td>{nameOf(locale, { name_fa: r.company_fa, name_en: r.company_en })}</td>
                  <td><Badge kind="partnership" status={r.status} /></td>
                  <td><Money rials={r.contract_value} /></td>
                  <td><Day value={r.ends_on} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <NextPage next={d.next} search={search} />
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { browseAudit } from "~/modules/audit/browse.server";
import { normalise } from "~/i18n/normalise";
import { MAX_BIGINT_ID, parseId } from "~/lib/ids";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { FilterForm, NextPage, SearchFilter } from "~/ui/ListFilters";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const p = new URL(request.url).searchParams;
  return browseAudit(actor, {
    action: normalise(p.get("action")).slice(0, 100) || undefined,
    entity: normalise(p.get("entity")).slice(0, 100) || undefined,
    actorId: parseId(p.get("actor")) ?? undefined,
    before: parseId(p.get("before"), MAX_BIGINT_ID) ?? undefined,
  });
}

export default function Audit() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("admin.audit.title")}</PageTitle>
      <FilterForm label={t("admin.audit.search")}>
        <SearchFilter name="action" label={t("admin.audit.action")} dir="ltr" />
        <SearchFilter name="entity" label={t("admin.audit.entity")} dir="ltr" />
      </FilterForm>
      {d.rows.length === 0 ? (
        <EmptyState>{t("common.empty")}</EmptyState>
      ) : (
        <TableRegion>
          <table className={tableClass}>
            <thead>
              <tr>
                <th>{t("admin.audit.at")}</th>
                <th>{t("admin.audit.actor")}</th>
                <th>{t("admin.audit.action")}</th>
                <th>{t("admin.audit.entity")}</th>
                <th>{t("admin.audit.request")}</th>
                <th>{t("admin.audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(locale, r.at)}</td>
                  <td>{r.actor_name ?? "—"}</td>
                  <td dir="ltr">{r.action}</td>
                  <td dir="ltr">{r.entity}{r.entity_id ? ` #${r.entity_id}` : ""}</td>
                  <td className="font-mono text-xs" dir="ltr">{r.request_id?.slice(0, 8)}</td>
                  <td className="font-mono text-xs" dir="ltr">{r.details ? JSON.stringify(r.details) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <NextPage after={d.next} cursor="before" label={t("admin.audit.older")} />
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { listUsers } from "~/modules/accounts/service.server";
import { parseId } from "~/lib/ids";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return listUsers(actor, { q: url.searchParams.get("q") ?? undefined, after: parseId(url.searchParams.get("after")) ?? undefined });
}

export default function Users() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div>
      <PageTitle actions={<Link to="/admin/users/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("admin.users.new")}</Link>}>
        {t("admin.users.title")}
      </PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="flex flex-col">
          <span className="mb-1">{t("admin.users.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className="rounded-md border border-slate-400 px-3 py-2" />
        </label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.search")}</button>
      </Form>
      {d.users.length === 0 ? (
        <EmptyState>{t("common.empty")}</EmptyState>
      ) : (
        <TableRegion>
        <table className={tableClass}>
          <thead>
            <tr>
              <th>{t("common.name")}</th>
              <th>{t("admin.users.email")}</th>
              <th>{t("admin.users.roles")}</th>
              <th>{t("common.status")}</th>
              <th>{t("admin.users.created")}</th>
            </tr>
          </thead>
          <tbody>
            {d.users.map((u) => (
              <tr key={u.id}>
                <td><Link to={`/admin/users/${u.id}`}>{u.full_name}</Link></td>
                <td dir="ltr">{u.email}</td>
                <td>{u.roles.map((r) => t(`role.${r}`)).join("، ")}</td>
                <td>{u.disabled_at ? t("admin.users.disabled") : t("common.active")}</td>
                <td>{formatDate(locale, u.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      {d.next && (
        <Link className="mt-4 inline-block" to={`?${new URLSearchParams({ ...(params.get("q") ? { q: params.get("q")! } : {}), after: String(d.next) })}`}>
          {t("common.next")}
        </Link>
      )}
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { listOutbox, OUTBOX_STATUSES, retryMail } from "~/modules/email/outbox.server";
import { readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { MAX_BIGINT_ID, parseId } from "~/lib/ids";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const p = new URL(request.url).searchParams;
  return listOutbox(actor, { status: p.get("status") ?? undefined, after: parseId(p.get("after"), MAX_BIGINT_ID) ?? undefined });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const form = await readForm(request);
  await retryMail(actor, idOrNotFound(form.get("id"), MAX_BIGINT_ID));
  return redirectWithFlash("/admin/outbox?status=pending", "outbox.retried");
}

export default function Outbox() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const status = params.get("status") ?? "";
  const more = new URLSearchParams(params);
  if (d.next) more.set("after", String(d.next));
  return (
    <div>
      <PageTitle>{t("outbox.title")}</PageTitle>
      {!d.enabled && <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3">{t("outbox.off")}</p>}
      <nav aria-label={t("outbox.status")} className="mb-4 flex flex-wrap gap-3">
        <Link to="/admin/outbox" aria-current={status === "" ? "page" : undefined}>{t("outbox.status.all")}</Link>
        {OUTBOX_STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {t(`outbox.status.${s}`)} ({formatNumber(locale, d.counts[s] ?? 0)})
          </Link>
        ))}
      </nav>
      {d.rows.length === 0 ? (
        <EmptyState>{t("outbox.empty")}</EmptyState>
      ) : (
        <TableRegion>
          <table className={tableClass}>
            <thead>
              <tr>
                <th>{t("outbox.created")}</th>
                <th>{t("outbox.to")}</th>
                <th>{t("outbox.kind")}</th>
                <th>{t("outbox.subject")}</th>
                <th>{t("outbox.status")}</th>
                <th>{t("outbox.attempts")}</th>
                <th>{t("outbox.error")}</th>
                <th><span className="sr-only">{t("outbox.retry")}</span></th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(locale, r.created_at)}</td>
                  <td dir="ltr">{r.to_address}</td>
                  <td dir="ltr">{r.kind}</td>
                  <td>{r.subject}</td>
                  <td>{t(`outbox.status.${r.status}`)}</td>
                  <td>{formatNumber(locale, r.attempts)}</td>
                  <td dir="ltr" className="text-xs">{r.last_error ?? ""}</td>
                  <td>
                    {r.status === "dead" && (
                      <Form method="post">
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit" className="rounded border border-slate-400 bg-white px-2 py-1">{t("outbox.retry")}</button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <Link className="mt-4 inline-block" to={`?${more}`}>{t("outbox.more")}</Link>}
    </div>
  );
}

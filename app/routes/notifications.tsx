import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { listNotifications, markRead } from "~/modules/notifications/service.server";
import { readForm, redirectWithFlash } from "~/lib/form-action.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { MAX_BIGINT_ID, parseId } from "~/lib/ids";
import { SubmitButton } from "~/ui/SubmitButton";
import { EmptyState, PageTitle } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const after = parseId(new URL(request.url).searchParams.get("after"), MAX_BIGINT_ID) ?? undefined;
  return listNotifications(actor, after);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const form = await readForm(request);
  // No id: mark all read. An id that is not one (garbage, out of range) matches nothing (-1).
  const raw = form.get("id");
  const id = raw == null || raw === "" ? undefined : parseId(raw, MAX_BIGINT_ID) ?? -1;
  // The link is the notification's own (written by the portal), never one the form carries.
  const link = await markRead(actor, id);
  if (link) return redirect(safeRedirect(link, "/notifications"));
  return redirectWithFlash("/notifications", "flash.notificationsRead");
}

export default function Notifications() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle
        actions={
          d.items.some((n) => !n.read_at) ? (
            <Form method="post"><SubmitButton variant="secondary">{t("notifications.markAll")}</SubmitButton></Form>
          ) : null
        }
      >
        {t("notifications.title")}
      </PageTitle>
      {d.items.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        <ul className="space-y-2">
          {d.items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-center justify-between gap-2 rounded-md border p-3 ${n.read_at ? "border-slate-200 bg-white" : "border-amber-300 bg-amber-50"}`}>
              <div>
                {!n.read_at && <span className="me-2 text-sm font-bold text-amber-900">{t("notifications.unread")}</span>}
                <span>{t(n.message_key, translateParams(t, n.params as Record<string, string>))}</span>
                <div className="text-sm text-slate-600">{formatDateTime(locale, n.created_at)}</div>
              </div>
              {!n.read_at && (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <SubmitButton variant="secondary" name="id" value={String(n.id)}>{n.link ? t("notifications.open") : t("notifications.markOne")}</SubmitButton>
                </Form>
              )}
              {n.read_at && n.link && <Link to={n.link}>{t("notifications.open")}</Link>}
            </li>
          ))}
        </ul>
      )}
      {d.next && <Link to={`?after=${d.next}`} className="mt-4 inline-block">{t("common.next")}</Link>}
    </div>
  );
}

/** Params whose value is itself a message key (like a role) are translated too. */
function translateParams(t: ReturnType<typeof useT>, params: Record<string, string>) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = k === "role" ? t(`role.${v}`) : v;
  return out;
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type HeadersFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { NOTIFICATION_KINDS, unsubscribe, unsubscribeTarget, type NotificationKind } from "~/modules/email/prefs.server";
import { readForm } from "~/lib/form-action.server";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

const kindParam = (request: Request): NotificationKind | null => {
  const k = new URL(request.url).searchParams.get("kind");
  return k && (NOTIFICATION_KINDS as readonly string[]).includes(k) ? (k as NotificationKind) : null;
};

// GET shows a button (no GET writes); mail clients' one-click unsubscribe (RFC 8058) POSTs
// "List-Unsubscribe=One-Click" to the same URL, and so does the button.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await unsubscribeTarget(params.token ?? "");
  return { email: user.email, kind: kindParam(request) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await readForm(request);
  await unsubscribe(await getActor(request, context), params.token ?? "", kindParam(request));
  return data({ done: true });
}

export default function Unsubscribe() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("unsubscribe.title")}</PageTitle>
      <Card>
        {done ? (
          <p role="status">{t("unsubscribe.done")}</p>
        ) : (
          <Form method="post">
            <p className="mb-4">{d.kind ? t("unsubscribe.lead", { kind: t(`prefs.kind.${d.kind}`), email: d.email }) : t("unsubscribe.leadAll", { email: d.email })}</p>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <SubmitButton>{t("unsubscribe.submit")}</SubmitButton>
          </Form>
        )}
      </Card>
    </div>
  );
}

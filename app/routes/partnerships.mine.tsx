import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { myUnits } from "~/modules/partnerships/profiles.server";
import { nameOf } from "~/modules/partnerships/components/bits";
import { Card, EmptyState, PageTitle } from "~/ui/Page";

// "My company" / "My industry": straight to the profile of the unit the representative holds their
// role in; a list when they hold several; a plain note when none.
const pathOf = (u: { id: number; kind: string }) => `/partnerships/${u.kind === "company" ? "companies" : "industries"}/${u.id}`;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const units = await myUnits(actor);
  if (units.length === 1) throw redirect(units[0].has_profile ? pathOf(units[0]) : `${pathOf(units[0])}/edit`);
  return { units };
}

export default function MyUnits() {
  const t = useT();
  const locale = useLocale();
  const { units } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("partnerships.mine.title")}</PageTitle>
      <Card>
        {units.length === 0 ? <EmptyState>{t("partnerships.mine.none")}</EmptyState> : (
          <ul className="list-disc ps-6">
            {units.map((u) => (
              <li key={u.id}><Link className="text-brand-700 underline" to={pathOf(u)}>{nameOf(locale, u)}</Link> · {t(`orgKind.${u.kind}`)}</li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

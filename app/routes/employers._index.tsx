import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, localDigits } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { listEmployerUnits } from "~/modules/seekers/employers.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Staff: the employer units, each tied to its ledger enterprise (issue 15, decision 0054).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return listEmployerUnits(actor, parseId(new URL(request.url).searchParams.get("after")));
}

const linkClass = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800";

export default function Employers() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<Link className={linkClass} to="/employers/new">{t("seekers.employers.new")}</Link>}>{t("seekers.employers.title")}</PageTitle>
      {d.rows.length === 0 ? <EmptyState>{t("seekers.employers.none")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="employers">
            <thead><tr>
              <th scope="col">{t("seekers.vacancy.employer")}</th>
              <th scope="col">{t("employment.enterprise.registrationNo")}</th>
              <th scope="col">{t("employment.enterprise.nationalId")}</th>
              <th scope="col">{t("seekers.employers.open")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.enterprise_id ? <Link to={`/employment/enterprises/${r.enterprise_id}`}>{locale === "fa" ? r.name_fa : r.name_en || r.name_fa}</Link> : locale === "fa" ? r.name_fa : r.name_en || r.name_fa}</td>
                  <td dir="ltr">{r.registration_no ? localDigits(locale, r.registration_no) : "—"}</td>
                  <td dir="ltr">{r.national_id ? localDigits(locale, r.national_id) : "—"}</td>
                  <td>{formatNumber(locale, r.open)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <p className="mt-4"><Link to={`/employers?after=${d.next}`}>{t("common.next")}</Link></p>}
    </div>
  );
}

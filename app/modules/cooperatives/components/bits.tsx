import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { Card } from "~/ui/Page";

const TONE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800", members_confirming: "bg-amber-100 text-amber-900", submitted: "bg-sky-100 text-sky-900",
  under_review: "bg-sky-100 text-sky-900", needs_revision: "bg-amber-100 text-amber-900", approved: "bg-green-100 text-green-900",
  active: "bg-green-100 text-green-900", dormant: "bg-slate-200 text-slate-800", dissolved: "bg-slate-200 text-slate-800", rejected: "bg-red-100 text-red-900",
};

export function CoopStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span data-testid="coop-status" className={`badge ${TONE[status] ?? ""}`}>{t(`coop.status.${status}`)}</span>;
}

/** The home widget: staff see the queue's size and oldest age; applicants and members their applications. */
export function CoopHome({ data }: { data: { staff: boolean; waiting: number; oldestDays: number | null; mine: { id: number; name1: string; status: string }[] } | null }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("coop.home.title")}>
      {data.staff ? (
        <p>
          {t("coop.home.waiting", { n: formatNumber(locale, data.waiting), days: formatNumber(locale, data.oldestDays ?? 0) })}{" "}
          <Link className="underline" to="/cooperatives?status=submitted">{t("coop.home.queue")}</Link>
        </p>
      ) : (
        <ul className="list-disc ps-6">
          {data.mine.map((c) => <li key={c.id}><Link className="underline" to={`/cooperatives/${c.id}`}>{c.name1}</Link> · {t(`coop.status.${c.status}`)}</li>)}
        </ul>
      )}
    </Card>
  );
}

import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { Card } from "~/ui/Page";
import type { MicroHomeData } from "../registry.server";

/** The link to an existing registration of the same owner and activity (a refused second registration). */
export function DuplicateLink({ id }: { id?: string }) {
  const t = useT();
  if (!id || !/^\d+$/.test(id)) return null;
  return (
    <p className="mb-4" data-testid="duplicate-link">
      <Link to={`/micro-businesses/${id}`} className="font-medium text-brand-700 underline">{t("micro.duplicate.open")}</Link>
    </p>
  );
}

const PERMIT_STYLE: Record<string, string> = {
  none: "bg-slate-100 text-slate-800",
  applied: "bg-amber-100 text-amber-900",
  issued: "bg-green-100 text-green-900",
  expired: "bg-red-100 text-red-900",
};

export function PermitBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`rounded px-2 py-0.5 text-sm ${PERMIT_STYLE[status] ?? ""}`} data-testid="permit-status">{t(`micro.permit.${status}`)}</span>;
}

/** Home widget: permits expiring within 30 days (staff: all, with businesses not updated this year; owners: their own). */
export function MicroHome({ data }: { data: MicroHomeData }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("micro.home.title")}>
      <ul className="space-y-2" data-testid="micro-home">
        {data.staff && (
          <>
            <li><Link to="/micro-businesses?permit=issued">{t("micro.home.expiring", { n: formatNumber(locale, data.expiringCount) })}</Link></li>
            <li><Link to="/micro-businesses">{t("micro.home.withoutUpdate", { n: formatNumber(locale, data.withoutUpdate), year: formatNumber(locale, data.year).replace(/[,٬]/g, "") })}</Link></li>
          </>
        )}
        {data.expiring.map((b) => (
          <li key={b.id}>
            <Link to={`/micro-businesses/${b.id}`}>{b.name}</Link>
            <span className="ms-2 text-slate-700">{t("micro.home.expiresOn", { date: formatDate(locale, b.permit_expires_on) })}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";

/** Home page links with counts: my ideas, my pending reviews, the staff queue. */
export function IdeasHome({ data }: { data: { mine?: number; pendingReviews?: number; waiting?: number } }) {
  const t = useT();
  const locale = useLocale();
  const items = [
    data.mine != null && { to: "/ideas", label: t("home.ideas.mine", { n: formatNumber(locale, data.mine) }) },
    data.pendingReviews != null && { to: "/reviews", label: t("home.ideas.pendingReviews", { n: formatNumber(locale, data.pendingReviews) }) },
    data.waiting != null && { to: "/staff/ideas?status=submitted", label: t("home.ideas.queue", { n: formatNumber(locale, data.waiting) }) },
  ].filter(Boolean) as { to: string; label: string }[];
  if (!items.length) return null;
  return (
    <ul className="mb-6 flex flex-wrap gap-3">
      {items.map((i) => (
        <li key={i.to}>
          <Link to={i.to} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2">{i.label}</Link>
        </li>
      ))}
    </ul>
  );
}

import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { Card } from "~/ui/Page";
import type { ClusterHomeData } from "../lists.server";

const TONE: Record<string, string> = {
  identification: "bg-slate-100 text-slate-800", diagnosis: "bg-sky-100 text-sky-900", trust_building: "bg-amber-100 text-amber-900",
  joint_action: "bg-green-100 text-green-900", self_management: "bg-green-200 text-green-900",
  planned: "bg-slate-100 text-slate-800", running: "bg-sky-100 text-sky-900", completed: "bg-green-100 text-green-900", cancelled: "bg-slate-200 text-slate-800",
};

export function StageBadge({ stage }: { stage: string }) {
  const t = useT();
  return <span data-testid="cluster-stage" className={`badge ${TONE[stage] ?? ""}`}>{t(`cluster.stage.${stage}`)}</span>;
}

export function ProjectStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span data-testid="project-status" className={`badge ${TONE[status] ?? ""}`}>{t(`cluster.projectStatus.${status}`)}</span>;
}

/** The cluster agent's home: their clusters (stage, firms, next joint-project date) and the next project dates. */
export function ClusterHome({ data }: { data: ClusterHomeData }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("cluster.home.title")}>
      {data.clusters.length === 0 ? (
        <p>{t("cluster.home.none")} <Link className="underline" to="/clusters/new">{t("cluster.new")}</Link></p>
      ) : (
        <ul className="list-disc ps-6" data-testid="cluster-home">
          {data.clusters.map((c) => (
            <li key={c.id}>
              <Link className="underline" to={`/clusters/${c.id}`}>{c.name}</Link> · {t(`cluster.stage.${c.stage}`)} · {t("cluster.home.firms", { n: formatNumber(locale, c.firms_count) })}
              {c.next_date && <> · {t("cluster.home.nextDate", { date: formatDate(locale, c.next_date) })}</>}
            </li>
          ))}
        </ul>
      )}
      {data.next.length > 0 && (
        <>
          <h3 className="mt-3 font-medium">{t("cluster.home.nextProjects")}</h3>
          <ul className="list-disc ps-6">
            {data.next.map((p) => (
              <li key={p.id}>
                <Link className="underline" to={`/clusters/${p.cluster_id}/projects/${p.id}`}>{p.title}</Link> ({p.cluster}) · {t(`cluster.projectStatus.${p.status}`)} ·{" "}
                {p.status === "planned" ? t("cluster.home.starts", { date: formatDate(locale, p.starts_on) }) : p.ends_on ? t("cluster.home.ends", { date: formatDate(locale, p.ends_on) }) : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

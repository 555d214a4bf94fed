import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { publicChairs } from "~/modules/chairs/service.server";
import { Card, EmptyState, PageTitle } from "~/ui/Page";


// Public (no login): active chairs by university, holders (name and rank only, no contact data)
// and upcoming activities.
export async function loader({ request }: LoaderFunctionArgs) {
  const all = await publicChairs();
  // A page holds DIRECTORY_PAGE chairs (whole universities stay in order, split across pages if long).
  const total = all.reduce((n, u) => n + u.chairs.length, 0);
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE));
  const page = Math.min(pages, Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1));
  const from = (page - 1) * DIRECTORY_PAGE;
  const universities: typeof all = [];
  let seen = 0;
  for (const u of all) {
    const chairs = u.chairs.slice(Math.max(0, from - seen), Math.max(0, from + DIRECTORY_PAGE - seen));
    seen += u.chairs.length;
    if (chairs.length) universities.push({ ...u, chairs });
  }
  return { universities, page, pages };
}

const DIRECTORY_PAGE = 40;

export default function PublicChairs() {
  const t = useT();
  const locale = useLocale();
  const { universities, page, pages } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("chairs.public.title")}</PageTitle>
      <p className="mb-6 text-slate-700">{t("chairs.public.intro")}</p>
      {universities.length === 0 && <EmptyState>{t("chairs.public.empty")}</EmptyState>}
      {universities.map((u) => (
        <Card key={u.id} title={locale === "fa" ? u.name_fa : u.name_en}>
          <ul className="directory">
            {u.chairs.map((c) => (
              <li key={c.id}>
                <h3>{c.title}</h3>
                <p>
                  {c.field} · {t("chairs.field.holder")}: {c.holder_name} ({t(`chairs.rank.${c.holder_rank}`)})
                </p>
                <h4>{t("chairs.public.upcoming")}</h4>
                {c.upcoming.length === 0 ? (
                  <p>{t("chairs.public.noUpcoming")}</p>
                ) : (
                  <ul>
                    {c.upcoming.map((a) => (
                      <li key={a.id}>
                        {formatDate(locale, String(a.held_on))} — {t(`chairs.kind.${a.kind}`)}: {a.title} ({formatNumber(locale, Number(a.hours), 1)} {t("chairs.m.hours")})
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ))}
      {pages > 1 && (
        <nav aria-label={t("chairs.public.title")} className="flex flex-wrap items-center gap-4">
          {page > 1 && <Link to={`?page=${page - 1}`}>{t("common.previous")}</Link>}
          <span>{t("common.pageOf", { page: formatNumber(locale, page), pages: formatNumber(locale, pages) })}</span>
          {page < pages && <Link to={`?page=${page + 1}`}>{t("common.next")}</Link>}
        </nav>
      )}
    </div>
  );
}

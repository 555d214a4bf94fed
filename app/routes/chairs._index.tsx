import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { publicChairs } from "~/modules/chairs/service.server";
import { Card, EmptyState, PageTitle } from "~/ui/Page";

export const meta: MetaFunction = () => [{ title: "کرسی‌های کارآفرینی" }];

// Public (no login): active chairs by university, holders (name and rank only, no contact data)
// and upcoming activities.
export async function loader() {
  return { universities: await publicChairs() };
}

export default function PublicChairs() {
  const t = useT();
  const locale = useLocale();
  const { universities } = useLoaderData<typeof loader>();
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
    </div>
  );
}

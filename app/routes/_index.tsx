import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent, localDigits } from "~/i18n/format";
import { provinceAtAGlance, type Glance } from "~/modules/landing/glance.server";

// The landing page: what the portal is for, and the province's progress at a glance (public aggregates,
// cached a minute in the landing module).
export async function loader() {
  return { glance: await provinceAtAGlance() };
}

export default function Landing() {
  const t = useT();
  const { glance } = useLoaderData<typeof loader>();
  const audiences = ["entrepreneurs", "mentors", "universities", "companies", "agencies"] as const;
  return (
    <div>
      <section className="mb-8 rounded-xl bg-white p-6 shadow-sm sm:p-8">
        <h1 className="mb-3 text-3xl font-bold text-brand-800">{t("landing.title")}</h1>
        <p className="mb-4 max-w-3xl text-lg leading-8">{t("landing.lead")}</p>
        <p className="mb-6 font-medium text-slate-800">{t("landing.target")}</p>
        <div className="flex flex-wrap gap-3">
          <Link to="/signup" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">{t("landing.cta.signup")}</Link>
          <Link to="/login" className="inline-flex min-h-11 items-center rounded-md border border-brand-700 px-5 py-2 font-medium text-brand-800">{t("landing.cta.login")}</Link>
        </div>
      </section>
      <AtAGlance g={glance} />
      <ul className="grid gap-4 md:grid-cols-2">
        {audiences.map((a) => (
          <li key={a} className="rounded-lg border border-slate-200 bg-white p-4">{t(`landing.for.${a}`)}</li>
        ))}
      </ul>
    </div>
  );
}

function AtAGlance({ g }: { g: Glance }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const year = localDigits(locale, g.year);
  const pct = g.jobs.progress == null ? null : Math.min(1, g.jobs.progress);
  const tiles = [
    { id: "open-calls", value: g.openCalls, label: t("landing.glance.openCalls"), to: "/calls" },
    { id: "ideas", value: g.ideasThisYear, label: t("landing.glance.ideas", { year }), to: "/calls" },
    { id: "active-cases", value: g.activeCases, label: t("landing.glance.activeCases"), to: null },
    { id: "emergencies", value: g.emergenciesHandled, label: t("landing.glance.emergencies"), to: null },
    { id: "chairs", value: g.activeChairs, label: t("landing.glance.chairs", { n: n(g.universities) }), to: "/chairs" },
  ];
  return (
    <section aria-labelledby="glance-title" className="mb-8" data-testid="glance">
      <h2 id="glance-title" className="mb-4 text-2xl font-bold text-brand-800">{t("landing.glance.title")}</h2>
      <div className="mb-4 rounded-xl bg-white p-6 shadow-sm" data-testid="glance-jobs">
        <p className="text-slate-700">{t("landing.glance.jobs", { year: localDigits(locale, g.jobs.year) })}</p>
        <p className="text-4xl font-bold text-brand-800" data-testid="glance-verified">{n(g.jobs.verified)}</p>
        <p className="mb-3 text-slate-700">
          {g.jobs.target == null ? t("landing.glance.noTarget") : t("landing.glance.ofTarget", { target: n(g.jobs.target), percent: formatPercent(locale, g.jobs.progress ?? 0) })}
        </p>
        {pct != null && (
          <div role="progressbar" aria-label={t("landing.glance.progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct * 100)}
            aria-valuetext={formatPercent(locale, g.jobs.progress ?? 0)} className="mb-3 h-4 overflow-hidden rounded-full bg-slate-200">
            <div className="h-full rounded-full bg-brand-700" style={{ inlineSize: `${pct * 100}%` }} />
          </div>
        )}
        {g.jobs.target != null && g.jobs.year === g.year && <p data-testid="glance-projection">{t("landing.glance.projection", { n: n(g.jobs.projection) })}</p>}
        <p className="mt-3"><Link to={`/employment?year=${g.jobs.year}`} className="font-medium">{t("landing.link.employment")}</Link></p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {tiles.map((x) => (
          <li key={x.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`glance-${x.id}`}>
            <span className="block text-3xl font-bold text-brand-800">{n(x.value)}</span>
            {x.to ? <Link to={x.to}>{x.label}</Link> : <span>{x.label}</span>}
          </li>
        ))}
      </ul>
      <nav aria-label={t("landing.glance.links")} className="mt-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {([["/employment", "landing.link.employment"], ["/calls", "landing.link.calls"], ["/chairs", "landing.link.chairs"], ["/micro-businesses/summary", "landing.link.micro"], ["/partnerships/showcase", "landing.link.showcase"]] as const).map(([to, key]) => (
            <li key={to}><Link to={to} className="inline-flex min-h-11 items-center">{t(key)}</Link></li>
          ))}
        </ul>
      </nav>
    </section>
  );
}

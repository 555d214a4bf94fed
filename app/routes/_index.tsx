import { Link } from "@remix-run/react";
import { useT } from "~/i18n";


export default function Landing() {
  const t = useT();
  const audiences = ["entrepreneurs", "mentors", "universities", "companies", "agencies"] as const;
  return (
    <div>
      <section className="mb-8 rounded-xl bg-white p-8 shadow-sm">
        <h1 className="mb-3 text-3xl font-bold text-brand-800">{t("landing.title")}</h1>
        <p className="mb-4 max-w-3xl text-lg leading-8">{t("landing.lead")}</p>
        <p className="mb-6 font-medium text-slate-800">{t("landing.target")}</p>
        <div className="flex flex-wrap gap-3">
          <Link to="/signup" className="rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">{t("landing.cta.signup")}</Link>
          <Link to="/login" className="rounded-md border border-brand-700 px-5 py-2 font-medium text-brand-800">{t("landing.cta.login")}</Link>
        </div>
      </section>
      <ul className="grid gap-4 md:grid-cols-2">
        {audiences.map((a) => (
          <li key={a} className="rounded-lg border border-slate-200 bg-white p-4">{t(`landing.for.${a}`)}</li>
        ))}
      </ul>
    </div>
  );
}

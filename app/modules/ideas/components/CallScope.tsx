import { useLocale, useT } from "~/i18n";

type Named = { code: string; name_fa: string; name_en: string };

/** The sectors and counties a call is limited to, by name in the user's language ("all" when none are listed). */
export function CallScope({ sectors, counties, className = "mb-2" }: { sectors: Named[]; counties: Named[]; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const names = (list: Named[]) => list.map((x) => (locale === "fa" ? x.name_fa : x.name_en)).join(locale === "fa" ? "، " : ", ");
  return (
    <div className={className} data-testid="call-scope">
      <p><strong>{t("calls.sectors")}:</strong> <span data-testid="call-sectors">{sectors.length ? names(sectors) : t("calls.allSectors")}</span></p>
      <p><strong>{t("calls.counties")}:</strong> <span data-testid="call-counties">{counties.length ? names(counties) : t("calls.allCounties")}</span></p>
    </div>
  );
}

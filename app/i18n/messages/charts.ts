// Charts (issue 17, item 4): legends and labels of the employment charts.
export const fa = {
  "employment.chart.target": "هدف: {n}",
  "employment.chart.targetLegend": "هدف سال",
  "employment.chart.verified": "شغل‌های تأییدشده (تجمعی)",
  "employment.chart.projection": "پیش‌بینی با روند کنونی",
  "employment.chartLineAltFull": "نمودار روند ماهانه شغل‌های تأییدشده (تجمعی): {summary}. {extra}",
  "employment.chartLineTarget": "هدف سال {target} شغل",
  "employment.chartLineProjection": "پیش‌بینی پایان سال با روند کنونی {projection} شغل",
  "common.print": "چاپ",
} as const;

export const en: Record<keyof typeof fa, string> = {
  "employment.chart.target": "Target: {n}",
  "employment.chart.targetLegend": "Year's target",
  "employment.chart.verified": "Verified jobs (cumulative)",
  "employment.chart.projection": "Projection at the current pace",
  "employment.chartLineAltFull": "Monthly trend of verified jobs (cumulative): {summary}. {extra}",
  "employment.chartLineTarget": "The year's target is {target} jobs",
  "employment.chartLineProjection": "projected by year end at the current pace: {projection} jobs",
  "common.print": "Print",
};

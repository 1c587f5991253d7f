/** Chart.js configurations shared by the sections: plain data, serialised into the page. */
import type { ChartConfiguration } from "chart.js";

/** Colour-blind-safe (Okabe–Ito) colours, in the order series get them. */
export const PALETTE = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  red: "#D55E00",
  purple: "#CC79A7",
  sky: "#56B4E9",
  yellow: "#F0E442",
  grey: "#999999",
} as const;

export interface Series {
  label: string;
  data: number[];
  color: string;
}

// Reports are read, printed and screenshotted, not watched: no animation, so what is drawn
// is final at once.
const common = { animation: false, responsive: true, maintainAspectRatio: false } as const;

/** Counts per day: bars, since a day is a bucket, not a point on a trend line. */
export function perDayChart(days: readonly string[], series: readonly Series[]): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: [...days],
      datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })),
    },
    options: {
      ...common,
      plugins: { legend: { display: series.length > 1 } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
}

/**
 * Counts per name (rule, FAQ, promo), horizontal so long ids stay readable; several series
 * stack (sent / failed / uncertain of one promo add up to its deliveries).
 */
export function perNameChart(labels: readonly string[], series: readonly Series[]): ChartConfiguration {
  const stacked = series.length > 1;
  return {
    type: "bar",
    data: {
      labels: [...labels],
      datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })),
    },
    options: {
      ...common,
      indexAxis: "y",
      plugins: { legend: { display: stacked } },
      scales: {
        x: { stacked, beginAtZero: true, ticks: { precision: 0 } },
        y: { stacked },
      },
    },
  };
}

/** Sums `count` per name and orders names by count, most first (ties by name). */
export function rankByCount<T>(
  rows: readonly T[],
  name: (r: T) => string,
  count: (r: T) => number,
): { name: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(name(r), (totals.get(name(r)) ?? 0) + count(r));
  return [...totals]
    .map(([n, c]) => ({ name: n, count: c }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Height in pixels for a horizontal bar chart of `n` names: every bar keeps room for its label. */
export function heightFor(n: number): number {
  return Math.max(160, 60 + n * 28);
}

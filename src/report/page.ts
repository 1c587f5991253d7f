/** The report as one HTML file: styles, Chart.js and the chart data all inline, nothing fetched. */
import type { ChartConfiguration } from "chart.js";
import { formatLocalTime } from "../words/local-time.js";
import { escapeHtml, jsonForScript } from "./escape.js";
import { PLAIN_LABELS, type ReportLabels } from "./labels.js";
import { NO_CATEGORY, type Scope } from "./scope.js";
import type { Figure, ReportSection, SectionView } from "./section.js";
import type { ReportWindow } from "./window.js";

export interface ScopeContent {
  scope: Scope;
  sections: { section: ReportSection; view: SectionView }[];
}

export interface PageInput {
  window: ReportWindow;
  /** When the report was made (epoch ms). */
  generatedAt: number;
  scopes: ScopeContent[];
  chartJs: string;
  /** The reader's words and names. @defaultValue PLAIN_LABELS */
  labels?: ReportLabels;
}

const DEFAULT_CHART_HEIGHT = 260;
/** Characters of a category-axis label before it is cut with an ellipsis. */
const MAX_AXIS_LABEL = 24;
/** How far outside the window (above and below) a chart is still drawn, so scrolling finds it ready. */
const NEAR_SCREEN_PX = 800;

export function renderPage(input: PageInput): string {
  const { window: w } = input;
  const labels = input.labels ?? PLAIN_LABELS;
  const words = labels.words;
  // Canvas ids are numbered here, never derived from database strings.
  const charts: Record<string, ChartConfiguration> = {};
  let next = 0;
  const body = input.scopes
    .map((content) =>
      renderScope(content, labels, (config) => {
        const id = `c${++next}`;
        charts[id] = config;
        return id;
      }),
    )
    .join("\n");
  // In the window's zone, the one the page's days are counted in.
  const generated = formatLocalTime(input.generatedAt, w.timeZone, labels.locale, { year: true });
  return `<!doctype html>
<html lang="${escapeHtml(labels.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(words.title)} ${escapeHtml(w.from)} – ${escapeHtml(w.until)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(words.title)}</h1>
<p class="period">${escapeHtml(words.period(w.from, w.until, w.days.length, w.timeZone, generated))}</p>
${renderNav(input.scopes.map((c) => c.scope))}
</header>
<main>
${body}
</main>
<script>${input.chartJs}</script>
<script type="application/json" id="report-data">${jsonForScript({ charts })}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}

function renderNav(scopes: Scope[]): string {
  const items: string[] = [];
  let open = false;
  for (const s of scopes) {
    const link = `<a href="#${s.id}">${escapeHtml(s.title)}</a>`;
    if (s.kind === "group") {
      items.push(`<li>${link}</li>`);
      continue;
    }
    if (open) items.push("</ul></li>");
    items.push(`<li>${link}<ul>`);
    open = true;
  }
  if (open) items.push("</ul></li>");
  return `<nav><ul>${items.join("")}</ul></nav>`;
}

function renderScope(
  { scope, sections }: ScopeContent,
  labels: ReportLabels,
  chartId: (c: ChartConfiguration) => string,
): string {
  const words = labels.words;
  const attrs = [`id="${scope.id}"`, `class="scope scope-${scope.kind}"`, `data-scope="${scope.kind}"`];
  if (scope.category !== undefined) attrs.push(`data-category="${escapeHtml(scope.category)}"`);
  if (scope.chat) attrs.push(`data-chat="${escapeHtml(`${scope.chat.platform}:${scope.chat.chatId}`)}"`);
  const heading =
    scope.kind === "overview"
      ? escapeHtml(scope.title)
      : `<span class="kind">${escapeHtml(scope.kind === "category" ? words.categoryKind : words.groupKind)}</span> ${escapeHtml(scope.title)}`;
  const category =
    scope.category === undefined
      ? ""
      : scope.category === NO_CATEGORY
        ? words.noCategory
        : labels.category(scope.category);
  const sub = scope.chat
    ? `<p class="sub">${escapeHtml(labels.platform(scope.chat.platform))} · ${escapeHtml(scope.chat.chatId)} · ${escapeHtml(category)}</p>`
    : `<p class="sub">${escapeHtml(words.groupCount(scope.chats.size))}</p>`;
  const figures = sections.flatMap((s) => s.view.figures ?? []);
  const cards = sections.flatMap(({ section, view }) =>
    renderCards(section, words.sections[section.id] ?? section.id, view, chartId),
  );
  return `<section ${attrs.join(" ")}>
<h2>${heading}</h2>
${sub}
${renderFigures(figures)}
<div class="grid">
${cards.join("\n")}
</div>
</section>`;
}

function renderFigures(figures: Figure[]): string {
  if (figures.length === 0) return "";
  const items = figures.map(
    (f) =>
      `<div class="figure"><span class="value">${f.value === null ? "—" : `${f.value}${escapeHtml(f.unit ?? "")}`}</span><span class="label">${escapeHtml(f.label)}</span></div>`,
  );
  return `<div class="figures">${items.join("")}</div>`;
}

function renderCards(
  section: ReportSection,
  title: string,
  view: SectionView,
  chartId: (c: ChartConfiguration) => string,
): string[] {
  const cards: string[] = [];
  const sectionAttr = `data-section="${escapeHtml(section.id)}"`;
  if (view.table) {
    const numeric = view.table.columns.map((_, i) => typeof view.table?.rows[0]?.[i] === "number");
    const head = view.table.columns
      .map((c, i) => `<th${numeric[i] ? ' class="num"' : ""}>${escapeHtml(c)}</th>`)
      .join("");
    const rows = view.table.rows
      .map(
        (r) =>
          `<tr>${r.map((cell) => (typeof cell === "number" ? `<td class="num">${cell}</td>` : `<td>${escapeHtml(cell)}</td>`)).join("")}</tr>`,
      )
      .join("\n");
    cards.push(
      `<div class="card wide" ${sectionAttr}><h3>${escapeHtml(title)}</h3><div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div></div>`,
    );
  }
  for (const chart of view.charts) {
    const id = chartId(chart.config);
    cards.push(
      `<figure class="card" ${sectionAttr}><figcaption>${escapeHtml(chart.title)}</figcaption><div class="chart" style="height:${chart.height ?? DEFAULT_CHART_HEIGHT}px"><canvas id="${id}" data-chart="${escapeHtml(chart.key)}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div></figure>`,
    );
  }
  if (view.empty && view.charts.length === 0) {
    cards.push(
      `<div class="card empty" ${sectionAttr}><h3>${escapeHtml(title)}</h3><p>${escapeHtml(view.empty)}</p></div>`,
    );
  }
  return cards;
}

// Draws the charts from the embedded JSON. The configs are pure data (see section.ts), so the
// one function they need, shortening long rule or promo ids on an axis (the tooltip keeps the
// whole id), is set here as a default.
// Charts are drawn as they come near the screen and let go when far from it: a report of 100
// groups has 500 charts, and drawing them all at load kept headless Chromium busy 2.7 s (300
// groups: 8.5 s) and every canvas bitmap in memory. Printing draws them all.
const DRAW = `(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.scales.category.ticks.callback = function (value) {
    var label = String(this.getLabelForValue(value));
    return label.length > ${MAX_AXIS_LABEL} ? label.slice(0, ${MAX_AXIS_LABEL - 1}) + "\\u2026" : label;
  };
  var canvases = Object.keys(data.charts).map(function (id) { return document.getElementById(id); });
  function draw(canvas) { if (!Chart.getChart(canvas)) new Chart(canvas, data.charts[canvas.id]); }
  if (!("IntersectionObserver" in window)) { canvases.forEach(draw); return; }
  var printing = false;
  var near = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) draw(e.target);
      else if (!printing) { var chart = Chart.getChart(e.target); if (chart) chart.destroy(); }
    });
  }, { rootMargin: "${NEAR_SCREEN_PX}px 0px" });
  canvases.forEach(function (c) { near.observe(c); });
  window.addEventListener("beforeprint", function () { printing = true; canvases.forEach(draw); });
  window.addEventListener("afterprint", function () { printing = false; });
})();`;

/**
 * Latin UI fonts first, then a CJK font on each system: Noto Sans CJK / Source Han (most Linux,
 * Android), WenQuanYi (Debian's fonts-wqy-microhei, the smallest for headless Chromium),
 * PingFang (macOS, iOS), Microsoft YaHei / JhengHei (Windows). Without one, Chinese group
 * names render as boxes; the README says what to install.
 */
const FONT_STACK = fontStack("SC");
/** Traditional Chinese reads better in the Traditional forms of the same families. */
const FONT_STACK_TC = fontStack("TC");

function fontStack(script: "SC" | "TC"): string {
  const other = script === "SC" ? "TC" : "SC";
  return [
    "system-ui",
    "-apple-system",
    '"Segoe UI"',
    "Roboto",
    `"Noto Sans CJK ${script}"`,
    `"Noto Sans CJK ${other}"`,
    `"Noto Sans ${script}"`,
    `"Source Han Sans ${script}"`,
    '"WenQuanYi Micro Hei"',
    '"WenQuanYi Zen Hei"',
    `"PingFang ${script}"`,
    '"Hiragino Sans GB"',
    script === "SC" ? '"Microsoft YaHei"' : '"Microsoft JhengHei"',
    script === "SC" ? '"Microsoft JhengHei"' : '"Microsoft YaHei"',
    "sans-serif",
  ].join(", ");
}

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 ${FONT_STACK}; color: var(--fg); background: var(--bg); }
html:lang(zh-TW) body { font-family: ${FONT_STACK_TC}; }
header { padding: 20px 28px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 22px; }
.period, .sub { margin: 0; color: var(--muted); }
nav ul { list-style: none; margin: 8px 0; padding: 0; }
nav > ul > li { margin: 2px 0; }
nav > ul > li > a { font-weight: 600; }
nav li ul { display: inline; margin: 0 0 0 8px; }
nav li li { display: inline; margin-right: 10px; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
main { padding: 8px 28px 40px; }
.scope { margin-top: 24px; padding-top: 8px; border-top: 2px solid var(--line); }
.scope-group { border-top-width: 1px; }
h2 { margin: 0; font-size: 18px; }
h2 .kind { font-size: 12px; font-weight: 600; text-transform: uppercase; color: var(--muted); margin-right: 4px; }
h3, figcaption { margin: 0 0 8px; font-size: 14px; font-weight: 600; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.figure .value { display: block; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .label { color: var(--muted); font-size: 12px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 14px; }
.card { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card.empty p { color: var(--muted); margin: 0; }
.chart { position: relative; width: 100%; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print { body { background: #fff; } nav { display: none; } .card, .scope > h2 { break-inside: avoid; } }
`;

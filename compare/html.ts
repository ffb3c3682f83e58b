import { FAILURE_TYPES } from "../facts/recovery";
import { duration, money } from "./format";
import type { Comparison, ComparisonRow } from "./model";
import { columns } from "./render";

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string);
const COLOR: Record<string, string> = { aws: "#d97706", azure: "#2563eb", gcp: "#059669", kubernetes: "#6b7280" };

const W = 820;
const H = 400;
/** Margins; the right one holds the band where stacks that do not survive losing a region are drawn. */
const M = { left: 80, right: 250, top: 24, bottom: 50 };

/** A round step that splits `span` into about four: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(span: number): number {
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) as number) * power;
}

/** Label positions that keep names of nearby points from printing over each other. */
function labelOffsets(points: Array<{ x: number; y: number }>): number[] {
  const order = points.map((p, i) => ({ ...p, i })).sort((a, b) => a.y - b.y);
  const at: number[] = [];
  const placed: Array<{ x: number; y: number }> = [];
  for (const p of order) {
    let y = p.y + 4;
    for (const q of placed) if (Math.abs(q.x - p.x) < 150 && Math.abs(q.y - y) < 14) y = q.y + 14;
    placed.push({ x: p.x, y });
    at[p.i] = y;
  }
  return at;
}

/** The chart's scales: x the predicted regional RTO in minutes (upper end), y the monthly cloud cost. */
function scales(rows: ComparisonRow[]) {
  const rtos = rows.map((r) => r.recovery.region.rto?.max).filter((x): x is number => x !== undefined).map((s) => s / 60);
  const rtoStep = niceStep(Math.max(60, ...rtos));
  const maxRto = Math.ceil((Math.max(60, ...rtos) * 1.05) / rtoStep) * rtoStep;
  const costStep = niceStep(Math.max(...rows.map((r) => r.monthlyCost.min)));
  const maxCost = Math.ceil((Math.max(...rows.map((r) => r.monthlyCost.min)) * 1.05) / costStep) * costStep;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  return { maxRto, maxCost, rtoStep, costStep, plotW, plotH, xOf: (minutes: number) => M.left + (minutes / maxRto) * plotW, yOf: (usd: number) => M.top + plotH - (usd / maxCost) * plotH };
}

/** Where each stack sits on the chart; a stack that does not survive losing a region sits in the band at the right. */
export function chartPoints(rows: ComparisonRow[]): Array<{ row: ComparisonRow; x: number; y: number; rtoMinutes?: number }> {
  const { xOf, yOf } = scales(rows);
  const tenth = (n: number) => Math.round(n * 10) / 10;
  return rows.map((row, i) => {
    const rto = row.recovery.region.rto?.max;
    const x = rto === undefined ? W - M.right + 30 + (i % 2) * 12 : xOf(rto / 60);
    return { row, x: tenth(x), y: tenth(yOf(row.monthlyCost.min)), ...(rto !== undefined ? { rtoMinutes: tenth(rto / 60) } : {}) };
  });
}

function chart(c: Comparison): string {
  const points = chartPoints(c.rows);
  const { maxRto, maxCost, rtoStep, costStep, plotW, plotH, xOf, yOf } = scales(c.rows);
  const ticks = (max: number, step: number) => Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  const xTicks = ticks(maxRto, rtoStep);
  const yTicks = ticks(maxCost, costStep);
  const labels = labelOffsets(points);
  return `<svg id="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title">
<title id="chart-title">Monthly cloud cost against predicted RTO after losing a region</title>
<g class="axes" stroke="#94a3b8">
<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}"/>
<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + plotH}"/>
<line x1="${W - M.right + 10}" y1="${M.top}" x2="${W - M.right + 10}" y2="${M.top + plotH}" stroke-dasharray="4 4"/>
</g>
${xTicks.map((t) => `<text class="tick" x="${xOf(t)}" y="${M.top + plotH + 18}" text-anchor="middle">${t}</text>`).join("\n")}
${yTicks.map((t) => `<text class="tick" x="${M.left - 8}" y="${yOf(t) + 4}" text-anchor="end">${esc(money(t))}</text>`).join("\n")}
<text class="label" x="${M.left + plotW / 2}" y="${H - 8}" text-anchor="middle">Predicted RTO after losing the active region (minutes, upper end)</text>
<text class="label" transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">Cloud cost per month (USD)</text>
<text class="label" x="${W - M.right + 20}" y="${M.top + 12}">does not survive losing a region</text>
${points
  .map(
    (p, i) => `<g class="point-group"><circle class="point" cx="${p.x}" cy="${p.y}" r="7" fill="${COLOR[p.row.cloud] ?? "#111"}" data-stack="${esc(p.row.stack)}" data-cost="${p.row.monthlyCost.min}" data-rto-minutes="${p.rtoMinutes ?? "none"}"><title>${esc(`${p.row.stack}: ${money(p.row.monthlyCost.min)} a month, regional RTO ${p.row.recovery.region.rto ? duration(p.row.recovery.region.rto) : "not survived"}`)}</title></circle>
<text class="point-label" x="${p.x + 10}" y="${labels[i]}">${esc(p.row.stack)}</text></g>`,
  )
  .join("\n")}
</svg>`;
}

/** The comparison as one self-contained page: the chart of cost against regional RTO, then the table. */
export function comparisonHtml(c: Comparison): string {
  const cols = columns(c);
  const findings = c.rows.flatMap((r) => FAILURE_TYPES.flatMap((f) => r.recovery[f].findings.map((x) => `<li><strong>${esc(r.stack)}</strong>, ${f} failure: ${esc(x)}</li>`)));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DALP HA patterns compared</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; margin: 24px auto; max-width: 1400px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
p.lead { color: #475569; margin: 0 0 16px; }
#chart { width: 100%; max-width: ${W}px; height: auto; display: block; margin: 8px 0 24px; }
#chart .tick { font-size: 11px; fill: #475569; }
#chart .label { font-size: 12px; fill: #334155; }
#chart .point-label { font-size: 11px; fill: #0f172a; }
.legend span { display: inline-block; margin-right: 16px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: middle; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border: 1px solid #cbd5e1; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f1f5f9; position: sticky; top: 0; }
tbody tr:nth-child(even) { background: #f8fafc; }
.notes { color: #475569; font-size: 12px; }
@media print { body { margin: 0; max-width: none; font-size: 10px; } th { position: static; } table { font-size: 9px; } #chart { max-width: 640px; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>DALP high-availability patterns compared</h1>
<p class="lead">Each reference stack's planned graph, priced and predicted offline: monthly cloud cost, people effort, predicted recovery per failure and deploy time.</p>
<div class="legend">${[...new Set(c.rows.map((r) => r.cloud))].map((cloud) => `<span><i style="background:${COLOR[cloud] ?? "#111"}"></i>${esc(cloud)}</span>`).join("")}</div>
${chart(c)}
<table id="comparison">
<thead><tr>${cols.map((x) => `<th>${esc(x.head)}</th>`).join("")}</tr></thead>
<tbody>
${c.rows.map((r) => `<tr data-stack="${esc(r.stack)}">${cols.map((x) => `<td>${esc(x.cell(r))}</td>`).join("")}</tr>`).join("\n")}
</tbody>
</table>
${findings.length > 0 ? `<h2>Findings of the predictions</h2><ul>${findings.join("")}</ul>` : ""}
<ul class="notes">${c.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>
</body>
</html>
`;
}

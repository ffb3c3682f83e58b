import Table from "cli-table3";
import { FAILURE_TYPES } from "../facts/recovery";
import { duration, FAILURE_LABEL, moneyRange, numberRange, recoveryCell } from "./format";
import type { Comparison, ComparisonRow } from "./model";

/** The comparison's columns, shared by the table, the Markdown and the HTML renderings. */
export function columns(c: Comparison): Array<{ head: string; cell: (r: ComparisonRow) => string }> {
  return [
    { head: "Stack", cell: (r) => r.stack },
    { head: "Pattern", cell: (r) => r.pattern },
    { head: `Cloud cost / month (${c.currency})`, cell: (r) => `${moneyRange(r.monthlyCost)}${r.pricedIn ? ` at ${r.pricedIn} prices` : ""}` },
    { head: "Setup effort", cell: (r) => `${r.effort.setupText}${r.effort.basis === "derived" ? " (derived)" : ""}` },
    { head: "Operating hours / month", cell: (r) => `${numberRange(r.effort.monthlyHours)} h, ${numberRange(r.effort.fte, 2)} FTE` },
    { head: `People cost / month at $${c.hourlyRate}/h`, cell: (r) => moneyRange(r.effort.monthlyPeopleCost) },
    ...FAILURE_TYPES.map((f) => ({ head: `${FAILURE_LABEL[f]} failure`, cell: (r: ComparisonRow) => recoveryCell(r.recovery[f]) })),
    { head: "Survives", cell: (r) => r.survives.join(", ") },
    { head: "Deploy (pulumi up)", cell: (r) => duration(r.deploy.create) },
    { head: "Failover or rebuild update", cell: (r) => (r.deploy.failover ? duration(r.deploy.failover) : "none") },
  ];
}

export function comparisonTable(c: Comparison): string {
  const cols = columns(c);
  const t = new Table({ head: cols.map((x) => x.head), style: { head: [], border: [] }, wordWrap: true });
  for (const r of c.rows) t.push(cols.map((x) => x.cell(r)));
  return [t.toString(), ...c.notes.map((n) => `Note: ${n}`)].join("\n");
}

const md = (text: string) => text.replace(/\|/g, "\\|");

export function comparisonMarkdown(c: Comparison): string {
  const cols = columns(c);
  const findings = c.rows.flatMap((r) => FAILURE_TYPES.flatMap((f) => r.recovery[f].findings.map((x) => `- **${r.stack}**, ${f} failure: ${x}.`)));
  return [
    "| " + cols.map((x) => md(x.head)).join(" | ") + " |",
    "| " + cols.map(() => "---").join(" | ") + " |",
    ...c.rows.map((r) => "| " + cols.map((x) => md(x.cell(r))).join(" | ") + " |"),
    "",
    ...(findings.length > 0 ? ["Findings of the predictions (outside a documented target, or left exposed by the stack):", "", ...findings, ""] : []),
    ...c.notes.map((n) => `- ${n}`),
  ].join("\n");
}

export function comparisonJson(c: Comparison): string {
  return JSON.stringify(c, (_k, v) => (v === Infinity ? "unbounded" : v), 2);
}

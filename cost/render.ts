import Table from "cli-table3";
import { cents, type CostComponent, type CostEstimate } from "./model";
import type { CostDiff } from "./diff";

const money = (usd: number) => cents(usd).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const amount = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 3 }));
const range = (low: number, high: number | undefined, show: (n: number) => string) => (high === undefined || high === low ? show(low) : `${show(low)} - ${show(high)}`);
const signed = (usd: number) => `${usd >= 0 ? "+" : "-"}${money(Math.abs(usd))}`;

/** A table whose first column wraps at a width that keeps the whole table within a wide terminal. */
function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, colAligns: ["left", ...head.slice(1).map(() => "right" as const)], colWidths: [70, ...head.slice(1).map(() => null)], wordWrap: true });
}

function componentRow(c: CostComponent): string[] {
  const flags = [c.usage ? `usage: ${c.usage}` : "", c.estimate ? "estimated price" : ""].filter(Boolean).join("; ");
  return [`    ${c.name}${flags ? ` (${flags})` : ""}`, range(c.quantity, c.maxQuantity, amount), c.unit, String(c.unitPrice), range(c.monthlyCost, c.maxMonthlyCost, money)];
}

/** The breakdown tree: regions, their billable resources, each resource's components, and the totals. */
export function costTable(e: CostEstimate, title: string): string {
  const t = table(["Resource / component", "Quantity", "Unit", "Unit price", `Monthly (${e.currency})`]);
  for (const region of [...new Set(e.resources.map((r) => r.region))]) {
    const inRegion = e.resources.filter((r) => r.region === region);
    t.push([region, "", "", "", range(sum(inRegion, "monthlyCost"), sum(inRegion, "maxMonthlyCost"), money)]);
    for (const r of inRegion) {
      t.push([`  ${r.name} (${r.type})`, "", "", "", range(r.monthlyCost, r.maxMonthlyCost, money)]);
      for (const c of r.components) t.push(componentRow(c));
    }
  }
  t.push(["Total", "", "", "", range(e.totalMonthlyCost, e.totalMonthlyCostMax, money)]);
  const lines = [title, t.toString(), `${e.resources.length} billable resources; ${e.freeResources} others cost nothing by themselves.`];
  if (e.totalMonthlyCostMax !== e.totalMonthlyCost) lines.push(`Ranges run from the floor to the ceiling of autoscaling: node pools and database storage.`);
  lines.push(...e.notes.map((n) => `Note: ${n}`));
  if (e.stalePrices.length > 0) lines.push(`Stale prices (refresh with npm run prices:refresh): ${e.stalePrices.join("; ")}`);
  return lines.join("\n");
}

const sum = (rs: Array<{ monthlyCost: number; maxMonthlyCost: number }>, key: "monthlyCost" | "maxMonthlyCost") => rs.reduce((s, r) => s + r[key], 0);

/** `{currency, totalMonthlyCost, resources: [{urn, type, components}]}` and the rest of the estimate. */
export function costJson(e: CostEstimate): string {
  const round = (c: CostComponent) => ({ ...c, monthlyCost: cents(c.monthlyCost), ...(c.maxMonthlyCost !== undefined ? { maxMonthlyCost: cents(c.maxMonthlyCost) } : {}) });
  return JSON.stringify(
    {
      stack: e.stack,
      cloud: e.cloud,
      currency: e.currency,
      totalMonthlyCost: e.totalMonthlyCost,
      totalMonthlyCostMax: e.totalMonthlyCostMax,
      resources: e.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, region: r.region, monthlyCost: cents(r.monthlyCost), maxMonthlyCost: cents(r.maxMonthlyCost), components: r.components.map(round) })),
      freeResources: e.freeResources,
      notes: e.notes,
      stalePrices: e.stalePrices,
    },
    null,
    2,
  );
}

/** What a change adds or removes per month, resource by resource. */
export function costDiffTable(d: CostDiff, title: string): string {
  const t = table(["Resource", "Change", `Before (${d.currency})`, `After (${d.currency})`, "Monthly change"]);
  for (const r of d.resources) t.push([`${r.name} (${r.type})`, r.change, r.before === undefined ? "" : money(r.before), r.after === undefined ? "" : money(r.after), signed(r.delta)]);
  t.push(["Total", "", money(d.before), money(d.after), signed(d.delta)]);
  const unchanged = d.resources.length === 0 ? "No billable resource changes cost." : `${d.resources.length} billable resource${d.resources.length === 1 ? "" : "s"} change cost.`;
  return [title, t.toString(), unchanged, `At the top of the autoscaling ranges: ${money(d.beforeMax)} -> ${money(d.afterMax)} (${signed(d.afterMax - d.beforeMax)}).`].join("\n");
}

export function costDiffJson(d: CostDiff): string {
  return JSON.stringify(d, null, 2);
}

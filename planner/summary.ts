import Table from "cli-table3";
import type { Plan, PlannedResource } from "./model";

export interface ComponentRow {
  /** Nesting depth below the stack. */
  depth: number;
  urn: string;
  type: string;
  name: string;
  /** Custom resources directly inside the component, counted by type. */
  counts: Record<string, number>;
  /** Custom resources inside the component and all its sub-components. */
  total: number;
}

/** The component tree of a plan, in registration order, with the resources each component holds. */
export function componentRows(plan: Plan): ComponentRow[] {
  const children = new Map<string, PlannedResource[]>();
  for (const r of plan.resources) {
    if (!r.parent) continue;
    children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  }
  const rows: ComponentRow[] = [];
  const visit = (component: PlannedResource, depth: number): number => {
    const row: ComponentRow = { depth, urn: component.urn, type: component.type, name: component.name, counts: {}, total: 0 };
    rows.push(row);
    for (const child of children.get(component.urn) ?? []) {
      if (child.custom) {
        row.counts[child.type] = (row.counts[child.type] ?? 0) + 1;
        row.total += 1;
      } else {
        row.total += visit(child, depth + 1);
      }
    }
    return row.total;
  };
  const stack = plan.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  if (stack) visit(stack, 0);
  return rows;
}

/** Custom resources by type across the whole plan. */
export function typeCounts(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of plan.resources) if (r.custom) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** The plan as a person reads it: one table row per component, with what it holds. */
export function renderPlan(plan: Plan): string {
  const table = new Table({ head: ["component", "resources", "total"], style: { head: [], border: [] }, wordWrap: true, colWidths: [54, 64, 7] });
  for (const row of componentRows(plan)) {
    const indent = "  ".repeat(row.depth);
    // Type and name on their own lines, so a long name is never cut off.
    const label = row.type === "pulumi:pulumi:Stack" ? `stack ${plan.stack}` : `${indent}${row.type.split(":").slice(1).join(":")}\n${indent}  ${row.name}`;
    const held = Object.entries(row.counts)
      .map(([type, n]) => `${shortType(type)} x${n}`)
      .join(", ");
    table.push([label, held, String(row.total)]);
  }
  const customs = plan.resources.filter((r) => r.custom).length;
  const protectedCount = plan.resources.filter((r) => r.protect).length;
  const lines = [
    `Plan of ${plan.project}/${plan.stack}: ${customs} resources in ${plan.resources.length - customs} components (${protectedCount} protected), offline`,
    table.toString(),
  ];
  if (plan.notes.length > 0) lines.push(...plan.notes.map((n) => `note: ${n}`));
  return lines.join("\n");
}

/** `aws:rds/instance:Instance` -> `rds.Instance`; `pulumi:providers:aws` -> `provider aws`. */
export function shortType(type: string): string {
  if (type.startsWith("pulumi:providers:")) return `provider ${type.slice("pulumi:providers:".length)}`;
  const [pkg, module, kind] = type.split(":");
  const mod = module.split("/")[0];
  return pkg === "kubernetes" ? `${mod === "core" ? "" : `${mod} `}${kind}`.trim() : `${mod === "index" ? pkg : mod}.${kind}`;
}

import type { Architecture, ServiceBox } from "./architecture";

/** Mermaid node shapes: cylinders hold data, rectangles run it. */
function node(s: ServiceBox): string {
  const text = JSON.stringify(s.label);
  return s.kind === "database" || s.kind === "bucket" || s.kind === "cache" ? `${s.id}[(${text})]` : `${s.id}[${text}]`;
}

/** The architecture as a Mermaid flowchart: a subgraph per region, data services inside, links across. */
export function toMermaid(a: Architecture): string {
  const lines = ["flowchart LR"];
  const t = a.traffic;
  const entry = t ? `${t.hostname}: ${t.routing} DNS${t.healthChecked ? ", health-checked" : ""}${t.ttlSeconds ? `, TTL ${t.ttlSeconds} s` : ""}` : "users";
  lines.push(`  users([${JSON.stringify(entry)}])`);
  for (const r of a.regions) {
    const title = `${r.region}: ${r.role}, DALP ${r.workloads}${r.zones.length ? `, zones ${r.zones.join(" ")}` : ""}`;
    lines.push(`  subgraph ${r.id}[${JSON.stringify(title)}]`);
    for (const s of r.services) lines.push(`    ${node(s)}`);
    const cluster = r.services.find((s) => s.kind === "cluster");
    for (const s of r.services.filter((x) => x.kind !== "cluster")) if (cluster) lines.push(`    ${cluster.id} --- ${s.id}`);
    lines.push("  end");
  }
  for (const l of a.links) lines.push(`  ${l.from} ${l.standby ? "-." : "--"} ${JSON.stringify(l.label)} ${l.standby ? ".->" : "-->"} ${l.to}`);
  return lines.join("\n");
}

import type { FailoverRunbook, Name, NoRegionalFailover, RebuildRunbook, Runbook, RunbookStep, TargetSet } from "../model";

const indent = (text: string, by: string) => text.split("\n").map((l) => `${by}${l}`).join("\n");

/** A name as the operator reads it: the name, or how to read it from the deployed stack. */
export function showName(name: Name): string {
  return name.lookup ? `named at deploy time, read it with ${name.lookup}` : name.value;
}

function noFailover(r: NoRegionalFailover): string {
  return [
    `Runbook of ${r.project}/${r.stack}: ${r.pattern} on ${r.cloud}, one region (${r.region})`,
    "",
    `No regional failover: ${r.why}`,
    "",
    ...r.procedures.map((p) => `- ${p.failure}: ${p.procedure} (${p.source})`),
  ].join("\n");
}

export function targetSetText(set: TargetSet): string[] {
  const lines = [
    `Targeted update set: ${set.targets.length} URNs under ${set.survivor}'s stamp, the global component and the providers they use; none of ${set.failed}.`,
    set.targetDependentsWhy,
    ...set.warnings.map((w) => `warning: ${w}`),
    ...set.targets.map((t) => `  step ${t.steps.join(",")}  ${t.op.padEnd(7)} ${t.urn}`),
    "",
    `Reconcile when ${set.failed} returns (the full pulumi up applies these; the targeted updates leave them): ${set.reconcile.length} change(s)`,
    ...set.reconcile.map((c) => `  ${c.op.padEnd(7)} ${c.urn}${c.keys.length ? ` [${c.keys.join(", ")}]` : ""}`),
  ];
  return lines;
}

function failover(r: FailoverRunbook): string {
  const out = [
    `Failover runbook of ${r.project}/${r.stack}: ${r.pattern} on ${r.cloud}, from ${r.from} to ${r.to}`,
    `Targets: RTO ${r.recoveryObjectives.rto}, RPO ${r.recoveryObjectives.rpo} (${r.recoveryObjectives.source}). ${r.recoveryObjectives.caveat}`,
    `Stop rule: ${r.stopRule.text} (${r.stopRule.source})`,
  ];
  out.push(...stepsText(r.steps));
  if (r.targetSet) out.push("", ...targetSetText(r.targetSet));
  out.push("", "Returning:", ...r.return.map((x) => `- ${x}`));
  return out.join("\n");
}

function stepsText(steps: RunbookStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    out.push("", `Step ${s.number}. ${s.title} (owner: ${s.owner}${s.duration ? `; expected ${s.duration}` : ""})`, indent(s.summary, "  "));
    if (s.resources.length) out.push("  Resources:", ...s.resources.map((x) => `    ${x.label}: ${showName(x.name)}`));
    if (s.commands.length) {
      out.push("  Commands:");
      for (const c of s.commands) out.push(indent(`$ ${c.run}`, "    "), `      expect: ${c.expect} (calls ${c.calls})`);
    }
    out.push(`  Stop: ${s.stop}`, ...s.evidence.map((e) => `  Evidence (${e.item}): ${e.keep}`), `  Source: ${s.source}`);
  }
  return out;
}

function rebuild(r: RebuildRunbook): string {
  const out = [
    `Rebuild runbook of ${r.project}/${r.stack}: ${r.pattern} on ${r.cloud}, ${r.to} rebuilt from its copies of ${r.from}`,
    `Targets: RTO ${r.recoveryObjectives.rto}, RPO ${r.recoveryObjectives.rpo} (${r.recoveryObjectives.source}). ${r.recoveryObjectives.caveat}`,
    `Stop rule: ${r.stopRule.text} (${r.stopRule.source})`,
    ...stepsText(r.steps),
  ];
  if (r.targetSet) out.push("", ...targetSetText(r.targetSet));
  return out.join("\n");
}

export function renderText(r: Runbook): string {
  return r.kind === "failover" ? failover(r) : r.kind === "rebuild" ? rebuild(r) : noFailover(r);
}

import type { DalpPolicy } from "../../policies/rules";
import type { CheckResult, Violation } from "../model";

const ORDER: Violation["severity"][] = ["critical", "high", "medium", "low"];

/** The text report: per stack, violations grouped by severity, each with the rule's fix. */
export function textReport(results: CheckResult[], rules: DalpPolicy[]): string {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const lines: string[] = [];
  for (const result of results) {
    const { input, violations } = result;
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push(`${input.project}/${input.stack} (${input.origin}): ${violations.length === 0 ? "no violations" : `${mandatory} mandatory, ${violations.length - mandatory} advisory violation(s)`}`);
    for (const severity of ORDER) {
      const group = violations.filter((v) => v.severity === severity);
      if (group.length === 0) continue;
      lines.push(`  ${severity}`);
      for (const v of group) {
        const rule = byName.get(v.policy);
        lines.push(`    [${v.enforcementLevel}] ${v.policy}: ${v.message}`);
        lines.push(`      resource: ${v.urn}`);
        if (rule) lines.push(`      fix: ${rule.remediationSteps}`);
      }
    }
    if (result.notApplicable.length > 0) lines.push(`  not applicable: ${result.notApplicable.map((n) => n.policy).join(", ")}`);
  }
  return lines.join("\n");
}

import type { DalpPolicy } from "../../policies/rules";
import type { CheckResult } from "../model";

/**
 * The SARIF 2.1.0 report for code-scanning tools: one run, the pack's rules as the tool's rules, each
 * violation a result located at the stack file (or state file) with the resource URN as logical location.
 */
export function sarifReport(results: CheckResult[], rules: DalpPolicy[], version: string) {
  const index = new Map(rules.map((r, i) => [r.name, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "dalp-ha",
            version,
            informationUri: "https://github.com/settlemint",
            rules: rules.map((r) => ({
              id: r.name,
              name: r.name,
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} Source: ${r.source}.` },
              help: { text: r.remediationSteps },
              defaultConfiguration: { level: r.enforcementLevel === "mandatory" ? "error" : "warning" },
              properties: { severity: r.severity, enforcementLevel: r.enforcementLevel, source: r.source, tags: r.tags ?? [] },
            })),
          },
        },
        results: results.flatMap((result) =>
          result.violations.map((v) => ({
            ruleId: v.policy,
            ruleIndex: index.get(v.policy),
            level: v.enforcementLevel === "mandatory" ? "error" : "warning",
            message: { text: v.message },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: result.input.origin } },
                logicalLocations: [{ fullyQualifiedName: v.urn, kind: "resource" }],
              },
            ],
            properties: { severity: v.severity, stack: `${result.input.project}/${result.input.stack}` },
          })),
        ),
      },
    ],
  };
}

import type { CheckResult, Violation } from "../model";

/** The JSON report: one list of violations across the checked stacks. */
export function jsonReport(results: CheckResult[]): Violation[] {
  return results.flatMap((r) => r.violations.map(({ policy, severity, enforcementLevel, urn, message }) => ({ policy, severity, enforcementLevel, urn, message })));
}

import { ALERT_SIGNALS, type AlertSignal, SIGNAL_REQUIREMENTS, type SignalRequirement } from "../../../facts/monitoring";
import { DalpPolicy, stackRule } from "../kit";
import { alertsOf, type FoundAlert, labelledFor, signalOf } from "./prometheusRules";
import { alternatives, type Comparison, comparisonOf, durationHours } from "./promql";

const SEVERITY_RANK: Record<string, number> = { critical: 2, warning: 1 };

type Threshold = NonNullable<SignalRequirement["threshold"]>;

/** A comparison's threshold in the requirement's unit and direction, or why it cannot be read so. */
function normalise(c: Comparison, unit: Threshold["unit"]): { value: number; op: Comparison["op"] } | string {
  const raw = c.value / c.scale;
  switch (unit) {
    case "seconds":
      return { value: raw, op: c.op };
    case "days":
      // The compared side is a timestamp difference in seconds (expiry - time()).
      return { value: raw / 86400, op: c.op };
    case "ratio": {
      if (!c.core.includes("/")) return "it compares an amount, not a ratio of used to total space";
      const used = /^\(?\s*1\s*-/.test(c.core);
      const free = !used && /avail|free/.test(c.core);
      if (!free) return { value: raw, op: c.op };
      // A free-space ratio below x is a used ratio above 1 - x.
      return { value: 1 - raw, op: ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as Record<string, Comparison["op"]>)[c.op] ?? c.op };
    }
    case "count per hour": {
      const increase = /\b(increase|delta)\s*\([^[]*\[([^\]]+)\]/.exec(c.core);
      if (increase) {
        const hours = durationHours(increase[2]);
        return hours ? { value: raw / hours, op: c.op } : `cannot read the range ${increase[2]}`;
      }
      if (/\b(rate|irate)\s*\(/.test(c.core)) return { value: raw * 3600, op: c.op };
      return "it compares a raw counter, not a count per hour (use increase(...[1h]))";
    }
  }
}

const show = (n: number) => String(Math.round(n * 1000) / 1000);

/** What is wrong with one alert against its signal's requirement, if anything. */
function problemsOf(alert: FoundAlert, signal: AlertSignal): string[] {
  const requirement = SIGNAL_REQUIREMENTS[signal];
  const problems: string[] = [];
  const severity = alert.labels.severity;
  if ((SEVERITY_RANK[severity] ?? 0) < SEVERITY_RANK[requirement.severity]) {
    problems.push(`severity ${JSON.stringify(severity ?? null)}, where the page asks ${requirement.severity}`);
  }
  const threshold = requirement.threshold;
  if (threshold) {
    const read = alternatives(alert.expr)
      .map(comparisonOf)
      .filter((c): c is Comparison => c !== undefined)
      .map((c) => normalise(c, threshold.unit));
    const numbers = read.filter((r): r is { value: number; op: Comparison["op"] } => typeof r !== "string");
    if (numbers.length === 0) {
      problems.push(`no threshold can be read from ${JSON.stringify(alert.expr)}${read.length > 0 ? ` (${read.join("; ")})` : ""}`);
    }
    for (const n of numbers) {
      const sameDirection = threshold.comparison === ">" ? n.op === ">" || n.op === ">=" : n.op === "<" || n.op === "<=";
      // Stricter is fine (fires earlier); laxer is not.
      const laxer = threshold.comparison === ">" ? n.value > threshold.value * (1 + 1e-9) : n.value < threshold.value * (1 - 1e-9);
      if (!sameDirection) problems.push(`it fires when the value is ${n.op} ${show(n.value)}, where the page asks ${threshold.comparison} ${threshold.value} (${threshold.unit})`);
      else if (laxer) problems.push(`threshold ${n.op} ${show(n.value)} ${threshold.unit}, laxer than the page's ${threshold.comparison} ${threshold.value}`);
    }
  }
  return problems;
}

export const thresholdsRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-match-thresholds",
    description: "Alerts for the backup page's signals fire at its thresholds or earlier, and at its severity or higher.",
    severity: "high",
    enforcementLevel: "advisory",
    source: `Backup and recovery, Monitoring: ${ALERT_SIGNALS.filter((s) => SIGNAL_REQUIREMENTS[s].threshold || SIGNAL_REQUIREMENTS[s].severity === "critical")
      .map((s) => SIGNAL_REQUIREMENTS[s].source.split(": ").slice(1).join(": "))
      .join("; ")}`,
    remediationSteps: `Label each alert dalp_signal: <signal> and give it the page's numbers: ${ALERT_SIGNALS.filter((s) => SIGNAL_REQUIREMENTS[s].threshold)
      .map((s) => {
        const t = SIGNAL_REQUIREMENTS[s].threshold as Threshold;
        return `${s} ${t.comparison} ${t.value} ${t.unit}`;
      })
      .join(", ")}; severity critical for ${ALERT_SIGNALS.filter((s) => SIGNAL_REQUIREMENTS[s].severity === "critical").join(", ")}, at least warning for the others.`,
  },
  (args, report) => {
    const alerts = alertsOf(args.resources);
    if (alerts.length === 0) args.notApplicable("no alert rule in the stack (dalp-alerts-cover-signals reports that)");
    for (const signal of ALERT_SIGNALS) {
      const labelled = alerts.filter((a) => labelledFor(a, signal));
      // Alerts labelled for a signal are held to it one by one; without a label, one alert reading its metrics must meet it.
      const judged = labelled.length > 0 ? labelled : alerts.filter((a) => signalOf(a, ALERT_SIGNALS) === signal && a.labels.dalp_signal === undefined);
      const verdicts = judged.map((a) => ({ alert: a, problems: problemsOf(a, signal) }));
      const failing = labelled.length > 0 ? verdicts.filter((v) => v.problems.length > 0) : verdicts.every((v) => v.problems.length > 0) ? verdicts : [];
      for (const v of failing) report(`${signal}: alert ${v.alert.alert}: ${v.problems.join("; ")}.`, v.alert.owner.urn);
    }
  },
);

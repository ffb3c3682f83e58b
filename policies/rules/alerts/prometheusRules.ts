import type { PolicyResource } from "@pulumi/policy";
import type { AlertSignal } from "../../../facts/monitoring";
import { get, ofTypes } from "../kit";
import { T } from "../types";
import { REQUIRED_SIGNALS } from "./signalMetrics";

/** One alerting rule of a PrometheusRule in the stack, with the resource that declares it. */
export interface FoundAlert {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  owner: PolicyResource;
}

export function alertsOf(resources: PolicyResource[]): FoundAlert[] {
  return ofTypes(resources, [T.k8s.prometheusRule]).flatMap((r) =>
    ((get(r.props, "spec.groups") as any[] | undefined) ?? []).flatMap((g) =>
      ((g.rules as any[] | undefined) ?? [])
        .filter((rule) => typeof rule.alert === "string")
        .map((rule) => ({ alert: rule.alert as string, expr: String(rule.expr ?? ""), labels: (rule.labels ?? {}) as Record<string, string>, owner: r })),
    ),
  );
}

/** The alert is labelled for the signal. */
export const labelledFor = (a: FoundAlert, signal: AlertSignal) => a.labels.dalp_signal === signal;

/** The alert counts for the signal: labelled for it, or reading one of the metrics that evidence it. */
export const countsFor = (a: FoundAlert, signal: AlertSignal) => labelledFor(a, signal) || REQUIRED_SIGNALS[signal].test(a.expr);

/**
 * The one signal an alert is judged against: its label when it has one, otherwise the first signal whose
 * metrics it reads.
 */
export function signalOf(a: FoundAlert, signals: readonly AlertSignal[]): AlertSignal | undefined {
  const label = a.labels.dalp_signal;
  if (label !== undefined) return signals.find((s) => s === label);
  return signals.find((s) => REQUIRED_SIGNALS[s].test(a.expr));
}

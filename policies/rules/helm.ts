import type { PolicyResource } from "@pulumi/policy";
import { parsed } from "./kit";
import { T } from "./types";

/** The chart a Helm release installs, without repository or version: `oci://r/x/dalp` -> `dalp`. */
export function chartName(props: Record<string, any>): string {
  const chart = String(props.chart ?? "");
  return chart.replace(/\/$/, "").split("/").pop()?.split(":")[0] ?? chart;
}

/** A release's values, whether the engine passes them as an object or as JSON text. */
export function valuesOf(props: Record<string, any>): Record<string, any> {
  return parsed<Record<string, any>>(props.values) ?? {};
}

export function releasesOf(resources: PolicyResource[], chart: string): PolicyResource[] {
  return resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === chart);
}

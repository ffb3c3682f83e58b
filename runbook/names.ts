import type { Name } from "./model";

/**
 * The names of one region's resources the runbook's commands use, as the stack outputs (`regions.<region>`)
 * carry them. `S` is `Name` in the runbook, a `pulumi.Input<string>` where the program hands them over.
 */
export interface RegionNames<S = Name> {
  cluster: S;
  namespace: S;
  postgres: { identifier: S; host: S; resourceGroup?: S };
  buckets: { app: S; backup: S };
  /** The public addresses of the region's ingress, which DNS answers with while the region is primary. */
  ingressAddresses: S[];
  /** Alert rule names of the region, to name the replication lag alert where the stack emits one. */
  alertRules: string[];
  /** The namespace of the region's network nodes, when the stack runs its own (`dalp:validators`). */
  validatorsNamespace?: S;
}

export interface TrafficNames<S = Name> {
  hostname: S;
  /** The records or profile that move with a failover, by the cloud's own identifier. */
  routing: S;
  /** Region to the health check that decides whether it receives traffic. */
  healthChecks: Record<string, S>;
}

export interface RunbookNames<S = Name> {
  project: string;
  stack: string;
  regions: Record<string, RegionNames<S>>;
  traffic?: TrafficNames<S>;
}

/** The reference to a name in a command: the name itself, or the shell lookup that reads it once deployed. */
export function ref(name: Name | undefined): string {
  if (!name) return "<unknown>";
  return name.lookup ?? name.value;
}

/** A name as the deployed stack knows it: exact, no lookup needed. */
export function exact(value: string): Name {
  return { value };
}

/** The shell expression that reads one stack output by its jq path; it needs the state backend only. */
export function outputLookup(stack: string, output: string, jqPath: string): string {
  return `$(pulumi stack output ${output} --json --stack ${stack} | jq -r '${jqPath}')`;
}

/** The kubeconfig file of a region, written from the secret `kubeconfigs` stack output. */
export function kubeconfigFile(region: string): string {
  return `kubeconfig-${region}.yaml`;
}

import { isSecretValue, Plan, PlannedResource, revealSecrets } from "../planner/model";
import type { Name } from "./model";
import { outputLookup, type RegionNames, type RunbookNames, type TrafficNames } from "./names";
import { hasAncestorOfType, scopesOf } from "./scope";
import { VALIDATORS_TYPE } from "./targets";

/**
 * Every plain string the program itself writes into an input: the names it sets, which the deployed stack has
 * too. An input that depends on another resource (a bucket policy's `bucket`) carries a mock's output under
 * the planner, so it does not count.
 */
function declaredStrings(plan: Plan): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (isSecretValue(v)) return;
    if (typeof v === "string") found.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const r of plan.resources) {
    for (const [key, value] of Object.entries(r.inputs)) if (!(r.propertyDependencies[key]?.length > 0)) walk(value);
  }
  return found;
}

/** `regions.<region>` of the stack outputs (patterns/outputs.ts), as far as the runbook reads it. */
interface RegionOutput {
  cluster?: string;
  namespace?: string;
  postgres?: { identifier?: string; host?: string };
  buckets?: { app?: string; backup?: string };
  ingressAddresses?: unknown[];
  alertRules?: string[];
}

interface TrafficOutput {
  hostname?: string;
  routing?: string;
  healthChecks?: Record<string, unknown>;
}

type Props = Record<string, unknown>;

/**
 * The runbook's names from a plan's stack outputs. A name the program sets (an RDS identifier, a cluster
 * name) is the deployed one; a name the cloud or Pulumi picks (an auto-named bucket, an address) is only
 * a mock's under the planner, so the commands read it from the deployed stack's outputs instead.
 */
/**
 * How a plan's output value is named in a command: as it is, where the program sets it, or by the lookup that
 * reads it from the deployed stack's output `output` at `jqPath`.
 */
export function planNamer(plan: Plan): (value: unknown, output: string, jqPath: string) => Name {
  const declared = declaredStrings(plan);
  return (value, output, jqPath) => {
    const text = String(value ?? "");
    return declared.has(text) ? { value: text } : { value: text, lookup: outputLookup(plan.stack, output, jqPath) };
  };
}

export function namesFromPlan(plan: Plan): RunbookNames {
  const outputs = revealSecrets(plan.outputs) as { regions?: Record<string, RegionOutput>; traffic?: TrafficOutput };
  const declared = declaredStrings(plan);
  const name = planNamer(plan);
  const scopes = scopesOf(plan.resources);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const inRegion = (region: string, match: (r: PlannedResource) => boolean) =>
    plan.resources.filter((r) => match(r) && (scopes.get(r.urn) as { region?: string } | undefined)?.region === region);

  const regions: Record<string, RegionNames> = {};
  for (const [region, r] of Object.entries(outputs.regions ?? {})) {
    const at = (path: string) => `.["${region}"].${path}`;
    const server = inRegion(region, (x) => x.type === "azure-native:dbforpostgresql:Server" && ((x.inputs as Props).serverName ?? (x.outputs as Props).name) === r.postgres?.identifier)[0];
    const validatorsNs = inRegion(region, (x) => x.type === "kubernetes:core/v1:Namespace" && hasAncestorOfType(x.urn, VALIDATORS_TYPE, byUrn))[0];
    const rg = server ? (server.inputs as Props).resourceGroupName : undefined;
    regions[region] = {
      cluster: name(r.cluster, "regions", at("cluster")),
      namespace: name(r.namespace, "regions", at("namespace")),
      postgres: {
        identifier: name(r.postgres?.identifier, "regions", at("postgres.identifier")),
        host: name(r.postgres?.host, "regions", at("postgres.host")),
        // The resource group is no stack output; where the program names it, the plan's name is the deployed one.
        ...(typeof rg === "string" ? { resourceGroup: declared.has(rg) ? { value: rg } : { value: rg, lookup: `"$(az resource list --name ${name(r.postgres?.identifier, "regions", at("postgres.identifier")).lookup ?? r.postgres?.identifier} --resource-type Microsoft.DBforPostgreSQL/flexibleServers --query '[0].resourceGroup' -o tsv)"` } } : {}),
      },
      buckets: { app: name(r.buckets?.app, "regions", at("buckets.app")), backup: name(r.buckets?.backup, "regions", at("buckets.backup")) },
      ingressAddresses: ((r.ingressAddresses ?? []) as unknown[]).map((a, i) => name(a, "regions", at(`ingressAddresses[${i}]`))),
      alertRules: [...new Set((r.alertRules ?? []) as string[])],
      ...(validatorsNs ? { validatorsNamespace: { value: String(((validatorsNs.inputs as Props).metadata as Props | undefined)?.name) } } : {}),
    };
  }
  const t = outputs.traffic;
  const traffic: TrafficNames | undefined = t
    ? {
        hostname: name(t.hostname, "traffic", ".hostname"),
        routing: name(t.routing, "traffic", ".routing"),
        healthChecks: Object.fromEntries(Object.entries(t.healthChecks ?? {}).map(([region, id]) => [region, name(id, "traffic", `.healthChecks["${region}"]`)])),
      }
    : undefined;
  return { project: plan.project, stack: plan.stack, regions, ...(traffic ? { traffic } : {}) };
}

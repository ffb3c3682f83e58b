import type { CheckInput, CheckResource } from "../checker/model";
import type { DalpConfig } from "../config/types";
import { DATABASE_TYPES } from "../policies/view";
import { runbookRequest } from "../runbook/build";
import { scopesOf } from "../runbook/scope";
import { planTopology } from "../topology/topology";
import { criticalPath, type CriticalPath } from "./criticalPath";
import { createDuration, updateDuration } from "./durations";

/** The critical path of `pulumi up`, and of the targeted update a failover runs. */
export interface DeployTimes {
  create: CriticalPath;
  /** The failover's targeted update (with the active region down), for a stack that has one to fail over to. */
  failover?: CriticalPath & { from: string; to: string };
}

/**
 * How long a stack takes to create, and its failover's targeted update. The failover's operations are read
 * from the topology the flip produces rather than from a second plan: the surviving region's database whose
 * placement changes is promoted, its warm DALP release starts routing the domain, and the traffic routing under
 * the global component is updated; the rest of the survivor's stamp is already running and changes only in API
 * objects. test/recovery.test.ts holds this to the runbook's targeted set, which is computed from both plans.
 */
export function deployTimes(input: CheckInput, config: DalpConfig): DeployTimes {
  const create = criticalPath(input, createDuration);
  const topology = planTopology(config);
  const to = runbookRequest(config, topology);
  if (!to) return { create };
  if (config.pattern === "hot-cold") return { create, failover: { ...rebuildPath(input, config.primaryRegion), from: config.primaryRegion, to } };
  const before = topology.stamps.find((s) => s.region === to);
  const after = planTopology({ ...config, primaryRegion: to }).stamps.find((s) => s.region === to);
  const scopes = scopesOf(input.resources);
  const changes = (r: CheckResource): boolean => {
    const scope = scopes.get(r.urn);
    // The global component's cloud resources carry the traffic routing; its generated values do not change.
    if (scope?.kind === "global") return !r.type.startsWith("random:") && !r.type.startsWith("pulumi:");
    if (scope?.kind !== "stamp" || scope.region !== to) return false;
    if (DATABASE_TYPES.includes(r.type)) return before?.database.kind !== after?.database.kind;
    // A warm DALP starts serving: its release routes the domain (addons/dalp/values.ts, DalpState).
    return r.type.startsWith("kubernetes:helm.sh/") && (r.inputs.values as { dapp?: unknown } | undefined)?.dapp !== undefined && before?.workloads !== after?.workloads;
  };
  const touched = new Set(input.resources.filter((r) => r.custom && changes(r)).map((r) => r.urn));
  const path = criticalPath(input, (r) => updateDuration(r, config.cloud), { only: touched });
  return { create, failover: { ...path, from: config.primaryRegion, to } };
}

/**
 * Hot-cold's rebuild creates in the recovery region what the home region has, its database restored rather than
 * created: read from the home stamp's create path, without a second plan of the rebuilt stack. The restore's
 * duration is the create time of the database type (an estimate; the copies' size decides).
 */
function rebuildPath(input: CheckInput, home: string): CriticalPath {
  const scopes = scopesOf(input.resources);
  const homeStamp = new Set(input.resources.filter((r) => r.custom && (scopes.get(r.urn) as { region?: string } | undefined)?.region === home).map((r) => r.urn));
  return criticalPath(input, createDuration, { only: homeStamp });
}

import * as pulumi from "@pulumi/pulumi";
import type { Topology } from "../topology/types";
import { buildRunbook, RunbookConfig, runbookRequest } from "./build";
import type { Runbook } from "./model";
import type { RegionNames, RunbookNames, TrafficNames } from "./names";

/** Names as the program holds them: outputs of the resources that carry them (a stamp's addresses as one Output). */
export type ProgramNames = Omit<RunbookNames<pulumi.Input<string>>, "regions"> & {
  regions: Record<string, Omit<RegionNames<pulumi.Input<string>>, "ingressAddresses"> & { ingressAddresses: pulumi.Input<pulumi.Input<string>[]> }>;
};

const named = (value: string) => ({ value });

function regionNames(r: RegionNames<string>): RegionNames {
  return {
    cluster: named(r.cluster),
    namespace: named(r.namespace),
    postgres: { identifier: named(r.postgres.identifier), host: named(r.postgres.host), ...(r.postgres.resourceGroup ? { resourceGroup: named(r.postgres.resourceGroup) } : {}) },
    buckets: { app: named(r.buckets.app), backup: named(r.buckets.backup) },
    ingressAddresses: r.ingressAddresses.map(named),
    alertRules: r.alertRules,
    ...(r.validatorsNamespace ? { validatorsNamespace: named(r.validatorsNamespace) } : {}),
  };
}

function trafficNames(t: TrafficNames<string>): TrafficNames {
  return { hostname: named(t.hostname), routing: named(t.routing), healthChecks: Object.fromEntries(Object.entries(t.healthChecks).map(([k, v]) => [k, named(v)])) };
}

/**
 * The stack output `runbook`: the failover from the current primary to its standby (or, on a single-region
 * stack, the procedures it has instead), with the deployed names. The targeted URNs are not known to the
 * program; the update commands read them from `dalp-ha runbook` run on the stack file.
 */
export function runbookOutput(config: RunbookConfig, topology: Topology, names: ProgramNames): pulumi.Output<Runbook | { note: string }> {
  // The stack output must never fail an update that has already made its changes: a stack this version has
  // no runbook for gets a note instead (the CLI gives the same reason as an error). After a failover no region
  // stands by: what is left is the return, which re-seeds a database and is not a failover.
  // Hot-cold's recovery region has no names yet: the rebuild creates them, so the runbook is the CLI's.
  if (config.pattern === "hot-cold") {
    return pulumi.output({
      note: topology.stamps.some((s) => s.role === "recovery")
        ? `the rebuild of the recovery region from its copies: npx dalp-ha runbook --config Pulumi.${config.stack}.yaml (its names exist only once it is rebuilt)`
        : `rebuilt: ${topology.primaryRegion} is active, restored from the copies; ${topology.homeRegion} stays isolated, and its return is not described by this stack`,
    });
  }
  try {
    runbookRequest(config, topology);
  } catch (err) {
    const cold = topology.stamps.filter((s) => s.role === "cold").map((s) => s.region);
    return pulumi.output({
      note:
        cold.length > 0
          ? `no region stands by: ${topology.primaryRegion} is active and ${cold.join(", ")} is isolated after the failover; returning it as the standby re-seeds its database, in two runs that dalp:reseed names (docs/${config.cloud}.md, "Returning")`
          : `no failover runbook for this stack: ${(err as Error).message}`,
    });
  }
  return pulumi.output(names).apply((resolved) => {
    const plain = resolved as unknown as RunbookNames<string>;
    return buildRunbook({
      config,
      topology,
      names: {
        project: plain.project,
        stack: plain.stack,
        regions: Object.fromEntries(Object.entries(plain.regions).map(([k, v]) => [k, regionNames(v)])),
        ...(plain.traffic ? { traffic: trafficNames(plain.traffic) } : {}),
      },
    });
  });
}

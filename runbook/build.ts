import { UsageError } from "../cli/exitCodes";
import type { DalpConfig } from "../config/types";
import { RECOVERY_OBJECTIVES } from "../facts/recovery";
import { cite } from "../facts/source";
import type { Topology } from "../topology/types";
import { commandsFor } from "./commands";
import type { FailoverRunbook, NoRegionalFailover, RebuildRunbook, Runbook, TargetSet } from "./model";
import { ref, type RunbookNames } from "./names";
import { STOP_RULE } from "./sequence";
import { failoverSteps } from "./steps";
import { REBUILD_STOP_RULE, rebuildSteps } from "./rebuild";

export type RunbookConfig = Pick<DalpConfig, "cloud" | "pattern" | "regions" | "primaryRegion" | "traffic" | "account" | "stack" | "project"> & Partial<Pick<DalpConfig, "reseed" | "recover">>;

export interface RunbookInput {
  config: RunbookConfig;
  topology: Topology;
  names: RunbookNames;
  /** The region to fail over to; the standby when not given. */
  failoverTo?: string;
  /** The targeted update set, when computed from the plans. */
  targetSet?: TargetSet;
}

/** The patterns whose failover this runbook follows: the hot-warm page's Manual failover sequence. */
const FAILOVER_PATTERNS = ["hot-warm"];

/**
 * The region a failover goes to: the standby, or the region `--failover-to` names, which must be a configured
 * region, not the current primary, and standing by (a failed-over stack's cold region returns through a
 * re-seed, not a failover).
 */
export function failoverTarget(config: Pick<RunbookConfig, "regions" | "primaryRegion">, topology: Topology, requested?: string): string {
  const standbys = topology.stamps.filter((s) => s.role === "standby").map((s) => s.region);
  const regions = config.regions.map((r) => r.name);
  if (requested === undefined) {
    if (standbys.length === 0) {
      throw new UsageError(
        `the stack has no standby region to fail over to (primary ${config.primaryRegion}; ${topology.stamps.map((s) => `${s.region} is ${s.role}`).join(", ")}): returning a region is the return procedure, which re-seeds its database, not a failover`,
      );
    }
    return standbys[0];
  }
  const allowed = standbys.length ? standbys.join(", ") : "none (no region stands by)";
  if (!regions.includes(requested)) throw new UsageError(`--failover-to "${requested}" is not a region of this stack (dalp:regions: ${regions.join(", ")}); allowed: ${allowed}`);
  if (requested === config.primaryRegion) throw new UsageError(`--failover-to "${requested}" is the current primary (dalp:primaryRegion); allowed: ${allowed}`);
  if (!standbys.includes(requested)) throw new UsageError(`--failover-to "${requested}" does not stand by (it is ${topology.stamps.find((s) => s.region === requested)?.role}); allowed: ${allowed}`);
  return requested;
}

/**
 * What a single-region stack has instead of a regional failover. The choice is to answer, not refuse: an
 * operator who asks any stack for its runbook gets the procedures that stack has (the cloud's own zone and
 * database failover, then restore from backup for the loss of the region); only asking for a failover to a
 * region is refused, as there is none.
 */
function noRegionalFailover(input: RunbookInput): NoRegionalFailover {
  const { config, topology } = input;
  return {
    kind: "no-regional-failover",
    project: config.project,
    stack: config.stack,
    cloud: config.cloud,
    pattern: config.pattern,
    region: topology.primaryRegion,
    why: `${config.pattern} runs one region (${topology.primaryRegion}): there is no second region to fail over to. Zone, node and database failures are handled inside the region; the loss of the region is recovered from backups.`,
    procedures: [
      { failure: "pod or node", procedure: "Kubernetes replaces the pod or schedules it on a healthy node; verify probes and restart alerts", source: cite("cloudNative", "Recovery expectations") },
      { failure: "availability zone", procedure: "the surviving zones keep serving: DALP replicas are spread over zones, PostgreSQL, cache and object storage are zone-redundant", source: cite("cloudNative", "Recovery expectations") },
      { failure: "managed database", procedure: "the managed PostgreSQL fails over to its standby in another zone; DALP reconnects to the same endpoint", source: cite("cloudNative", "Recovery expectations") },
      { failure: "cluster resources or the region", procedure: "restore from backup: PostgreSQL to a point in time inside the PITR window, the namespace from Velero, then validate and record RTO and RPO (docs/backups.md)", source: cite("backup", "Recovery checks") },
    ],
  };
}

/**
 * What a runbook request asks for, checked from configuration alone: the failover's target region, or
 * `undefined` for a single-region stack. Throws `UsageError` naming the option and the allowed values.
 */
export function runbookRequest(config: Pick<RunbookConfig, "pattern" | "regions" | "primaryRegion">, topology: Topology, failoverTo?: string): string | undefined {
  if (topology.stamps.length === 1) {
    if (failoverTo !== undefined) throw new UsageError(`--failover-to "${failoverTo}": ${config.pattern} runs one region (${topology.primaryRegion}), there is no region to fail over to; allowed: none (run without --failover-to for its recovery procedures)`);
    return undefined;
  }
  if (config.pattern === "hot-cold") return rebuildTarget(topology, failoverTo);
  if (!FAILOVER_PATTERNS.includes(config.pattern)) throw new UsageError(`the runbook follows the hot-warm page's Manual failover sequence; pattern ${config.pattern} has no generated runbook yet (runbooks exist for: ${[...FAILOVER_PATTERNS, "hot-cold"].join(", ")})`);
  return failoverTarget(config, topology, failoverTo);
}

/**
 * Hot-cold's region to rebuild: the recovery region while it holds only copies. A rebuilt stack has none left;
 * returning to the home region is not described by this stack.
 */
function rebuildTarget(topology: Topology, requested?: string): string {
  const recovery = topology.stamps.find((s) => s.role === "recovery")?.region;
  if (recovery === undefined) {
    throw new UsageError(`the stack is rebuilt (${topology.primaryRegion} active, dalp:recover): no region holds only copies to rebuild; returning to ${topology.homeRegion} is not described by this stack`);
  }
  if (requested !== undefined && requested !== recovery) throw new UsageError(`--failover-to "${requested}": hot-cold rebuilds only its recovery region; allowed: ${recovery}`);
  return recovery;
}

/** Hot-cold's rebuild of the recovery region from its copies. */
function rebuildRunbook(input: RunbookInput, to: string): RebuildRunbook {
  const { config, topology, names } = input;
  const objectives = RECOVERY_OBJECTIVES[config.pattern];
  return {
    kind: "rebuild",
    project: config.project,
    stack: config.stack,
    cloud: config.cloud,
    pattern: config.pattern,
    from: topology.primaryRegion,
    to,
    recoveryObjectives: objectives,
    stopRule: REBUILD_STOP_RULE,
    steps: rebuildSteps({
      commands: commandsFor(config.cloud),
      project: config.project,
      stack: config.stack,
      from: topology.primaryRegion,
      to,
      names,
      project_id: config.cloud === "gcp" ? config.account : undefined,
      rpo: objectives.rpo,
      healthPath: config.traffic.healthCheck.path,
      targetSet: input.targetSet,
    }),
    ...(input.targetSet ? { targetSet: input.targetSet } : {}),
  };
}

/** The stack's failover runbook: pure, from configuration, topology and the stack's resource names. */
export function buildRunbook(input: RunbookInput): Runbook {
  const { config, topology, names } = input;
  const to = runbookRequest(config, topology, input.failoverTo);
  if (to === undefined) return noRegionalFailover(input);
  if (config.pattern === "hot-cold") return rebuildRunbook(input, to);
  const from = config.primaryRegion;
  const objectives = RECOVERY_OBJECTIVES[config.pattern];
  const runbook: FailoverRunbook = {
    kind: "failover",
    project: config.project,
    stack: config.stack,
    cloud: config.cloud,
    pattern: config.pattern,
    from,
    to,
    recoveryObjectives: objectives,
    stopRule: STOP_RULE,
    steps: failoverSteps({
      commands: commandsFor(config.cloud),
      project: config.project,
      stack: config.stack,
      from,
      to,
      names,
      traffic: {
        zone: config.traffic.zone,
        ttlSeconds: config.traffic.ttlSeconds,
        healthPath: config.traffic.healthCheck.path,
        intervalSeconds: config.traffic.healthCheck.intervalSeconds,
        failureThreshold: config.traffic.healthCheck.failureThreshold,
      },
      project_id: config.cloud === "gcp" ? config.account : undefined,
      fromRegion: { index: config.regions.findIndex((r) => r.name === from), zonesNamed: "names" in (config.regions.find((r) => r.name === from)?.zones ?? { count: 0 }) },
      rpo: objectives.rpo,
      targetSet: input.targetSet,
    }),
    return: returnProcedure(input, from, to),
    ...(input.targetSet ? { targetSet: input.targetSet } : {}),
  };
  return runbook;
}

/**
 * What follows the failover once `from` is reachable again. The home region returns by re-seed (dalp:reseed):
 * reconcile, release, recreate (the one destructive run), copy what bucket replication does not, then mark the
 * return done. A region that is itself the product of a return is not re-seeded by this stack.
 */
function returnProcedure(input: RunbookInput, from: string, to: string): string[] {
  const { config, names } = input;
  const home = config.regions[0].name;
  const reconcile = `${from} returns once reconciliation has decided what its database holds: \`pulumi up\` with every region reachable applies the reconciliation list and keeps ${from} isolated.`;
  if (from !== home) {
    return [
      reconcile,
      `${from}'s database is the promoted replica of an earlier return; re-seeding it is not described by this stack (dalp:reseed names only the home region, ${home}). Keep ${from} isolated, and plan its return as a restore into a new stack.`,
    ];
  }
  const commands = commandsFor(config.cloud);
  const bucket = (region: string, purpose: "app" | "backup") => ({ region, name: ref(names.regions[region]?.buckets[purpose]), project: config.cloud === "gcp" ? config.account : undefined });
  const backfill = commands.backfillBucket
    ? (["app", "backup"] as const).map((purpose) => {
        // The active region's Velero writes under its own prefix; the rest of its backup bucket is the other
        // region's backups replicated into it (GCP replicates only that prefix; on AWS replicas are not eligible).
        const c = commands.backfillBucket!(bucket(to, purpose), bucket(from, purpose), purpose === "backup" ? `${to}/` : undefined);
        return `Copy what replication does not (the ${purpose} bucket's objects from before it began): \`${c.run}\` — expect ${c.expect}.`;
      })
    : [`Bucket replication ${to} -> ${from} copies the objects that existed before it too; objects only ${from} holds stay in its containers, so check ${from}'s application objects against ${to}'s before a failover back.`];
  return [
    reconcile,
    `Then \`pulumi config set --path dalp:reseed.region ${from}\` and \`pulumi config set --path dalp:reseed.step release\`, and \`pulumi up\`: it lifts \`protect\` and the cloud's deletion protection from ${from}'s database and changes nothing else (the diff shows only that database).`,
    `Destructive: \`pulumi config set --path dalp:reseed.step recreate\` (dalp:primaryRegion stays ${to}), and \`pulumi up\` deletes ${from}'s former primary database, with whatever it took after the failover (docs/${config.cloud}.md, "Returning", says what the cloud keeps of it), and creates a new replica of ${to} in its place; replication ${to} -> ${from} and the traffic failover to ${from} come back with it.`,
    ...backfill,
    `Once the replica is created and the copies are complete: \`pulumi config set --path dalp:reseed.step returned\` (it changes nothing) and leave dalp:reseed set from then on.`,
    `Failing over to ${from} again afterwards is this runbook generated on the returned stack: dalp:primaryRegion ${from} promotes the re-seeded replica in place.`,
  ];
}

/* eslint-disable @typescript-eslint/no-require-imports */
import * as pulumi from "@pulumi/pulumi";
import type { Plan } from "../planner/model";
import { planStack } from "../planner/plan";
import { stateOfPlan } from "../planner/diff";
import { readStackConfig, stackFilePath } from "../planner/stackFiles";
import { planTopology } from "../topology/topology";
import { buildRunbook, runbookRequest } from "./build";
import { commandsFor } from "./commands";
import { namesFromPlan } from "./fromPlan";
import type { Runbook } from "./model";
import { stackConfig } from "./stackConfig";
import { targetedSet } from "./targets";
import { REBUILD_STEP } from "./rebuild";

export interface RunbookTarget {
  stack: string;
  /** A stack file instead of the reference stack's `Pulumi.<stack>.yaml`. */
  configFile?: string;
  failoverTo?: string;
}

/**
 * The stack's configuration after the failover's change: `dalp:primaryRegion` names the new primary, and the
 * failed region's zones are given by name (the program must not ask a region that may be down which zones
 * it has; the names are in the stack outputs, `regions.<region>.zones`).
 */
export function flippedConfig(values: Record<string, string>, from: string, to: string, zones: string[]): Record<string, string> {
  const regions = JSON.parse(values["dalp:regions"] ?? "[]") as Array<string | { name: string; zones?: unknown }>;
  const named = regions.map((r) => {
    const region = typeof r === "string" ? { name: r } : r;
    return region.name === from && !Array.isArray(region.zones) ? { ...region, zones } : r;
  });
  return { ...values, "dalp:regions": JSON.stringify(named), "dalp:primaryRegion": to };
}

/** The program run with the flipped configuration, as `pulumi up` runs it after the configuration change. */
function flippedProgram(values: Record<string, string>, secretKeys: string[]): () => Promise<Record<string, unknown>> {
  return async () => {
    pulumi.runtime.setAllConfig(values, secretKeys);
    return require("../patterns/program").deploy() as Promise<Record<string, unknown>>;
  };
}

/** The two plans of a failover: the stack as configured, and the same stack file with the primary flipped. */
export async function failoverPlans(target: RunbookTarget, from: string, to: string): Promise<{ original: Plan; flipped: Plan }> {
  const configFile = target.configFile ?? stackFilePath(target.stack);
  const original = await planStack({ stack: target.stack, configFile });
  const zones = ((original.outputs.regions ?? {}) as Record<string, { zones?: string[] }>)[from]?.zones ?? [];
  const runtime = readStackConfig(configFile);
  const flipped = await planStack({ stack: target.stack, configFile, program: flippedProgram(flippedConfig(runtime.values, from, to, zones), runtime.secretKeys) });
  return { original, flipped };
}

/**
 * The runbook of a stack file, offline: `--failover-to` is checked against the configuration first, then the
 * stack is planned as configured (its names) and flipped (the targeted set, and what to reconcile).
 */
export async function runbookForStack(target: RunbookTarget): Promise<Runbook> {
  const file = target.configFile ?? stackFilePath(target.stack);
  const config = stackConfig(file, target.stack);
  const topology = planTopology(config);
  const to = runbookRequest(config, topology, target.failoverTo);
  if (to === undefined) {
    const plan = await planStack({ stack: target.stack, configFile: file });
    return buildRunbook({ config, topology, names: namesFromPlan(plan) });
  }
  if (config.pattern === "hot-cold") return rebuildRunbookForStack(target, config, topology, to);
  const { original, flipped } = await failoverPlans(target, config.primaryRegion, to);
  const targetSet = targetedSet(flipped, stateOfPlan(original), { failed: config.primaryRegion, survivor: to, databaseModules: commandsFor(config.cloud).databaseModules });
  return buildRunbook({ config, topology, names: namesFromPlan(original), failoverTo: to, targetSet });
}

/** The stack's configuration with the rebuild of `to` set, as step 3 of the rebuild sets it. */
export function rebuiltConfig(values: Record<string, string>, to: string): Record<string, string> {
  return { ...values, "dalp:recover": JSON.stringify({ region: to }) };
}

/**
 * Hot-cold's rebuild runbook: the stack as configured (the home region's names) and rebuilt (the recovery
 * region's, which exist only once it is built), and the rebuild's one targeted update between them.
 */
async function rebuildRunbookForStack(target: RunbookTarget, config: ReturnType<typeof stackConfig>, topology: ReturnType<typeof planTopology>, to: string): Promise<Runbook> {
  const configFile = target.configFile ?? stackFilePath(target.stack);
  const original = await planStack({ stack: target.stack, configFile });
  const runtime = readStackConfig(configFile);
  const rebuilt = await planStack({ stack: target.stack, configFile, program: flippedProgram(rebuiltConfig(runtime.values, to), runtime.secretKeys) });
  const set = targetedSet(rebuilt, stateOfPlan(original), { failed: config.primaryRegion, survivor: to, databaseModules: commandsFor(config.cloud).databaseModules });
  // One update builds the region: every target belongs to the rebuild's step.
  const targetSet = { ...set, targets: set.targets.map((t) => ({ ...t, steps: [REBUILD_STEP] })) };
  const before = namesFromPlan(original);
  const after = namesFromPlan(rebuilt);
  const names = { ...before, regions: { ...before.regions, [to]: after.regions[to] } };
  return buildRunbook({ config, topology, names, failoverTo: to, targetSet });
}

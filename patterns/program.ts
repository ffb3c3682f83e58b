import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ConfigError, ConfigIssue } from "../config/errors";
import { loadConfig, registryPassword } from "../config/load";
import type { DalpConfig } from "../config/types";
import { adapterFor } from "../stacks/registry";
import { planTopology } from "../topology/topology";
import { stackOutputs } from "./outputs";
import { buildStamp } from "./stamp";
import { stackTags } from "./tags";

/** Patterns whose cross-region links this version builds; the topology of every pattern is already planned. */
const BUILT_PATTERNS: ReadonlyArray<DalpConfig["pattern"]> = ["cloud-native"];

/**
 * The whole program: configuration, topology, one stamp per region through the cloud's ports, then outputs.
 * Every check that can fail runs before the first resource is declared.
 */
export async function deploy(): Promise<Record<string, unknown>> {
  const config = loadConfig();
  const tags = stackTags(config);
  const adapter = adapterFor(config.cloud, tags, config.account);
  const issues: ConfigIssue[] = [...adapter.validate(config)];
  if (!BUILT_PATTERNS.includes(config.pattern)) {
    issues.push({
      key: "dalp:pattern",
      given: JSON.stringify(config.pattern),
      allowed: `a pattern this version builds: ${BUILT_PATTERNS.join(", ")} (the others are planned by the topology, their cross-region links are not built yet)`,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);

  const topology = planTopology(config);
  const facts = await adapter.discover(config, topology);
  const password = config.charts.registry ? registryPassword() : undefined;
  // Default providers are disabled in the stack files; cloud-neutral packages get an explicit one too.
  const sharedProviders = [new random.Provider("random")];
  const stamps = topology.stamps
    .filter((stamp) => stamp.cluster)
    .map((stamp) => buildStamp(adapter, { config, topology, facts, stamp, tags, registryPassword: password, sharedProviders }));
  return stackOutputs(config, topology, stamps);
}

/**
 * The Pulumi entry point's wrapper: configuration errors are the user's to fix, so they are reported as a
 * `RunError`, which Pulumi prints as a plain message without a stack trace.
 */
export async function main(): Promise<Record<string, unknown>> {
  try {
    return await deploy();
  } catch (err) {
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

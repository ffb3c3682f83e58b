import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ConfigError, ConfigIssue } from "../config/errors";
import { guard, guarded } from "../config/guardedChecks";
import { readConfigInput, registryPassword } from "../config/load";
import { ConfigStage, validateConfig } from "../config/validate";
import type { DalpConfig } from "../config/types";
import { adapterFor, AnyAdapter } from "../stacks/registry";
import { planTopology } from "../topology/topology";
import { databaseSource, inDatabaseOrder } from "./databaseOrder";
import { databasePassword } from "./databasePassword";
import { GlobalComponent } from "./global";
import { buildLinks } from "./links";
import { stackOutputs } from "./outputs";
import { buildStamp, BuiltStamp, FoundedStamp, foundStamp, StampInput } from "./stamp";
import { buildVault, VaultStamp } from "./vault";
import type { Stamp } from "../topology/types";
import { patternSupportIssues } from "./support";
import { stackTags } from "./tags";

/**
 * The whole program: configuration, topology, one stamp per region through the cloud's ports, then outputs.
 * Every check that can fail without asking the cloud runs before the first resource is declared, and all of
 * them run in one round: the schema's, the cross-key rules', the cloud's and the pattern's findings are
 * reported together (a rule that would only repeat a key that already failed is left out).
 */
export async function deploy(): Promise<Record<string, unknown>> {
  let adapter: AnyAdapter | undefined;
  let tags: Record<string, string> = {};
  const cloudStage: ConfigStage = (view) => {
    // With a refused pattern or tag the stack's tags cannot be spelt; the cloud's checks then see none.
    tags = guarded(() => stackTags(view), {});
    const found = guarded(() => adapterOrIssue(view, tags), { issues: [] });
    adapter = found.adapter;
    return [...found.issues, ...(adapter ? adapter.validate(view) : [])];
  };
  const patternStage: ConfigStage = (view) => guard(() => (adapter ? patternSupportIssues(adapter, view) : []));
  const config = validateConfig(readConfigInput(), [cloudStage, patternStage]);
  // Assigned by the cloud stage, which a valid configuration always reaches.
  const cloud = adapter as AnyAdapter | undefined;
  if (!cloud) throw new Error(`no adapter for cloud ${config.cloud} after validation`);

  const topology = planTopology(config);
  const facts = await cloud.discover(config, topology);
  const password = config.charts.registry ? registryPassword() : undefined;
  // Default providers are disabled in the stack files; cloud-neutral packages get an explicit one too.
  const randomProvider = new random.Provider("random");
  const sharedProviders = [randomProvider];
  const global = new GlobalComponent({ drill: { enabled: config.drill.enabled, ...(config.drill.lastRun ? { lastRun: config.drill.lastRun } : {}) } });
  const dbPassword = databasePassword(cloud.postgresPassword, config, topology, global, randomProvider);
  // Phase one: every stamp's foundation in the topology's order (the home region first), then the rest of each
  // stamp, each after the stamp its database follows. Phase two: the links between them.
  // A region that holds only copies (hot-cold's recovery region) is a vault: no network, no cluster.
  const inputOf = (stamp: Stamp): StampInput => ({ config, topology, facts, stamp, tags, registryPassword: password, sharedProviders, databasePassword: dbPassword });
  const founded = new Map<string, FoundedStamp | VaultStamp>(
    topology.stamps.map((stamp) => [stamp.region, stamp.cluster ? foundStamp(cloud, inputOf(stamp)) : buildVault(cloud, inputOf(stamp))]),
  );
  const built = new Map<string, BuiltStamp | VaultStamp>();
  for (const stamp of inDatabaseOrder(topology)) {
    const f = founded.get(stamp.region)!;
    if ("kind" in f) {
      built.set(stamp.region, f);
      continue;
    }
    const source = databaseSource(stamp);
    const upstream = source ? built.get(source) : undefined;
    if (upstream?.kind === "vault") throw new Error(`the database in ${stamp.region} follows ${source}, which holds only copies`);
    built.set(stamp.region, buildStamp(cloud, f, upstream));
  }
  const stamps = topology.stamps.map((s) => built.get(s.region)!);
  const { traffic } = buildLinks(cloud, topology.links, stamps, { config, topology, facts, tags, sharedProviders, global });
  return stackOutputs(config, topology, stamps, traffic);
}

/** The cloud's adapter, or the issue that there is none for the configured cloud. */
function adapterOrIssue(config: DalpConfig, tags: Record<string, string>): { adapter?: AnyAdapter; issues: ConfigIssue[] } {
  try {
    // A refused account still lets the cloud's other checks run; the adapter then is only used to validate.
    const account = guarded(() => config.account, undefined);
    return { adapter: adapterFor(config.cloud, tags, account), issues: [] };
  } catch (err) {
    if (err instanceof ConfigError) return { issues: err.issues };
    throw err;
  }
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

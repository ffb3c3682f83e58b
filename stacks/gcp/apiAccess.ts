import type { GkeApiAccess } from "../../components/gcp/gkeCluster";
import { RUNNER_NETWORK_ID } from "../../config/apiAccess";
import type { DalpConfig } from "../../config/types";

/** Where a compute resource's self link starts; peerings name their networks by it. */
const COMPUTE_API = "https://www.googleapis.com/compute/v1/";

/** The existing network `pulumi up` runs in, as the private mode names it. */
export interface RunnerNetwork {
  project: string;
  name: string;
  /** `https://www.googleapis.com/compute/v1/projects/<project>/global/networks/<name>`. */
  selfLink: string;
  cidr: string;
}

/**
 * `dalp:cluster.apiAccess` as the GKE cluster takes it. Configuration validation has already refused a missing
 * mode, a public mode without CIDRs and a private mode without a runner network.
 */
export function gkeApiAccess(config: DalpConfig): GkeApiAccess {
  const access = config.cluster.apiAccess;
  switch (access?.mode) {
    case "dns":
      return { mode: "dns" };
    case "public":
      return { mode: "public", cidrs: access.cidrs ?? [] };
    case "private":
      return { mode: "private", runnerCidr: runnerNetworkOf(config).cidr };
    default:
      throw new Error("the GCP adapter needs dalp:cluster.apiAccess; configuration validation refuses a stack without it");
  }
}

/** The runner network of a private-mode stack, from `projects/<project>/global/networks/<name>` or its self link. */
export function runnerNetworkOf(config: DalpConfig): RunnerNetwork {
  const runner = config.cluster.apiAccess?.runnerNetwork;
  const parts = runner && RUNNER_NETWORK_ID.gcp.pattern.exec(runner.id)?.groups;
  if (!runner || !parts) throw new Error(`the GCP adapter needs dalp:cluster.apiAccess.runnerNetwork.id as ${RUNNER_NETWORK_ID.gcp.example}`);
  return { project: parts.project, name: parts.name, selfLink: `${COMPUTE_API}projects/${parts.project}/global/networks/${parts.name}`, cidr: runner.cidr };
}

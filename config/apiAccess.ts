import { isNonPublic, overlaps } from "../lib/cidr";
import { ConfigIssue, renderValue } from "./errors";
import { guard } from "./guardedChecks";
import { regionCidr, regionName } from "./regionNames";
import type { RawDalpConfig } from "./schema";
import type { Cloud } from "./types";

const KEY = "dalp:cluster.apiAccess";

/** How each mode is configured, as the "ways out" of an error name them. */
const WAYS: Record<"public" | "dns" | "private", (cloud: Cloud) => string> = {
  public: () =>
    `{mode: public, cidrs: [<the public egress address of the machine running pulumi up>/32]} (pulumi config set --path '${KEY}.mode' public; pulumi config set --path '${KEY}.cidrs[0]' 198.51.100.7/32)`,
  dns: () => "{mode: dns}: GKE's DNS-based endpoint, authorised by IAM, reachable wherever Google credentials are",
  private: (cloud) =>
    `{mode: private, runnerNetwork: {id: ${RUNNER_ID[cloud]?.example ?? "<network id>"}, cidr: <its address space>${cloud === "aws" ? ", routeTableIds: [rtb-...]" : ""}}}: the stack peers each region's network with the existing network pulumi up runs in`,
};

/**
 * How a runner network is named on each cloud: the one grammar the configuration checks and the adapters
 * read the parts of (named groups), so the two cannot disagree.
 */
export const RUNNER_NETWORK_ID = {
  aws: { pattern: /^vpc-[0-9a-f]{8,17}$/, example: "vpc-0123456789abcdef0" },
  azure: {
    pattern: /^\/subscriptions\/(?<subscriptionId>[0-9a-f-]{36})\/resourceGroups\/(?<resourceGroupName>[^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/(?<name>[^/]+)$/i,
    example: "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>",
  },
  gcp: {
    pattern: /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9])\/global\/networks\/(?<name>[a-z]([-a-z0-9]{0,61}[a-z0-9])?)$/,
    example: "projects/<project>/global/networks/<name>",
  },
} as const;
const RUNNER_ID: Partial<Record<Cloud, { pattern: RegExp; example: string }>> = RUNNER_NETWORK_ID;

/** The API access modes each cloud offers. */
export const API_ACCESS_BY_CLOUD: Record<Cloud, ReadonlyArray<"public" | "dns" | "private">> = {
  aws: ["public", "private"],
  azure: ["public", "private"],
  gcp: ["dns", "public", "private"],
  // A self-hosted cluster exists before the stack runs; the kubeconfig given reaches it.
  kubernetes: [],
};

function waysOut(cloud: Cloud): string {
  return API_ACCESS_BY_CLOUD[cloud].map((m) => WAYS[m](cloud)).join("; or ");
}

/**
 * Whether `pulumi up` can reach the cluster API it creates: the same run builds the network and the cluster,
 * then installs storage classes and Helm releases through that API, so a configuration without a path from the
 * runner fails half-way, with protected databases already created. Refused here, before anything is declared.
 */
export function apiAccessIssues(raw: Pick<RawDalpConfig, "cloud" | "cluster" | "regions">): ConfigIssue[] {
  const modes = API_ACCESS_BY_CLOUD[raw.cloud];
  if (modes.length === 0) return [];
  const access = raw.cluster.apiAccess;
  if (access === undefined) {
    return [{ key: KEY, given: renderValue(undefined), allowed: `how pulumi up reaches the cluster API that the same run creates and then installs into: ${waysOut(raw.cloud)}` }];
  }
  const issues: ConfigIssue[] = [];
  const issue = (key: string, value: unknown, allowed: string) => issues.push({ key, given: renderValue(value), allowed });
  if (!modes.includes(access.mode)) {
    issue(`${KEY}.mode`, access.mode, `one of ${modes.join(", ")} on ${raw.cloud}: ${waysOut(raw.cloud)}`);
    return issues;
  }
  if (access.mode !== "public" && access.cidrs !== undefined) {
    issue(`${KEY}.cidrs`, access.cidrs, `nothing with mode ${access.mode} (there is no public endpoint to open); remove the key, or use mode public`);
  }
  if (access.mode !== "private" && access.runnerNetwork !== undefined) {
    issue(`${KEY}.runnerNetwork`, access.runnerNetwork, `nothing with mode ${access.mode}; remove the key, or use mode private`);
  }
  if (access.mode === "public") {
    if (access.cidrs === undefined || access.cidrs.length === 0) {
      const others = modes.filter((m) => m !== "public").map((m) => WAYS[m](raw.cloud));
      issue(`${KEY}.cidrs`, access.cidrs, `the public addresses allowed to the API, at least the egress address of the machine running pulumi up: ${WAYS.public(raw.cloud)}; or ${others.join("; or ")}`);
    }
    (access.cidrs ?? []).forEach((c, i) => {
      if (isNonPublic(c)) {
        issue(`${KEY}.cidrs[${i}]`, c, `a public address: a public endpoint never sees a private or shared address (${c}) as a source; for a runner inside a private network use ${WAYS.private(raw.cloud)}`);
      }
    });
  }
  if (access.mode === "private") {
    const runner = access.runnerNetwork;
    if (runner === undefined) {
      issue(`${KEY}.runnerNetwork`, undefined, `the existing network pulumi up runs in, which the stack peers with each region: ${WAYS.private(raw.cloud)}; or use ${API_ACCESS_BY_CLOUD[raw.cloud].filter((m) => m !== "private").map((m) => WAYS[m](raw.cloud)).join(" or ")}`);
      return issues;
    }
    const id = RUNNER_ID[raw.cloud];
    if (id && !id.pattern.test(runner.id)) issue(`${KEY}.runnerNetwork.id`, runner.id, `a network id such as ${id.example}`);
    raw.regions.forEach((r, i) => {
      // Guarded per region: a region that failed validation says nothing about the runner's address space.
      issues.push(
        ...guard(() => {
          const cidr = regionCidr(r, i);
          if (!overlaps(cidr, runner.cidr)) return [];
          return [{ key: `${KEY}.runnerNetwork.cidr`, given: renderValue(runner.cidr), allowed: `an address space that does not overlap region ${regionName(r)} (${cidr}): peered networks route by address; change dalp:regions[${i}].cidr or this` }];
        }),
      );
    });
    if (raw.cloud === "aws" && (runner.routeTableIds === undefined || runner.routeTableIds.length === 0)) {
      issue(`${KEY}.runnerNetwork.routeTableIds`, runner.routeTableIds, "the runner VPC's route tables (at least the one of the runner's subnet), which get a route to each region's network over the peering");
    }
    // One runner VPC serves every region: with more than one, "the stamp's region" names a different VPC per stamp.
    if (raw.cloud === "aws" && runner.region === undefined && raw.regions.length > 1) {
      issue(`${KEY}.runnerNetwork.region`, undefined, `the region of the runner's VPC (${runner.id}): with ${raw.regions.length} regions the stack peers each of them with it, so it must say where it is`);
    }
    if (raw.cloud !== "aws" && runner.routeTableIds !== undefined) issue(`${KEY}.runnerNetwork.routeTableIds`, runner.routeTableIds, `nothing on ${raw.cloud}: peering routes are exchanged by the peering itself`);
    if (raw.cloud !== "aws" && runner.region !== undefined) issue(`${KEY}.runnerNetwork.region`, runner.region, `nothing on ${raw.cloud}: the network id already says where it is`);
  }
  return issues;
}

import type { EksApiEndpoint } from "../../components/aws/eksCluster";
import type { RunnerNetwork } from "../../components/aws/runnerPeering";
import type { DalpConfig } from "../../config/types";

type ApiAccess = NonNullable<DalpConfig["cluster"]["apiAccess"]>;

/** `dalp:cluster.apiAccess`, which the configuration has already checked is set and complete for AWS. */
function apiAccessOf(config: DalpConfig): ApiAccess {
  const access = config.cluster.apiAccess;
  if (access === undefined) throw new Error("dalp:cluster.apiAccess is not set; the configuration check should have refused it");
  return access;
}

/** The EKS endpoint `dalp:cluster.apiAccess` asks for: public to the given CIDRs, or private to the runner. */
export function eksApiEndpoint(config: DalpConfig): EksApiEndpoint {
  const access = apiAccessOf(config);
  switch (access.mode) {
    case "public":
      return { kind: "public", cidrs: [...(access.cidrs ?? [])] };
    case "private":
      if (!access.runnerNetwork) throw new Error("dalp:cluster.apiAccess.runnerNetwork is not set; the configuration check should have refused it");
      return { kind: "private", runnerCidr: access.runnerNetwork.cidr };
    default:
      throw new Error(`dalp:cluster.apiAccess.mode ${access.mode} has no EKS endpoint; the configuration check should have refused it`);
  }
}

/**
 * The runner's VPC to peer a stamp with, and its region: the stamp's own unless `runnerNetwork.region` says
 * otherwise (the schema's meaning of the key). None unless the endpoint is private.
 */
export function runnerNetworkOf(config: DalpConfig, stampRegion: string): (RunnerNetwork & { region: string }) | undefined {
  const access = apiAccessOf(config);
  if (access.mode !== "private" || !access.runnerNetwork) return undefined;
  const runner = access.runnerNetwork;
  return { vpcId: runner.id, cidr: runner.cidr, routeTableIds: [...(runner.routeTableIds ?? [])], region: runner.region ?? stampRegion };
}

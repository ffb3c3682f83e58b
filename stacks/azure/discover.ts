import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { assertKubeloginIdentity } from "../../components/azure/clusterAccess";
import { ConfigError, ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { resolveZones } from "../../topology/zones";
import { AZURE_REGIONS_WITHOUT_APISERVER_VNET_INTEGRATION, AZURE_REGIONS_WITHOUT_ZONES, AZURE_ZONAL_REGIONS, AZURE_ZONE_NAMES } from "./regions";

/** Who runs the deployment: the subscription and tenant the provider resolves to, and the caller's object id. */
export interface AzureClient {
  subscriptionId: string;
  tenantId: string;
  objectId: string;
}

/**
 * Resolves each region's zones and reads the subscription. The zone checks need no API call (see regions.ts),
 * so they run before any provider exists: a region without zones, or a zone Azure does not have, declares
 * nothing. The caller's identity comes from the primary region's provider, which is pinned to `dalp:account`
 * when that is set. With an engine (preview or update, not the offline planner) kubelogin must then sign in as an
 * identity the stack makes cluster admin, or the run stops here, before anything is created.
 */
export async function discoverAzure(
  config: DalpConfig,
  topology: Topology,
  providerFor: (region: string) => pulumi.ProviderResource,
): Promise<{ facts: CloudFacts; client: AzureClient }> {
  // Zonal Azure regions all offer zones 1-3, so the zone checks need no API call and run before any provider.
  const regionIssues: ConfigIssue[] = [];
  const available: Record<string, readonly string[]> = {};
  config.regions.forEach((region, i) => {
    if (AZURE_REGIONS_WITHOUT_APISERVER_VNET_INTEGRATION.has(region.name)) {
      regionIssues.push({
        key: `dalp:regions[${i}].name`,
        given: renderValue(region.name),
        allowed: `an Azure region where AKS offers API Server VNet Integration, which the cluster is built on (${region.name} does not: learn.microsoft.com/azure/aks/api-server-vnet-integration, "Availability", checked 2026-11-22)`,
      });
      return;
    }
    if (AZURE_ZONAL_REGIONS.has(region.name)) {
      available[region.name] = AZURE_ZONE_NAMES;
      return;
    }
    const why = AZURE_REGIONS_WITHOUT_ZONES.has(region.name) ? `${region.name} has no availability zones` : `${region.name} is not an Azure region this version knows`;
    regionIssues.push({
      key: `dalp:regions[${i}].name`,
      given: renderValue(region.name),
      allowed: `an Azure region with availability zones (${why}), such as westeurope, northeurope, swedencentral, germanywestcentral, eastus2; the list is learn.microsoft.com/azure/reliability/regions-list, checked 2026-11-22`,
    });
  });
  const { zones, issues } = resolveZones(config, available);
  const all = [...regionIssues, ...issues.filter((issue) => !regionIssues.some((r) => issue.key.startsWith(r.key.replace(/\.name$/, ""))))];
  if (all.length > 0) throw new ConfigError(all);
  for (const stamp of topology.stamps) {
    if (!zones[stamp.region]) throw new Error(`region ${stamp.region} of the topology is not configured`);
  }

  const client = await authorization.getClientConfig({ provider: providerFor(topology.primaryRegion) });
  if (pulumi.runtime.hasEngine()) await assertKubeloginIdentity({ objectId: client.objectId, tenantId: client.tenantId }, config.cluster.adminPrincipals);
  return {
    facts: { zones, account: client.subscriptionId },
    client: { subscriptionId: client.subscriptionId, tenantId: client.tenantId, objectId: client.objectId },
  };
}

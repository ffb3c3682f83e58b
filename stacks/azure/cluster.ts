import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { AksApiAccess, AksCluster } from "../../components/azure/aksCluster";
import { AksClusterAddons, ZRS_STORAGE_CLASS, ZRS_VOLUMES } from "../../components/azure/aksClusterAddons";
import { PrivateApiPath } from "../../components/azure/privateApiPath";
import type { ClusterPort, StampContext } from "../../ports/adapter";
import { AZURE_DEFAULTS } from "./defaults";
import type { AzureClient } from "./discover";
import { azureDnsLabel } from "./names";
import type { AzureFoundation, AzureProviders } from "./network";
import { parseVnetId } from "./runnerNetwork";

export interface AzureCluster extends ClusterPort {
  aks: AksCluster;
}

export function buildCluster(ctx: StampContext, net: AzureFoundation, deployer: AzureClient, providers: AzureProviders, tags: Record<string, string>): AzureCluster {
  const c = ctx.config.cluster;
  const aks = new AksCluster(`${ctx.prefix}-aks`, {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    subscriptionId: ctx.facts.account,
    tenantId: deployer.tenantId,
    deployerObjectId: deployer.objectId,
    kubernetesVersion: c.kubernetesVersion ?? AZURE_DEFAULTS.kubernetesVersion,
    dnsPrefix: azureDnsLabel(54, "dalp", ctx.config.stack, ctx.stamp.region),
    zones: ctx.zones,
    nodeSubnetByZone: net.network.nodeSubnetByZone,
    apiServerSubnetId: net.network.apiServerSubnetId,
    vnetId: net.network.vnetId,
    nodeType: c.nodeType ?? AZURE_DEFAULTS.nodeType,
    minPerZone: c.minPerZone,
    maxPerZone: c.maxPerZone,
    systemNodeType: AZURE_DEFAULTS.systemNodeType,
    systemNodesPerZone: AZURE_DEFAULTS.systemNodesPerZone,
    apiAccess: apiAccess(ctx, net, providers, tags),
    adminGroupObjectIds: c.adminPrincipals,
    isolated: ctx.stamp.role === "cold",
    tags,
  }, { parent: ctx.parent, providers: [net.provider] });
  // AKS hides the controller manager, scheduler and etcd; with the Cilium dataplane there is no kube-proxy.
  const scrapeTargets = { controllerManager: false, scheduler: false, etcd: false, kubeProxy: false, coreDns: true };
  return { aks, name: aks.name, kubeconfig: aks.kubeconfig, ready: aks.ready, storageClass: ZRS_STORAGE_CLASS, volumes: ZRS_VOLUMES, scrapeTargets };
}

/**
 * `dalp:cluster.apiAccess` as AKS spells it; the configuration has refused every shape from which pulumi up
 * could not reach the API. Public: exactly the configured ranges. AKS recommends admitting the cluster's
 * own egress addresses too (learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges, "Recommended IP
 * ranges to allow", ms.date 2026-08-03, read 2026-11-22), for nodes that reach the API over its public
 * address; with API Server VNet Integration they never do ("the agent nodes always communicate directly
 * with the private IP address of the API server internal load balancer", api-server-vnet-integration),
 * so the endpoint stays open to the runner's ranges alone. Private: the cluster's own DNS zone, linked to
 * the runner's network, and the two networks peered.
 */
function apiAccess(ctx: StampContext, net: AzureFoundation, providers: AzureProviders, tags: Record<string, string>): AksApiAccess {
  const access = ctx.config.cluster.apiAccess;
  if (access?.mode === "public" && access.cidrs && access.cidrs.length > 0) {
    return { mode: "public", authorizedIPRanges: access.cidrs };
  }
  if (access?.mode === "private" && access.runnerNetwork) {
    const runner = parseVnetId(access.runnerNetwork.id);
    const region = ctx.stamp.region;
    const path = new PrivateApiPath(`${ctx.prefix}-api-path`, {
      resourceGroupName: net.resourceGroup.name,
      zoneName: `${azureDnsLabel(32, "dalp", ctx.config.stack, region)}.private.${region}.azmk8s.io`,
      stampVnet: { id: net.network.vnetId, name: net.network.vnetName, resourceGroupName: net.resourceGroup.name },
      runnerVnet: runner,
      runnerProvider: runner.subscriptionId === ctx.facts.account.toLowerCase() ? net.provider : providers.forSubscription(runner.subscriptionId, region),
      after: net.network.subnets,
      tags,
    }, { parent: ctx.parent, providers: [net.provider] });
    return { mode: "private", privateDnsZoneId: path.zoneId, path: path.ready };
  }
  // validateConfig refuses both before anything is declared; this guards a port called without it.
  throw new Error(`dalp:cluster.apiAccess must be {mode: public, cidrs: [...]} or {mode: private, runnerNetwork: {...}} on azure, got ${JSON.stringify(access?.mode)}`);
}

export function buildClusterAddons(ctx: StampContext, cluster: AzureCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
  return new AksClusterAddons(`${ctx.prefix}-aks-addons`, { ready: cluster.ready, k8sProvider }, { parent: ctx.parent }).resources;
}

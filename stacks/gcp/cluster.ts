import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GkeCluster } from "../../components/gcp/gkeCluster";
import { GKE_STORAGE_CLASS, GKE_VOLUMES, GkeClusterAddons } from "../../components/gcp/gkeClusterAddons";
import { POD_RANGE, SERVICE_RANGE } from "../../components/gcp/network";
import type { ClusterPort, StampContext } from "../../ports/adapter";
import { gkeApiAccess } from "./apiAccess";
import { GCP_DEFAULTS } from "./defaults";
import { gcpName, serviceAccountId } from "./names";
import type { GcpFoundation } from "./network";

export interface GcpCluster extends ClusterPort {
  gke: GkeCluster;
}

/** The region's GKE cluster, regional across the configured zones. */
export function buildCluster(ctx: StampContext, net: GcpFoundation, labels: Record<string, string>): GcpCluster {
  const c = ctx.config.cluster;
  const gke = new GkeCluster(`${ctx.prefix}-gke`, {
    project: net.project,
    region: ctx.stamp.region,
    zones: ctx.zones,
    clusterName: gcpName(40, "dalp", ctx.config.stack, ctx.stamp.region),
    kubernetesVersion: c.kubernetesVersion ?? GCP_DEFAULTS.kubernetesVersion,
    releaseChannel: GCP_DEFAULTS.releaseChannel,
    network: net.network.vpc.id,
    subnetwork: net.network.subnet.id,
    controlPlaneSubnetwork: net.network.controlPlaneSubnet.id,
    controlPlaneCidr: net.network.plan.controlPlane,
    podRangeName: POD_RANGE,
    serviceRangeName: SERVICE_RANGE,
    maxPodsPerNode: GCP_DEFAULTS.maxPodsPerNode,
    nodeType: c.nodeType ?? GCP_DEFAULTS.nodeType,
    nodeDiskGb: GCP_DEFAULTS.nodeDiskGb,
    minPerZone: c.minPerZone,
    maxPerZone: c.maxPerZone,
    apiAccess: gkeApiAccess(ctx.config),
    adminPrincipals: c.adminPrincipals,
    secretsKeyId: net.kms.key.id,
    secretsKeyGrants: net.kms.grants,
    nodeServiceAccountId: serviceAccountId("nodes", ctx.config.stack, ctx.stamp.region),
    labels,
  }, { parent: ctx.parent, providers: [net.provider] });
  // GKE hides the controller manager, scheduler and etcd; Dataplane V2 replaces kube-proxy; DNS is kube-dns.
  const scrapeTargets = { controllerManager: false, scheduler: false, etcd: false, kubeProxy: false, coreDns: false };
  // Through a peering, the Kubernetes provider can reach the API only once both halves exist; a kubeconfig
  // that resolves after them keeps it from being configured against an unreachable endpoint.
  const peering = net.runnerPeering?.ready ?? [];
  const kubeconfig = peering.length === 0 ? gke.kubeconfig : pulumi.all([gke.kubeconfig, ...peering.map((p) => p.urn)]).apply(([text]) => text);
  return { gke, name: gke.name, kubeconfig, ready: [...gke.ready, ...peering], storageClass: GKE_STORAGE_CLASS, volumes: GKE_VOLUMES, scrapeTargets };
}

/** The default StorageClass and the break-glass admins' RBAC, once the cluster answers. */
export function buildClusterAddons(ctx: StampContext, cluster: GcpCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
  const addons = new GkeClusterAddons(`${ctx.prefix}-gke-addons`, {
    ready: cluster.ready,
    adminPrincipals: ctx.config.cluster.adminPrincipals,
    k8sProvider,
  }, { parent: ctx.parent });
  return addons.resources;
}

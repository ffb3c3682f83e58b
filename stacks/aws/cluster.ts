import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../../components/aws/eksCluster";
import { EksClusterAddons, gp3Volumes } from "../../components/aws/eksClusterAddons";
import type { DalpConfig } from "../../config/types";
import type { ClusterPort, StampContext } from "../../ports/adapter";
import { eksApiEndpoint } from "./apiAccess";
import { AWS_DEFAULTS } from "./defaults";
import { awsIdentifier } from "./names";
import type { AwsFoundation } from "./network";

export interface AwsCluster extends ClusterPort {
  eks: EksCluster;
}

/**
 * The EKS cluster's name, set explicitly (within EKS's 100 characters; awsIdentifier keeps it to 63): the
 * subnets' `kubernetes.io/cluster/<name>` tags, the cluster autoscaler's discovery tags and the log group all
 * spell it, and an auto-named cluster would match none of them.
 */
export function clusterNameOf(ctx: StampContext): string {
  return awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region);
}

function kubernetesVersionOf(config: DalpConfig): string {
  return config.cluster.kubernetesVersion ?? AWS_DEFAULTS.kubernetesVersion;
}

export function buildCluster(ctx: StampContext, net: AwsFoundation): AwsCluster {
  const c = ctx.config.cluster;
  const eks = new EksCluster(`${ctx.prefix}-eks`, {
    clusterName: clusterNameOf(ctx),
    region: ctx.stamp.region,
    kubernetesVersion: kubernetesVersionOf(ctx.config),
    subnetByZone: net.network.privateSubnetByZone,
    nodeEgressByZone: net.network.nodeEgressByZone,
    nodeType: c.nodeType ?? AWS_DEFAULTS.nodeType,
    minPerZone: c.minPerZone,
    maxPerZone: c.maxPerZone,
    apiEndpoint: eksApiEndpoint(ctx.config),
    adminPrincipals: c.adminPrincipals,
    kmsKeyArn: net.kms.key.arn,
    logRetentionDays: AWS_DEFAULTS.logRetentionDays,
  }, { parent: ctx.parent, providers: [net.provider] });
  // EKS hides the controller manager, scheduler and etcd, and kube-proxy's metrics listen on localhost only.
  const scrapeTargets = { controllerManager: false, scheduler: false, etcd: false, kubeProxy: false, coreDns: true };
  // With a private endpoint, nothing reaches the API before the peering, its routes and the 443 rule are in
  // place: the releases wait for them (ready), and so does the Kubernetes provider itself. It is configured
  // as soon as its kubeconfig is known and then loads the API server's schema once; if that fails, it marks
  // the cluster unreachable for the rest of the run and every in-cluster resource fails (pulumi-kubernetes
  // provider Configure, "unable to load schema information from the API server", read 2026-12-01). The
  // 443 rule needs the cluster's security group, so without this it races the provider's first request.
  const apiPath = [...eks.runnerApiAccess, ...net.network.runnerAccess];
  const kubeconfig = apiPath.length === 0 ? eks.kubeconfig : pulumi.all([eks.kubeconfig, ...apiPath.map((r) => r.id)]).apply(([k]) => k);
  return {
    eks,
    name: eks.name,
    kubeconfig,
    ready: [...eks.ready, ...net.network.runnerAccess],
    storageClass: "gp3",
    volumes: gp3Volumes(net.kms.key.arn),
    scrapeTargets,
  };
}

/** The gp3 StorageClass, the cluster autoscaler and what else needs the Kubernetes provider. */
export function buildClusterAddons(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
  const addons = new EksClusterAddons(`${ctx.prefix}-eks-addons`, {
    region: ctx.stamp.region,
    clusterName: cluster.name,
    kubernetesVersion: kubernetesVersionOf(ctx.config),
    kmsKeyArn: net.kms.key.arn,
    ready: cluster.ready,
    awsProvider: net.provider,
    k8sProvider,
  }, { parent: ctx.parent });
  return addons.resources;
}

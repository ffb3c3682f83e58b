import * as container from "@pulumi/gcp/container";
import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as pulumi from "@pulumi/pulumi";
import { gkeKubeconfig } from "./kubeconfig";

export interface GkeClusterArgs {
  project: string;
  region: string;
  /** Zones of the region the nodes run in; the control plane is regional (replicated across the region's zones). */
  zones: string[];
  /** Physical cluster name (at most 40 characters). */
  clusterName: string;
  /** Minimum control-plane version; the release channel upgrades from there. */
  kubernetesVersion: string;
  releaseChannel: "STABLE" | "REGULAR";
  network: pulumi.Input<string>;
  subnetwork: pulumi.Input<string>;
  podRangeName: string;
  serviceRangeName: string;
  maxPodsPerNode: number;
  nodeType: string;
  nodeDiskGb: number;
  minPerZone: number;
  maxPerZone: number;
  /** CIDRs allowed to the public control-plane endpoint; empty keeps the endpoint private. */
  publicAccessCidrs: string[];
  /** IAM principals (`user:` or `serviceAccount:`) that may fetch the cluster's endpoint; RBAC is granted in-cluster. */
  adminPrincipals: string[];
  /** Cloud KMS key for application-layer encryption of Secrets, and the grants that let GKE use it. */
  secretsKeyId: pulumi.Input<string>;
  secretsKeyGrants: pulumi.Resource[];
  nodeServiceAccountId: string;
  /** Labels for the node VMs (provider default labels do not reach them). */
  labels: Record<string, string>;
}

/**
 * A regional GKE Standard cluster: the control plane replicated across the region's zones, one node pool
 * spread over the configured zones with per-zone autoscaling bounds, private nodes behind Cloud NAT, a private
 * control-plane endpoint unless CIDRs are authorised, Workload Identity, Dataplane V2, Shielded nodes, Secrets
 * encrypted with the region's Cloud KMS key, and nodes running as a least-privilege service account.
 */
export class GkeCluster extends pulumi.ComponentResource {
  readonly cluster: container.Cluster;
  readonly nodePool: container.NodePool;
  readonly nodeServiceAccount: serviceaccount.Account;
  readonly name: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly workloadPool: string;
  /** Resources that must exist before workloads are installed. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: GkeClusterArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:GkeCluster", name, {}, opts);
    const child = { parent: this };
    const privateEndpoint = args.publicAccessCidrs.length === 0;
    this.workloadPool = `${args.project}.svc.id.goog`;

    // Nodes never run as the Compute Engine default service account, which is often an Editor of the project.
    this.nodeServiceAccount = new serviceaccount.Account(`${name}-nodes`, {
      accountId: args.nodeServiceAccountId,
      displayName: `DALP GKE nodes ${args.clusterName}`,
      description: "Node identity of the DALP GKE cluster: logging, monitoring and metadata only",
    }, child);
    const member = pulumi.interpolate`serviceAccount:${this.nodeServiceAccount.email}`;
    // The least-privilege role Google defines for GKE nodes (CIS GKE Benchmark 2.0, 5.2.1; GKE "Configure node
    // service accounts", read 2026-11-22). Workloads use Workload Identity, never the node's identity.
    const nodeRole = new projects.IAMMember(`${name}-nodes-role`, {
      project: args.project,
      role: "roles/container.defaultNodeServiceAccount",
      member,
    }, child);

    const nodeConfig = {
      serviceAccount: this.nodeServiceAccount.email,
      oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
      // Pods see the GKE metadata server, which serves Workload Identity tokens and hides the node's identity.
      workloadMetadataConfig: { mode: "GKE_METADATA" },
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    };

    this.cluster = new container.Cluster(`${name}-cluster`, {
      name: args.clusterName,
      description: "DALP cloud-native: regional control plane, nodes across zones",
      // A region, not a zone: the control plane is replicated across the region's zones (99.95% SLA for
      // regional clusters, GKE SLA, read 2026-11-22) and survives the loss of one.
      location: args.region,
      nodeLocations: args.zones,
      // GKE requires a first node pool; it is replaced by the managed pool below.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig,
      network: args.network,
      subnetwork: args.subnetwork,
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: { clusterSecondaryRangeName: args.podRangeName, servicesSecondaryRangeName: args.serviceRangeName, stackType: "IPV4" },
      defaultMaxPodsPerNode: args.maxPodsPerNode,
      // Dataplane V2 (eBPF): NetworkPolicy enforcement and policy logging built in, and it can only be chosen
      // when the cluster is created, so it is chosen now rather than needing a new cluster later.
      datapathProvider: "ADVANCED_DATAPATH",
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: privateEndpoint,
        // The private endpoint answers from every region of the VPC and from networks attached to it (VPN,
        // Interconnect), which is how an operator or CI runner reaches it.
        masterGlobalAccessConfig: { enabled: true },
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: args.publicAccessCidrs.map((cidrBlock, i) => ({ cidrBlock, displayName: `dalp-operator-${i}` })),
        // Other Google Cloud customers' public addresses are not trusted by default.
        gcpPublicCidrsAccessEnabled: false,
      },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      releaseChannel: { channel: args.releaseChannel },
      minMasterVersion: args.kubernetesVersion,
      workloadIdentityConfig: { workloadPool: this.workloadPool },
      databaseEncryption: { state: "ENCRYPTED", keyName: args.secretsKeyId },
      enableShieldedNodes: true,
      addonsConfig: {
        httpLoadBalancing: { disabled: false },
        horizontalPodAutoscaling: { disabled: false },
        gcePersistentDiskCsiDriverConfig: { enabled: true },
        dnsCacheConfig: { enabled: true },
      },
      loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"] },
      monitoringConfig: {
        enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"],
        // Alerts come from the in-cluster Prometheus stack, the same on every cloud.
        managedPrometheus: { enabled: false },
      },
      // Upgrades and repairs after the 02:00 backup, four hours every day (GKE needs 48 hours in 32 days).
      maintenancePolicy: { recurringWindow: { startTime: "2026-01-01T03:00:00Z", endTime: "2026-01-01T07:00:00Z", recurrence: "FREQ=DAILY" } },
      deletionProtection: true,
    }, {
      parent: this,
      protect: true,
      dependsOn: [...args.secretsKeyGrants, nodeRole],
      // The first pool is gone after creation; its settings must not cause a diff that would replace the cluster.
      ignoreChanges: ["nodeConfig", "initialNodeCount"],
    });

    this.nodePool = new container.NodePool(`${name}-pool`, {
      cluster: this.cluster.id,
      location: args.region,
      nodeLocations: args.zones,
      // Per zone: each zone starts with and keeps at least `minPerZone` nodes, so a zone loss leaves capacity.
      initialNodeCount: args.minPerZone,
      autoscaling: { minNodeCount: args.minPerZone, maxNodeCount: args.maxPerZone, locationPolicy: "BALANCED" },
      maxPodsPerNode: args.maxPodsPerNode,
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: {
        ...nodeConfig,
        machineType: args.nodeType,
        diskSizeGb: args.nodeDiskGb,
        diskType: "pd-balanced",
        imageType: "COS_CONTAINERD",
        resourceLabels: args.labels,
        metadata: { "disable-legacy-endpoints": "true" },
      },
    }, {
      parent: this,
      dependsOn: [nodeRole],
      // The cluster autoscaler owns the running size; Pulumi owns the bounds.
      ignoreChanges: ["initialNodeCount", "nodeCount"],
    });

    args.adminPrincipals.forEach((principal, i) =>
      new projects.IAMMember(`${name}-admin-${i}`, { project: args.project, role: "roles/container.clusterViewer", member: principal }, child));

    this.name = this.cluster.name;
    const endpoint = privateEndpoint ? this.cluster.privateClusterConfig.apply((c) => c.privateEndpoint) : this.cluster.endpoint;
    this.kubeconfig = gkeKubeconfig(this.cluster.name, endpoint, this.cluster.masterAuth.apply((a) => a.clusterCaCertificate));
    this.ready = [this.nodePool];
    this.registerOutputs({ name: this.name, endpoint, workloadPool: this.workloadPool });
  }
}

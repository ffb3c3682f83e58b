import * as compute from "@pulumi/gcp/compute";
import * as container from "@pulumi/gcp/container";
import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as pulumi from "@pulumi/pulumi";
import { gkeKubeconfig } from "./kubeconfig";

/**
 * How `pulumi up` and operators reach the control plane; the nodes always use the internal endpoint.
 * - `dns`: the DNS-based endpoint, open to any network that reaches Google APIs and authorised by IAM
 *   (`container.clusters.connect`); both IP endpoints stay private.
 * - `public`: the external IP endpoint, open only to `cidrs`.
 * - `private`: the internal IP endpoint only, reached over a peering from the runner's network (`runnerCidr`).
 */
export type GkeApiAccess = { mode: "dns" } | { mode: "public"; cidrs: string[] } | { mode: "private"; runnerCidr: string };

/**
 * Ports the control plane must reach on the nodes besides the 443 and 10250 GKE opens itself: admission webhooks
 * served by pods (ingress-nginx 8443, controller-runtime's default 9443, Istio 15017). The list is
 * terraform-google-modules' `firewall_inbound_ports` default (modules/private-cluster/variables.tf, commit
 * bb176b2, read 2026-12-01), where the rule that opens them is named `master_webhooks`.
 */
export const WEBHOOK_PORTS = ["8443", "9443", "15017"] as const;

/**
 * What a principal needs to use the cluster through IAM: read the cluster (its endpoints, for `gcloud container
 * clusters get-credentials`) and connect through the DNS-based endpoint, which checks `container.clusters.connect`
 * before a request reaches the API server (GKE "About network isolation", DNS-based endpoint). The predefined
 * Kubernetes Engine Cluster Viewer role holds exactly those two with `container.clusters.list` and
 * `resourcemanager.projects.get/list`, and nothing on Kubernetes objects (iann0036/iam-dataset
 * gcp/roles/container.clusterViewer.json, commit 2073fa5, read 2026-12-01): RBAC grants the rest in-cluster. A predefined role rather than a custom one, because a custom role
 * is refused whole if one of its permissions is not supported in custom roles (and whether `connect` is could not
 * be confirmed from Google's documentation), and a deleted custom role blocks its id for up to 37 days.
 */
export const CLUSTER_ACCESS_ROLE = "roles/container.clusterViewer";

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
  /** The subnet the control plane's internal endpoint is placed in, and its range. */
  controlPlaneSubnetwork: pulumi.Input<string>;
  controlPlaneCidr: string;
  podRangeName: string;
  serviceRangeName: string;
  maxPodsPerNode: number;
  nodeType: string;
  nodeDiskGb: number;
  minPerZone: number;
  maxPerZone: number;
  apiAccess: GkeApiAccess;
  /** IAM principals (`user:` or `serviceAccount:`) that may reach the cluster; RBAC is granted in-cluster. */
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
 * spread over the configured zones with per-zone autoscaling bounds, private nodes behind Cloud NAT, the
 * control plane reached the way `apiAccess` says, webhook ports open from the control plane to the nodes,
 * Workload Identity, Dataplane V2, Shielded nodes, Secrets encrypted with the region's Cloud KMS key, and nodes
 * running as a least-privilege service account.
 */
export class GkeCluster extends pulumi.ComponentResource {
  readonly cluster: container.Cluster;
  readonly nodePool: container.NodePool;
  readonly nodeServiceAccount: serviceaccount.Account;
  /** Lets the control plane call admission webhooks served by pods on the private nodes. */
  readonly webhookFirewall: compute.Firewall;
  readonly name: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly workloadPool: string;
  /** Resources that must exist before workloads are installed. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: GkeClusterArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:GkeCluster", name, {}, opts);
    const child = { parent: this };
    const access = args.apiAccess;
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
      // Replace-forcing, like the network and address settings below (terraform-provider-google schema ForceNew):
      // editing this text would plan to replace the protected cluster.
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
        // The external IP endpoint exists only for `public`; `dns` and `private` keep the IP endpoints internal.
        enablePrivateEndpoint: access.mode !== "public",
        // A subnet of this VPC for the internal endpoint makes the control plane a Private Service Connect one
        // (its address is in this network, so a peered network reaches it, which a VPC-peering control plane
        // in Google's network could not: peering is not transitive), and gives the control plane a known range
        // inside this VPC, which the webhook rule below admits (terraform-google-modules private-cluster takes
        // the `private_endpoint_subnetwork` range as the control plane's source, main.tf
        // `cluster_endpoint_for_nodes`, commit bb176b2, read 2026-12-01). Replace-forcing: never change it.
        privateEndpointSubnetwork: args.controlPlaneSubnetwork,
        // The internal endpoint answers from every region of the VPC and from networks attached or peered to
        // it, wherever their runner sits.
        masterGlobalAccessConfig: { enabled: true },
      },
      controlPlaneEndpointsConfig: {
        dnsEndpointConfig: {
          allowExternalTraffic: access.mode === "dns",
          // Only Google identities, checked by IAM: no Kubernetes service-account token or client certificate
          // is accepted through the DNS name.
          enableK8sTokensViaDns: false,
          enableK8sCertsViaDns: false,
        },
        // The nodes reach the control plane on its internal IP endpoint.
        ipEndpointsConfig: { enabled: true },
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: authorisedNetworks(access),
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
      // The first pool is gone after creation; its settings must not cause a diff that would replace the cluster
      // (terraform-google-modules ignores initial_node_count, Cloud Foundation Fabric node_config; both read
      // 2026-12-01, recorded in policies/rules/drift/gcp.ts).
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
      // The cluster autoscaler owns the running size, Pulumi the bounds; a resize can also change the reported
      // initial count, whose change replaces the pool (provider docs, NodePool initialNodeCount, read 2026-12-01).
      ignoreChanges: ["initialNodeCount", "nodeCount"],
    });

    // Private nodes admit the control plane only on 443 and 10250 (GKE's own `gke-<cluster>-<id>-master` rule);
    // a webhook served elsewhere times out, and with `failurePolicy: Fail` (ingress-nginx) every matching
    // object is refused, the chart's own Ingresses first. Where GKE instead tunnels the API server's calls
    // through its konnectivity agents, they arrive from those pods' addresses (tigera/operator PR #5212,
    // 2026-08-18: "On AKS and GKE the apiserver proxies admission calls through those pods"), which GKE's own
    // intra-cluster rule admits; this rule covers the direct path, so both work.
    this.webhookFirewall = new compute.Firewall(`${name}-webhooks`, {
      network: args.network,
      direction: "INGRESS",
      priority: 1000,
      description: `DALP ${args.clusterName}: control plane to admission webhooks on the nodes`,
      sourceRanges: [args.controlPlaneCidr],
      targetServiceAccounts: [this.nodeServiceAccount.email],
      allows: [{ protocol: "tcp", ports: [...WEBHOOK_PORTS] }],
    }, child);

    args.adminPrincipals.forEach((principal, i) =>
      new projects.IAMMember(`${name}-admin-${i}`, { project: args.project, role: CLUSTER_ACCESS_ROLE, member: principal }, child));

    this.name = this.cluster.name;
    const caData = this.cluster.masterAuth.apply((a) => a.clusterCaCertificate);
    if (access.mode === "dns") {
      const endpoint = this.cluster.controlPlaneEndpointsConfig.apply((c) => c.dnsEndpointConfig.endpoint);
      this.kubeconfig = gkeKubeconfig(this.cluster.name, endpoint);
    } else {
      const endpoint = access.mode === "public" ? this.cluster.endpoint : this.cluster.privateClusterConfig.apply((c) => c.privateEndpoint);
      this.kubeconfig = gkeKubeconfig(this.cluster.name, endpoint, caData);
    }
    this.ready = [this.nodePool, this.webhookFirewall];
    this.registerOutputs({ name: this.name, workloadPool: this.workloadPool });
  }
}

/** The networks allowed to the IP endpoints, by access mode. */
function authorisedNetworks(access: GkeApiAccess): Array<{ cidrBlock: string; displayName: string }> {
  switch (access.mode) {
    case "public":
      return access.cidrs.map((cidrBlock, i) => ({ cidrBlock, displayName: `dalp-operator-${i}` }));
    case "private":
      // Listed so the runner stays admitted if authorised networks are also enforced on the internal endpoint
      // (`privateEndpointEnforcementEnabled`), which would otherwise shut it out.
      return [{ cidrBlock: access.runnerCidr, displayName: "pulumi-runner" }];
    case "dns":
      return [];
  }
}

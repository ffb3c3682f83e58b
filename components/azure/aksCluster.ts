import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { ACCESS_WAIT, isLiveUpdate, kubeloginToken, selfSubjectAccessProbe, waitForAccess } from "./clusterAccess";
import { inlinePoolProfiles, poolName } from "./inlinePools";
import { aksKubeconfig, clusterCaFromUserKubeconfig } from "./kubeconfig";
import { regionValue } from "./regionValue";
import { deleteLock } from "./resourceLock";
import { BUILT_IN_ROLES, roleDefinitionId } from "./roles";
import { OVERLAY_RANGES } from "./subnetPlan";

/**
 * How the API is reached from where `pulumi up` runs (`dalp:cluster.apiAccess`). Public: the endpoint admits
 * the given public ranges only. Private: no public endpoint; the name resolves in the cluster's own private DNS
 * zone, which `path` links to the runner's network, and `path` (links and peerings) exists before anything
 * talks to the API.
 */
export type AksApiAccess =
  | { mode: "public"; authorizedIPRanges: pulumi.Input<string>[] }
  | { mode: "private"; privateDnsZoneId: pulumi.Input<string>; path: pulumi.CustomResource[] };

export interface AksClusterArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  subscriptionId: string;
  tenantId: string;
  /** The identity running the deployment; it becomes the first cluster admin, as the creator of an EKS cluster does. */
  deployerObjectId: string;
  kubernetesVersion: string;
  dnsPrefix: string;
  /** Zones in order; node pools are created per zone. */
  zones: string[];
  nodeSubnetByZone: Record<string, pulumi.Input<string>>;
  apiServerSubnetId: pulumi.Input<string>;
  vnetId: pulumi.Input<string>;
  nodeType: string;
  minPerZone: number;
  maxPerZone: number;
  systemNodeType: string;
  systemNodesPerZone: { min: number; max: number };
  apiAccess: AksApiAccess;
  /** Microsoft Entra groups whose members are cluster admins. */
  adminGroupObjectIds: string[];
  /**
   * The region is isolated (the failed region after a failover): the run asks its API nothing, neither the
   * user credentials for the CA nor the deployer's access, and uses the CA recorded while it was up.
   */
  isolated: boolean;
  tags: Record<string, string>;
}

/**
 * AKS on the Standard tier (financially backed API-server SLA), a pinned Kubernetes version, Microsoft Entra
 * authentication with Azure RBAC and no local accounts, the OIDC issuer and workload identity, Azure CNI
 * Overlay with Cilium, egress through the per-zone NAT gateways, and node pools per zone: a system pool and a
 * user pool in each zone, each in its zone's subnet, so a zone loss leaves the other zones' nodes, egress and
 * cluster DNS intact and the autoscaler grows the surviving zones. The API is public for the given ranges or
 * private behind its own DNS zone (`AksApiAccess`). Kubernetes Secrets are encrypted at rest with
 * platform-managed keys (KMS with a customer key in Key Vault is not configured).
 *
 * Every pool is declared inline in the cluster (`inlinePoolProfiles`), so the pool set, the zones and the VM
 * sizes are fixed when the cluster is created (docs/azure.md, "Creation-only settings").
 */
export class AksCluster extends pulumi.ComponentResource {
  readonly cluster: containerservice.ManagedCluster;
  readonly name: pulumi.Output<string>;
  readonly id: pulumi.Output<string>;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** The control plane's identity, which manages the cluster's load balancers and the public IPs they use. */
  readonly controlPlanePrincipalId: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  /** The cluster with its node pools, the deployer's admin grant and the private API path: what must exist before anything is installed. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: AksClusterArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:AksCluster", name, {}, opts);
    const child = { parent: this };
    const rg = args.resourceGroupName;
    const access = args.apiAccess;
    const isPrivate = access.mode === "private";

    // A user-assigned control-plane identity can be granted the VNet before the cluster exists, which a
    // bring-your-own VNet with a user NAT gateway needs at creation.
    const identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { resourceGroupName: rg, location: args.location, tags: args.tags }, child);
    this.controlPlanePrincipalId = identity.principalId;
    const networkRole = new authorization.RoleAssignment(`${name}-network`, {
      scope: args.vnetId,
      principalId: identity.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: roleDefinitionId(args.subscriptionId, BUILT_IN_ROLES.networkContributor),
      description: "AKS control plane: join the node and API server subnets, manage load balancers",
    }, child);
    // A private cluster's own DNS zone is written by the control plane, so it needs the zone's role before the
    // cluster is created (learn.microsoft.com/azure/aks/private-clusters, read 2026-11-22).
    const dnsRole = access.mode === "private"
      ? [new authorization.RoleAssignment(`${name}-private-dns`, {
        scope: access.privateDnsZoneId,
        principalId: identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinitionId(args.subscriptionId, BUILT_IN_ROLES.privateDnsZoneContributor),
        description: "AKS control plane: the API server's record in the cluster's private DNS zone",
      }, child)]
      : [];

    const pool = (mode: "System" | "User", zone: string) => ({
      name: poolName(mode, zone),
      mode,
      vmSize: mode === "System" ? args.systemNodeType : args.nodeType,
      availabilityZones: [zone],
      vnetSubnetID: args.nodeSubnetByZone[zone],
      enableAutoScaling: true,
      minCount: mode === "System" ? args.systemNodesPerZone.min : args.minPerZone,
      maxCount: mode === "System" ? args.systemNodesPerZone.max : args.maxPerZone,
      count: mode === "System" ? args.systemNodesPerZone.min : args.minPerZone,
      orchestratorVersion: args.kubernetesVersion,
      osType: "Linux",
      type: "VirtualMachineScaleSets",
      // System pools keep application pods off the nodes that run cluster DNS and the AKS add-ons.
      nodeTaints: mode === "System" ? ["CriticalAddonsOnly=true:NoSchedule"] : undefined,
      // Surge only: a new node joins the pool (in the pool's zone) before an old one is drained, and nothing is
      // cordoned without a replacement, so an upgrade never takes a zone's last node. 33% is the production
      // value, rounded up to whole nodes, so a pool of one to three nodes surges one; maxUnavailable 0 is the
      // default, written out because a surge failure must stop the upgrade rather than fall back to draining
      // (learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling, ms.date 2026-05-29, read 2026-11-22).
      upgradeSettings: { maxSurge: "33%", maxUnavailable: "0" },
      tags: args.tags,
    });

    this.cluster = new containerservice.ManagedCluster(`${name}-cluster`, {
      resourceGroupName: rg,
      location: args.location,
      tags: args.tags,
      sku: { name: "Base", tier: "Standard" },
      kubernetesVersion: args.kubernetesVersion,
      supportPlan: "KubernetesOfficial",
      dnsPrefix: args.dnsPrefix,
      identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
      enableRBAC: true,
      disableLocalAccounts: true,
      aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds, tenantID: args.tenantId },
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } },
      networkProfile: {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        networkDataplane: "cilium",
        networkPolicy: "cilium",
        podCidr: OVERLAY_RANGES.pods,
        serviceCidr: OVERLAY_RANGES.services,
        dnsServiceIP: OVERLAY_RANGES.dnsService,
        loadBalancerSku: "standard",
        outboundType: "userAssignedNATGateway",
      },
      // API Server VNet Integration: the nodes reach the API server on an internal load balancer in its
      // subnet, without DNS, in either mode (learn.microsoft.com/azure/aks/api-server-vnet-integration,
      // "API server connectivity", read 2026-11-22). A private cluster's name resolves in its own zone only;
      // no public FQDN is published for it.
      apiServerAccessProfile: {
        enableVnetIntegration: true,
        subnetId: args.apiServerSubnetId,
        enablePrivateCluster: isPrivate,
        ...(access.mode === "private"
          ? { privateDNSZone: access.privateDnsZoneId, enablePrivateClusterPublicFQDN: false }
          : { authorizedIPRanges: access.authorizedIPRanges }),
      },
      agentPoolProfiles: inlinePoolProfiles(args.zones, pool),
      autoScalerProfile: { balanceSimilarNodeGroups: "true", expander: "least-waste" },
      autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
      // A deny assignment on the node resource group instead of a lock there: locks in that group break
      // scaling (Azure/AKS#3291), read-only access does not.
      nodeResourceGroupProfile: { restrictionLevel: "ReadOnly" },
      storageProfile: { diskCSIDriver: { enabled: true } },
    }, {
      parent: this,
      dependsOn: [networkRole, ...dnsRole, ...(access.mode === "private" ? access.path : [])],
      protect: true,
      // The autoscaler owns each pool's running size; Pulumi owns the bounds. The engine matches the stored and
      // the declared pools by index, which is why they are declared in the order AKS lists them. Every cluster
      // update sends each pool the count stored at the last refresh, and AKS refuses a count the autoscaler has
      // moved away from, so updates of an existing stack run with a refresh (docs/azure.md, "What Azure
      // changes by itself").
      ignoreChanges: ["agentPoolProfiles[*].count"],
    });
    this.name = this.cluster.name;
    this.id = this.cluster.id;
    this.oidcIssuerUrl = this.cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? "");
    deleteLock(`${name}-lock`, this.cluster.id, "DALP cluster: remove this lock before deleting the cluster or one of its node pools", this);

    // The identity that creates the cluster can install the workloads, as the creator of an EKS cluster can;
    // later deployers come through the admin groups, so a change of deployer does not take the grant away from
    // the first one. Members of an admin group are bound to cluster-admin by Kubernetes RBAC as soon as the
    // cluster exists; this Azure RBAC grant takes minutes to apply, which the kubeconfig below waits out.
    const deployerAdmin = new authorization.RoleAssignment(`${name}-deployer-admin`, {
      scope: this.cluster.id,
      principalId: args.deployerObjectId,
      roleDefinitionId: roleDefinitionId(args.subscriptionId, BUILT_IN_ROLES.aksRbacClusterAdmin),
      description: "The identity that created the DALP cluster (Pulumi deployer)",
    }, { parent: this, ignoreChanges: ["principalId"] });

    // The CA comes from the cluster's own API (listClusterUserCredential), which is down with its region: it is
    // kept in a Stash, read while the region is up and kept as recorded while it is isolated (regionValue.ts).
    const ca = regionValue(`${name}-ca`, args.isolated, () => {
      const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName: rg, resourceName: this.cluster.name }, { parent: this });
      return credentials.apply((c) => clusterCaFromUserKubeconfig(c.kubeconfigs[0].value));
    }, { parent: this });
    const server = (isPrivate ? this.cluster.privateFQDN : this.cluster.fqdn).apply((host) => `https://${host}:443`);
    const path = access.mode === "private" ? access.path : [];
    // The Kubernetes provider is built from this kubeconfig, so everything installed through it waits for it.
    // On a live update it resolves only once the API answers that the deployer may write to it: the grant
    // above reaches the Azure RBAC webhook minutes after it is made, and a StorageClass or Helm release sent
    // before that is refused and stops the run half-way (see clusterAccess.ts).
    const reachable = pulumi
      .all([server, ca, deployerAdmin.id, ...path.map((r) => r.id)])
      .apply(async ([endpoint, caData]) => {
        // An isolated region's API is not asked: with the region down the probe would wait out ACCESS_WAIT and
        // fail the run, and nothing is installed into that cluster while it is isolated.
        if (isLiveUpdate() && !args.isolated) await waitForAccess(selfSubjectAccessProbe(endpoint, caData, () => kubeloginToken(args.tenantId)), ACCESS_WAIT);
        return endpoint;
      });
    this.kubeconfig = aksKubeconfig(this.cluster.name, reachable, ca, args.tenantId);

    // The cluster's create and update operations include its inline pools, so the cluster stands for them.
    this.ready = [this.cluster, deployerAdmin, ...path];
    this.registerOutputs({ name: this.name, id: this.id, oidcIssuerUrl: this.oidcIssuerUrl });
  }
}

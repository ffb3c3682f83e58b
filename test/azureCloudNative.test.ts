import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { VELERO, VELERO_PLUGINS } from "../addons/shared/chartVersions";
import { runRules } from "../checker/runner";
import { fromPlan } from "../checker/fromPlan";
import { ACCESS_WAIT, AccessProbe, assertKubeloginIdentity, kubeloginIdentityProblem, tokenIdentity, waitForAccess } from "../components/azure/clusterAccess";
import { ConfigError } from "../config/errors";
import { BACKUP_TIERS } from "../facts/backups";
import { isSecretValue, Plan, PlannedResource } from "../planner/model";
import { aksCreateProblems, PLANNED_AZURE } from "../planner/mocks/azure";
import { diffAgainstState } from "../planner/diff";
import { RUNNER_PLACEHOLDER } from "../planner/stackFiles";
import { discoverAzure } from "../stacks/azure/discover";
import type { DalpConfig } from "../config/types";
import type { Topology } from "../topology/types";
import { RULES } from "../policies/rules";
import { AZURE_DRIFT } from "../policies/rules/drift/azure";
import { typeCounts } from "../planner/summary";
import { asRealExport, changeOf, drift, exportOf, notSame, stateResource } from "./fixtures/diffStates";
import { chartValuesValidator, errorsOf } from "./helpers/schemas";
import { exposedSecrets, inputsOf, ofType, only, outputsOf, planChanged, referencePlan } from "./helpers/stacks";

const STACK = "azure-cloud-native";
const REGION = "westeurope";
const ZONES = ["1", "2", "3"];

const T = {
  resourceGroup: "azure-native:resources:ResourceGroup",
  vnet: "azure-native:network:VirtualNetwork",
  subnet: "azure-native:network:Subnet",
  publicIp: "azure-native:network:PublicIPAddress",
  nat: "azure-native:network:NatGateway",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  dnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
  privateZone: "azure-native:privatedns:PrivateZone",
  peering: "azure-native:network:VirtualNetworkPeering",
  vnetLink: "azure-native:privatedns:VirtualNetworkLink",
  cluster: "azure-native:containerservice:ManagedCluster",
  agentPool: "azure-native:containerservice:AgentPool",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  federation: "azure-native:managedidentity:FederatedIdentityCredential",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  lock: "azure-native:authorization:ManagementLockByScope",
  pgServer: "azure-native:dbforpostgresql:Server",
  pgConfiguration: "azure-native:dbforpostgresql:Configuration",
  pgDatabase: "azure-native:dbforpostgresql:Database",
  redis: "azure-native:redisenterprise:RedisEnterprise",
  redisDatabase: "azure-native:redisenterprise:Database",
  storageAccount: "azure-native:storage:StorageAccount",
  blobService: "azure-native:storage:BlobServiceProperties",
  lifecycle: "azure-native:storage:ManagementPolicy",
  container: "azure-native:storage:BlobContainer",
} as const;

/** Built-in role ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
const ROLES = {
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
  blobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  blobDelegator: "db58b8e5-c6ad-4a2a-8342-4190687cbf4a",
  aksClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
  privateDnsZoneContributor: "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
};

let plan: Plan;
beforeAll(async () => {
  plan = await referencePlan(STACK);
});

const release = (p: Plan, releaseName: string): PlannedResource => {
  const found = ofType(p, "kubernetes:helm.sh/v3:Release").filter((r) => inputsOf(r).name === releaseName);
  if (found.length !== 1) throw new Error(`expected one release ${releaseName}, found ${found.length}`);
  return found[0];
};
const valuesOf = (r: PlannedResource) => inputsOf(r).values;
const idOf = (r: PlannedResource) => outputsOf(r).id as string;
const secretNamed = (p: Plan, name: string) => ofType(p, "kubernetes:core/v1:Secret").find((s) => inputsOf(s).metadata.name === name) as PlannedResource;
const subnet = (p: Plan, subnetName: string) => {
  const found = ofType(p, T.subnet).filter((s) => inputsOf(s).subnetName === subnetName);
  if (found.length !== 1) throw new Error(`expected one subnet ${subnetName}, found ${found.length}`);
  return found[0];
};
const container = (p: Plan, name: string) => ofType(p, T.container).find((c) => inputsOf(c).containerName === name) as PlannedResource;
const grantsOf = (p: Plan, identity: PlannedResource) => ofType(p, T.roleAssignment).map(inputsOf).filter((a) => a.principalId === outputsOf(identity).principalId);
const roleOf = (assignment: Record<string, any>) => String(assignment.roleDefinitionId).split("/").pop();
const identityFederatedTo = (p: Plan, namespace: string, serviceAccount: string) => {
  const federation = ofType(p, T.federation).find((f) => inputsOf(f).subject === `system:serviceaccount:${namespace}:${serviceAccount}`) as PlannedResource;
  const identity = ofType(p, T.identity).find((i) => outputsOf(i).name === inputsOf(federation).resourceName) as PlannedResource;
  return { federation, identity };
};
/** Every pool of the cluster: all declared inline in its agentPoolProfiles (components/azure/inlinePools.ts). */
const pools = (p: Plan): Array<Record<string, any>> => inputsOf(only(p, T.cluster)).agentPoolProfiles.map((pool: Record<string, any>) => ({ ...pool, agentPoolName: pool.name }));

describe("azure-cloud-native inventory", () => {
  it("declares exactly these resources", () => {
    expect(typeCounts(plan)).toEqual({
      "pulumi:providers:azure-native": 1,
      "pulumi:providers:kubernetes": 1,
      "pulumi:providers:random": 1,
      [T.resourceGroup]: 1,
      [T.vnet]: 1,
      [T.subnet]: 6,
      // Three NAT gateway addresses and the ingress address.
      [T.publicIp]: 4,
      [T.nat]: 3,
      [T.privateZone]: 3,
      [T.vnetLink]: 3,
      [T.privateEndpoint]: 2,
      [T.dnsZoneGroup]: 2,
      [T.identity]: 3,
      [T.federation]: 2,
      [T.roleAssignment]: 7,
      [T.lock]: 4,
      [T.cluster]: 1,
      [T.pgServer]: 1,
      [T.pgConfiguration]: 2,
      [T.pgDatabase]: 1,
      [T.redis]: 1,
      [T.redisDatabase]: 1,
      [T.storageAccount]: 1,
      [T.blobService]: 1,
      [T.lifecycle]: 1,
      [T.container]: 2,
      "random:index/randomPassword:RandomPassword": 1,
      "random:index/randomId:RandomId": 1,
      "kubernetes:storage.k8s.io/v1:StorageClass": 1,
      "kubernetes:core/v1:Namespace": 3,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:core/v1:Secret": 4,
      "kubernetes:helm.sh/v3:Release": 7,
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule": 1,
      "kubernetes:policy/v1:PodDisruptionBudget": 2,
      // The AKS CA and the cache key, kept in the state for a run that must not call the region (regionValue.ts).
      "pulumi:index:Stash": 2,
    });
  });

  it("groups everything under one stamp named after the region, in dalp:azure components", () => {
    expect(only(plan, "dalp:pattern:Stamp").name).toBe(REGION);
    const components = plan.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.every((c) => c.type.startsWith("dalp:"))).toBe(true);
    expect(components.map((c) => c.type)).toEqual(expect.arrayContaining(["dalp:azure:AksCluster", "dalp:azure:PostgresFlexibleServer", "dalp:azure:ManagedRedis", "dalp:azure:SecureStorageAccount"]));
  });

  it("puts every Azure resource in the stamp's one resource group", () => {
    const rg = outputsOf(only(plan, T.resourceGroup)).name;
    for (const r of ofType(plan, T.resourceGroup).concat(plan.resources.filter((x) => x.type.startsWith("azure-native:") && inputsOf(x).resourceGroupName !== undefined))) {
      if (r.type !== T.resourceGroup) expect({ urn: r.urn, rg: inputsOf(r).resourceGroupName }).toEqual({ urn: r.urn, rg });
    }
    expect(inputsOf(only(plan, T.resourceGroup)).location).toBe(REGION);
  });

  it("gives every resource an explicit provider, and one azure-native provider for the region", () => {
    const providers = new Set(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => `${r.urn}::${r.id}`));
    // The engine answers its own Stash itself: no cloud provider, so none to name.
    for (const r of plan.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:") && x.type !== "pulumi:index:Stash")) {
      expect({ urn: r.urn, explicit: Boolean(r.provider && providers.has(r.provider)) }).toEqual({ urn: r.urn, explicit: true });
    }
    const provider = inputsOf(only(plan, "pulumi:providers:azure-native"));
    expect(provider.location).toBe(REGION);
    expect(provider).not.toHaveProperty("subscriptionId");
  });

  it("pins the provider to dalp:account when it is set, and builds ids in that subscription", async () => {
    const subscription = "12345678-90ab-cdef-1234-567890abcdef";
    const result = await planChanged(STACK, (c) => (c["dalp:account"] = subscription));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, "pulumi:providers:azure-native")).subscriptionId).toBe(subscription);
    expect(idOf(only(result.plan, T.cluster))).toMatch(new RegExp(`^/subscriptions/${subscription}/resourceGroups/`));
    expect(valuesOf(release(result.plan, "velero")).configuration.backupStorageLocation[0].config.subscriptionId).toBe(subscription);
  });

  it("tags every taggable Azure resource with the stack's tags, in a spelling Azure DNS accepts", () => {
    const expected = {
      dalp_project: "dalp-ha",
      dalp_stack: STACK,
      dalp_pattern: "cloud-native",
      "managed-by": "pulumi",
      environment: "production",
      owner: "platform-team",
    };
    const sdk = path.join(__dirname, "..", "node_modules", "@pulumi", "azure-native");
    const taggable = (type: string) => {
      const [, module, kind] = type.split(":");
      const declaration = fs.readFileSync(path.join(sdk, module, `${kind[0].toLowerCase()}${kind.slice(1)}.d.ts`), "utf8");
      const args = declaration.slice(declaration.indexOf(`export interface ${kind}Args`));
      return /\n\s+tags\?:/.test(args);
    };
    const azure = plan.resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));
    const tagged = azure.filter((r) => taggable(r.type));
    expect(new Set(tagged.map((r) => r.type))).toEqual(new Set([T.resourceGroup, T.vnet, T.publicIp, T.nat, T.privateZone, T.vnetLink, T.privateEndpoint, T.cluster, T.identity, T.pgServer, T.redis, T.storageAccount]));
    for (const r of tagged) expect({ urn: r.urn, tags: inputsOf(r).tags }).toEqual({ urn: r.urn, tags: expected });
    for (const pool of inputsOf(only(plan, T.cluster)).agentPoolProfiles) expect(pool.tags).toEqual(expected);
  });

  it("protects every stateful resource and guards it with a CanNotDelete lock", () => {
    const stateful = [T.resourceGroup, T.cluster, T.pgServer, T.pgDatabase, T.redis, T.redisDatabase, T.storageAccount, T.container, T.lock];
    for (const type of stateful) for (const r of ofType(plan, type)) expect({ urn: r.urn, protect: r.protect }).toEqual({ urn: r.urn, protect: true });
    const locks = ofType(plan, T.lock).map(inputsOf);
    expect(locks.every((l) => l.level === "CanNotDelete")).toBe(true);
    expect(locks.map((l) => l.scope).sort()).toEqual([T.cluster, T.pgServer, T.redis, T.storageAccount].map((t) => idOf(only(plan, t))).sort());
  });
});

describe("network", () => {
  it("gives each zone its own node subnet behind a NAT gateway and public IP of the same zone", () => {
    const vnet = only(plan, T.vnet);
    expect(inputsOf(vnet).addressSpace).toEqual({ addressPrefixes: ["10.40.0.0/16"] });
    const nats = ofType(plan, T.nat);
    const ips = ofType(plan, T.publicIp);
    ZONES.forEach((zone, i) => {
      const s = inputsOf(subnet(plan, `nodes-${zone}`));
      expect(s).toMatchObject({ addressPrefix: `10.40.${i * 16}.0/20`, virtualNetworkName: outputsOf(vnet).name });
      const nat = nats.find((n) => idOf(n) === s.natGateway.id) as PlannedResource;
      expect(inputsOf(nat)).toMatchObject({ zones: [zone], sku: { name: "Standard" } });
      const ip = ips.find((p) => idOf(p) === inputsOf(nat).publicIpAddresses[0].id) as PlannedResource;
      expect(inputsOf(ip)).toMatchObject({ zones: [zone], sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
    });
  });

  it("turns off default outbound access on every subnet: egress goes through the NAT gateways only", () => {
    for (const s of ofType(plan, T.subnet)) expect({ subnet: inputsOf(s).subnetName, defaultOutboundAccess: inputsOf(s).defaultOutboundAccess }).toEqual({ subnet: inputsOf(s).subnetName, defaultOutboundAccess: false });
    for (const name of ["postgres", "endpoints", "apiserver"]) expect(inputsOf(subnet(plan, name)).natGateway).toBeUndefined();
  });

  it("delegates a subnet to PostgreSQL Flexible Server and one to the AKS API server", () => {
    expect(inputsOf(subnet(plan, "postgres"))).toMatchObject({ addressPrefix: "10.40.240.0/24", delegations: [{ serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }] });
    expect(inputsOf(subnet(plan, "apiserver"))).toMatchObject({ addressPrefix: "10.40.242.0/28", delegations: [{ serviceName: "Microsoft.ContainerService/managedClusters" }] });
  });

  it("creates the subnets one at a time (Azure refuses concurrent subnet writes in one VNet)", () => {
    const subnets = ofType(plan, T.subnet);
    const urns = new Set(subnets.map((s) => s.urn));
    expect(subnets.filter((s) => s.dependencies.some((d) => urns.has(d))).length).toBe(subnets.length - 1);
  });

  it("links private DNS zones for PostgreSQL, Managed Redis and Blob Storage to the VNet", () => {
    const zones = ofType(plan, T.privateZone).map((z) => inputsOf(z).privateZoneName).sort();
    expect(zones).toEqual([`dalp-${STACK}-${REGION}.private.postgres.database.azure.com`, "privatelink.blob.core.windows.net", "privatelink.redis.azure.net"].sort());
    const vnetId = idOf(only(plan, T.vnet));
    for (const link of ofType(plan, T.vnetLink).map(inputsOf)) expect(link).toMatchObject({ virtualNetwork: { id: vnetId }, registrationEnabled: false, location: "global" });
    expect(ofType(plan, T.vnetLink).map((l) => inputsOf(l).privateZoneName).sort()).toEqual(zones);
  });

  it("can share a single NAT gateway to save cost", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:network"] = { natGateways: "single" }));
    if (!result.ok) throw result.error;
    expect(ofType(result.plan, T.nat)).toHaveLength(1);
    const natId = idOf(ofType(result.plan, T.nat)[0]);
    for (const zone of ZONES) expect(inputsOf(subnet(result.plan, `nodes-${zone}`)).natGateway.id).toBe(natId);
  });
});

describe("AKS", () => {
  const cluster = () => inputsOf(only(plan, T.cluster));

  it("is on the Standard tier with a pinned version, Entra ID with Azure RBAC, and no local accounts", () => {
    expect(cluster()).toMatchObject({
      sku: { name: "Base", tier: "Standard" },
      kubernetesVersion: "1.36",
      disableLocalAccounts: true,
      enableRBAC: true,
      aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [], tenantID: PLANNED_AZURE.tenantId },
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } },
      autoUpgradeProfile: { upgradeChannel: "patch" },
      nodeResourceGroupProfile: { restrictionLevel: "ReadOnly" },
    });
  });

  it("uses Azure CNI Overlay and leaves through the user-assigned NAT gateways", () => {
    expect(cluster().networkProfile).toMatchObject({ networkPlugin: "azure", networkPluginMode: "overlay", outboundType: "userAssignedNATGateway", loadBalancerSku: "standard" });
  });

  it("opens the public API to the runner's address only, the nodes reaching it inside the VNet", () => {
    expect(cluster().apiServerAccessProfile).toEqual({
      enableVnetIntegration: true,
      subnetId: idOf(subnet(plan, "apiserver")),
      enablePrivateCluster: false,
      authorizedIPRanges: [RUNNER_PLACEHOLDER],
    });
    // The committed stack file leaves the runner's address to each deployment; the plan says it stood one in.
    expect(plan.notes.join("\n")).toMatch(/dalp:cluster\.apiAccess\.cidrs is not in the stack file/);
    expect(ofType(plan, T.peering)).toEqual([]);
  });

  it("follows dalp:cluster.apiAccess.cidrs, and the kubeconfig names the public endpoint", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).apiAccess = { mode: "public", cidrs: ["198.51.100.7/32", "192.0.2.0/28"] }));
    if (!result.ok) throw result.error;
    const access = inputsOf(only(result.plan, T.cluster)).apiServerAccessProfile;
    expect(access.authorizedIPRanges).toEqual(["198.51.100.7/32", "192.0.2.0/28"]);
    expect(access).not.toHaveProperty("privateDNSZone");
    const kubeconfig = JSON.parse((result.plan.outputs.kubeconfig as { value: string }).value);
    expect(kubeconfig.clusters[0].cluster.server).toBe(`https://${outputsOf(only(result.plan, T.cluster)).fqdn}:443`);
  });

  it("refuses an API access from which pulumi up could not reach the cluster, declaring nothing", async () => {
    for (const apiAccess of [undefined, { mode: "public" as const, cidrs: [] }, { mode: "private" as const }]) {
      const result = await planChanged(STACK, (c) => {
        const cluster = c["dalp:cluster"] as Record<string, unknown>;
        if (apiAccess === undefined) delete cluster.apiAccess;
        else cluster.apiAccess = apiAccess;
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect((result.error as Error).message).toMatch(/dalp:cluster\.apiAccess/);
      expect(result.declared).toEqual([]);
    }
  });

  describe("private API", () => {
    const RUNNER_SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    const RUNNER_VNET = `/subscriptions/${RUNNER_SUBSCRIPTION}/resourceGroups/ci-runners/providers/Microsoft.Network/virtualNetworks/runner-vnet`;
    let privatePlan: Plan;
    beforeAll(async () => {
      const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).apiAccess = { mode: "private", runnerNetwork: { id: RUNNER_VNET, cidr: "10.99.0.0/16" } }));
      if (!result.ok) throw result.error;
      privatePlan = result.plan;
    });
    const zone = () => only(privatePlan, T.privateZone, "-api-path-zone");

    it("has no public endpoint and resolves in a zone of its own, named as AKS requires for VNet integration", () => {
      const access = inputsOf(only(privatePlan, T.cluster)).apiServerAccessProfile;
      expect(access).toEqual({
        enableVnetIntegration: true,
        subnetId: idOf(subnet(privatePlan, "apiserver")),
        enablePrivateCluster: true,
        privateDNSZone: idOf(zone()),
        enablePrivateClusterPublicFQDN: false,
      });
      // <subzone>.private.<region>.azmk8s.io, the subzone at most 32 characters (AKS private clusters, DNS options).
      const name = inputsOf(zone()).privateZoneName as string;
      expect(name).toMatch(new RegExp(`^[a-z0-9-]{1,32}\\.private\\.${REGION}\\.azmk8s\\.io$`));
      expect(zone().protect).toBe(true);
    });

    it("links the zone to the stamp's VNet and to the runner's", () => {
      const links = ofType(privatePlan, T.vnetLink).filter((l) => inputsOf(l).privateZoneName === outputsOf(zone()).name).map(inputsOf);
      expect(links.map((l) => l.virtualNetwork.id).sort()).toEqual([idOf(only(privatePlan, T.vnet)), RUNNER_VNET].sort());
      for (const l of links) expect(l).toMatchObject({ registrationEnabled: false, location: "global" });
    });

    it("peers the two networks both ways, the runner's side through a provider of the runner's subscription", () => {
      const vnet = only(privatePlan, T.vnet);
      const peerings = ofType(privatePlan, T.peering);
      const local = peerings.find((p) => inputsOf(p).virtualNetworkName === outputsOf(vnet).name) as PlannedResource;
      const remote = peerings.find((p) => inputsOf(p).virtualNetworkName === "runner-vnet") as PlannedResource;
      expect(peerings).toHaveLength(2);
      expect(inputsOf(local)).toMatchObject({ resourceGroupName: outputsOf(only(privatePlan, T.resourceGroup)).name, remoteVirtualNetwork: { id: RUNNER_VNET }, allowVirtualNetworkAccess: true, useRemoteGateways: false });
      expect(inputsOf(remote)).toMatchObject({ resourceGroupName: "ci-runners", remoteVirtualNetwork: { id: idOf(vnet) }, allowVirtualNetworkAccess: true, useRemoteGateways: false });
      const provider = privatePlan.resources.find((r) => remote.provider?.startsWith(`${r.urn}::`)) as PlannedResource;
      expect(inputsOf(provider).subscriptionId).toBe(RUNNER_SUBSCRIPTION);
      // Azure refuses concurrent writes to one VNet: the peering waits for the last subnet.
      const lastSubnet = ofType(privatePlan, T.subnet).find((sub) => !ofType(privatePlan, T.subnet).some((other) => other.dependencies.includes(sub.urn))) as PlannedResource;
      for (const p of peerings) expect(p.dependencies).toContain(lastSubnet.urn);
    });

    it("grants the control plane the zone before the cluster, and the cluster waits for the path", () => {
      const identityId = inputsOf(only(privatePlan, T.cluster)).identity.userAssignedIdentities[0];
      const identity = ofType(privatePlan, T.identity).find((i) => idOf(i) === identityId) as PlannedResource;
      const grant = ofType(privatePlan, T.roleAssignment).find((a) => inputsOf(a).principalId === outputsOf(identity).principalId && inputsOf(a).scope === idOf(zone())) as PlannedResource;
      expect(roleOf(inputsOf(grant))).toBe(ROLES.privateDnsZoneContributor);
      const path = [...ofType(privatePlan, T.peering), ...ofType(privatePlan, T.vnetLink).filter((l) => inputsOf(l).privateZoneName === outputsOf(zone()).name)];
      expect(only(privatePlan, T.cluster).dependencies).toEqual(expect.arrayContaining([grant.urn, ...path.map((r) => r.urn)]));
      // Everything installed in the cluster waits for the path too.
      const storageClass = only(privatePlan, "kubernetes:storage.k8s.io/v1:StorageClass");
      expect(storageClass.dependencies).toEqual(expect.arrayContaining(path.map((r) => r.urn)));
    });

    it("hands out a kubeconfig for the private name, and the pack finds the API reachable", async () => {
      const kubeconfig = JSON.parse((privatePlan.outputs.kubeconfig as { value: string }).value);
      expect(kubeconfig.clusters[0].cluster.server).toBe(`https://${outputsOf(only(privatePlan, T.cluster)).privateFQDN}:443`);
      expect(outputsOf(only(privatePlan, T.cluster)).privateFQDN.endsWith(`.${inputsOf(zone()).privateZoneName}`)).toBe(true);
      const result = await runRules(fromPlan(privatePlan, "private"), RULES);
      expect(result.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    });

    it("is judged unreachable by the pack without the runner's side of the peering or the runner's zone link", async () => {
      const input = fromPlan(privatePlan, "private");
      const without = (drop: (r: (typeof input.resources)[number]) => boolean) => ({ ...input, resources: input.resources.filter((r) => !drop(r)) });
      const reach = async (i: typeof input) => (await runRules(i, RULES)).violations.filter((v) => v.policy === "dalp-deploy-reach-cluster-api");
      expect(await reach(input)).toEqual([]);
      expect(await reach(without((r) => r.type === T.peering && r.inputs.virtualNetworkName === "runner-vnet"))).toHaveLength(1);
      expect(await reach(without((r) => r.type === T.vnetLink && String((r.inputs.virtualNetwork as { id?: string } | undefined)?.id) === RUNNER_VNET))).toHaveLength(1);
    });

    it("writes the runner's side with the region's provider when the runner is in the same subscription", async () => {
      const same = RUNNER_VNET.replace(RUNNER_SUBSCRIPTION, PLANNED_AZURE.subscriptionId);
      const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).apiAccess = { mode: "private", runnerNetwork: { id: same, cidr: "10.99.0.0/16" } }));
      if (!result.ok) throw result.error;
      expect(ofType(result.plan, "pulumi:providers:azure-native")).toHaveLength(1);
    });
  });

  it("runs a system pool and a user pool in every zone, each in its zone's subnet", () => {
    const all = pools(plan);
    for (const zone of ZONES) {
      const subnetId = idOf(subnet(plan, `nodes-${zone}`));
      const system = all.filter((p) => p.mode === "System" && p.availabilityZones.join() === zone);
      const user = all.filter((p) => p.mode === "User" && p.availabilityZones.join() === zone);
      expect(system).toEqual([expect.objectContaining({ agentPoolName: `system${zone}`, vnetSubnetID: subnetId, nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"], enableAutoScaling: true, minCount: 1, maxCount: 3 })]);
      expect(user).toEqual([expect.objectContaining({ agentPoolName: `user${zone}`, vnetSubnetID: subnetId, vmSize: "Standard_D4s_v5", enableAutoScaling: true, minCount: 2, maxCount: 3 })]);
      expect(user[0].nodeTaints).toBeUndefined();
    }
    for (const p of all) expect(p.orchestratorVersion).toBe("1.36");
    expect(cluster().autoScalerProfile).toMatchObject({ balanceSimilarNodeGroups: "true" });
  });

  it("keeps three system nodes in three zones, the count APRL and AKS ask of system pools", () => {
    const system = pools(plan).filter((p) => p.mode === "System");
    expect(new Set(system.flatMap((p) => p.availabilityZones))).toEqual(new Set(ZONES));
    expect(system.reduce((n, p) => n + p.minCount, 0)).toBeGreaterThanOrEqual(3);
  });

  it("upgrades every pool by surge only, so an upgrade never drains a zone's last node", () => {
    for (const p of pools(plan)) {
      expect({ pool: p.agentPoolName, upgradeSettings: p.upgradeSettings }).toEqual({ pool: p.agentPoolName, upgradeSettings: { maxSurge: "33%", maxUnavailable: "0" } });
    }
  });

  it("moves every pool with dalp:cluster.kubernetesVersion", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).kubernetesVersion = "1.35"));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, T.cluster)).kubernetesVersion).toBe("1.35");
    for (const p of pools(result.plan)) expect({ pool: p.agentPoolName, version: p.orchestratorVersion }).toEqual({ pool: p.agentPoolName, version: "1.35" });
  });

  it("declares every pool inline, in the order AKS lists them, and leaves each pool's node count to the autoscaler", () => {
    expect(ofType(plan, T.agentPool)).toEqual([]);
    const declared = pools(plan).map((p) => p.name);
    expect(declared).toEqual(["system1", "system2", "system3", "user1", "user2", "user3"]);
    // The mock answers in AKS's order; the engine matches agentPoolProfiles[*].count by index.
    expect(outputsOf(only(plan, T.cluster)).agentPoolProfiles.map((p: { name: string }) => p.name)).toEqual(declared);
    expect(only(plan, T.cluster).ignoreChanges).toContain("agentPoolProfiles[*].count");
  });

  it("keeps the pools in AKS's order whatever order the zones are given in", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:regions"] = [{ name: REGION, zones: ["3", "1", "2"] }]));
    if (!result.ok) throw result.error;
    const declared = pools(result.plan).map((p) => p.name);
    expect(declared).toEqual(["system1", "system2", "system3", "user1", "user2", "user3"]);
    expect(outputsOf(only(result.plan, T.cluster)).agentPoolProfiles.map((p: { name: string }) => p.name)).toEqual(declared);
  });

  describe("after the autoscaler resized the pools and a refresh copied the counts into the state", () => {
    /** What azure-native's refresh does: each pool's new count lands on the stored pool at the same index. */
    const refreshedState = (p: Plan) => {
      const state = asRealExport(exportOf(p));
      const cluster = only(p, T.cluster);
      pools(p).forEach((_pool, i) => drift(stateResource(state, cluster.urn), `agentPoolProfiles[${i}].count`, (n) => Number(n) + 1 + i));
      return { state, cluster };
    };

    it("plans no change", () => {
      const { state } = refreshedState(plan);
      expect(notSame(diffAgainstState(plan, state))).toEqual([]);
    });

    it("upgrades every pool in the one cluster update of a version change, each keeping its stored count", async () => {
      // A cluster created on 1.35 whose pools the autoscaler resized; the stack file then moves to 1.36. The
      // update sends each pool the count stored at the last refresh (docs/azure.md: hence pulumi up --refresh).
      const older = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).kubernetesVersion = "1.35"));
      if (!older.ok) throw older.error;
      const { state, cluster } = refreshedState(older.plan);
      const change = changeOf(diffAgainstState(plan, state), cluster.urn);
      expect(change.op).toBe("update");
      expect([...change.keys].sort()).toEqual(["kubernetesVersion", ...pools(plan).map((_p, i) => `agentPoolProfiles[${i}].orchestratorVersion`)].sort());
      expect(notSame(diffAgainstState(plan, state)).filter((c) => c.includes(T.agentPool))).toEqual([]);
    });

    it("would plan an update of every pool's count without the ignore", () => {
      const { state, cluster } = refreshedState(plan);
      const unignored = { ...plan, resources: plan.resources.map((r) => (r.urn === cluster.urn ? { ...r, ignoreChanges: [] } : r)) };
      expect(changeOf(diffAgainstState(unignored, state), cluster.urn)).toMatchObject({ op: "update", keys: pools(plan).map((_p, i) => `agentPoolProfiles[${i}].count`) });
    });
  });

  it("is refused offline as AKS refuses a create request: no system pool, a bad pool name, a pool off the cluster's version", () => {
    const good = { kubernetesVersion: "1.36", agentPoolProfiles: [{ name: "system1", mode: "System", orchestratorVersion: "1.36" }, { name: "user1", mode: "User", orchestratorVersion: "1.36" }] };
    expect(aksCreateProblems(good)).toEqual([]);
    expect(aksCreateProblems({ ...good, agentPoolProfiles: [{ name: "user1", mode: "User" }] })).toEqual(["agentPoolProfiles has no pool with mode System"]);
    expect(aksCreateProblems({ ...good, agentPoolProfiles: [{ name: "System-1", mode: "System" }, { name: "system1" }] }).join("\n")).toMatch(
      /agentPoolProfiles\[0\] is named "System-1"[\s\S]*agentPoolProfiles\[1\] \(system1\) has no mode/,
    );
    expect(aksCreateProblems({ ...good, agentPoolProfiles: [{ name: "system1", mode: "System", orchestratorVersion: "1.35" }] })).toEqual([
      'agentPoolProfiles[0] (system1) has orchestratorVersion "1.35", the cluster "1.36"',
    ]);
  });

  it("gives the control-plane identity Network Contributor on the VNet before the cluster is created", () => {
    const identityId = cluster().identity.userAssignedIdentities[0];
    const identity = ofType(plan, T.identity).find((i) => idOf(i) === identityId) as PlannedResource;
    const grant = ofType(plan, T.roleAssignment).find((a) => inputsOf(a).principalId === outputsOf(identity).principalId && inputsOf(a).scope === idOf(only(plan, T.vnet))) as PlannedResource;
    expect(inputsOf(grant)).toMatchObject({ principalType: "ServicePrincipal" });
    expect(roleOf(inputsOf(grant))).toBe(ROLES.networkContributor);
    expect(only(plan, T.cluster).dependencies).toContain(grant.urn);
  });

  it("makes the deploying identity the first cluster admin, like the creator of an EKS cluster", () => {
    const admin = ofType(plan, T.roleAssignment).find((a) => inputsOf(a).principalId === PLANNED_AZURE.objectId) as PlannedResource;
    expect(inputsOf(admin).scope).toBe(idOf(only(plan, T.cluster)));
    expect(roleOf(inputsOf(admin))).toBe(ROLES.aksClusterAdmin);
    expect(admin.ignoreChanges).toContain("principalId");
  });

  it("makes the configured Entra groups cluster admins, and refuses anything but group object ids", async () => {
    const group = "11111111-2222-3333-4444-555555555555";
    const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).adminPrincipals = [group]));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, T.cluster)).aadProfile.adminGroupObjectIDs).toEqual([group]);
    const bad = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).adminPrincipals = ["platform-admins"]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect((bad.error as Error).message).toMatch(/dalp:cluster\.adminPrincipals\[0\]: got "platform-admins"; expected the object id of a Microsoft Entra group/);
  });

  it("installs a zone-redundant Premium SSD StorageClass as the default", () => {
    const sc = inputsOf(only(plan, "kubernetes:storage.k8s.io/v1:StorageClass"));
    expect(sc).toMatchObject({
      metadata: { name: "premium-zrs", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "disk.csi.azure.com",
      parameters: { skuName: "Premium_ZRS" },
      volumeBindingMode: "WaitForFirstConsumer",
      reclaimPolicy: "Retain",
    });
  });

  const ingressIp = () => only(plan, T.publicIp, "-ingress-ip");

  it("puts the ingress load balancer on the stack's zone-redundant static address, probing the controller's health endpoint", () => {
    expect(valuesOf(release(plan, "support"))["ingress-nginx"].controller.service.annotations).toEqual({
      "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz",
      "service.beta.kubernetes.io/azure-pip-name": outputsOf(ingressIp()).name,
      "service.beta.kubernetes.io/azure-load-balancer-resource-group": outputsOf(only(plan, T.resourceGroup)).name,
    });
  });

  it("reserves the ingress address as a Standard static IPv4 across the region's zones, protected because DNS points at it", () => {
    expect(inputsOf(ingressIp())).toMatchObject({
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
      zones: ZONES,
    });
    expect(ingressIp().protect).toBe(true);
    expect(plan.outputs.regions).toMatchObject({ [REGION]: { ingressAddresses: [outputsOf(ingressIp()).ipAddress] } });
  });

  it("lets the control plane attach the address (Network Contributor on its resource group) before the Service asks for it", () => {
    const identity = only(plan, T.identity, "-aks-identity");
    const grant = ofType(plan, T.roleAssignment).find((a) => inputsOf(a).scope === idOf(only(plan, T.resourceGroup))) as PlannedResource;
    expect(inputsOf(grant)).toMatchObject({ principalId: outputsOf(identity).principalId, principalType: "ServicePrincipal" });
    expect(roleOf(inputsOf(grant))).toBe(ROLES.networkContributor);
    expect(release(plan, "support").dependencies).toEqual(expect.arrayContaining([ingressIp().urn, grant.urn]));
  });
});

describe("PostgreSQL Flexible Server", () => {
  const server = () => inputsOf(only(plan, T.pgServer));

  it("is zone-redundant: the standby is in another zone than the primary", () => {
    const s = server();
    expect(s.highAvailability.mode).toBe("ZoneRedundant");
    expect(ZONES).toContain(s.availabilityZone);
    expect(ZONES).toContain(s.highAvailability.standbyAvailabilityZone);
    expect(s.highAvailability.standbyAvailabilityZone).not.toBe(s.availabilityZone);
  });

  it("keeps 30 days of backups for point-in-time restore, locally redundant unless asked otherwise", () => {
    expect(server()).toMatchObject({ version: "17", backup: { backupRetentionDays: 30, geoRedundantBackup: "Disabled" }, sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" } });
    expect(server().storage).toMatchObject({ storageSizeGB: 128, autoGrow: "Enabled" });
  });

  it("is reachable only privately: delegated subnet, private DNS zone, no public network access", () => {
    const zone = ofType(plan, T.privateZone).find((z) => inputsOf(z).privateZoneName.endsWith(".postgres.database.azure.com")) as PlannedResource;
    expect(server().network).toEqual({ delegatedSubnetResourceId: idOf(subnet(plan, "postgres")), privateDnsZoneArmResourceId: idOf(zone), publicNetworkAccess: "Disabled" });
    const link = ofType(plan, T.vnetLink).find((l) => inputsOf(l).privateZoneName === inputsOf(zone).privateZoneName) as PlannedResource;
    expect(only(plan, T.pgServer).dependencies).toContain(link.urn);
  });

  it("requires TLS 1.2 or later through its server configuration", () => {
    const settings = Object.fromEntries(ofType(plan, T.pgConfiguration).map((c) => [inputsOf(c).configurationName, inputsOf(c)]));
    expect(settings.require_secure_transport).toMatchObject({ value: "on", serverName: outputsOf(only(plan, T.pgServer)).name });
    expect(settings.ssl_min_protocol_version).toMatchObject({ value: "TLSv1.2" });
  });

  it("uses a generated administrator password, as a secret, and creates the DALP database", () => {
    const pg = only(plan, T.pgServer);
    expect(isSecretValue(pg.inputs.administratorLoginPassword)).toBe(true);
    expect(inputsOf(pg).administratorLoginPassword).toBe(outputsOf(only(plan, "random:index/randomPassword:RandomPassword")).result);
    expect(inputsOf(only(plan, T.pgDatabase))).toMatchObject({ databaseName: "dalp", serverName: outputsOf(pg).name, charset: "UTF8" });
    const secret = inputsOf(secretNamed(plan, "dalp-postgresql")).stringData;
    expect(secret).toMatchObject({ host: outputsOf(pg).fullyQualifiedDomainName, port: "5432", database: "dalp", username: "dalp", sslmode: "require" });
  });

  it("keeps backups in the paired region too when asked, and then stores objects geo-zone-redundantly", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:postgres"] as any).geoRedundantBackup = true));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, T.pgServer)).backup).toEqual({ backupRetentionDays: 30, geoRedundantBackup: "Enabled" });
    expect(inputsOf(only(result.plan, T.storageAccount)).sku).toEqual({ name: "Standard_GZRS" });
  });

  it("provisions the smallest Premium SSD size that holds the requested storage", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:postgres"] as any).storageGb = 100));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, T.pgServer)).storage.storageSizeGB).toBe(128);
  });
});

describe("what Azure changes by itself", () => {
  /** Each fact of the drift table that applies to a planned resource, with whether the resource ignores it. */
  const coverage = (p: Plan) =>
    AZURE_DRIFT.flatMap((fact) =>
      ofType(p, fact.type)
        .filter((r) => fact.appliesWhen?.(inputsOf(r)) ?? true)
        .map((r) => ({ urn: r.urn, property: fact.property, ignored: (r.ignoreChanges ?? []).includes(fact.property) })),
    );

  it("ignores a failed-over zone and grown storage on the PostgreSQL server", () => {
    expect(only(plan, T.pgServer).ignoreChanges).toEqual(expect.arrayContaining(["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB"]));
  });

  it("ignores every property of the drift table on every resource it applies to", () => {
    const rows = coverage(plan);
    expect(new Set(rows.map((r) => r.property))).toEqual(new Set(["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB", "agentPoolProfiles[*].count"]));
    expect(rows.filter((r) => !r.ignored)).toEqual([]);
  });

  it("ignores the region and SKU a failover gives a geo-redundant storage account, and only then", async () => {
    expect(only(plan, T.storageAccount).ignoreChanges ?? []).toEqual([]);
    const result = await planChanged(STACK, (c) => ((c["dalp:postgres"] as any).geoRedundantBackup = true));
    if (!result.ok) throw result.error;
    expect(only(result.plan, T.storageAccount).ignoreChanges).toEqual(["location", "sku.name"]);
    expect(coverage(result.plan).filter((r) => !r.ignored)).toEqual([]);
  });

  it("cites a source with the date it was read for every fact", () => {
    for (const fact of AZURE_DRIFT) expect({ fact: `${fact.type} ${fact.property}`, dated: /read 20\d\d-\d\d-\d\d/.test(fact.source) }).toEqual({ fact: `${fact.type} ${fact.property}`, dated: true });
  });
});

describe("Azure Managed Redis", () => {
  const cluster = () => only(plan, T.redis);
  const database = () => inputsOf(only(plan, T.redisDatabase));

  it("is highly available and zone-redundant, TLS 1.2+, with public network access off", () => {
    expect(inputsOf(cluster())).toMatchObject({ sku: { name: "Balanced_B5" }, highAvailability: "Enabled", minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", location: REGION });
    expect(outputsOf(cluster()).redundancyMode).toBe("ZR");
  });

  it("serves one TLS-only database on port 10000 that any Redis client can use", () => {
    expect(database()).toMatchObject({
      databaseName: "default",
      clusterName: outputsOf(cluster()).name,
      clientProtocol: "Encrypted",
      port: 10000,
      clusteringPolicy: "EnterpriseCluster",
      accessKeysAuthentication: "Enabled",
      persistence: { rdbEnabled: true, rdbFrequency: "1h" },
    });
  });

  it("is reached through a private endpoint registered in privatelink.redis.azure.net", () => {
    const endpoint = ofType(plan, T.privateEndpoint).find((e) => inputsOf(e).privateLinkServiceConnections[0].privateLinkServiceId === idOf(cluster())) as PlannedResource;
    expect(inputsOf(endpoint)).toMatchObject({ subnet: { id: idOf(subnet(plan, "endpoints")) }, privateLinkServiceConnections: [{ groupIds: ["redisEnterprise"] }] });
    const group = ofType(plan, T.dnsZoneGroup).find((g) => inputsOf(g).privateEndpointName === outputsOf(endpoint).name) as PlannedResource;
    const zone = ofType(plan, T.privateZone).find((z) => inputsOf(z).privateZoneName === "privatelink.redis.azure.net") as PlannedResource;
    expect(inputsOf(group).privateDnsZoneConfigs).toEqual([{ name: "redisEnterprise", privateDnsZoneId: idOf(zone) }]);
  });

  it("hands DALP the host, port and access key through the dalp-redis Secret only", () => {
    const secret = secretNamed(plan, "dalp-redis");
    expect(isSecretValue(secret.inputs.stringData)).toBe(true);
    const data = inputsOf(secret).stringData;
    expect(data).toMatchObject({ host: outputsOf(cluster()).hostName, port: "10000", tls: "true" });
    expect(data.password).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(data.url).toMatch(/^rediss:\/\//);
  });
});

describe("storage account", () => {
  const account = () => inputsOf(only(plan, T.storageAccount));

  it("is zone-redundant, HTTPS with TLS 1.2+, without public access, shared keys or anonymous blobs", () => {
    expect(account()).toMatchObject({
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny" },
    });
    expect(account().accountName).toMatch(/^[a-z0-9]{3,24}$/);
  });

  it("versions blobs, soft-deletes blobs and containers, and expires previous versions after 90 days", () => {
    expect(inputsOf(only(plan, T.blobService))).toMatchObject({
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 90 },
      containerDeleteRetentionPolicy: { enabled: true, days: 90 },
      accountName: outputsOf(only(plan, T.storageAccount)).name,
    });
    const rules = inputsOf(only(plan, T.lifecycle)).policy.rules;
    expect(rules).toEqual([expect.objectContaining({ enabled: true, type: "Lifecycle", definition: { filters: { blobTypes: ["blockBlob"] }, actions: { version: { delete: { daysAfterCreationGreaterThan: 90 } } } } })]);
  });

  it("follows the configured retention, with soft delete capped at Azure's 365 days", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:objectStorage"] = { noncurrentVersionRetentionDays: 400 }));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, T.lifecycle)).policy.rules[0].definition.actions.version.delete.daysAfterCreationGreaterThan).toBe(400);
    expect(inputsOf(only(result.plan, T.blobService)).deleteRetentionPolicy).toEqual({ enabled: true, days: 365 });
  });

  it("holds the dalp-app and dalp-backup containers, private and protected", () => {
    for (const name of ["dalp-app", "dalp-backup"]) {
      expect(inputsOf(container(plan, name))).toMatchObject({ publicAccess: "None", accountName: outputsOf(only(plan, T.storageAccount)).name });
      expect(container(plan, name).protect).toBe(true);
    }
  });

  it("is reached through a blob private endpoint", () => {
    const endpoint = ofType(plan, T.privateEndpoint).find((e) => inputsOf(e).privateLinkServiceConnections[0].privateLinkServiceId === idOf(only(plan, T.storageAccount))) as PlannedResource;
    expect(inputsOf(endpoint).privateLinkServiceConnections[0].groupIds).toEqual(["blob"]);
  });
});

describe("Velero", () => {
  const velero = () => release(plan, "velero");
  const backupIdentity = () => identityFederatedTo(plan, "velero", "velero-server");

  it("installs the pinned chart with the Microsoft Azure plugin, and values the chart's schema accepts", () => {
    expect(inputsOf(velero())).toMatchObject({ chart: "velero", version: VELERO.version, repositoryOpts: { repo: VELERO.repository }, namespace: "velero" });
    expect(valuesOf(velero()).initContainers).toEqual([expect.objectContaining({ image: VELERO_PLUGINS.azure })]);
    const validate = chartValuesValidator("velero-chart-12.1.0.values.schema.json");
    expect(validate(valuesOf(velero())) ? "" : errorsOf(validate)).toBe("");
  });

  it("stores backups in the dalp-backup container with Entra ID authorization and no credentials Secret", () => {
    const v = valuesOf(velero());
    const account = only(plan, T.storageAccount);
    expect(v.credentials).toEqual({ useSecret: false });
    expect(v.configuration.backupStorageLocation).toEqual([
      expect.objectContaining({
        name: "default",
        provider: "azure",
        bucket: "dalp-backup",
        default: true,
        config: {
          resourceGroup: outputsOf(only(plan, T.resourceGroup)).name,
          storageAccount: outputsOf(account).name,
          subscriptionId: PLANNED_AZURE.subscriptionId,
          useAAD: "true",
          storageAccountURI: outputsOf(account).primaryEndpoints.blob,
        },
      }),
    ]);
    expect(JSON.stringify(v)).not.toMatch(/storageAccountKeyEnvVar|AZURE_CLIENT_SECRET|AZURE_STORAGE_ACCOUNT_ACCESS_KEY/);
  });

  it("runs as a workload identity federated to velero/velero-server on the cluster's OIDC issuer", () => {
    const { federation, identity } = backupIdentity();
    expect(inputsOf(federation)).toEqual(expect.objectContaining({
      issuer: outputsOf(only(plan, T.cluster)).oidcIssuerProfile.issuerURL,
      subject: "system:serviceaccount:velero:velero-server",
      audiences: ["api://AzureADTokenExchange"],
    }));
    const v = valuesOf(velero());
    expect(v.serviceAccount.server).toMatchObject({ name: "velero-server", annotations: { "azure.workload.identity/client-id": outputsOf(identity).clientId } });
    expect(v.podLabels).toEqual({ "azure.workload.identity/use": "true" });
    expect(v.nodeAgent.podLabels).toEqual({ "azure.workload.identity/use": "true" });
  });

  it("may write blobs of the backup container only, and sign delegation SAS on the account", () => {
    const grants = grantsOf(plan, backupIdentity().identity);
    expect(grants.map((g) => [roleOf(g), g.scope]).sort()).toEqual([
      [ROLES.blobDataContributor, idOf(container(plan, "dalp-backup"))],
      [ROLES.blobDelegator, idOf(only(plan, T.storageAccount))],
    ].sort());
  });

  it("waits for its federated credential and grants before it starts", () => {
    const federation = backupIdentity().federation;
    const grants = ofType(plan, T.roleAssignment).filter((a) => inputsOf(a).principalId === outputsOf(backupIdentity().identity).principalId);
    expect(velero().dependencies).toEqual(expect.arrayContaining([federation.urn, ...grants.map((g) => g.urn)]));
  });

  it("schedules the product's backup table: each tier's cadence and retention, DALP-labelled, volumes by filesystem backup", () => {
    const schedules = valuesOf(velero()).schedules;
    expect(Object.keys(schedules).sort()).toEqual(BACKUP_TIERS.map((t) => `dalp-${t.tier}`).sort());
    for (const tier of BACKUP_TIERS) {
      expect({ tier: tier.tier, schedule: schedules[`dalp-${tier.tier}`].schedule, ttl: schedules[`dalp-${tier.tier}`].template.ttl }).toEqual({
        tier: tier.tier,
        schedule: tier.defaultSchedule,
        ttl: `${tier.minRetentionHours}h0m0s`,
      });
    }
    expect(schedules["dalp-daily"]).toMatchObject({
      schedule: "0 2 * * *",
      template: { includedNamespaces: ["dalp"], labelSelector: { matchLabels: { "kots.io/app-slug": "settlemint-dalp" } }, defaultVolumesToFsBackup: true, excludedResources: ["events", "events.events.k8s.io"] },
    });
    expect(valuesOf(velero())).toMatchObject({ deployNodeAgent: true, snapshotsEnabled: false });
  });

  it("is left out with its identity when backups are off", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:backup"] = { enabled: false }));
    if (!result.ok) throw result.error;
    expect(ofType(result.plan, "kubernetes:helm.sh/v3:Release").map((r) => inputsOf(r).name)).not.toContain("velero");
    expect(ofType(result.plan, T.federation).map((f) => inputsOf(f).subject)).toEqual(["system:serviceaccount:dalp:dalp"]);
  });
});

describe("DALP on Azure", () => {
  const app = () => identityFederatedTo(plan, "dalp", "dalp");

  it("binds the dalp service account to an identity that reaches the dalp-app container only", () => {
    const { federation, identity } = app();
    expect(inputsOf(federation).issuer).toBe(outputsOf(only(plan, T.cluster)).oidcIssuerProfile.issuerURL);
    expect(grantsOf(plan, identity).map((g) => [roleOf(g), g.scope]).sort()).toEqual([
      [ROLES.blobDataContributor, idOf(container(plan, "dalp-app"))],
      [ROLES.blobDelegator, idOf(only(plan, T.storageAccount))],
    ].sort());
    const sa = only(plan, "kubernetes:core/v1:ServiceAccount");
    expect(inputsOf(sa).metadata.annotations).toEqual({ "azure.workload.identity/client-id": outputsOf(identity).clientId });
    expect(sa.dependencies).toContain(federation.urn);
  });

  it("labels the DALP pods for workload identity and points them at the app container", () => {
    const values = valuesOf(release(plan, "dalp"));
    expect(values.global.podLabels).toEqual({ "azure.workload.identity/use": "true" });
    expect(values.dapp.podLabels).toEqual({ "azure.workload.identity/use": "true", "dalp.settlemint.com/service": "dapp" });
    expect(inputsOf(secretNamed(plan, "dalp-object-storage")).stringData).toEqual({
      provider: "azure",
      bucket: "dalp-app",
      region: REGION,
      endpoint: outputsOf(only(plan, T.storageAccount)).primaryEndpoints.blob,
    });
  });

  it("never puts a password or key in plain sight: every occurrence of one is wrapped as a secret", () => {
    const secrets = [
      ...ofType(plan, "random:index/randomPassword:RandomPassword").map((r) => outputsOf(r).result as string),
      inputsOf(secretNamed(plan, "dalp-redis")).stringData.password as string,
    ];
    expect(secrets.every((s) => s.length >= 32)).toBe(true);
    expect(exposedSecrets(plan, secrets)).toEqual([]);
  });
});

describe("stack outputs", () => {
  it("gives a kubeconfig that runs kubelogin against the cluster's API and holds no credential", () => {
    expect(isSecretValue(plan.outputs.kubeconfig)).toBe(true);
    const kubeconfig = JSON.parse((plan.outputs.kubeconfig as { value: string }).value);
    const aks = outputsOf(only(plan, T.cluster));
    expect(kubeconfig.clusters[0].cluster.server).toBe(`https://${aks.fqdn}:443`);
    expect(Buffer.from(kubeconfig.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // In the cluster's tenant: the Azure CLI otherwise answers in the tenant of its active subscription.
    expect(kubeconfig.users[0].user.exec).toMatchObject({
      command: "kubelogin",
      args: ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630", "--tenant-id", PLANNED_AZURE.tenantId],
    });
    expect(JSON.stringify(kubeconfig)).not.toMatch(/"token"|client-key-data|client-certificate-data|"password"/);
  });

  it("summarises the region's zones and data resources without secrets", () => {
    const region = (plan.outputs.regions as any)[REGION];
    expect(isSecretValue(plan.outputs.regions)).toBe(false);
    expect(region).toMatchObject({ role: "active", zones: ZONES, namespace: "dalp", buckets: { app: "dalp-app", backup: "dalp-backup" } });
    expect(region.postgres.identifier).toBe(outputsOf(only(plan, T.pgServer)).name);
    expect(region.cache).toMatchObject({ identifier: outputsOf(only(plan, T.redis)).name, port: 10000, tls: true });
    expect(plan.outputs.recoveryObjectives).toMatchObject({ rto: "2-15 minutes", rpo: "seconds to 1 minute" });
  });
});

describe("a bad Azure configuration declares nothing", () => {
  const rejected = async (change: (c: Record<string, any>) => void, message: RegExp) => {
    const result = await planChanged(STACK, change);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect((result.error as Error).message).toMatch(message);
    expect(result.declared).toEqual([]);
  };

  it("refuses a Burstable PostgreSQL SKU, which has no zone-redundant HA", () =>
    rejected((c) => (c["dalp:postgres"].instanceClass = "Standard_B2s"), /dalp:postgres\.instanceClass: got "Standard_B2s"; expected a General Purpose .* zone-redundant high availability is not offered on the Burstable tier/));

  it("refuses a region without availability zones", () =>
    rejected((c) => {
      c["dalp:regions"] = [{ name: "westus", zones: 3 }];
      c["azure-native:location"] = "westus";
    }, /dalp:regions\[0\]\.name: got "westus"; expected an Azure region with availability zones: westus has none/));

  it("refuses a region where AKS has no API Server VNet Integration", () =>
    rejected((c) => {
      c["dalp:regions"] = [{ name: "qatarcentral", zones: 3 }];
      c["azure-native:location"] = "qatarcentral";
    }, /dalp:regions\[0\]\.name: got "qatarcentral"; expected an Azure region where AKS offers API Server VNet Integration/));

  it("refuses a zone Azure does not have", () =>
    rejected((c) => (c["dalp:regions"] = [{ name: REGION, zones: ["1", "4"] }]), /dalp:regions\[0\]\.zones: got \["4"\]; expected zones of westeurope: 1, 2, 3/));

  it("refuses AWS spellings of the region, VM size and cache", () =>
    rejected((c) => {
      c["dalp:regions"] = ["eu-central-1"];
      c["dalp:cluster"].nodeType = "m7i.xlarge";
      c["dalp:cache"].nodeType = "cache.m7g.large";
    }, /dalp:regions\[0\]\.name: got "eu-central-1"; expected an Azure region name such as westeurope[\s\S]*dalp:cluster\.nodeType: got "m7i\.xlarge"; expected an Azure VM size[\s\S]*dalp:cache\.nodeType: got "cache\.m7g\.large"; expected an Azure Managed Redis SKU/));

  it("refuses more cache replicas than Azure Managed Redis keeps", () =>
    rejected((c) => (c["dalp:cache"].replicas = 2), /dalp:cache\.replicas: got 2; expected exactly 1 on azure: Azure Managed Redis replicas per shard: high availability keeps exactly one/));

  it("refuses a PostgreSQL version and administrator name Flexible Server does not take", () =>
    rejected((c) => {
      c["dalp:postgres"].version = "19";
      c["dalp:postgres"].username = "admin";
    }, /dalp:postgres\.version: got "19"; expected a major version Flexible Server offers: 14, 15, 16, 17, 18[\s\S]*dalp:postgres\.username: got "admin"/));

  it("refuses a runner network inside the AKS overlay ranges, which a peering would route into the cluster", () =>
    rejected(
      (c) => (c["dalp:cluster"].apiAccess = { mode: "private", runnerNetwork: { id: "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/ci/providers/Microsoft.Network/virtualNetworks/runner", cidr: "172.16.128.0/20" } }),
      /dalp:cluster\.apiAccess\.runnerNetwork\.cidr: got "172\.16\.128\.0\/20"; expected an address space outside the AKS overlay ranges, which it overlaps \(services 172\.16\.0\.0\/16\)[\s\S]*azure-cni-overlay/,
    ));

  it("refuses a runner network that holds the pod range too, naming both ranges", () =>
    rejected(
      (c) => (c["dalp:cluster"].apiAccess = { mode: "private", runnerNetwork: { id: "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/ci/providers/Microsoft.Network/virtualNetworks/runner", cidr: "128.0.0.0/1" } }),
      /runnerNetwork\.cidr: got "128\.0\.0\.0\/1"; expected an address space outside the AKS overlay ranges, which it overlaps \(pods 192\.168\.0\.0\/16, services 172\.16\.0\.0\/16\)/,
    ));

  it("leaves a runner address space the schema already refused to the schema's error alone", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).apiAccess = { mode: "private", runnerNetwork: { id: "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/ci/providers/Microsoft.Network/virtualNetworks/runner", cidr: "172.16.0.0/33" } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as Error).message).toMatch(/dalp:cluster\.apiAccess\.runnerNetwork\.cidr: got "172\.16\.0\.0\/33"; expected an IPv4 CIDR/);
    expect((result.error as Error).message).not.toMatch(/overlay/);
  });

  it("refuses a tag name Azure reserves", () => rejected((c) => (c["dalp:tags"] = { "azure-owner": "me" }), /dalp:tags\.azure-owner: got "azure-owner"; expected a tag name not starting with microsoft, azure, windows/));
});

describe("the first run waits for the deployer's cluster access", () => {
  /** A clock that moves only when the wait sleeps, so the test takes no time. */
  const fakeClock = () => {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  };
  const probeAnswering = (answers: Array<boolean | Error>) => {
    let calls = 0;
    const probe: AccessProbe = async () => {
      const a = answers[Math.min(calls++, answers.length - 1)];
      if (a instanceof Error) throw a;
      return a ? { allowed: true } : { allowed: false, reason: "no RBAC policy matched" };
    };
    return { probe, calls: () => calls };
  };

  it("goes on as soon as the API allows the deployer, retrying refusals and network errors", async () => {
    const { probe, calls } = probeAnswering([new Error("connect ETIMEDOUT"), false, false, true]);
    await waitForAccess(probe, { ...ACCESS_WAIT, ...fakeClock() });
    expect(calls()).toBe(4);
  });

  it("stops the run with the last answer and the ways out once the propagation window has passed", async () => {
    const { probe, calls } = probeAnswering([false]);
    await expect(waitForAccess(probe, { ...ACCESS_WAIT, ...fakeClock() })).rejects.toThrow(/within 10 minutes \(last answer: no RBAC policy matched\)[\s\S]*dalp:cluster\.apiAccess[\s\S]*dalp:cluster\.adminPrincipals/);
    expect(calls()).toBe(ACCESS_WAIT.timeoutMs / ACCESS_WAIT.intervalMs + 1);
  });

  it("waits at least the five minutes Azure RBAC for Kubernetes takes to apply a new assignment", () => {
    expect(ACCESS_WAIT.timeoutMs).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it("stops at once when no wait can help: kubelogin is not installed", async () => {
    let calls = 0;
    const probe: AccessProbe = async () => {
      calls++;
      throw Object.assign(new Error("kubelogin is not on the PATH"), { final: true });
    };
    await expect(waitForAccess(probe, { ...ACCESS_WAIT, ...fakeClock() })).rejects.toThrow(/cannot be asked[\s\S]*kubelogin is not on the PATH/);
    expect(calls).toBe(1);
  });

  it("does not wait in the offline plan, which has no engine: the plan completes with its kubeconfig", () => {
    expect(isSecretValue(plan.outputs.kubeconfig)).toBe(true);
  });
});

describe("kubelogin signs in as an identity the stack makes cluster admin, checked before anything is declared", () => {
  const DEPLOYER = { objectId: "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", tenantId: PLANNED_AZURE.tenantId };
  const OTHER = "cccccccc-3333-4444-5555-dddddddddddd";
  const GROUP = "11111111-2222-3333-4444-555555555555";
  /** An access token as Microsoft Entra shapes one; only its claims matter here. */
  const jwt = (claims: Record<string, unknown>) =>
    [{ alg: "RS256", typ: "JWT" }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".") + ".signature";

  it("reads object id, tenant and groups from the token", () => {
    expect(tokenIdentity(jwt({ oid: OTHER, tid: DEPLOYER.tenantId, groups: [GROUP] }))).toEqual({ objectId: OTHER, tenantId: DEPLOYER.tenantId, groups: [GROUP] });
    expect(tokenIdentity(jwt({ oid: OTHER, tid: DEPLOYER.tenantId }))).toEqual({ objectId: OTHER, tenantId: DEPLOYER.tenantId });
    expect(() => tokenIdentity("not-a-token")).toThrow(/not a JWT/);
  });

  it("accepts the identity the run deploys with, whose grant the stack creates", () => {
    expect(kubeloginIdentityProblem({ objectId: DEPLOYER.objectId.toUpperCase(), tenantId: DEPLOYER.tenantId }, DEPLOYER, [])).toBeUndefined();
  });

  it("refuses another identity when no admin group can cover it, naming both and the ways out", () => {
    expect(kubeloginIdentityProblem({ objectId: OTHER, tenantId: DEPLOYER.tenantId }, DEPLOYER, [])).toMatch(
      new RegExp(`acts as ${OTHER}, but this run deploys as ${DEPLOYER.objectId}[\\s\\S]*names no group[\\s\\S]*az login --service-principal[\\s\\S]*dalp:cluster\\.adminPrincipals`),
    );
    expect(kubeloginIdentityProblem({ objectId: OTHER, tenantId: DEPLOYER.tenantId, groups: ["99999999-0000-0000-0000-000000000000"] }, DEPLOYER, [GROUP])).toMatch(/in none of the groups/);
  });

  it("accepts another identity that is in an admin group, or whose token does not list its groups", () => {
    expect(kubeloginIdentityProblem({ objectId: OTHER, tenantId: DEPLOYER.tenantId, groups: [GROUP] }, DEPLOYER, [GROUP])).toBeUndefined();
    expect(kubeloginIdentityProblem({ objectId: OTHER, tenantId: DEPLOYER.tenantId }, DEPLOYER, [GROUP])).toBeUndefined();
  });

  it("refuses a token of another tenant, which AKS rejects whoever it names", () => {
    expect(kubeloginIdentityProblem({ objectId: DEPLOYER.objectId, tenantId: "99999999-0000-0000-0000-000000000000" }, DEPLOYER, [GROUP])).toMatch(/signs in to tenant 99999999-.*but the cluster's tenant is/);
  });

  it("asks kubelogin for a token in the cluster's tenant, and stops when it gives none", async () => {
    const asked: string[] = [];
    await assertKubeloginIdentity(DEPLOYER, [], async (tenant) => (asked.push(tenant), jwt({ oid: DEPLOYER.objectId, tid: DEPLOYER.tenantId })));
    expect(asked).toEqual([DEPLOYER.tenantId]);
    await expect(assertKubeloginIdentity(DEPLOYER, [], async () => jwt({ oid: OTHER, tid: DEPLOYER.tenantId }))).rejects.toThrow(/acts as cccccccc/);
    await expect(assertKubeloginIdentity(DEPLOYER, [], async () => Promise.reject(new Error("ERROR: Please run 'az login' to setup account.")))).rejects.toThrow(
      /gave no token: ERROR: Please run 'az login'[\s\S]*az aks install-cli/,
    );
  });
});

describe("discovery in a run with an engine", () => {
  afterEach(() => jest.restoreAllMocks());

  it("checks kubelogin before anything is declared, and refuses when it is missing", async () => {
    jest.spyOn(pulumi.runtime, "hasEngine").mockReturnValue(true);
    const client = { clientId: PLANNED_AZURE.clientId, objectId: PLANNED_AZURE.objectId, subscriptionId: PLANNED_AZURE.subscriptionId, tenantId: PLANNED_AZURE.tenantId };
    // The SDK defines its functions as lazy getters on the module; the types describe them as plain functions.
    jest.spyOn(authorization as unknown as { getClientConfig: unknown }, "getClientConfig", "get").mockReturnValue((async () => client) as unknown as typeof authorization.getClientConfig);
    const config = { regions: [{ name: REGION, zones: { count: 3 } }], cluster: { adminPrincipals: [] } } as unknown as DalpConfig;
    const topology = { primaryRegion: REGION, stamps: [{ region: REGION }] } as unknown as Topology;
    // A PATH with nothing on it: kubelogin cannot be found, as on a runner that never installed it.
    const searchPath = process.env.PATH;
    process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), "no-kubelogin-"));
    try {
      await expect(discoverAzure(config, topology, () => ({}) as pulumi.ProviderResource)).rejects.toThrow(/gave no token: kubelogin is not on the PATH/);
    } finally {
      process.env.PATH = searchPath;
    }
  });
});

import { propsOf, type CheckResource } from "../../checker/model";
import type { CloudPricing, EstimateContext, Estimator } from "../context";
import type { CostComponent } from "../model";

/**
 * The OS disk AKS gives a node when the pool sets neither osDiskType nor osDiskSizeGB, for sizes without a temp
 * disk big enough for an ephemeral one (the D*s_v5 family the stacks use): a managed Premium SSD sized by the
 * VM's vCPUs, 128 GiB below 8, 256 GiB from 8 to 15, 512 GiB from 16 to 63 (AKS "Default OS disk sizing",
 * https://learn.microsoft.com/azure/aks/concepts-storage). Sizes with a temp disk (a `d` in the name) may get
 * an ephemeral disk instead, which the estimator does not assume.
 */
function defaultOsDiskTier(vmSize: string): string {
  const vcpus = Number(/^Standard_[A-Z]+(\d+)/.exec(vmSize)?.[1] ?? 2);
  if (vcpus >= 64) throw new Error(`cannot tell the default OS disk of ${vmSize}: set osDiskSizeGB, or add the tier to cost/estimators/azure.ts`);
  return vcpus >= 16 ? "P20" : vcpus >= 8 ? "P15" : "P10";
}

/** Premium SSD tiers by the largest size in GiB each holds. */
const PREMIUM_TIERS: Array<[string, number]> = [
  ["P10", 128],
  ["P15", 256],
  ["P20", 512],
];

function diskTier(sizeGb: number): string {
  const tier = PREMIUM_TIERS.find(([, max]) => sizeGb <= max);
  if (!tier) throw new Error(`no Premium SSD tier in cost/prices/azure.yaml holds a ${sizeGb} GiB OS disk (largest: ${PREMIUM_TIERS[PREMIUM_TIERS.length - 1][0]})`);
  return tier[0];
}

interface AgentPool {
  name: string;
  vmSize: string;
  count?: number;
  minCount?: number;
  maxCount?: number;
  enableAutoScaling?: boolean;
  osDiskType?: string;
  osDiskSizeGB?: number;
}

const managedCluster: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const lines: CostComponent[] = [];
  if (p.sku?.tier === "Standard") lines.push(ctx.hourly({ name: "AKS Standard tier (uptime SLA)", key: "aks.standard-tier", region }));
  else if (p.sku?.tier === "Premium") lines.push(ctx.hourly({ name: "AKS Premium tier", key: "aks.premium-tier", region }));
  for (const pool of (p.agentPoolProfiles as AgentPool[] | undefined) ?? []) {
    const min = Number(pool.minCount ?? pool.count ?? 1);
    const max = Number(pool.maxCount ?? min);
    lines.push(ctx.hourly({ name: `Pool ${pool.name}: VMs (${pool.vmSize}, Linux)`, key: "vm.linux", sku: pool.vmSize, region, count: min, maxCount: max }));
    if (pool.osDiskType !== "Ephemeral") {
      const tier = pool.osDiskSizeGB ? diskTier(Number(pool.osDiskSizeGB)) : defaultOsDiskTier(pool.vmSize);
      lines.push(ctx.line({ name: `Pool ${pool.name}: OS disks (Premium SSD ${tier})`, key: "managed-disk.premium-ssd", sku: tier, region, unit: "disk-months", quantity: min, maxQuantity: max }));
    }
  }
  return lines;
};

const postgres: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const ha = p.highAvailability?.mode === "ZoneRedundant" || p.highAvailability?.mode === "SameZone";
  const copies = ha ? 2 : 1;
  const storage = Number(p.storage?.storageSizeGB ?? 32);
  const what = ha ? `${p.highAvailability.mode} HA: primary and standby` : "no HA";
  const lines = [
    ctx.hourly({ name: `Compute (${p.sku?.name}, ${what})`, key: "postgres-flexible.compute", sku: String(p.sku?.name), region, count: copies }),
    ctx.line({ name: `Storage (${storage} GB, ${what})`, key: "postgres-flexible.storage", region, unit: "GB-months", quantity: storage * copies }),
  ];
  if (p.createMode !== "Replica") {
    // Backup storage up to the provisioned storage is free; a geo-redundant backup is billed on twice its
    // size, the copy in the paired region included (cost/prices/azure.yaml).
    const geo = p.backup?.geoRedundantBackup === "Enabled";
    const held = (geo ? 2 : 1) * ctx.usage.databaseBackupGb;
    lines.push(
      ctx.line({ name: `Backup storage beyond the free allowance (${geo ? "geo-redundant, both copies" : "locally redundant"})`, key: geo ? "postgres-flexible.backup-storage-grs" : "postgres-flexible.backup-storage-lrs", region, unit: "GB-months", quantity: Math.max(0, held - storage), usage: "databaseBackupGb" }),
    );
  }
  return lines;
};

const redis: Estimator = (r, ctx) => {
  const p = propsOf(r);
  return [ctx.hourly({ name: `Azure Managed Redis (${p.sku?.name}, high availability ${p.highAvailability ?? "Enabled"})`, key: p.highAvailability === "Disabled" ? "managed-redis-no-ha" : "managed-redis", sku: String(p.sku?.name), region: ctx.regionOf(r) })];
};

const natGateway: Estimator = (r, ctx) => ctx.gateway(r, { name: "NAT gateway", hourKey: "nat-gateway", dataKey: "nat-gateway-data", usage: "natGb" });

const publicIp: Estimator = (r, ctx) => [ctx.hourly({ name: "Standard static public IPv4", key: "public-ip.standard-static", region: ctx.regionOf(r) })];

const privateEndpoint: Estimator = (r, ctx) => ctx.gateway(r, { name: "Private endpoint", hourKey: "private-endpoint", dataKey: "private-endpoint-data", usage: "privateEndpointGb" });

const privateZone: Estimator = (r, ctx) => [ctx.line({ name: "Private DNS zone", key: "private-dns.zone", region: ctx.regionOf(r), unit: "months", quantity: 1 })];

const recordSet: Estimator = (r, ctx) => [ctx.dnsQueries(r, "dns.queries")];

const trafficManager: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const endpoints = (p.endpoints as Array<{ type?: string }> | undefined) ?? [];
  const external = endpoints.filter((e) => String(e.type ?? "").endsWith("externalEndpoints")).length;
  const azure = endpoints.length - external;
  const fast = Number(p.monitorConfig?.intervalInSeconds ?? 30) === 10;
  const lines = [ctx.dnsQueries(r, "traffic-manager.queries")];
  // A 10-second probe is the basic health check plus the fast-interval add-on, per endpoint.
  for (const [kind, count] of [["external", external], ["azure", azure]] as const) {
    if (count === 0) continue;
    lines.push(ctx.line({ name: `Health checks (${kind} endpoints)`, key: `traffic-manager.health-check-${kind}`, region, unit: "endpoint-months", quantity: count }));
    if (fast) lines.push(ctx.line({ name: `Fast-interval probing (${kind} endpoints)`, key: `traffic-manager.fast-interval-${kind}`, region, unit: "endpoint-months", quantity: count }));
  }
  return lines;
};

const purposeOfContainer = (name: string): "app" | "backup" => (/backup/.test(name) ? "backup" : "app");

function containersOf(account: CheckResource, ctx: EstimateContext): string[] {
  const name = propsOf(account).accountName ?? account.outputs.name;
  return ctx
    .ofType("azure-native:storage:BlobContainer")
    .filter((c) => propsOf(c).accountName === name)
    .map((c) => String(propsOf(c).containerName ?? c.name));
}

const storageAccount: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const sku = String(p.sku?.name ?? "Standard_LRS");
  const redundancy = sku.replace(/^Standard_/, "").toLowerCase();
  // Each container holds its purpose's stored GB; a replica container (the other region's backups) as much again.
  const containers = containersOf(r, ctx);
  const purposes = [...new Set(containers.map(purposeOfContainer))];
  const gb = containers.reduce((sum, c) => sum + ctx.usage.bucketStoredGb[purposeOfContainer(c)], 0);
  return [ctx.line({ name: `Blob storage (${String(p.accessTier ?? "Hot")}, ${sku}; ${purposes.join(" and ") || "no"} containers)`, key: `blob.${String(p.accessTier ?? "Hot").toLowerCase()}-${redundancy}`, region: ctx.regionOf(r), unit: "GB-months", quantity: gb, usage: "bucketStoredGb" })];
};

const objectReplication: Estimator = (r, ctx) => {
  const p = propsOf(r);
  // Each policy is declared twice, on the destination account and then on the source; the source side pays.
  const destination = String(p.destinationAccount ?? "").split("/").pop();
  if (destination === p.accountName) return [];
  const rules = (p.rules as Array<{ destinationContainer?: string }> | undefined) ?? [];
  const gb = rules.reduce((sum, rule) => sum + ctx.usage.bucketReplicationGb[purposeOfContainer(String(rule.destinationContainer ?? ""))], 0);
  return [ctx.line({ name: "Replicated writes (inter-region transfer)", key: "bandwidth.inter-region", region: ctx.regionOf(r), unit: "GB", quantity: gb, usage: "bucketReplicationGb" })];
};

const peering: Estimator = (r, ctx) => {
  // A database replica streams over the peering: the source side pays outbound, the replica's side inbound, so
  // each of the two peerings carries the WAL once.
  const replicas = ctx.ofType("azure-native:dbforpostgresql:Server").filter((s) => propsOf(s).createMode === "Replica").length;
  return [ctx.line({ name: "Global VNet peering (database replication)", key: "vnet-peering.global", region: ctx.regionOf(r), unit: "GB", quantity: replicas * ctx.usage.databaseReplicationGb, usage: "databaseReplicationGb" })];
};

const FREE_SETTINGS = "settings of a priced resource have no charge of their own";

export const azurePricing: CloudPricing = {
  priced: {
    "azure-native:containerservice:ManagedCluster": managedCluster,
    "azure-native:dbforpostgresql:Server": postgres,
    "azure-native:redisenterprise:RedisEnterprise": redis,
    "azure-native:network:NatGateway": natGateway,
    "azure-native:network:PublicIPAddress": publicIp,
    "azure-native:network:PrivateEndpoint": privateEndpoint,
    "azure-native:privatedns:PrivateZone": privateZone,
    "azure-native:dns:RecordSet": recordSet,
    "azure-native:trafficmanager:Profile": trafficManager,
    "azure-native:storage:StorageAccount": storageAccount,
    "azure-native:storage:ObjectReplicationPolicy": objectReplication,
    "azure-native:network:VirtualNetworkPeering": peering,
  },
  free: {
    "azure-native:resources:ResourceGroup": "resource groups have no charge",
    "azure-native:authorization:ManagementLockByScope": "locks have no charge",
    "azure-native:authorization:RoleAssignment": "role assignments have no charge",
    "azure-native:managedidentity:UserAssignedIdentity": "managed identities have no charge",
    "azure-native:managedidentity:FederatedIdentityCredential": "federated credentials have no charge",
    "azure-native:network:VirtualNetwork": "virtual networks have no charge (peering is priced)",
    "azure-native:network:Subnet": "subnets have no charge",
    "azure-native:network:PrivateDnsZoneGroup": "DNS zone groups have no charge (the zone is priced)",
    "azure-native:privatedns:VirtualNetworkLink": "virtual network links of a private zone have no charge (the zone is priced)",
    "azure-native:dbforpostgresql:Configuration": FREE_SETTINGS,
    "azure-native:dbforpostgresql:Database": "databases inside a server have no charge (the server is priced)",
    "azure-native:redisenterprise:Database": "the cache's database has no charge (the cluster is priced)",
    "azure-native:storage:BlobContainer": "containers have no charge (the account's stored GB are priced)",
    "azure-native:storage:BlobServiceProperties": "a setting; the change feed it turns on is stored as blobs, counted in the account's stored GB",
    "azure-native:storage:ManagementPolicy": FREE_SETTINGS,
  },
  ingressLoadBalancer: (region, ctx) => ctx.ingress(region, { name: "Standard Load Balancer (ingress rules, first 5)", hourKey: "load-balancer.standard-rules", dataKey: "load-balancer.standard-data", egressKey: "bandwidth.internet-out", freeEgressGb: 100 }),
};

import { propsOf, type CheckResource } from "../../checker/model";
import { createsLoadBalancer, type CloudPricing, type EstimateContext, type Estimator } from "../context";
import type { CostComponent } from "../model";

/** Cloud NAT bills its gateway per VM using it, up to this many VMs (cost/prices/gcp.yaml cites the source). */
const NAT_BILLED_VMS_CAP = 32;

/** Cloud Logging ingestion free each month per project (logging.ingestion). */
const FREE_LOGGING_GB = 50;

/** How many zones a regional cluster's nodes use when neither pool nor cluster names them. */
const DEFAULT_REGIONAL_ZONES = 3;

const isRegion = (location: unknown) => typeof location === "string" && !/-[a-z]$/.test(location);

const cluster: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const kind = isRegion(p.location) ? "regional" : "zonal";
  // The free tier's monthly credit covers one zonal or Autopilot cluster per billing account, never a regional one.
  // Cloud Logging's first 50 GiB a month are free per project; the stack's clusters share that allowance.
  const clusters = ctx.ofType(r.type).length;
  const billableLogs = Math.max(0, ctx.usage.logIngestionGb * clusters - FREE_LOGGING_GB) / clusters;
  return [
    ctx.hourly({ name: `Cluster management fee (${kind}${kind === "regional" ? ", no free-tier credit" : ""})`, key: "gke.cluster-management", region }),
    ctx.line({ name: `Cloud Logging ingestion (beyond the free ${FREE_LOGGING_GB} GiB a month, shared)`, key: "logging.ingestion", region, unit: "GB", quantity: billableLogs, usage: "logIngestionGb" }),
  ];
};

/** Nodes a pool runs at its autoscaling floor and ceiling, over all its zones. */
export function poolNodes(pool: CheckResource, ctx: EstimateContext): { min: number; max: number } {
  const p = propsOf(pool);
  const parent = ctx.ofType("gcp:container/cluster:Cluster").find((c) => String(p.cluster ?? "").endsWith(`/clusters/${propsOf(c).name}`) || p.cluster === propsOf(c).name);
  const zones = ((p.nodeLocations as string[] | undefined) ?? (parent ? (propsOf(parent).nodeLocations as string[] | undefined) : undefined))?.length ?? (isRegion(p.location) ? DEFAULT_REGIONAL_ZONES : 1);
  const a = p.autoscaling;
  if (a?.totalMinNodeCount !== undefined || a?.totalMaxNodeCount !== undefined) return { min: Number(a.totalMinNodeCount ?? 0), max: Number(a.totalMaxNodeCount ?? a.totalMinNodeCount ?? 0) };
  if (a) return { min: Number(a.minNodeCount ?? 0) * zones, max: Number(a.maxNodeCount ?? a.minNodeCount ?? 0) * zones };
  const perZone = Number(p.nodeCount ?? p.initialNodeCount ?? 1);
  return { min: perZone * zones, max: perZone * zones };
}

const nodePool: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const { min, max } = poolNodes(r, ctx);
  const machine = String(p.nodeConfig?.machineType ?? "e2-medium");
  const disk = Number(p.nodeConfig?.diskSizeGb ?? 100);
  const diskType = String(p.nodeConfig?.diskType ?? "pd-balanced");
  return [
    ctx.hourly({ name: `Nodes (${machine}, on-demand)`, key: "compute.instance", sku: machine, region, count: min, maxCount: max }),
    ctx.line({ name: `Boot disks (${diskType}, ${disk} GB each)`, key: `compute.${diskType}`, region, unit: "GB-months", quantity: min * disk, maxQuantity: max * disk }),
  ];
};

const routerNat: Estimator = (r, ctx) => {
  const region = ctx.regionOf(r);
  const pools = ctx.inRegion("gcp:container/nodePool:NodePool", region).map((pool) => poolNodes(pool, ctx));
  const min = Math.min(NAT_BILLED_VMS_CAP, pools.reduce((s, x) => s + x.min, 0));
  const max = Math.min(NAT_BILLED_VMS_CAP, pools.reduce((s, x) => s + x.max, 0));
  return [
    ctx.hourly({ name: `Cloud NAT gateway (per VM using it, at most ${NAT_BILLED_VMS_CAP})`, key: "cloudnat.gateway", region, count: min, maxCount: max }),
    // AUTO_ONLY allocates the gateway's external address itself, billed like any address in use.
    ctx.hourly({ name: "Cloud NAT external IPv4 address", key: "compute.external-ip", region }),
    ctx.line({ name: "Data processed", key: "cloudnat.data", region, unit: "GB", quantity: ctx.shareOf(ctx.usage.natGb, r), usage: "natGb" }),
  ];
};

const address: Estimator = (r, ctx) => {
  if (propsOf(r).addressType === "INTERNAL") return [];
  // Reserved for the ingress controller's load balancer: an address a forwarding rule holds has no charge (VPC
  // network pricing, "External IP addresses"); one no rule holds is billed as unused.
  const held = ctx.resources.some((x) => createsLoadBalancer(x) && ctx.regionOf(x) === ctx.regionOf(r));
  return held ? [] : [ctx.hourly({ name: "Static external IPv4, reserved and unused", key: "compute.external-ip-unused", region: ctx.regionOf(r) })];
};

/** vCPUs and memory (GB) of a Cloud SQL tier: `db-perf-optimized-N-<vcpu>` (8 GB each) or `db-custom-<vcpu>-<MB>`. */
export function sqlShape(tier: string): { vcpu: number; memoryGb: number } {
  const plus = /^db-perf-optimized-N-(\d+)$/.exec(tier);
  if (plus) return { vcpu: Number(plus[1]), memoryGb: Number(plus[1]) * 8 };
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier);
  if (custom) return { vcpu: Number(custom[1]), memoryGb: Number(custom[2]) / 1024 };
  throw new Error(`cannot price Cloud SQL tier "${tier}": the estimator knows db-perf-optimized-N-<vCPUs> (Enterprise Plus) and db-custom-<vCPUs>-<MB>`);
}

/**
 * The data cache an Enterprise Plus tier comes with, a fixed size of local SSD billed on its own SKU: 375 GiB on
 * db-perf-optimized-N-2 (a recorded bill, cost/prices/gcp.yaml), and the same on N-4 and N-8 (an estimate:
 * Cloud SQL's data cache table puts those tiers in the same size class).
 */
function dataCacheGb(tier: string): number {
  const vcpu = Number(/^db-perf-optimized-N-(\d+)$/.exec(tier)?.[1] ?? NaN);
  if (vcpu <= 8) return 375;
  throw new Error(`cannot price the data cache of Cloud SQL tier "${tier}": cost/estimators/gcp.ts knows db-perf-optimized-N-2 to N-8 (375 GiB)`);
}

const sqlInstance: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const s = p.settings ?? {};
  const edition = s.edition === "ENTERPRISE_PLUS" ? "enterprise-plus" : "enterprise";
  const ha = s.availabilityType === "REGIONAL";
  const suffix = ha ? "-ha" : "";
  const { vcpu, memoryGb } = sqlShape(String(s.tier));
  const what = ha ? "REGIONAL, at HA rates" : "ZONAL";
  // A clone (the restore drill's) declares no size: it starts with its source's disk.
  const source = p.clone?.sourceInstanceName ? ctx.resources.find((x) => x.type === r.type && (propsOf(x).name === p.clone.sourceInstanceName || x.outputs?.name === p.clone.sourceInstanceName)) : undefined;
  const disk = Number(s.diskSize ?? (source ? propsOf(source).settings?.diskSize : undefined) ?? 10);
  const maxDisk = s.diskAutoresize && Number(s.diskAutoresizeLimit ?? 0) > disk ? Number(s.diskAutoresizeLimit) : disk;
  const diskKind = s.diskType === "PD_HDD" ? "hdd" : "ssd";
  const lines: CostComponent[] = [
    ctx.line({ name: `vCPUs (${s.tier}: ${vcpu}, ${what})`, key: `cloudsql.${edition}-vcpu${suffix}`, region, unit: "vCPU-hours", quantity: vcpu * ctx.hours }),
    ctx.line({ name: `Memory (${memoryGb} GB, ${what})`, key: `cloudsql.${edition}-memory${suffix}`, region, unit: "GB-hours", quantity: memoryGb * ctx.hours }),
    ctx.line({ name: `Storage (${diskKind.toUpperCase()}, ${disk} GB${maxDisk > disk ? `, autoresizing to ${maxDisk} GB` : ""}, ${what})`, key: `cloudsql.storage-${diskKind}${suffix}`, region, unit: "GB-months", quantity: disk, maxQuantity: maxDisk }),
  ];
  if (edition === "enterprise-plus" && s.dataCacheConfig?.dataCacheEnabled) {
    const cache = dataCacheGb(String(s.tier));
    lines.push(ctx.line({ name: `Data cache (${cache} GiB local SSD, ${what})`, key: `cloudsql.enterprise-plus-data-cache${suffix}`, region, unit: "GB-months", quantity: cache }));
  }
  if (s.backupConfiguration?.enabled) lines.push(ctx.line({ name: "Backups and retained logs", key: "cloudsql.backup", region, unit: "GB-months", quantity: ctx.usage.databaseBackupGb, usage: "databaseBackupGb" }));
  if (p.masterInstanceName) {
    const source = ctx.ofType("gcp:sql/databaseInstance:DatabaseInstance").find((x) => propsOf(x).name === p.masterInstanceName || x.outputs.name === p.masterInstanceName);
    const from = source ? ctx.regionOf(source) : undefined;
    if (from && from !== region) lines.push(ctx.line({ name: `Replication from ${from} (inter-region egress)`, key: "network.inter-region", region: from, unit: "GB", quantity: ctx.usage.databaseReplicationGb, usage: "databaseReplicationGb" }));
  }
  return lines;
};

/** Memorystore for Redis capacity tiers by the largest size (GB) each holds. */
const REDIS_TIERS: Array<[string, number]> = [
  ["M1", 4],
  ["M2", 10],
  ["M3", 35],
  ["M4", 100],
  ["M5", Infinity],
];

const redis: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const gb = Number(p.memorySizeGb ?? 1);
  const tier = REDIS_TIERS.find(([, max]) => gb <= max)?.[0] as string;
  const standard = p.tier === "STANDARD_HA";
  // The Standard tier rate covers two nodes, the primary and one replica. With read replicas each node is
  // taken at half that rate: an estimate, since no public list states the per-node rate (cost/prices/gcp.yaml).
  const replicas = standard && p.readReplicasMode === "READ_REPLICAS_ENABLED" ? Number(p.replicaCount ?? 1) : 1;
  const factor = standard ? (1 + replicas) / 2 : 1;
  const nodes = replicas > 1 ? `, ${1 + replicas} nodes: estimated at half the Standard rate each` : "";
  return [
    ctx.line({ name: `Memorystore for Redis (${standard ? "Standard" : "Basic"}, ${gb} GB, capacity tier ${tier}${nodes})`, key: standard ? "memorystore.redis-standard" : "memorystore.redis-basic", sku: tier, region: ctx.regionOf(r), unit: "GB-hours", quantity: gb * ctx.hours * factor }),
  ];
};

const bucket: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const purpose = ctx.purposeOf(r);
  const cls = String(p.storageClass ?? "STANDARD").toLowerCase();
  return [ctx.line({ name: `${cls === "standard" ? "Standard" : cls} storage (${purpose} bucket)`, key: `gcs.${cls}`, region: ctx.regionOf(r), unit: "GB-months", quantity: ctx.storedGb(r), usage: "bucketStoredGb" })];
};

const transferJob: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const purpose = /backup/.test(String(p.replicationSpec?.gcsDataSource?.bucketName ?? r.name)) ? "backup" : "app";
  const gb = ctx.usage.bucketReplicationGb[purpose];
  return [
    ctx.line({ name: `Replicated writes (${purpose}, inter-region egress)`, key: "network.inter-region", region, unit: "GB", quantity: gb, usage: "bucketReplicationGb" }),
    ctx.line({ name: "Storage Transfer Service replication", key: "storagetransfer.replication", region, unit: "GB", quantity: gb, usage: "bucketReplicationGb" }),
  ];
};

const cryptoKey: Estimator = (r, ctx) => {
  const p = propsOf(r);
  // Rotation adds a version and keeps the old ones enabled (each billed): a year of rotations is what the key holds.
  const rotationDays = p.rotationPeriod ? Number(String(p.rotationPeriod).replace(/s$/, "")) / 86_400 : 0;
  const versions = rotationDays > 0 ? Math.ceil(365 / rotationDays) : 1;
  return [ctx.line({ name: `Key versions (${versions} after a year of ${rotationDays > 0 ? `${rotationDays}-day` : "no"} rotation)`, key: "kms.key-version", region: ctx.regionOf(r), unit: "version-months", quantity: versions })];
};

const recordSet: Estimator = (r, ctx) => {
  // Answers from a record with a routing policy (failover, weighted, geo) are billed at a higher rate.
  const routed = propsOf(r).routingPolicy !== undefined;
  return [routed ? ctx.dnsQueries(r, "dns.queries-routing-policy", "DNS queries (routing policy)") : ctx.dnsQueries(r, "dns.queries")];
};

const healthCheck: Estimator = (r, ctx) => {
  // A check with source regions probes from Cloud DNS for a routing policy, and is billed; a load balancer's is not.
  if (!Array.isArray(propsOf(r).sourceRegions) || propsOf(r).sourceRegions.length === 0) return [];
  return [ctx.hourly({ name: "Health check of external endpoints (Cloud DNS routing policy)", key: "compute.health-check", region: ctx.regionOf(r) })];
};

const NO_CHARGE = "has no charge of its own";

export const gcpPricing: CloudPricing = {
  priced: {
    "gcp:container/cluster:Cluster": cluster,
    "gcp:container/nodePool:NodePool": nodePool,
    "gcp:compute/routerNat:RouterNat": routerNat,
    "gcp:compute/address:Address": address,
    "gcp:sql/databaseInstance:DatabaseInstance": sqlInstance,
    "gcp:redis/instance:Instance": redis,
    "gcp:storage/bucket:Bucket": bucket,
    "gcp:storage/transferJob:TransferJob": transferJob,
    "gcp:kms/cryptoKey:CryptoKey": cryptoKey,
    "gcp:dns/recordSet:RecordSet": recordSet,
    "gcp:compute/healthCheck:HealthCheck": healthCheck,
  },
  free: {
    "gcp:compute/network:Network": `a VPC network ${NO_CHARGE}`,
    "gcp:compute/subnetwork:Subnetwork": `a subnet ${NO_CHARGE}`,
    "gcp:compute/router:Router": `a Cloud Router without BGP sessions ${NO_CHARGE} (its NAT is priced)`,
    "gcp:compute/firewall:Firewall": `a VPC firewall rule ${NO_CHARGE}`,
    "gcp:compute/globalAddress:GlobalAddress": "an internal range for private services access has no charge",
    "gcp:servicenetworking/connection:Connection": `a private services access connection ${NO_CHARGE}`,
    "gcp:kms/keyRing:KeyRing": `a key ring ${NO_CHARGE} (its keys are priced)`,
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": "IAM has no charge",
    "gcp:projects/iAMCustomRole:IAMCustomRole": "IAM has no charge",
    "gcp:projects/iAMMember:IAMMember": "IAM has no charge",
    "gcp:serviceaccount/account:Account": "service accounts have no charge",
    "gcp:serviceaccount/iAMMember:IAMMember": "IAM has no charge",
    "gcp:storage/bucketIAMMember:BucketIAMMember": "IAM has no charge",
    "gcp:sql/database:Database": "a database inside an instance has no charge (the instance is priced)",
    "gcp:sql/user:User": "a database user has no charge",
  },
  ingressLoadBalancer: (region, ctx) => ctx.ingress(region, { name: "Network Load Balancer forwarding rule (ingress)", hourKey: "networklb.forwarding-rule", dataKey: "networklb.data", egressKey: "network.internet-out", freeEgressGb: 0 }),
};

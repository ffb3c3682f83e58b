/**
 * Azure defaults for what the configuration leaves open, each with its source and the date it was read.
 * Sizes match the AWS reference stack's class (4 vCPU / 16 GiB nodes, 2 vCPU / 8 GiB database, ~6 GB cache)
 * so the two clouds are compared like for like; the cost model prices whatever is configured.
 */
export const AZURE_DEFAULTS = {
  /**
   * AKS release calendar (learn.microsoft.com/azure/aks/supported-kubernetes-versions; MicrosoftDocs/
   * azure-aks-docs, ms.date 2026-08-05), read 2026-11-22: 1.36 AKS GA Jun 2026, end of life Jun 2027; 1.37
   * GA Oct 2026. 1.36 is N-1: a version with a year of support left that has had months of patches.
   */
  kubernetesVersion: "1.36",
  /**
   * Dsv5: 4 vCPU / 16 GiB, x86 (not every DALP image is published for arm64), premium-storage capable ("s"),
   * which the Premium ZRS disks of persistent volumes need (learn.microsoft.com/azure/virtual-machines/sizes/
   * general-purpose/dsv5-series, read 2026-11-22).
   */
  nodeType: "Standard_D4s_v5",
  /**
   * System pools run CoreDNS, metrics-server and the AKS add-ons; AKS asks for at least 2 vCPU / 4 GiB and
   * recommends 4 vCPU for production (learn.microsoft.com/azure/aks/use-system-pools, read 2026-11-22).
   */
  systemNodeType: "Standard_D4s_v5",
  /**
   * System nodes per zone: at least one, so the three zonal system pools keep three system nodes, one in each
   * zone: the count AKS asks of a single system pool in production ("at least three nodes",
   * learn.microsoft.com/azure/aks/use-system-pools) and APRL 7f7ae535 of "the system node pool"
   * (Azure-Proactive-Resiliency-Library-v2 managedClusters/recommendations.yaml, commit 9b93db7), read
   * 2026-11-22, with the zone spread a single pool only balances by best effort. APRL's query counts per pool
   * and flags each zonal pool below three; docs/azure.md, "Node counts against APRL", says why the stack keeps
   * one per zone. Up to three as the add-ons scale with the cluster: an estimate from the add-on footprint of
   * a 3-9 node cluster.
   */
  systemNodesPerZone: { min: 1, max: 3 },
  /**
   * Flexible Server General Purpose Ddsv5: 2 vCores / 8 GiB (learn.microsoft.com/azure/postgresql/
   * flexible-server/concepts-compute, read 2026-11-22). General Purpose because zone-redundant HA is not
   * offered on Burstable (see validate.ts).
   */
  postgresSku: "Standard_D2ds_v5",
  // The PostgreSQL major version defaults to the schema's 17, which Flexible Server keeps in standard support
  // until 2029-11-08 (learn.microsoft.com/azure/postgresql/configure-maintain/concepts-version-policy, read
  // 2026-11-22); validate.ts accepts the majors in support on that date, 14 to 18.
  /**
   * Azure Managed Redis Balanced B5: 6 GB, 2 vCPUs (learn.microsoft.com/azure/redis/overview, SKU table,
   * read 2026-11-22): the class of the AWS default cache.m7g.large.
   */
  cacheSku: "Balanced_B5",
  /**
   * The restore drill's cache: Balanced B0, 0.5 GB, the smallest Azure Managed Redis size, with the same TLS-only
   * endpoint, private link and access keys as every Balanced size ("The Balanced B0 and B1 SKU options don't
   * support active geo-replication" is the one feature the SKU table takes from them, learn.microsoft.com/azure/
   * redis/overview, "Feature comparison", read 2026-12-01). The drill's DALP takes no traffic, so its queues and
   * sessions stay far below that.
   */
  drillCacheSku: "Balanced_B0",
} as const;

/**
 * Premium SSD sizes a Flexible Server can be given, in GiB (learn.microsoft.com/azure/postgresql/
 * flexible-server/concepts-storage, read 2026-11-22). Storage is provisioned in these steps, so the stack
 * takes the smallest one that holds `dalp:postgres.storageGb`.
 */
export const POSTGRES_STORAGE_SIZES_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767] as const;

export function postgresStorageSize(requestedGb: number): number | undefined {
  return POSTGRES_STORAGE_SIZES_GB.find((size) => size >= requestedGb);
}

/** Azure Managed Redis serves every database on this port, TLS only (learn.microsoft.com/azure/redis/overview, read 2026-11-22). */
export const MANAGED_REDIS_PORT = 10000;

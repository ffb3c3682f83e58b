/**
 * Azure regions by availability-zone support, as Microsoft lists them. Azure exposes no read-only call that
 * says whether a region has zones for every service this stack uses, so the program checks this table before
 * it declares anything: a region without zones cannot hold a zone-redundant database, cache or node pools.
 *
 * Source: Microsoft Learn, "Azure regions list" (learn.microsoft.com/azure/reliability/regions-list; its
 * source MicrosoftDocs/reliability-docs articles/reliability/regions-list.md, ms.date 2025-09-23), read
 * 2026-11-22. Regions marked "coming soon" there (denmarkeast) are left out until they open.
 */
export const AZURE_ZONAL_REGIONS: ReadonlySet<string> = new Set([
  "australiaeast",
  "austriaeast",
  "belgiumcentral",
  "brazilsouth",
  "canadacentral",
  "centralindia",
  "centralus",
  "chilecentral",
  "eastasia",
  "eastus",
  "eastus2",
  "francecentral",
  "germanywestcentral",
  "indonesiacentral",
  "israelcentral",
  "italynorth",
  "japaneast",
  "japanwest",
  "koreacentral",
  "malaysiawest",
  "mexicocentral",
  "newzealandnorth",
  "northeurope",
  "norwayeast",
  "polandcentral",
  "qatarcentral",
  "southafricanorth",
  "southcentralus",
  "southeastasia",
  "spaincentral",
  "swedencentral",
  "switzerlandnorth",
  "uaenorth",
  "uksouth",
  "westeurope",
  "westus2",
  "westus3",
]);

/** Regions of the same list without availability zones: named in the error so the user sees why. */
export const AZURE_REGIONS_WITHOUT_ZONES: ReadonlySet<string> = new Set([
  "australiacentral",
  "australiacentral2",
  "australiasoutheast",
  "brazilsoutheast",
  "canadaeast",
  "francesouth",
  "germanynorth",
  "koreasouth",
  "northcentralus",
  "norwaywest",
  "southafricawest",
  "southindia",
  "switzerlandwest",
  "uaecentral",
  "ukwest",
  "westcentralus",
  "westindia",
  "westus",
]);

/**
 * Azure numbers the zones of every zonal region "1", "2" and "3" (logical zones, mapped per subscription to
 * physical datacenters), so the zone names need no lookup.
 * Source: learn.microsoft.com/azure/reliability/availability-zones-overview, read 2026-11-22.
 */
export const AZURE_ZONE_NAMES = ["1", "2", "3"] as const;

/**
 * Zonal regions where AKS does not offer API Server VNet Integration, which this stack's cluster is built on
 * (the nodes reach the API server inside the VNet, and the API can be public or private on the same cluster).
 * Source: learn.microsoft.com/azure/aks/api-server-vnet-integration, "Availability": "available in all GA
 * public cloud regions except qatarcentral" (MicrosoftDocs/azure-aks-docs, ms.date 2026-04-15), read 2026-11-22.
 */
export const AZURE_REGIONS_WITHOUT_APISERVER_VNET_INTEGRATION: ReadonlySet<string> = new Set(["qatarcentral"]);

/**
 * The paired region of each zonal region, where Azure pairs it: the one region Flexible Server copies
 * geo-redundant backups to and geo-restores them in ("After you configure your server with geo-redundant
 * backup, you can restore it to a geo-paired region", learn.microsoft.com/azure/postgresql/backup-restore/
 * concepts-backup-restore, "Geo-redundant backup and restore", ms.date 2026-07-05). Source of the pairs: the
 * "Paired region" column of learn.microsoft.com/azure/reliability/regions-list (MicrosoftDocs/reliability-docs
 * articles/reliability/regions-list.md, ms.date 2025-09-23); brazilsouth and westus3 pair one way only
 * (regions-paired, "Asymmetrically paired regions", ms.date 2025-03-19). Regions marked N/A there have no pair and
 * are absent. All read 2026-12-01.
 */
export const AZURE_PAIRED_REGIONS: Readonly<Record<string, string>> = {
  australiaeast: "australiasoutheast",
  brazilsouth: "southcentralus",
  canadacentral: "canadaeast",
  centralindia: "southindia",
  centralus: "eastus2",
  eastasia: "southeastasia",
  eastus: "westus",
  eastus2: "centralus",
  francecentral: "francesouth",
  germanywestcentral: "germanynorth",
  japaneast: "japanwest",
  japanwest: "japaneast",
  koreacentral: "koreasouth",
  northeurope: "westeurope",
  norwayeast: "norwaywest",
  southafricanorth: "southafricawest",
  southcentralus: "northcentralus",
  southeastasia: "eastasia",
  swedencentral: "swedensouth",
  switzerlandnorth: "switzerlandwest",
  uaenorth: "uaecentral",
  uksouth: "ukwest",
  westeurope: "northeurope",
  westus2: "westcentralus",
  westus3: "eastus",
};

/**
 * Zonal regions where Flexible Server offers geo-redundant backup: the "Geo-Redundant backup" column of the
 * service's region table (MicrosoftDocs/azure-databases-docs articles/postgresql/flexible-server/includes/
 * regions-table.md, ms.date 2025-11-18, read 2026-12-01). Austria East, Brazil South, Chile Central, Indonesia
 * Central, Israel Central, Italy North, Malaysia West, Mexico Central, New Zealand North, Poland Central, Qatar
 * Central, Spain Central and West US 3 are marked without it; Belgium Central is not in the table.
 */
export const FLEXIBLE_SERVER_GEO_BACKUP_REGIONS: ReadonlySet<string> = new Set([
  "australiaeast",
  "canadacentral",
  "centralindia",
  "centralus",
  "eastasia",
  "eastus",
  "eastus2",
  "francecentral",
  "germanywestcentral",
  "japaneast",
  "japanwest",
  "koreacentral",
  "northeurope",
  "norwayeast",
  "southafricanorth",
  "southcentralus",
  "southeastasia",
  "swedencentral",
  "switzerlandnorth",
  "uaenorth",
  "uksouth",
  "westeurope",
  "westus2",
]);

/**
 * Zonal regions where Flexible Server offers no zone-redundant high availability (same table, "Zone-Redundant
 * HA" column): a primary restored there could never get the standby in another zone that every primary of the
 * stack has.
 */
export const FLEXIBLE_SERVER_REGIONS_WITHOUT_ZONE_REDUNDANT_HA: ReadonlySet<string> = new Set(["japanwest"]);

/**
 * Where hot-cold on Azure can rebuild a home region's database: its paired region, when the home region keeps
 * geo-redundant backups and the pair can hold a full zone-redundant stamp. Otherwise the reason there is none.
 */
export function geoRestoreRegion(home: string): { region: string } | { why: string } {
  const pair = AZURE_PAIRED_REGIONS[home];
  if (pair === undefined) return { why: `${home} has no paired region, and geo-restore goes only to the paired region` };
  if (!FLEXIBLE_SERVER_GEO_BACKUP_REGIONS.has(home)) return { why: `Flexible Server offers no geo-redundant backup in ${home}` };
  if (!AZURE_ZONAL_REGIONS.has(pair)) return { why: `its paired region ${pair} has no availability zones for the rebuilt stamp` };
  if (FLEXIBLE_SERVER_REGIONS_WITHOUT_ZONE_REDUNDANT_HA.has(pair)) return { why: `Flexible Server offers no zone-redundant high availability in its paired region ${pair}` };
  return { region: pair };
}

/** The zonal regions hot-cold can use as a home on Azure, each with the recovery region it must name. */
export function hotColdRegionPairs(): Array<[string, string]> {
  return [...AZURE_ZONAL_REGIONS].flatMap((home) => {
    const target = geoRestoreRegion(home);
    return "region" in target ? [[home, target.region] as [string, string]] : [];
  });
}

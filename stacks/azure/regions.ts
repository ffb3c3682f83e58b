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

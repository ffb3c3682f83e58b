import type { ChangeContext, DiffRule, TypeRules } from "./types";
import { replaceOn } from "./types";

/**
 * @pulumi/gcp is bridged from hashicorp/terraform-provider-google. Every `ForceNew: true` of each resource
 * schema below was extracted from the provider source at commit e03b762 (2026-08-21), read 2026-12-01, and
 * mapped to the Pulumi property names of the installed @pulumi/gcp (test/diffRules.test.ts checks every path
 * against the SDK's types). Nested `node_config` fields come from google/services/container/node_config.go,
 * which both the cluster and the node pool use. `no-diff` rules are the schema's `DiffSuppressFunc` and
 * `StateFunc` on those same replace-forcing fields: without them a real state (which holds the provider's
 * normalised form) would look like a replacement.
 */
const TF_GOOGLE = "hashicorp/terraform-provider-google@e03b762";
const source = (file: string) => `${TF_GOOGLE} google/services/${file} (schema ForceNew), read 2026-12-01`;

const SQL_INSTANCE_FORCE_NEW = [
  "region", "settings.collation", "encryptionKeyName", "name", "project", "replicaConfiguration.caCertificate",
  "replicaConfiguration.clientCertificate", "replicaConfiguration.clientKey",
  "replicaConfiguration.connectRetryInterval", "replicaConfiguration.dumpFilePath",
  "replicaConfiguration.failoverTarget", "replicaConfiguration.masterHeartbeatPeriod",
  "replicaConfiguration.password", "replicaConfiguration.sslCipher", "replicaConfiguration.username",
  "replicaConfiguration.verifyServerCertificate",
];

const SQL_DATABASE_FORCE_NEW = [
  "instance", "name", "project",
];

const REDIS_FORCE_NEW = [
  "name", "alternativeLocationId", "authorizedNetwork", "connectMode", "customerManagedKey", "locationId", "region",
  "reservedIpRange", "tier", "transitEncryptionMode", "project",
];

const BUCKET_FORCE_NEW = [
  "name", "location", "project", "enableObjectRetention", "customPlacementConfig.dataLocations",
  "hierarchicalNamespace", "hierarchicalNamespace.enabled",
];

const KEY_RING_FORCE_NEW = [
  "location", "name", "project",
];

const CRYPTO_KEY_FORCE_NEW = [
  "keyRing", "name", "cryptoKeyBackend", "destroyScheduledDuration", "importOnly", "purpose",
  "versionTemplate.protectionLevel",
];

const CLUSTER_FORCE_NEW = [
  "name", "location", "clusterAutoscaling.autoProvisioningDefaults.bootDiskKmsKey", "clusterIpv4Cidr", "description",
  "enableKubernetesAlpha", "enableTpu", "enableAutopilot", "initialNodeCount", "confidentialNodes",
  "confidentialNodes.enabled", "confidentialNodes.confidentialInstanceType", "masterAuth.clientCertificateConfig",
  "masterAuth.clientCertificateConfig.issueClientCertificate", "network", "nodePools", "project", "subnetwork",
  "ipAllocationPolicy", "ipAllocationPolicy.clusterIpv4CidrBlock", "ipAllocationPolicy.servicesIpv4CidrBlock",
  "ipAllocationPolicy.clusterSecondaryRangeName", "ipAllocationPolicy.servicesSecondaryRangeName",
  "ipAllocationPolicy.podCidrOverprovisionConfig", "networkingMode", "privateClusterConfig.masterIpv4CidrBlock",
  "privateClusterConfig.privateEndpointSubnetwork", "defaultMaxPodsPerNode", "datapathProvider",
  "dataplaneOptimizationMode", "userManagedKeysConfig.clusterCa", "userManagedKeysConfig.etcdApiCa",
  "userManagedKeysConfig.etcdPeerCa", "userManagedKeysConfig.aggregationCa",
];

const NODE_POOL_FORCE_NEW = [
  "project", "cluster", "location", "placementPolicy", "placementPolicy.policyName", "queuedProvisioning",
  "queuedProvisioning.enabled", "maxPodsPerNode", "initialNodeCount", "name", "namePrefix",
  "networkConfig.acceleratorNetworkProfile", "networkConfig.createPodRange", "networkConfig.podRange",
  "networkConfig.podIpv4CidrBlock", "networkConfig.additionalNodeNetworkConfigs",
  "networkConfig.additionalNodeNetworkConfigs[*].network",
  "networkConfig.additionalNodeNetworkConfigs[*].subnetwork", "networkConfig.additionalPodNetworkConfigs",
  "networkConfig.additionalPodNetworkConfigs[*].subnetwork",
  "networkConfig.additionalPodNetworkConfigs[*].secondaryPodRange",
  "networkConfig.additionalPodNetworkConfigs[*].maxPodsPerNode", "networkConfig.podCidrOverprovisionConfig",
  "networkConfig.subnetwork",
];

/** google/services/container/node_config.go: the ForceNew fields of `node_config`, shared by cluster and node pool. */
const NODE_CONFIG_FORCE_NEW = [
  "guestAccelerators", "guestAccelerators[*].count", "guestAccelerators[*].type",
  "guestAccelerators[*].gpuDriverInstallationConfig",
  "guestAccelerators[*].gpuDriverInstallationConfig.gpuDriverVersion", "guestAccelerators[*].gpuPartitionSize",
  "guestAccelerators[*].gpuSharingConfig", "guestAccelerators[*].gpuSharingConfig.gpuSharingStrategy",
  "guestAccelerators[*].gpuSharingConfig.maxSharedClientsPerGpu", "localSsdCount", "ephemeralStorageLocalSsdConfig",
  "ephemeralStorageLocalSsdConfig.localSsdCount", "ephemeralStorageLocalSsdConfig.dataCacheCount",
  "localNvmeSsdBlockConfig", "localNvmeSsdBlockConfig.localSsdCount", "secondaryBootDisks",
  "secondaryBootDisks[*].diskImage", "secondaryBootDisks[*].mode", "metadata", "minCpuPlatform", "oauthScopes",
  "preemptible", "reservationAffinity", "reservationAffinity.consumeReservationType", "reservationAffinity.key",
  "reservationAffinity.values", "spot", "serviceAccount", "shieldedInstanceConfig",
  "shieldedInstanceConfig.enableSecureBoot", "shieldedInstanceConfig.enableIntegrityMonitoring", "sandboxConfig",
  "bootDiskKmsKey", "nodeGroup", "advancedMachineFeatures", "advancedMachineFeatures.threadsPerCore",
  "advancedMachineFeatures.enableNestedVirtualization", "soleTenantConfig", "soleTenantConfig.nodeAffinities",
  "soleTenantConfig.nodeAffinities[*].key", "soleTenantConfig.nodeAffinities[*].operator",
  "soleTenantConfig.nodeAffinities[*].values", "hostMaintenancePolicy", "hostMaintenancePolicy.maintenanceInterval",
  "confidentialNodes.confidentialInstanceType", "enableConfidentialStorage", "localSsdEncryptionMode",
  "maxRunDuration", "flexStart",
];

/** `tpgresource.CompareSelfLinkOrResourceName`: a self link, a relative path and a bare name of one resource are equal. */
function sameResourceReference(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const relative = (s: string) => s.replace(/^https:\/\/[^/]+\/[^/]+\/[^/]+\//, "").replace(/^\//, "");
  const ra = relative(a);
  const rb = relative(b);
  if (ra === rb) return true;
  const bare = (s: string) => !s.includes("/");
  return (bare(ra) || bare(rb)) && ra.split("/").pop() === rb.split("/").pop();
}

/** `tpgresource.CidrOrSizeDiffSuppress`: a netmask size ("/14") matches any CIDR of that size. */
function sameCidrOrSize(c: ChangeContext): boolean {
  const size = (s: unknown) => (typeof s === "string" ? s.split("/").pop() : undefined);
  return typeof c.new === "string" && c.new.startsWith("/") && size(c.new) === size(c.old);
}

const caseInsensitive = (c: ChangeContext) => typeof c.old === "string" && typeof c.new === "string" && c.old.toLowerCase() === c.new.toLowerCase();

const suppress = (path: string, condition: string, when: (c: ChangeContext) => boolean, file: string): DiffRule => ({
  path,
  effect: "no-diff",
  condition,
  when,
  source: `${TF_GOOGLE} google/services/${file}, read 2026-12-01`,
});

const SQL = "sql/resource_sql_database_instance.go";
const autoresizeOn = (c: ChangeContext) => c.newInputs.settings?.diskAutoresize !== false;
const shrinks = (c: ChangeContext) => Number(c.new) < Number(c.old);

export const GCP_RULES: TypeRules[] = [
  {
    type: "gcp:sql/databaseInstance:DatabaseInstance",
    rules: [
      ...replaceOn(SQL_INSTANCE_FORCE_NEW, source(SQL)),
      suppress("settings.diskSize", "the disk is larger than configured and autoresize is on (diskSizeCutomizeDiff clears the diff)", (c) => shrinks(c) && autoresizeOn(c), SQL),
      {
        path: "settings.diskSize",
        effect: "replace",
        condition: "the disk would shrink with autoresize off (diskSizeCutomizeDiff: ForceNew)",
        when: (c) => shrinks(c) && !autoresizeOn(c),
        source: source(SQL),
      },
      {
        path: "settings.ipConfiguration.privateNetwork",
        effect: "replace",
        condition: "the private network is removed (privateNetworkCustomizeDiff)",
        when: (c) => typeof c.old === "string" && c.old !== "" && !c.new,
        source: source(SQL),
      },
      {
        path: "settings.autoUpgradeEnabled",
        effect: "replace",
        condition: "auto upgrade goes from true to false (autoUpgradeEnabledCustomizeDiff)",
        when: (c) => c.old === true && c.new !== true,
        source: source(SQL),
      },
      {
        path: "masterInstanceName",
        effect: "replace",
        condition: "the primary changes other than by a switchover (ForceNewIf master_instance_name)",
        source: source(SQL),
      },
    ],
  },
  { type: "gcp:sql/database:Database", rules: replaceOn(SQL_DATABASE_FORCE_NEW, source("sql/resource_sql_database.go")) },
  {
    type: "gcp:redis/instance:Instance",
    rules: [
      ...replaceOn(REDIS_FORCE_NEW, source("redis/resource_redis_instance.go")),
      suppress("authorizedNetwork", "the same network as a self link, a path or a name", (c) => sameResourceReference(c.old, c.new), "redis/resource_redis_instance.go"),
      {
        path: "redisVersion",
        effect: "replace",
        condition: "the version goes down (ForceNewIfChange redis_version, isRedisVersionDecreasing)",
        when: (c) => {
          const v = (s: unknown) => /REDIS_(\d+)_(\d+)/.exec(String(s))?.slice(1).map(Number);
          const [o, n] = [v(c.old), v(c.new)];
          return !!o && !!n && (n[0] < o[0] || (n[0] === o[0] && n[1] < o[1]));
        },
        source: source("redis/resource_redis_instance.go"),
      },
    ],
  },
  {
    type: "gcp:storage/bucket:Bucket",
    rules: [
      ...replaceOn(BUCKET_FORCE_NEW, source("storage/resource_storage_bucket.go")),
      suppress("location", "the same location in another case (StateFunc upper-cases it)", caseInsensitive, "storage/resource_storage_bucket.go"),
      suppress("customPlacementConfig.dataLocations", "the same locations in another case (StateFunc upper-cases them)", caseInsensitive, "storage/resource_storage_bucket.go"),
      {
        path: "retentionPolicy.isLocked",
        effect: "replace",
        condition: "a locked retention policy is unlocked (ForceNewIfChange retention_policy.0.is_locked, isPolicyLocked)",
        when: (c) => c.old === true && c.new !== true,
        source: source("storage/resource_storage_bucket.go"),
      },
    ],
  },
  { type: "gcp:kms/keyRing:KeyRing", rules: replaceOn(KEY_RING_FORCE_NEW, source("kms/resource_kms_key_ring.go")) },
  {
    type: "gcp:kms/cryptoKey:CryptoKey",
    rules: [
      ...replaceOn(CRYPTO_KEY_FORCE_NEW, source("kms/resource_kms_crypto_key.go")),
      suppress("keyRing", "the same key ring as an id or a path (kmsCryptoKeyRingsEquivalent)", (c) => sameResourceReference(c.old, c.new), "kms/resource_kms_crypto_key.go"),
    ],
  },
  {
    type: "gcp:container/cluster:Cluster",
    rules: [
      ...replaceOn(CLUSTER_FORCE_NEW, source("container/resource_container_cluster.go")),
      ...replaceOn(
        NODE_CONFIG_FORCE_NEW.map((p) => `nodeConfig.${p}`),
        source("container/node_config.go"),
      ),
      suppress("network", "the same network as a self link, a path or a name", (c) => sameResourceReference(c.old, c.new), "container/resource_container_cluster.go"),
      suppress("subnetwork", "the same subnetwork as a self link, a path or a name", (c) => sameResourceReference(c.old, c.new), "container/resource_container_cluster.go"),
      suppress("ipAllocationPolicy.clusterIpv4CidrBlock", "a netmask size matching the CIDR's", sameCidrOrSize, "container/resource_container_cluster.go"),
      suppress("ipAllocationPolicy.servicesIpv4CidrBlock", "a netmask size matching the CIDR's", sameCidrOrSize, "container/resource_container_cluster.go"),
      suppress("datapathProvider", "unset and DATAPATH_PROVIDER_UNSPECIFIED", (c) => !c.new && (!c.old || c.old === "DATAPATH_PROVIDER_UNSPECIFIED"), "container/resource_container_cluster.go"),
    ],
  },
  {
    type: "gcp:container/nodePool:NodePool",
    rules: [
      ...replaceOn(NODE_POOL_FORCE_NEW, source("container/resource_container_node_pool.go")),
      ...replaceOn(
        NODE_CONFIG_FORCE_NEW.map((p) => `nodeConfig.${p}`),
        source("container/node_config.go"),
      ),
      suppress("networkConfig.subnetwork", "the same subnetwork as a self link, a path or a name", (c) => sameResourceReference(c.old, c.new), "container/resource_container_node_pool.go"),
      suppress("networkConfig.podIpv4CidrBlock", "a netmask size matching the CIDR's", sameCidrOrSize, "container/resource_container_node_pool.go"),
    ],
  },
];

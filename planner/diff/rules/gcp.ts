import type { ChangeContext, DiffRule, TypeRules } from "./types";
import { replaceOn } from "./types";

/**
 * @pulumi/gcp is bridged from hashicorp/terraform-provider-google. Every `ForceNew: true` of each resource
 * schema below was extracted from the provider source at commit e03b762 (2026-08-21), read 2026-12-01, and
 * mapped to the Pulumi property names of the installed @pulumi/gcp (test/diffRules.test.ts checks every path
 * against the SDK's types). Nested `node_config` fields come from google/services/container/node_config.go,
 * which both the cluster and the node pool use. `no-diff` rules are the schema's `DiffSuppressFunc` and
 * `StateFunc` on those same replace-forcing fields: without them a real state (which holds the provider's
 * normalised form, and which these bridged resources are compared with) would look like a replacement. The
 * conditional replacements are the resources' `CustomizeDiff` functions that call `ForceNew`.
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

const ADDRESS_FORCE_NEW = [
  "name", "address", "addressType", "description", "ipCollection", "ipVersion", "ipv6EndpointType", "network",
  "networkTier", "prefixLength", "purpose", "region", "subnetwork", "project",
];

const HEALTH_CHECK_FORCE_NEW = ["name", "project"];

const RECORD_SET_FORCE_NEW = ["managedZone", "name", "routingPolicy.healthCheck", "project"];

const TRANSFER_JOB_FORCE_NEW = ["project", "transferSpec.sourceAgentPoolName", "transferSpec.sinkAgentPoolName"];

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

/**
 * `tpgresource.CompareSelfLinkOrResourceName`: the stored value is a self link; a new bare name matches its last
 * segment, anything else compares from the first `projects/` on (so a self link, a relative path and a name of
 * one subnetwork are the same).
 */
function sameSelfLinkOrName(old: unknown, next: unknown): boolean {
  if (typeof old !== "string" || typeof next !== "string") return false;
  if (!next.includes("/")) return old.split("/").pop() === next;
  const relative = (s: string) => (s.includes("projects/") ? s.slice(s.indexOf("projects/")) : undefined);
  const [a, b] = [relative(old), relative(next)];
  return a !== undefined && a === b;
}

const selfLinkOrName = (c: ChangeContext) => sameSelfLinkOrName(c.old, c.new);

/** A KMS key ring given as an id or as a path: either spelling of one ring (`kmsCryptoKeyRingsEquivalent`). */
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

/** `tpgresource.CanonicalizeServiceScope`: the gcloud short names of OAuth scopes (read 2026-12-01, google/tpgresource/service_scope.go). */
const SCOPE_ALIASES: Record<string, string> = {
  bigquery: "bigquery",
  "cloud-platform": "cloud-platform",
  "cloud-source-repos": "source.full_control",
  "cloud-source-repos-ro": "source.read_only",
  "compute-ro": "compute.readonly",
  "compute-rw": "compute",
  datastore: "datastore",
  "logging-write": "logging.write",
  monitoring: "monitoring",
  "monitoring-read": "monitoring.read",
  "monitoring-write": "monitoring.write",
  pubsub: "pubsub",
  "service-control": "servicecontrol",
  "service-management": "service.management.readonly",
  sql: "sqlservice",
  "sql-admin": "sqlservice.admin",
  "storage-full": "devstorage.full_control",
  "storage-ro": "devstorage.read_only",
  "storage-rw": "devstorage.read_write",
  taskqueue: "taskqueue",
  trace: "trace.append",
  "useraccounts-ro": "cloud.useraccounts.readonly",
  "useraccounts-rw": "cloud.useraccounts",
  "userinfo-email": "userinfo.email",
};
const canonicalScope = (scope: unknown) => (typeof scope === "string" && SCOPE_ALIASES[scope] ? `https://www.googleapis.com/auth/${SCOPE_ALIASES[scope]}` : scope);

/** The oauth_scopes set is hashed on the canonical scope (`StringScopeHashcode`): an alias and its URL are one member. */
function sameScopes(c: ChangeContext): boolean {
  if (!Array.isArray(c.old) || !Array.isArray(c.new)) return false;
  const [a, b] = [new Set(c.old.map(canonicalScope)), new Set(c.new.map(canonicalScope))];
  return a.size === b.size && [...a].every((scope) => b.has(scope));
}

/**
 * `suppressDiffForConfidentialNodes`: with confidential nodes enabled, the API reports the default type "SEV"
 * where the program sets none. `enabledAt` is the path of the `enabled` beside the type.
 */
const defaultConfidentialType = (enabledAt: string[]) => (c: ChangeContext) =>
  enabledAt.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], c.newInputs) === true && c.old === "SEV" && (c.new === undefined || c.new === "");

/** `isBeenEnabled` of `customdiff.ForceNewIfChange`: a feature on before is off now. */
const switchedOff = (c: ChangeContext) => c.old === true && c.new === false;

const valueIn = (root: Record<string, unknown>, path: string[]) => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], root);

/** The old value of a bridged property: the old output, or the old input where the outputs lack it. */
const oldValue = (c: ChangeContext, path: string[]) => valueIn(c.oldOutputs, path) ?? valueIn(c.oldInputs, path);

/**
 * `containerClusterEnableK8sBetaApisCustomizeDiffFunc`: a beta API once enabled cannot be disabled, so one that is
 * missing from the new list (or the whole block removed) forces a new cluster.
 */
function betaApiRemoved(c: ChangeContext): boolean {
  const before = oldValue(c, ["enableK8sBetaApis", "enabledApis"]);
  const after = valueIn(c.newInputs, ["enableK8sBetaApis", "enabledApis"]);
  if (!Array.isArray(before)) return false;
  const kept = new Set(Array.isArray(after) ? after : []);
  return before.some((api) => !kept.has(api));
}

/**
 * `isSwitchoverFromOldPrimarySide`: the old primary of a switchover becomes a replica of the new one (its instance
 * type goes from CLOUD_SQL_INSTANCE to READ_REPLICA_INSTANCE, its new master was one of its replicas and is no
 * longer, and it has one replica_configuration; a SQL Server one must be cascadable). Only that update leaves
 * `master_instance_name` and `replica_configuration.cascadable_replica` in place; any other change replaces.
 * Optional+Computed keys the program leaves unset keep their old value in the plan, as Terraform's do.
 */
function isSwitchoverFromOldPrimarySide(c: ChangeContext): boolean {
  const planned = (key: string) => c.newInputs[key] ?? oldValue(c, [key]);
  const oldReplicas = oldValue(c, ["replicaNames"]);
  const newReplicas = planned("replicaNames");
  const master = c.newInputs.masterInstanceName;
  const replica = c.newInputs.replicaConfiguration as Record<string, unknown> | undefined;
  if (typeof master !== "string" || !replica || typeof replica !== "object" || Array.isArray(replica)) return false;
  const sqlServer = String(planned("databaseVersion") ?? "").startsWith("SQLSERVER");
  return (
    oldValue(c, ["instanceType"]) === "CLOUD_SQL_INSTANCE" &&
    planned("instanceType") === "READ_REPLICA_INSTANCE" &&
    Array.isArray(oldReplicas) &&
    oldReplicas.includes(master) &&
    !(Array.isArray(newReplicas) && newReplicas.includes(master)) &&
    (!sqlServer || replica.cascadableReplica === true)
  );
}

const CLUSTER = "container/resource_container_cluster.go";
const NODE_CONFIG = "container/node_config.go";

/** The node_config suppressions, shared by the cluster's `nodeConfig` and the node pool's. */
const nodeConfigSuppressions = (): DiffRule[] => [
  suppress("nodeConfig.oauthScopes", "the same scopes, a gcloud short name (\"cloud-platform\") standing for its URL (CanonicalizeServiceScope)", sameScopes, NODE_CONFIG),
  suppress("nodeConfig.guestAccelerators[*].type", "the same accelerator type as a self link, a path or a name", selfLinkOrName, NODE_CONFIG),
  suppress(
    "nodeConfig.confidentialNodes.confidentialInstanceType",
    "confidential nodes are enabled, the program sets no type and the API reports the default SEV",
    defaultConfidentialType(["nodeConfig", "confidentialNodes", "enabled"]),
    NODE_CONFIG,
  ),
];

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
        // Optional+Computed: a program that stops setting it plans the prior value (no change to force on), and a
        // promotion's CustomizeDiff clears it only after the ForceNewIf has run (checkPromoteConfigurationsAndUpdateDiff);
        // so only setting it to a new primary replaces.
        path: "masterInstanceName",
        effect: "replace",
        condition:
          "it is set to a primary other than before, other than on the old primary's side of a switchover (ForceNewIf master_instance_name, isSwitchoverFromOldPrimarySide); removing it (a promotion) does not replace",
        when: (c) => typeof c.new === "string" && c.new !== "" && !isSwitchoverFromOldPrimarySide(c),
        source: source(SQL),
      },
      {
        path: "replicaConfiguration.cascadableReplica",
        effect: "replace",
        condition: "it changes other than on the old primary's side of a switchover (ForceNewIf replica_configuration.0.cascadable_replica)",
        when: (c) => !isSwitchoverFromOldPrimarySide(c),
        source: source(SQL),
      },
    ],
  },
  { type: "gcp:sql/database:Database", rules: replaceOn(SQL_DATABASE_FORCE_NEW, source("sql/resource_sql_database.go")) },
  {
    type: "gcp:redis/instance:Instance",
    rules: [
      ...replaceOn(REDIS_FORCE_NEW, source("redis/resource_redis_instance.go")),
      suppress("authorizedNetwork", "the same network as a self link, a path or a name", selfLinkOrName, "redis/resource_redis_instance.go"),
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
      suppress(
        "hierarchicalNamespace",
        "the block is removed and was not enabled (hierachicalNamespaceDiffSuppress: the provider always reads back {enabled: false})",
        (c) => valueIn(c.newInputs, ["hierarchicalNamespace", "enabled"]) === undefined && oldValue(c, ["hierarchicalNamespace", "enabled"]) === false,
        "storage/resource_storage_bucket.go",
      ),
      {
        path: "retentionPolicy.isLocked",
        effect: "replace",
        condition: "a locked retention policy is unlocked (ForceNewIfChange retention_policy.0.is_locked, isPolicyLocked)",
        when: (c) => c.old === true && c.new !== true,
        source: source("storage/resource_storage_bucket.go"),
      },
    ],
  },
  {
    type: "gcp:compute/address:Address",
    rules: [
      ...replaceOn(ADDRESS_FORCE_NEW, source("compute/resource_compute_address.go")),
      suppress("region", "the same region as a self link, a path or a name", selfLinkOrName, "compute/resource_compute_address.go"),
    ],
  },
  { type: "gcp:compute/healthCheck:HealthCheck", rules: replaceOn(HEALTH_CHECK_FORCE_NEW, source("compute/resource_compute_health_check.go")) },
  {
    type: "gcp:dns/recordSet:RecordSet",
    rules: [
      ...replaceOn(RECORD_SET_FORCE_NEW, source("dns/resource_dns_record_set.go")),
      suppress("managedZone", "the same zone as a self link, a path or a name", selfLinkOrName, "dns/resource_dns_record_set.go"),
    ],
  },
  { type: "gcp:storage/transferJob:TransferJob", rules: replaceOn(TRANSFER_JOB_FORCE_NEW, source("storagetransfer/resource_storage_transfer_job.go")) },
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
      ...nodeConfigSuppressions(),
      suppress("network", "the same network as a self link, a path or a name", selfLinkOrName, CLUSTER),
      suppress("subnetwork", "the same subnetwork as a self link, a path or a name", selfLinkOrName, CLUSTER),
      suppress(
        "privateClusterConfig.privateEndpointSubnetwork",
        "the same subnetwork as a self link, a path or a name, or unset by the program with masterIpv4CidrBlock set (containerClusterPrivateClusterConfigSuppress)",
        (c) =>
          sameSelfLinkOrName(c.old, c.new) ||
          (!!valueIn(c.newInputs, ["privateClusterConfig", "masterIpv4CidrBlock"]) && (c.new === undefined || c.new === "") && typeof c.old === "string" && c.old !== ""),
        CLUSTER,
      ),
      suppress(
        "confidentialNodes.confidentialInstanceType",
        "confidential nodes are enabled, the program sets no type and the API reports the default SEV",
        defaultConfidentialType(["confidentialNodes", "enabled"]),
        CLUSTER,
      ),
      {
        path: "enableL4IlbSubsetting",
        effect: "replace",
        condition: "L4 ILB subsetting goes from true to false (ForceNewIfChange enable_l4_ilb_subsetting, isBeenEnabled)",
        when: switchedOff,
        source: source(CLUSTER),
      },
      {
        path: "enableFqdnNetworkPolicy",
        effect: "replace",
        condition: "FQDN network policy goes from true to false or unset (default false; ForceNewIfChange enable_fqdn_network_policy, isBeenEnabled)",
        when: (c) => c.old === true && c.new !== true,
        source: source(CLUSTER),
      },
      {
        path: "enableK8sBetaApis.enabledApis",
        effect: "replace",
        condition: "an enabled beta API is removed from the list, or the block is removed (containerClusterEnableK8sBetaApisCustomizeDiff)",
        when: betaApiRemoved,
        source: source(CLUSTER),
      },
      suppress("ipAllocationPolicy.clusterIpv4CidrBlock", "a netmask size matching the CIDR's", sameCidrOrSize, CLUSTER),
      suppress("ipAllocationPolicy.servicesIpv4CidrBlock", "a netmask size matching the CIDR's", sameCidrOrSize, CLUSTER),
      suppress("datapathProvider", "unset and DATAPATH_PROVIDER_UNSPECIFIED", (c) => !c.new && (!c.old || c.old === "DATAPATH_PROVIDER_UNSPECIFIED"), CLUSTER),
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
      ...nodeConfigSuppressions(),
      suppress("networkConfig.subnetwork", "the same subnetwork as a self link, a path or a name", selfLinkOrName, "container/resource_container_node_pool.go"),
      suppress("networkConfig.podIpv4CidrBlock", "a netmask size matching the CIDR's", sameCidrOrSize, "container/resource_container_node_pool.go"),
    ],
  },
];

import { DalpPolicy, DRILL_EXEMPT, get, inDrill, resourceRule } from "./kit";
import { MANAGED_CACHE, T } from "./types";

const READINESS = "Cloud-native HA, Production readiness checks: Managed cache";

export const cacheRules: DalpPolicy[] = [
  resourceRule(
    {
      name: "dalp-cache-require-ha",
      description: "The managed cache fails over automatically to a replica in another zone.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${READINESS}; Provider patterns (ElastiCache Multi-AZ, Azure Cache zone redundancy, Memorystore Standard tier)`,
      remediationSteps:
        "AWS: automaticFailoverEnabled and multiAzEnabled, at least 2 nodes in different preferredCacheClusterAzs. Azure Managed Redis: highAvailability Enabled; Azure Cache for Redis: Premium, replicasPerMaster >= 1, 2+ zones. GCP: tier STANDARD_HA with alternativeLocationId in another zone.",
    },
    MANAGED_CACHE,
    (props, args, report) => {
      if (inDrill(args.urn)) args.notApplicable(DRILL_EXEMPT);
      if (args.type === T.aws.elasticache) {
        if (props.automaticFailoverEnabled !== true) report("automaticFailoverEnabled is not true.");
        if (props.multiAzEnabled !== true) report("multiAzEnabled is not true.");
        const nodes = props.numCacheClusters !== undefined ? Number(props.numCacheClusters) : 1 + Number(props.replicasPerNodeGroup ?? 0);
        if (!(nodes >= 2)) report(`${nodes} node(s): a replica is needed to fail over to.`);
        const zones = props.preferredCacheClusterAzs as string[] | undefined;
        if (zones && new Set(zones).size < 2) report(`every node is placed in ${zones[0]}: a zone failure takes the primary and its replicas.`);
      }
      if (args.type === T.azure.redis) {
        if (get(props, "sku.name") !== "Premium") report(`sku.name is ${JSON.stringify(get(props, "sku.name"))}: zone redundancy needs Premium.`);
        if (!(Number(props.replicasPerMaster ?? 1) >= 1)) report("replicasPerMaster is below 1.");
        if (!(Array.isArray(props.zones) && props.zones.length >= 2)) report("the cache is not spread over at least two zones.");
      }
      if (args.type === T.azure.managedRedis && props.highAvailability === "Disabled") report("highAvailability is Disabled.");
      if (args.type === T.gcp.redis) {
        if (props.tier !== "STANDARD_HA") report(`tier is ${JSON.stringify(props.tier ?? "BASIC")}, not STANDARD_HA.`);
        if (props.alternativeLocationId !== undefined && props.alternativeLocationId === props.locationId) report("alternativeLocationId equals locationId: the replica shares the primary's zone.");
      }
    },
  ),

  resourceRule(
    {
      name: "dalp-cache-require-tls",
      description: "Clients reach the managed cache over TLS and authenticate.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${READINESS}: "DALP credentials and TLS settings are tested"`,
      remediationSteps:
        "AWS: transitEncryptionEnabled with transitEncryptionMode required, and an authToken. Azure Cache for Redis: enableNonSslPort false, minimumTlsVersion 1.2; Azure Managed Redis: database clientProtocol Encrypted. GCP: transitEncryptionMode SERVER_AUTHENTICATION and authEnabled.",
    },
    [...MANAGED_CACHE, T.azure.managedRedisDatabase],
    (props, args, report) => {
      if (args.type === T.aws.elasticache) {
        if (props.transitEncryptionEnabled !== true) report("transitEncryptionEnabled is not true.");
        if (props.transitEncryptionMode === "preferred") report("transitEncryptionMode is preferred: clients may still connect in plain text.");
        if (!props.authToken && !(Array.isArray(props.userGroupIds) && props.userGroupIds.length > 0)) report("neither an AUTH token nor a user group: any client in the network may connect.");
      }
      if (args.type === T.azure.redis) {
        if (props.enableNonSslPort === true) report("enableNonSslPort is true.");
        if (props.minimumTlsVersion !== undefined && props.minimumTlsVersion < "1.2") report(`minimumTlsVersion is ${props.minimumTlsVersion}.`);
      }
      if (args.type === T.azure.managedRedis) args.notApplicable("TLS is set on the cluster's databases");
      if (args.type === T.azure.managedRedisDatabase && props.clientProtocol === "Plaintext") report("clientProtocol is Plaintext.");
      if (args.type === T.gcp.redis) {
        if (props.transitEncryptionMode !== "SERVER_AUTHENTICATION") report(`transitEncryptionMode is ${JSON.stringify(props.transitEncryptionMode ?? "DISABLED")}.`);
        if (props.authEnabled !== true) report("authEnabled is not true.");
      }
    },
  ),
];

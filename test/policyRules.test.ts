import type { CheckInput } from "../checker/model";
import { RULES } from "../policies/rules";
import { T } from "../policies/rules/types";
import { notApplicableTo, res, stackOf, violationsOf } from "./helpers/checkInput";

/* Fixtures: the smallest resources that make each rule pass or fail, per cloud where the rule differs. */

const rds = (over: Record<string, unknown> = {}) =>
  res(T.aws.rdsInstance, { multiAz: true, backupRetentionPeriod: 30, deletionProtection: true, skipFinalSnapshot: false, storageEncrypted: true, publiclyAccessible: false, parameterGroupName: "pg", ...over });
const rdsParams = (value = "1") => res(T.aws.rdsParameterGroup, { name: "pg", parameters: [{ name: "rds.force_ssl", value }] });
const azurePg = (over: Record<string, unknown> = {}) =>
  res(T.azure.postgres, {
    serverName: "pg",
    name: "pg",
    id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg",
    resourceGroupName: "rg",
    availabilityZone: "1",
    highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
    backup: { backupRetentionDays: 30 },
    network: { publicNetworkAccess: "Disabled" },
    ...over,
  });
const azureLock = () => res(T.azure.lockAtResource, { level: "CanNotDelete", resourceName: "pg", resourceGroupName: "rg" });
const cloudSql = (settings: Record<string, unknown> = {}, over: Record<string, unknown> = {}) =>
  res(T.gcp.sql, {
    deletionProtection: true,
    settings: {
      availabilityType: "REGIONAL",
      deletionProtectionEnabled: true,
      backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 30 },
      ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY" },
      ...settings,
    },
    ...over,
  });
const elasticache = (over: Record<string, unknown> = {}) =>
  res(T.aws.elasticache, {
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    numCacheClusters: 3,
    preferredCacheClusterAzs: ["a", "b", "c"],
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    authToken: "secret",
    ...over,
  });
const memorystore = (over: Record<string, unknown> = {}) =>
  res(T.gcp.redis, { tier: "STANDARD_HA", locationId: "europe-west1-b", alternativeLocationId: "europe-west1-c", transitEncryptionMode: "SERVER_AUTHENTICATION", authEnabled: true, ...over });
const s3 = (name: string) => res(T.aws.bucket, { bucket: name, id: name });
const s3Setting = (type: string, bucket: string, props: Record<string, unknown>) => res(type, { bucket, ...props });
const s3Complete = (name: string, noncurrentDays = 90) => [
  s3(name),
  s3Setting(T.aws.bucketVersioning, name, { versioningConfiguration: { status: "Enabled" } }),
  s3Setting(T.aws.bucketLifecycle, name, { rules: [{ id: "x", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays } }] }),
  s3Setting(T.aws.bucketEncryption, name, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }),
  s3Setting(T.aws.bucketPublicAccess, name, { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
];
const gcs = (over: Record<string, unknown> = {}) =>
  res(T.gcp.bucket, {
    name: "b",
    versioning: { enabled: true },
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 90 } }],
    ...over,
  });
const storageAccount = (over: Record<string, unknown> = {}) => res(T.azure.storageAccount, { name: "acct", resourceGroupName: "rg", sku: { name: "Standard_ZRS" }, allowBlobPublicAccess: false, ...over });
const blobService = (versioning = true) => res(T.azure.blobService, { accountName: "acct", resourceGroupName: "rg", isVersioningEnabled: versioning });
const subnet = (id: string, zone: string) => res(T.aws.subnet, { id, availabilityZone: zone });
const eks = (subnetIds: string[]) => res(T.aws.eksCluster, { name: "c", version: "1.36", vpcConfig: { subnetIds } });
const nodeGroup = (subnetId: string, minSize = 1) => res(T.aws.eksNodeGroup, { clusterName: "c", subnetIds: [subnetId], scalingConfig: { minSize, maxSize: 3 } });
const awsCluster = (zones: string[]) => [...zones.map((z, i) => subnet(`s${i}`, z)), eks(zones.map((_, i) => `s${i}`)), ...zones.map((_, i) => nodeGroup(`s${i}`))];
const gke = (over: Record<string, unknown> = {}) => res(T.gcp.gke, { name: "g", location: "europe-west1", minMasterVersion: "1.33", ...over });
const gkePool = (nodeLocations: string[], min = 1) => res(T.gcp.nodePool, { cluster: "g", nodeLocations, autoscaling: { minNodeCount: min, maxNodeCount: 3 } });
const aks = (zones: string[], tier = "Standard") => res(T.azure.aks, { name: "a", sku: { tier }, kubernetesVersion: "1.33", agentPoolProfiles: [{ mode: "System", availabilityZones: zones, count: 1 }] });
const release = (chart: string, values: Record<string, unknown>, over: Record<string, unknown> = {}) => res(T.k8s.release, { chart, version: "1.0.0", namespace: chart === "velero" ? "velero" : "dalp", values, ...over });
const dalp = (dapp: Record<string, unknown>) => release("oci://r/dalp/dalp", { dapp });
const support = (values: Record<string, unknown>) => release("oci://r/dalp/support", values);
const schedule = (template: Record<string, unknown> = {}, cron = "0 2 * * *") => ({
  schedule: cron,
  template: {
    ttl: "720h0m0s",
    includedNamespaces: ["dalp"],
    labelSelector: { matchLabels: { "kots.io/app-slug": "settlemint-dalp" } },
    excludedResources: ["events", "events.events.k8s.io"],
    defaultVolumesToFsBackup: true,
    ...template,
  },
});
const velero = (values: Record<string, unknown> = {}) =>
  release("velero", {
    credentials: { useSecret: false },
    serviceAccount: { server: { name: "velero-server", annotations: { "iam.gke.io/gcp-service-account": "velero@p.iam.gserviceaccount.com" } } },
    configuration: { backupStorageLocation: [{ name: "default", provider: "aws", bucket: "backups" }] },
    schedules: { "dalp-daily": schedule() },
    ...values,
  });
const ALL_SIGNAL_EXPRS = [
  "probe_success == 0",
  "increase(kube_pod_container_status_restarts_total[1h]) > 5",
  "kube_pod_status_ready{condition='false'} > 0",
  "kube_deployment_status_replicas_unavailable > 0",
  "pg_up == 0",
  "redis_up == 0",
  "velero_backup_storage_location_phase == 0",
  "increase(velero_backup_failure_total[1h]) > 0",
  "pg_replication_lag_seconds > 60",
  "probe_ssl_earliest_cert_expiry - time() < 14 * 86400",
  "kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes > 0.8",
];
const promRule = (exprs: string[]) => res(T.k8s.prometheusRule, { spec: { groups: [{ name: "g", rules: exprs.map((expr, i) => ({ alert: `A${i}`, expr })) }] } });
const regionalRds = (region: string, over: Record<string, unknown> = {}) => rds({ region, ...over });
const r53 = (over: Record<string, unknown>) => res(T.aws.route53Record, { name: "dalp.example.com", type: "A", failoverRoutingPolicies: [{ type: "PRIMARY" }], ttl: 60, healthCheckId: "hc", ...over });

type Case = { pass: CheckInput[]; fail: Array<[CheckInput, RegExp]>; config?: Record<string, unknown> };

const CASES: Record<string, Case> = {
  "dalp-postgres-require-ha": {
    pass: [stackOf(rds()), stackOf(azurePg()), stackOf(cloudSql())],
    fail: [
      [stackOf(rds({ multiAz: false })), /multiAz is not true/],
      [stackOf(azurePg({ highAvailability: { mode: "SameZone" } })), /"SameZone", not "ZoneRedundant"/],
      [stackOf(azurePg({ highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "1" } })), /standby is in the primary's zone/],
      [stackOf(cloudSql({ availabilityType: "ZONAL" })), /"ZONAL", not "REGIONAL"/],
    ],
  },
  "dalp-postgres-require-pitr": {
    pass: [stackOf(rds()), stackOf(azurePg()), stackOf(cloudSql()), stackOf(rds({ replicateSourceDb: "arn:src", backupRetentionPeriod: 0 }))],
    fail: [
      [stackOf(rds({ backupRetentionPeriod: 7 })), /backupRetentionPeriod is 7; at least 30 days/],
      [stackOf(azurePg({ backup: { backupRetentionDays: 7 } })), /backup\.backupRetentionDays is 7/],
      [stackOf(cloudSql({ backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: false, transactionLogRetentionDays: 7 } })), /pointInTimeRecoveryEnabled is not true/],
    ],
  },
  "dalp-postgres-enable-deletion-protection": {
    pass: [stackOf(rds()), stackOf(azurePg(), azureLock()), stackOf(cloudSql())],
    fail: [
      [stackOf(rds({ deletionProtection: false })), /deletionProtection is not true/],
      [stackOf(rds({ skipFinalSnapshot: true })), /no final snapshot/],
      [stackOf(azurePg()), /no CanNotDelete management lock/],
      [stackOf(cloudSql({ deletionProtectionEnabled: false })), /deletionProtectionEnabled is not true \(API side\)/],
    ],
  },
  "dalp-postgres-require-encryption": {
    pass: [stackOf(rds())],
    fail: [[stackOf(rds({ storageEncrypted: false })), /storageEncrypted is not true/]],
  },
  "dalp-postgres-deny-public-access": {
    pass: [stackOf(rds()), stackOf(azurePg()), stackOf(cloudSql())],
    fail: [
      [stackOf(rds({ publiclyAccessible: true })), /publiclyAccessible is true/],
      [stackOf(azurePg({ network: { publicNetworkAccess: "Enabled" } })), /publicNetworkAccess is "Enabled"/],
      [stackOf(cloudSql({ ipConfiguration: { ipv4Enabled: true, sslMode: "ENCRYPTED_ONLY" } })), /has a public IP/],
    ],
  },
  "dalp-postgres-require-tls": {
    pass: [stackOf(rds(), rdsParams()), stackOf(azurePg()), stackOf(cloudSql())],
    fail: [
      [stackOf(rds(), rdsParams("0")), /does not set rds\.force_ssl = 1/],
      [stackOf(azurePg(), res(T.azure.postgresConfiguration, { serverName: "pg", configurationName: "require_secure_transport", value: "off" })), /require_secure_transport is switched off/],
      [stackOf(cloudSql({ ipConfiguration: { ipv4Enabled: false, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } })), /sslMode is "ALLOW_UNENCRYPTED_AND_ENCRYPTED"/],
    ],
  },
  "dalp-cache-require-ha": {
    pass: [stackOf(elasticache()), stackOf(memorystore()), stackOf(res(T.azure.redis, { sku: { name: "Premium" }, replicasPerMaster: 1, zones: ["1", "2"] })), stackOf(res(T.azure.managedRedis, { highAvailability: "Enabled" }))],
    fail: [
      [stackOf(elasticache({ automaticFailoverEnabled: false })), /automaticFailoverEnabled is not true/],
      [stackOf(elasticache({ numCacheClusters: 1 })), /1 node\(s\)/],
      [stackOf(elasticache({ preferredCacheClusterAzs: ["a", "a"] })), /every node is placed in a/],
      [stackOf(memorystore({ tier: "BASIC" })), /tier is "BASIC"/],
      [stackOf(res(T.azure.managedRedis, { highAvailability: "Disabled" })), /highAvailability is Disabled/],
      [stackOf(res(T.azure.redis, { sku: { name: "Standard" }, zones: ["1"] })), /zone redundancy needs Premium/],
    ],
  },
  "dalp-cache-require-tls": {
    pass: [stackOf(elasticache()), stackOf(memorystore()), stackOf(res(T.azure.managedRedisDatabase, { clientProtocol: "Encrypted" }))],
    fail: [
      [stackOf(elasticache({ transitEncryptionEnabled: false })), /transitEncryptionEnabled is not true/],
      [stackOf(elasticache({ authToken: undefined })), /neither an AUTH token/],
      [stackOf(memorystore({ transitEncryptionMode: "DISABLED" })), /transitEncryptionMode is "DISABLED"/],
      [stackOf(res(T.azure.managedRedisDatabase, { clientProtocol: "Plaintext" })), /clientProtocol is Plaintext/],
      [stackOf(res(T.azure.redis, { enableNonSslPort: true })), /enableNonSslPort is true/],
    ],
  },
  "dalp-bucket-enable-versioning": {
    pass: [stackOf(...s3Complete("a")), stackOf(gcs()), stackOf(storageAccount(), blobService())],
    fail: [
      [stackOf(s3("a")), /bucket a does not keep object versions/],
      [stackOf(gcs({ versioning: { enabled: false } })), /bucket b does not keep object versions/],
      [stackOf(storageAccount(), blobService(false)), /storage account acct does not keep object versions/],
    ],
  },
  "dalp-bucket-retain-noncurrent-versions": {
    pass: [stackOf(...s3Complete("a")), stackOf(gcs()), stackOf(s3("keep-forever"))],
    fail: [
      [stackOf(...s3Complete("a", 30)), /deletes noncurrent versions after 30 days; at least 90/],
      [stackOf(gcs({ lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 7 } }] })), /after 7 days/],
      [stackOf(storageAccount(), res(T.azure.managementPolicy, { accountName: "acct", resourceGroupName: "rg", policy: { rules: [{ name: "r", definition: { actions: { version: { delete: { daysAfterCreationGreaterThan: 30 } } } } }] } })), /management policy rule r of acct/],
    ],
  },
  "dalp-bucket-require-encryption": {
    pass: [stackOf(...s3Complete("a"))],
    fail: [[stackOf(s3("a")), /bucket a declares no server-side encryption/]],
  },
  "dalp-bucket-block-public-access": {
    pass: [stackOf(...s3Complete("a")), stackOf(gcs()), stackOf(storageAccount())],
    fail: [
      [stackOf(s3("a"), s3Setting(T.aws.bucketPublicAccess, "a", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })), /does not set blockPublicPolicy, restrictPublicBuckets|does not set blockPublicPolicy/],
      [stackOf(gcs({ publicAccessPrevention: "inherited" })), /publicAccessPrevention is not enforced/],
      [stackOf(storageAccount({ allowBlobPublicAccess: true })), /allows public blob access/],
    ],
  },
  "dalp-storage-require-zone-redundancy": {
    pass: [stackOf(storageAccount()), stackOf(storageAccount({ sku: { name: "Standard_GZRS" } }))],
    fail: [[stackOf(storageAccount({ sku: { name: "Standard_LRS" } })), /sku\.name is "Standard_LRS"/]],
  },
  "dalp-cluster-span-zones": {
    pass: [
      stackOf(...awsCluster(["a", "b", "c"])),
      stackOf(gke()),
      stackOf(aks(["1", "2", "3"])),
      stackOf(aks(["1"]), res(T.azure.agentPool, { resourceName: "a", mode: "System", availabilityZones: ["2"], count: 1 })),
    ],
    fail: [
      [stackOf(...awsCluster(["a"])), /subnets are in 1 availability zone/],
      [stackOf(gke({ location: "europe-west1-b" })), /is a zone: the control plane is zonal/],
      [stackOf(aks(["1", "2", "3"], "Free")), /sku\.tier is "Free"/],
      [stackOf(aks(["1"])), /system node pools are not spread over zones/],
    ],
  },
  "dalp-cluster-spread-node-zones": {
    pass: [stackOf(...awsCluster(["a", "b", "c"])), stackOf(gke(), gkePool(["x-b", "x-c", "x-d"])), stackOf(aks(["1", "2", "3"]))],
    fail: [
      [stackOf(...awsCluster(["a", "b"])), /nodes are guaranteed in 2 zone\(s\) \(a, b\); at least 3/],
      [stackOf(gke(), gkePool(["x-b", "x-c", "x-d"], 0)), /guaranteed in 0 zone/],
      [stackOf(aks(["1"])), /guaranteed in 1 zone/],
      [stackOf(...awsCluster(["a", "b"]), { ...nodeGroup("s9"), inputs: { clusterName: "c", subnetIds: ["s9"], scalingConfig: { minSize: 1 }, taints: [{ key: "CriticalAddonsOnly", effect: "NO_SCHEDULE" }] }, outputs: { clusterName: "c", subnetIds: ["s9"], scalingConfig: { minSize: 1 }, taints: [{ key: "CriticalAddonsOnly", effect: "NO_SCHEDULE" }] } }, subnet("s9", "c")), /guaranteed in 2 zone\(s\) \(a, b\)/],
    ],
  },
  "dalp-app-require-replicas": {
    pass: [stackOf(dalp({ replicaCount: 2 })), stackOf(dalp({}))],
    fail: [[stackOf(dalp({ replicaCount: 1 })), /dapp\.replicaCount is 1; at least 2/]],
  },
  "dalp-app-set-anti-affinity": {
    pass: [stackOf(dalp({ podAntiAffinityPreset: "soft" })), stackOf(dalp({}))],
    fail: [[stackOf(dalp({ podAntiAffinityPreset: "" })), /podAntiAffinityPreset is "" and no podAntiAffinity rule/]],
  },
  "dalp-app-enable-probes": {
    pass: [stackOf(dalp({ livenessProbe: { enabled: true } }))],
    fail: [[stackOf(dalp({ readinessProbe: { enabled: false } })), /dapp\.readinessProbe\.enabled is false/]],
  },
  "dalp-app-set-resources": {
    pass: [stackOf(dalp({ resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "2Gi" } } }))],
    fail: [[stackOf(dalp({ resources: { requests: { cpu: "1" } } })), /does not set requests\.memory, limits\.memory/]],
  },
  "dalp-app-disable-bundled-datastores": {
    pass: [stackOf(rds(), support({ postgresql: { enabled: false }, redis: { enabled: false }, rustfs: { enabled: false } }))],
    fail: [[stackOf(rds(), support({ postgresql: { enabled: false } })), /still runs its bundled redis, rustfs/]],
  },
  "dalp-app-deny-plaintext-credentials": {
    pass: [stackOf(dalp({ existingSecret: "dalp-postgresql" }))],
    fail: [[stackOf(release("oci://r/dalp/dalp", { global: { datastores: { default: { postgresql: { password: "hunter2" } } } } })), /global\.datastores\.default\.postgresql\.password/]],
  },
  "dalp-backup-require-schedule": {
    pass: [stackOf(dalp({}), velero())],
    fail: [
      [stackOf(dalp({})), /no Velero schedule selects the DALP resources/],
      [stackOf(dalp({}), velero({ schedules: { other: { schedule: "0 * * * *", template: { includedNamespaces: ["monitoring"] } } } })), /no Velero schedule/],
    ],
  },
  "dalp-backup-configure-schedule": {
    pass: [stackOf(velero()), stackOf(res(T.k8s.veleroSchedule, { metadata: { name: "s" }, spec: schedule() }))],
    fail: [
      [stackOf(velero({ schedules: { d: schedule({ ttl: "168h0m0s" }) } })), /ttl "168h0m0s" keeps backups less than 30 days/],
      [stackOf(velero({ schedules: { d: schedule({ excludedResources: [] }) } })), /events are not excluded/],
      [stackOf(velero({ schedules: { d: schedule({ defaultVolumesToFsBackup: false }) } })), /volumes are not backed up/],
      [stackOf(velero({ schedules: { d: schedule({}, "0 25 * * *") } })), /"0 25 \* \* \*" is not a valid cron/],
      [stackOf(velero({ schedules: { d: schedule({ labelSelector: {} }) } })), /does not select kots\.io\/app-slug=settlemint-dalp/],
    ],
  },
  "dalp-backup-require-versioned-location": {
    pass: [stackOf(velero(), ...s3Complete("backups"))],
    fail: [[stackOf(velero(), s3("backups")), /writes to bucket backups, which does not keep object versions/]],
  },
  "dalp-backup-deny-static-keys": {
    pass: [
      stackOf(velero()),
      stackOf(velero({ serviceAccount: { server: { name: "velero-server", annotations: {} } } }), res(T.aws.podIdentityAssociation, { namespace: "velero", serviceAccount: "velero-server" })),
      stackOf(velero({ serviceAccount: { server: { annotations: { "azure.workload.identity/client-id": "id" } } }, podLabels: { "azure.workload.identity/use": "true" } })),
    ],
    fail: [
      [stackOf(velero({ credentials: { useSecret: true, secretContents: { cloud: "[default]\naws_access_key_id=AKIA" } } })), /useSecret is not false/],
      [stackOf(velero({ credentials: {} })), /useSecret is not false: the chart mounts a credentials Secret/],
      [stackOf(velero({ serviceAccount: { server: { annotations: {} } } })), /no workload identity binding/],
    ],
  },
  "dalp-alerts-cover-signals": {
    pass: [stackOf(promRule(ALL_SIGNAL_EXPRS))],
    fail: [
      [stackOf(promRule(ALL_SIGNAL_EXPRS.filter((e) => !e.includes("velero_backup_failure")))), /no alert for: backup-failure/],
      [stackOf(), /no alert for: api-availability, pod-restarts/],
    ],
  },
  "dalp-stateful-require-protect": {
    pass: [stackOf({ ...rds(), protect: true }, { ...gcs(), protect: true })],
    fail: [[stackOf({ ...rds(), protect: true }, gcs()), /gcp:storage\/bucket:Bucket r\d+ is not protected/]],
  },
  "dalp-dr-require-cross-region-copy": {
    pass: [stackOf(regionalRds("eu-central-1"), regionalRds("eu-west-1", { replicateSourceDb: "arn:aws:rds:eu-central-1:1:db:x" })), stackOf(regionalRds("eu-central-1"))],
    fail: [[stackOf(regionalRds("eu-central-1"), regionalRds("eu-west-1")), /runs in eu-central-1, eu-west-1 but no database replica or backup copy crosses regions/]],
  },
  "dalp-traffic-limit-dns-ttl": {
    pass: [stackOf(r53({ ttl: 30 }))],
    fail: [[stackOf(r53({ ttl: 300 })), /TTL 300s exceeds 60s/]],
  },
  "dalp-traffic-require-health-checks": {
    pass: [stackOf(r53({})), stackOf(r53({ healthCheckId: undefined, aliases: [{ evaluateTargetHealth: true }] }))],
    fail: [[stackOf(r53({ healthCheckId: undefined })), /without a health check/]],
  },
  "dalp-clusters-align-versions": {
    pass: [stackOf(eks([]), { ...eks([]), urn: "urn:2", name: "c2" })],
    fail: [
      [stackOf(eks([]), res(T.aws.eksCluster, { name: "c2", version: "1.35", vpcConfig: { subnetIds: [] } })), /clusters run Kubernetes 1\.36 and 1\.35/],
      [stackOf(eks([]), { ...eks([]), urn: "urn:2" }, dalp({}), { ...dalp({}), inputs: { chart: "oci://r/dalp/dalp", version: "2.0.0" }, outputs: { chart: "oci://r/dalp/dalp", version: "2.0.0" } }), /chart dalp is installed at versions 1\.0\.0 and 2\.0\.0/],
    ],
  },
};

describe("every rule", () => {
  it("has a pass and a fail case here", () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  it("carries the metadata the pack promises", () => {
    const names = new Set<string>();
    for (const r of RULES) {
      expect(r.name).toMatch(/^dalp-[a-z]+-[a-z]+-[a-z0-9-]+$/);
      expect(names.has(r.name)).toBe(false);
      names.add(r.name);
      expect(r.description).toMatch(/^[A-Z].*\.$/);
      expect(["low", "medium", "high", "critical"]).toContain(r.severity);
      expect(["mandatory", "advisory"]).toContain(r.enforcementLevel);
      expect(r.remediationSteps.length).toBeGreaterThan(20);
      expect(r.source.length).toBeGreaterThan(10);
      expect(Object.keys(r.configSchema?.properties ?? {})).not.toContain("enforcementLevel");
    }
  });
});

describe.each(Object.entries(CASES))("%s", (policy, { pass, fail, config }) => {
  it.each(pass.map((input, i) => [i, input] as const))("passes case %i", async (_i, input) => {
    expect(await violationsOf(policy, input, config)).toEqual([]);
  });
  it.each(fail.map(([input, pattern], i) => [i, input, pattern] as const))("fails case %i", async (_i, input, pattern) => {
    const violations = await violationsOf(policy, input, config);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.map((v) => v.message).join("\n")).toMatch(pattern);
    expect(violations.every((v) => v.policy === policy)).toBe(true);
  });
});

describe("applicability", () => {
  it("marks cloud-specific and multi-region rules not applicable where they do not apply", async () => {
    expect(await notApplicableTo("dalp-storage-require-zone-redundancy", stackOf(rds()))).toBe(true);
    expect(await notApplicableTo("dalp-postgres-require-encryption", stackOf(cloudSql()))).toBe(true);
    expect(await notApplicableTo("dalp-dr-require-cross-region-copy", stackOf(regionalRds("eu-central-1")))).toBe(true);
    expect(await notApplicableTo("dalp-traffic-require-health-checks", stackOf(rds()))).toBe(true);
    expect(await notApplicableTo("dalp-postgres-require-ha", stackOf(rds()))).toBe(false);
  });
});

import type { CheckInput, CheckResource } from "../checker/model";
import { BACKUP_TIERS } from "../facts/backups";
import { DALP_SERVICES } from "../facts/workloads";
import { RULES, type DalpPolicy } from "../policies/rules";
import { cloudDriftRule } from "../policies/rules/deploy/cloudDrift";
import { DRIFT_FACTS, type DriftFact } from "../policies/rules/drift";
import { T } from "../policies/rules/types";
import { DALP_SERVICE_LABEL } from "../addons/shared/labels";
import { chartDefault, SERVICE_LABEL } from "../policies/rules/workloads";
import { notApplicableTo, res, stackOf, violationsOf, violationsOfRule } from "./helpers/checkInput";

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
/** Values of a DALP service that every app rule accepts: replicas, preset, probes, resources, budget label, zone spread. */
const goodService = (key: string) => ({
  replicaCount: 2,
  podAntiAffinityPreset: "soft",
  livenessProbe: { enabled: true },
  readinessProbe: { enabled: true },
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
  podLabels: { "dalp.settlemint.com/service": key },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "dalp.settlemint.com/service": key } } }],
});
/** A dalp release: every DALP service with good values, each changed by `over[key]` (`undefined` drops a key). */
const dalpWith = (over: Record<string, Record<string, unknown>> = {}) =>
  release("oci://r/dalp/dalp", Object.fromEntries(DALP_SERVICES.map((s) => [s.key, JSON.parse(JSON.stringify({ ...goodService(s.key), ...(over[s.key] ?? {}) }))])));
const dalp = (dapp: Record<string, unknown>) => dalpWith({ dapp });
const pdb = (service: string, spec: Record<string, unknown> = { maxUnavailable: 1 }, namespace = "dalp") =>
  res(T.k8s.podDisruptionBudget, { metadata: { name: `dalp-${service}`, namespace }, spec: { selector: { matchLabels: { "dalp.settlemint.com/service": service } }, ...spec } });
const servicePdbs = () => DALP_SERVICES.map((s) => pdb(s.key));
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
/** The stack's global component with the drill as configured, and a date some days back. */
const globalPart = (drill: Record<string, unknown>) => res(T.dalp.global, { drill }, { name: "global", custom: false });
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
/** Velero with a read-only location per region whose backups it can read. */
const veleroReading = (regions: string[]) =>
  velero({
    configuration: {
      backupStorageLocation: [
        { name: "default", provider: "aws", bucket: "backups", accessMode: "ReadWrite" },
        ...regions.map((r) => ({ name: `replicated-${r}`, provider: "aws", bucket: "backups", prefix: r, accessMode: "ReadOnly" })),
      ],
    },
  });
const restoreJob = (location: string) =>
  res(T.k8s.job, { metadata: { name: "dalp-rebuild", namespace: "velero" }, spec: { template: { spec: { containers: [{ name: "restore", env: [{ name: "LOCATION", value: location }] }] } } } });
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


const tmProfile = (over: Record<string, unknown> = {}) =>
  res(T.azure.trafficManager, { profileName: "dalp", resourceGroupName: "rg", trafficRoutingMethod: "Priority", dnsConfig: { relativeName: "dalp", ttl: 60 }, monitorConfig: { protocol: "HTTPS", path: "/" }, endpoints: [{ target: "a.example.com", priority: 1 }], ...over });
const cloudDnsFailover = (policy: Record<string, unknown>, ttl = 60) =>
  res(T.gcp.dnsRecordSet, { name: "dalp.example.com.", type: "A", ttl, routingPolicy: { primaryBackup: { primary: { externalEndpoints: ["203.0.113.1"] }, backupGeos: [{ location: "europe-west4", rrdatas: ["203.0.113.2"] }] }, ...policy } });

/* Stamp fixtures: a region's Stamp component and resources parented to it. */
const stampOf = (region: string, role: string, over: Record<string, unknown> = {}) =>
  res(
    T.dalp.stamp,
    { role, workloads: role === "active" ? "serving" : role === "cold" ? "isolated" : "warm", validators: role === "active" ? "on" : "off", database: role === "active" ? { kind: "primary" } : { kind: "replica", source: "eu-central-1" }, ...over },
    { name: region, custom: false },
  );
const under = (parent: CheckResource, r: CheckResource): CheckResource => ({ ...r, parent: parent.urn });
const ACTIVE = stampOf("eu-central-1", "active");
const STANDBY = stampOf("eu-west-1", "standby");
const RECOVERY = stampOf("eu-west-1", "recovery", { workloads: "none", validators: "none", database: { kind: "backup-copy", source: "eu-central-1" } });
const validatorRelease = (values: Record<string, unknown>) => release("oci://r/network/besu-validator", values, { namespace: "validators" });
const validatorsComponent = (stamp: CheckResource) => under(stamp, res(T.dalp.validators, {}, { custom: false }));
const k8sSecret = (name: string, namespace = "dalp") => res(T.k8s.secret, { metadata: { name, namespace }, type: "Opaque" });
const SECRET_NAMES = ["dalp-postgres", "dalp-cache", "dalp-object-storage", "dalp-registry"];
const regionalS3 = (name: string, region: string) => res(T.aws.bucket, { bucket: name, id: name, arn: `arn:aws:s3:::${name}`, region });
const s3Replication = (from: string, to: string) => res(T.aws.bucketReplication, { bucket: from, role: "arn:aws:iam::1:role/r", rules: [{ id: "all", status: "Enabled", destination: { bucket: `arn:aws:s3:::${to}` } }] });
const twoRegionDbs = () => [under(ACTIVE, regionalRds("eu-central-1")), under(STANDBY, regionalRds("eu-west-1", { replicateSourceDb: "arn:aws:rds:eu-central-1:1:db:x" }))];


/* Deployability fixtures. */
const eksPublic = (vpcConfig: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  res(T.aws.eksCluster, { name: "c", version: "1.36", vpcConfig: { subnetIds: ["s0"], vpcId: "vpc-1", clusterSecurityGroupId: "sg-c", endpointPrivateAccess: true, ...vpcConfig }, ...over });
const eksPrivate = () => eksPublic({ endpointPublicAccess: false });
const awsVpc = () => res(T.aws.vpc, { id: "vpc-1", cidrBlock: "10.40.0.0/16" });
const peering = (over: Record<string, unknown> = {}) => res(T.aws.vpcPeering, { id: "pcx-1", vpcId: "vpc-1", peerVpcId: "vpc-runner", autoAccept: true, ...over });
const https443 = (cidrIpv4: string, over: Record<string, unknown> = {}) =>
  res(T.aws.securityGroupIngressRule, { securityGroupId: "sg-c", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4, ...over });
const SUB = "/subscriptions/s/resourceGroups";
const vnetId = (rg: string, name: string) => `${SUB}/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
const ZONE_ID = `${SUB}/rg/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`;
const aksApi = (apiServerAccessProfile: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  res(T.azure.aks, {
    name: "a",
    location: "westeurope",
    kubernetesVersion: "1.33",
    apiServerAccessProfile,
    agentPoolProfiles: [{ name: "system", mode: "System", vnetSubnetID: `${vnetId("rg", "vnet")}/subnets/nodes`, orchestratorVersion: "1.33" }],
    ...over,
  });
const aksPrivateZone = () => [
  res(T.azure.privateZone, { id: ZONE_ID, name: "privatelink.westeurope.azmk8s.io", resourceGroupName: "rg" }),
  res(T.azure.privateZoneLink, { privateZoneName: "privatelink.westeurope.azmk8s.io", resourceGroupName: "rg", virtualNetwork: { id: vnetId("runner-rg", "runner") } }),
];
const vnetPeering = (fromRg: string, from: string, toRg: string, to: string) =>
  res(T.azure.virtualNetworkPeering, { resourceGroupName: fromRg, virtualNetworkName: from, remoteVirtualNetwork: { id: vnetId(toRg, to) } });
const GKE_NET = "projects/p/global/networks/vpc";
const RUNNER_NET = "projects/p/global/networks/runner";
const gkeApi = (over: Record<string, unknown>) => res(T.gcp.gke, { name: "g", location: "europe-west1", minMasterVersion: "1.33", network: GKE_NET, ...over });
const gcpPeering = (network: string, peerNetwork: string) => res(T.gcp.networkPeering, { network, peerNetwork });
const gkeSubnet = () => res(T.gcp.subnetwork, { name: "nodes", network: GKE_NET, ipCidrRange: "10.40.0.0/20", secondaryIpRanges: [{ rangeName: "pods", ipCidrRange: "10.48.0.0/14" }] });
const PRIVATE_ENDPOINT = { privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: true } };

const NODE_SA = "nodes@p.iam.gserviceaccount.com";
const gkePrivateNodes = (over: Record<string, unknown> = {}) =>
  gkeApi({ privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: "172.16.0.0/28" }, controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true } }, ...over });
const gkeNodePool = (over: Record<string, unknown> = {}) => res(T.gcp.nodePool, { name: "pool", cluster: "projects/p/locations/europe-west1/clusters/g", nodeConfig: { serviceAccount: NODE_SA }, management: { autoUpgrade: true }, ...over });
const webhookFirewall = (over: Record<string, unknown> = {}) =>
  res(T.gcp.firewall, { network: `https://www.googleapis.com/compute/v1/${GKE_NET}`, direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["8443", "9443", "15017"] }], sourceRanges: ["172.16.0.0/28"], targetServiceAccounts: [NODE_SA], ...over });
const eksWithGroup = (group: Record<string, unknown> = {}) => [
  eksPublic({ publicAccessCidrs: ["198.51.100.7/32"] }),
  res(T.aws.eksNodeGroup, { clusterName: "c", version: "1.36", subnetIds: ["s0"], scalingConfig: { minSize: 1, maxSize: 3 }, ...group }),
];
/** A workload and its provider, depending on the given resources (as URNs): the provider on the cluster. */
const k8sProvider = (cluster: CheckResource) => res("pulumi:providers:kubernetes", { kubeconfig: "x" }, { name: "k8s", dependencies: [cluster.urn] });
const onCluster = (provider: CheckResource, dependsOn: CheckResource[], type: string = T.k8s.release, props: Record<string, unknown> = { chart: "velero", values: {} }) =>
  res(type, props, { provider: `${provider.urn}::provider-id`, dependencies: dependsOn.map((d) => d.urn) });
const orderedEks = () => {
  const cluster = eksPublic({ publicAccessCidrs: ["198.51.100.7/32"] });
  const system = res(T.aws.eksNodeGroup, { clusterName: "c", version: "1.36", taints: [{ key: "CriticalAddonsOnly", effect: "NO_SCHEDULE" }] });
  const workers = res(T.aws.eksNodeGroup, { clusterName: "c", version: "1.36" });
  return { cluster, system, workers, provider: k8sProvider(cluster) };
};
const launchTemplate = (vpcSecurityGroupIds: string[]) => res(T.aws.launchTemplate, { id: "lt-1", name: "nodes", vpcSecurityGroupIds });

/* Drift: the rule over facts of the test's own, so it is proven whatever the cloud owners' tables hold. */
const TEST_DRIFT: DriftFact[] = [
  { type: T.azure.postgres, property: "highAvailability.standbyAvailabilityZone", why: "a failover swaps the zones", source: "test" },
  { type: T.aws.rdsInstance, property: "allocatedStorage", why: "storage autoscaling grows it", source: "test", appliesWhen: (p) => Number(p.maxAllocatedStorage ?? 0) > Number(p.allocatedStorage ?? 0) },
  { type: T.azure.aks, property: "agentPoolProfiles[*].count", why: "the autoscaler sizes every pool", source: "test" },
];
const driftRule = cloudDriftRule(TEST_DRIFT);
const ignoring = (r: CheckResource, ignoreChanges: string[]): CheckResource => ({ ...r, ignoreChanges });

/* Monitoring fixtures. */
const kps = (values: Record<string, unknown>) => release("kube-prometheus-stack", values, { namespace: "monitoring" });
const MANAGED_SCRAPES = {
  kubeControllerManager: { enabled: false },
  kubeScheduler: { enabled: false },
  kubeEtcd: { enabled: false },
  kubeProxy: { enabled: false },
  defaultRules: { rules: { etcd: false, kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, kubeProxy: false } },
};
const HA_MONITORING = {
  prometheus: { podDisruptionBudget: { enabled: true, minAvailable: 1 }, prometheusSpec: { replicas: 2, topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1 }] } },
  alertmanager: { podDisruptionBudget: { enabled: true }, alertmanagerSpec: { replicas: 2, podAntiAffinity: "soft", podAntiAffinityTopologyKey: "topology.kubernetes.io/zone" } },
};
const ingressSupport = (controller: Record<string, unknown>) =>
  support({ "ingress-nginx": { controller: { replicaCount: 2, topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1 }], ...controller } } });
const deployment = (replicas: number, labels: Record<string, string> = { app: "web" }) =>
  res(T.k8s.deployment, { metadata: { name: "web", namespace: "dalp" }, spec: { replicas, template: { metadata: { labels } } } });

/** One alert per signal, labelled, at the backup page's numbers and severities. */
const PAGE_ALERTS: Array<[string, string, string]> = [
  ["api-availability", "probe_success{namespace='dalp'} == 0", "critical"],
  ["pod-restarts", "increase(kube_pod_container_status_restarts_total[1h]) > 5", "warning"],
  ["readiness-failures", "kube_pod_status_ready{condition='false'} > 0", "warning"],
  ["unavailable-replicas", "kube_deployment_status_replicas_unavailable > 0", "warning"],
  ["database-failover", "pg_up == 0", "critical"],
  ["cache-availability", "redis_up == 0", "critical"],
  ["object-storage-access", "probe_success{job='bucket'} == 0", "warning"],
  ["backup-failure", "increase(velero_backup_failure_total[1h]) > 0", "critical"],
  ["replication-lag", "pg_replication_lag_seconds > 60", "warning"],
  ["certificate-expiry", "probe_ssl_earliest_cert_expiry - time() < 14 * 86400", "warning"],
  ["disk-usage", "kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes > 0.8", "warning"],
];
const labelledRule = (alerts: Array<[string, string, string]>) =>
  res(T.k8s.prometheusRule, { spec: { groups: [{ name: "g", rules: alerts.map(([signal, expr, severity], i) => ({ alert: `A${i}`, expr, labels: { dalp_signal: signal, severity } })) }] } });
/** The page's alerts with one signal's expression or severity replaced. */
const pageAlertsWith = (signal: string, expr?: string, severity?: string) =>
  labelledRule(PAGE_ALERTS.map(([s, e, sev]) => (s === signal ? [s, expr ?? e, severity ?? sev] : [s, e, sev])));
const lagAlert = () => labelledRule([["replication-lag", "pg_replication_lag_seconds > 60", "warning"]]);
const cnpg = (spec: Record<string, unknown>) => res(T.k8s.cnpgCluster, { spec });

const blackbox = (targets: Array<{ url: string; module?: string }>, modules: Record<string, unknown> = { bucket: { prober: "http", http: { valid_status_codes: [403] } } }) =>
  release("prometheus-blackbox-exporter", { config: { modules }, serviceMonitor: { enabled: true, targets: targets.map((t, i) => ({ name: `t${i}`, module: "bucket", ...t })) } });
const storageAlert = () =>
  labelledRule([
    ["object-storage-access", "probe_success{job='bucket'} == 0", "warning"],
    ["object-storage-access", "velero_backup_storage_location_phase{phase='Available'} == 0", "critical"],
  ]);
const appAndBackupBuckets = () => [s3("app"), s3("backups"), velero()];

/* Backup table fixtures: one schedule per tier at the table's cadence and retention. */
const TIER_TEMPLATES: Record<string, Record<string, unknown>> = {
  hourly: { ttl: "48h0m0s" },
  daily: { ttl: "168h0m0s" },
  weekly: { ttl: "720h0m0s" },
  support: { ttl: "168h0m0s", labelSelector: { matchLabels: { "app.kubernetes.io/instance": "support" } } },
  observability: { ttl: "72h0m0s", includedNamespaces: ["monitoring"], labelSelector: undefined },
};
const tierSchedules = (change: Record<string, { cron?: string; template?: Record<string, unknown>; paused?: boolean } | null> = {}) =>
  Object.fromEntries(
    BACKUP_TIERS.filter((t) => change[t.tier] !== null).map((t) => {
      const c = change[t.tier] ?? {};
      const s = schedule({ ...TIER_TEMPLATES[t.tier], ...(c.template ?? {}) }, c.cron ?? t.defaultSchedule);
      return [`dalp-${t.tier}`, JSON.parse(JSON.stringify({ ...s, paused: c.paused ?? false }))];
    }),
  );
const supportRelease = () => release("oci://r/dalp/support", {}, { name: "support" });
const backupStack = (change: Parameters<typeof tierSchedules>[0] = {}, withMonitoring = true) =>
  stackOf(velero({ schedules: tierSchedules(change) }), supportRelease(), ...(withMonitoring ? [kps({})] : []));

/* Placement fixtures. */
const zonedGroup = (zone: string, i: number) => [
  subnet(`z${i}`, zone),
  res(T.aws.eksNodeGroup, { clusterName: "c", nodeGroupName: `nodes-${zone}`, subnetIds: [`z${i}`], labels: { "dalp.settlemint.com/zone": zone }, scalingConfig: { minSize: 1 } }),
];
const eksZonedPools = () => ["a", "b", "c"].flatMap(zonedGroup);
const gkeTwoPools = () => [gke({ nodeLocations: ["x-b", "x-c", "x-d"] }), res(T.gcp.nodePool, { name: "p1", cluster: "g" }), res(T.gcp.nodePool, { name: "p2", cluster: "g" })];
const zoneTerm = (...zones: string[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: zones }] }] } } });

/** Pass and fail stacks of a rule; `rule` replaces the pack's rule of that name (one built over test facts). */
type Case = { pass: CheckInput[]; fail: Array<[CheckInput, RegExp]>; config?: Record<string, unknown>; rule?: DalpPolicy };

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
  "dalp-cluster-size-aks-user-pools": {
    pass: [
      stackOf(aks(["1"]), res(T.azure.agentPool, { resourceName: "a", name: "user1", mode: "User", enableAutoScaling: true, minCount: 2 })),
      stackOf(aks(["1"]), res(T.azure.agentPool, { resourceName: "a", name: "user1", mode: "User", count: 3 })),
    ],
    fail: [
      [stackOf(aks(["1"]), res(T.azure.agentPool, { resourceName: "a", name: "user1", mode: "User", enableAutoScaling: true, minCount: 1 })), /user pool user1 keeps 1 node\(s\) at the least; at least 2/],
      [stackOf({ ...aks(["1"]), inputs: { name: "a", agentPoolProfiles: [{ name: "u", mode: "User", count: 1 }] }, outputs: { name: "a", agentPoolProfiles: [{ name: "u", mode: "User", count: 1 }] } }), /user pool u keeps 1 node/],
    ],
  },
  "dalp-cluster-balance-node-groups": ((): Case => {
    const autoscaler = (extraArgs: Record<string, unknown> = { "balance-similar-node-groups": true }) => release("cluster-autoscaler", { autoDiscovery: { clusterName: "c" }, extraArgs });
    const group = (zone: string, over: Record<string, unknown> = {}) => res(T.aws.eksNodeGroup, { clusterName: "c", subnetIds: [zone], instanceTypes: ["m7i.xlarge"], amiType: "AL2023_x86_64_STANDARD", diskSize: 100, ...over });
    const pool = (over: Record<string, unknown> = {}) => res(T.azure.agentPool, { resourceName: "a", mode: "User", vmSize: "Standard_D4s_v5", ...over });
    const balancedAks = aksApi({}, { autoScalerProfile: { balanceSimilarNodeGroups: "true" } });
    return {
      pass: [
        stackOf(eks([]), autoscaler({ "balance-similar-node-groups": true, "balancing-ignore-label": "topology.k8s.aws/zone-id" }), group("a"), group("b"), group("c")),
        stackOf({ ...eks([]), inputs: { name: "c", version: "1.29" }, outputs: { name: "c", version: "1.29" } }, autoscaler(), group("a"), group("b")),
        stackOf({ ...eks([]), inputs: { name: "c", version: "1.29" }, outputs: { name: "c", version: "1.29" } }, autoscaler({ "balance-similar-node-groups": true, "balancing-ignore-label": "dalp.settlemint.com/zone" }), group("a", { labels: { "dalp.settlemint.com/zone": "a" } }), group("b", { labels: { "dalp.settlemint.com/zone": "b" } })),
        stackOf(eks([]), autoscaler({}), group("a", { labels: { x: "1" } }), group("b")),
        stackOf(eks([]), autoscaler({ "balance-similar-node-groups": true, "balancing-ignore-label": "topology.k8s.aws/zone-id" }), group("a"), group("b", { labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", effect: "NO_SCHEDULE" }] })),
        stackOf(balancedAks, pool({ availabilityZones: ["1"] }), pool({ availabilityZones: ["2"] })),
      ],
      fail: [
        [stackOf(eks([]), autoscaler({ "balance-similar-node-groups": true, "balancing-ignore-label": "topology.k8s.aws/zone-id" }), group("a", { labels: { "dalp.settlemint.com/zone": "a" } }), group("b", { labels: { "dalp.settlemint.com/zone": "b" } })), /r\d+ and r\d+ differ in label dalp\.settlemint\.com\/zone: balance-similar-node-groups treats them as different groups/],
        [stackOf(eks([]), autoscaler(), group("a"), group("b")), /differ in label topology\.k8s\.aws\/zone-id/],
        [stackOf(eks([]), autoscaler({ "balance-similar-node-groups": "true", "balancing-ignore-label": "topology.k8s.aws/zone-id" }), group("a"), group("b", { diskSize: 50 })), /differ in machine \(m7i\.xlarge, AL2023_x86_64_STANDARD, 100 GiB \/ m7i\.xlarge, AL2023_x86_64_STANDARD, 50 GiB\)/],
        [stackOf(balancedAks, pool({ nodeLabels: { zone: "1" } }), pool({ nodeLabels: { zone: "2" } })), /differ in label zone/],
      ],
    };
  })(),
  "dalp-app-require-replicas": {
    pass: [
      stackOf(dalpWith()),
      stackOf(dalpWith({ dapi: { replicaCount: 3 } })),
      stackOf(release("oci://r/dalp/dalp", { dalp: { dapp: goodService("dapp"), dapi: goodService("dapi") } })),
      // The region a failover isolated runs none, on purpose; the active one is still judged.
      stackOf(ACTIVE, under(ACTIVE, dalpWith()), stampOf("eu-west-1", "cold"), under(stampOf("eu-west-1", "cold"), dalpWith({ dapp: { replicaCount: 0 }, dapi: { replicaCount: 0 } }))),
    ],
    fail: [
      [stackOf(dalp({ replicaCount: 1 })), /dapp\.replicaCount is 1; at least 2/],
      [stackOf(dalpWith({ dapi: { replicaCount: 1 } })), /dapi\.replicaCount is 1; at least 2/],
      [stackOf(release("oci://r/dalp/dalp", { dapp: goodService("dapp") })), /dapi\.replicaCount is not set, and the product docs give no chart default for the DALP API/],
      // A standby is not isolated: its DALP runs warm, with its replicas.
      [stackOf(ACTIVE, under(ACTIVE, dalpWith()), STANDBY, under(STANDBY, dalpWith({ dapp: { replicaCount: 0 } }))), /dapp\.replicaCount is 0; at least 2/],
    ],
  },
  "dalp-app-set-anti-affinity": {
    pass: [stackOf(dalpWith()), stackOf(dalpWith({ dapi: { podAntiAffinityPreset: undefined, topologySpreadConstraints: [{ topologyKey: "kubernetes.io/hostname" }] } }))],
    fail: [
      [stackOf(dalpWith({ dapp: { podAntiAffinityPreset: "", topologySpreadConstraints: [] } })), /dapp\.podAntiAffinityPreset is "" and no podAntiAffinity rule or topology spread/],
      [stackOf(dalpWith({ dapi: { podAntiAffinityPreset: "none", topologySpreadConstraints: undefined } })), /dapi\.podAntiAffinityPreset is "none"/],
    ],
  },
  "dalp-app-enable-probes": {
    pass: [stackOf(dalpWith())],
    fail: [
      [stackOf(dalp({ readinessProbe: { enabled: false } })), /dapp\.readinessProbe\.enabled is false/],
      [stackOf(dalpWith({ dapi: { livenessProbe: { enabled: false } } })), /dapi\.livenessProbe\.enabled is false/],
    ],
  },
  "dalp-app-set-resources": {
    pass: [stackOf(dalpWith())],
    fail: [
      [stackOf(dalp({ resources: { requests: { cpu: "1" } } })), /dapp\.resources does not set requests\.memory, limits\.memory/],
      [stackOf(release("oci://r/dalp/dalp", { dapp: goodService("dapp") })), /dapi\.resources does not set requests\.cpu, requests\.memory, limits\.memory/],
    ],
  },
  "dalp-app-deny-zone-pinning": {
    pass: [
      stackOf(dalpWith(), ...eksZonedPools()),
      stackOf(dalpWith({ dapp: { affinity: zoneTerm("a", "b") } }), ...eksZonedPools()),
      stackOf(dalpWith({ dapp: { nodeSelector: { "kubernetes.io/os": "linux" } } }), ...eksZonedPools()),
      stackOf(dalpWith({ dapp: { nodeSelector: { "disktype": "ssd" } } })),
      stackOf(dalpWith({ dapp: { nodeSelector: { "cloud.google.com/gke-nodepool": "p1" } } }), gke({ nodeLocations: ["x-b", "x-c", "x-d"] }), res(T.gcp.nodePool, { name: "p1", cluster: "g" })),
    ],
    fail: [
      [stackOf(dalpWith({ dapp: { nodeSelector: { "topology.kubernetes.io/zone": "a" } } })), /dapp\.nodeSelector\/affinity pins the dApp \(web front end\) to zone a/],
      [stackOf(dalpWith({ dapi: { nodeSelector: { "dalp.settlemint.com/zone": "b" } } }), ...eksZonedPools()), /pins the DALP API to zone b: a zone failure takes every replica/],
      [stackOf(dalpWith({ dapp: { nodeSelector: { "eks.amazonaws.com/nodegroup": "nodes-c" } } }), ...eksZonedPools()), /to zone c/],
      [stackOf(dalpWith({ dapp: { affinity: zoneTerm("a") } }), ...eksZonedPools()), /to zone a/],
      [stackOf(dalpWith({ dapp: { nodeAffinityPreset: { type: "hard", key: "topology.kubernetes.io/zone", values: ["c"] } } }), ...eksZonedPools()), /to zone c/],
      [stackOf(dalpWith({ dapp: { nodeSelector: { "cloud.google.com/gke-nodepool": "p2" } } }), ...gkeTwoPools()), /pins the dApp \(web front end\) to node pool p2/],
      [stackOf(dalpWith({ dapp: { nodeSelector: { "dalp.settlemint.com/zone": "z" } } }), ...eksZonedPools()), /matches no node of the stack's workload pools/],
    ],
  },
  "dalp-app-disable-bundled-datastores": {
    pass: [stackOf(rds(), support({ postgresql: { enabled: false }, redis: { enabled: false }, rustfs: { enabled: false } }))],
    fail: [[stackOf(rds(), support({ postgresql: { enabled: false } })), /still runs its bundled redis, rustfs/]],
  },
  "dalp-app-deny-plaintext-credentials": {
    pass: [stackOf(dalp({ existingSecret: "dalp-postgresql" })), stackOf(support({ postgresql: { auth: { existingSecret: "pg" } } }))],
    fail: [
      [stackOf(release("oci://r/dalp/dalp", { global: { datastores: { default: { postgresql: { password: "hunter2" } } } } })), /global\.datastores\.default\.postgresql\.password/],
      [stackOf(support({ postgresql: { auth: { postgresPassword: "hunter2" } } })), /postgresql\.auth\.postgresPassword/],
      [stackOf(support({ redis: { auth: { password: 123456 } } })), /redis\.auth\.password/],
    ],
  },
  "dalp-backup-require-schedule": {
    pass: [stackOf(dalp({}), velero())],
    fail: [
      [stackOf(dalp({})), /no Velero schedule selects the DALP resources/],
      [stackOf(dalp({}), velero({ schedules: { other: { schedule: "0 * * * *", template: { includedNamespaces: ["monitoring"] } } } })), /no Velero schedule/],
    ],
  },
  "dalp-backup-configure-schedule": {
    pass: [stackOf(velero()), stackOf(res(T.k8s.veleroSchedule, { metadata: { name: "s" }, spec: schedule() })), backupStack()],
    fail: [
      [stackOf(velero({ schedules: { d: { ...schedule(), paused: true } } })), /schedule d is paused: it takes no backups/],
      [stackOf(res(T.k8s.veleroSchedule, { metadata: { name: "s" }, spec: { ...schedule(), paused: true } })), /schedule s is paused/],
      [stackOf(velero({ schedules: { d: schedule({ excludedResources: [] }) } })), /events are not excluded/],
      [stackOf(velero({ schedules: { d: schedule({ defaultVolumesToFsBackup: false }) } })), /volumes are not backed up/],
      [stackOf(velero({ schedules: { d: schedule({}, "0 25 * * *") } })), /"0 25 \* \* \*" is not a valid cron/],
      [backupStack({ observability: { template: { excludedResources: ["pods"] } } }), /schedule dalp-observability: Kubernetes events are not excluded/],
    ],
  },
  "dalp-backup-follow-table": {
    pass: [
      backupStack(),
      backupStack({ observability: null }, false),
      backupStack({ daily: { cron: "0 */6 * * *" }, weekly: { template: { ttl: "2160h0m0s" } } }),
      // A schedule of the whole DALP namespace covers the support chart's resources too.
      backupStack({ support: null, daily: { cron: "0 */4 * * *", template: { labelSelector: undefined } } }),
    ],
    fail: [
      [backupStack({ hourly: null }), /the kubernetes surface at least every 1 hour\(s\) and keeps it 48 hours \(hourly/],
      [backupStack({ daily: null }), /kubernetes surface at least every 1 day\(s\) and keeps it 7 days \(daily/],
      [backupStack({ weekly: null }), /keeps it 30 days \(weekly/],
      [backupStack({ support: null }), /the support surface at least every 4 hour\(s\) and keeps it 7 days \(support/],
      // The DALP label selects the application chart's resources, a separate surface from the support chart's.
      [backupStack({ support: null, daily: { cron: "0 */4 * * *" } }), /the support surface at least every 4 hour\(s\)/],
      [stackOf(velero({ schedules: tierSchedules() }), release("oci://r/dalp/support", {}, { name: "dalp-support" }), kps({})), /the support surface/],
      [backupStack({ observability: null }), /the observability surface at least every 1 day\(s\) and keeps it 3 days \(observability/],
      [backupStack({ hourly: { paused: true } }), /\(hourly:/],
      [backupStack({ daily: { cron: "0 2 */2 * *" }, hourly: { template: { ttl: "48h0m0s" } } }), /\(daily:.*found .*dalp-daily: "0 2 \*\/2 \* \*"/],
      [backupStack({ daily: { template: { ttl: "24h0m0s" } } }), /keeps it 7 days \(daily:.*ttl "24h0m0s"/],
      [backupStack({ hourly: { cron: "0 */2 * * *" } }), /every 1 hour\(s\).*\(hourly/],
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
    pass: [stackOf(promRule(ALL_SIGNAL_EXPRS)), stackOf(rds(), promRule(ALL_SIGNAL_EXPRS.filter((e) => !e.includes("replication_lag"))))],
    fail: [
      [stackOf(promRule(ALL_SIGNAL_EXPRS.filter((e) => !e.includes("velero_backup_failure")))), /no alert for: backup-failure/],
      [stackOf(), /no alert for: api-availability, pod-restarts/],
      [stackOf(rds(), rds({ replicateSourceDb: "arn:src" }), promRule(ALL_SIGNAL_EXPRS.filter((e) => !e.includes("replication_lag")))), /no alert for: replication-lag/],
    ],
  },
  "dalp-alerts-match-thresholds": {
    pass: [
      stackOf(labelledRule(PAGE_ALERTS)),
      stackOf(res(T.k8s.prometheusRule, { spec: { groups: [{ name: "g", rules: ALL_SIGNAL_EXPRS.map((expr, i) => ({ alert: `A${i}`, expr, labels: { severity: "critical" } })) }] } })),
      stackOf(pageAlertsWith("pod-restarts", "rate(kube_pod_container_status_restarts_total[15m]) * 3600 > 3")),
      stackOf(pageAlertsWith("certificate-expiry", "(probe_ssl_earliest_cert_expiry - time()) / 86400 < 21")),
      stackOf(pageAlertsWith("disk-usage", "node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.25")),
      stackOf(pageAlertsWith("disk-usage", "100 * kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes >= 75")),
      stackOf(pageAlertsWith("backup-failure", undefined, "critical")),
    ],
    fail: [
      [stackOf(pageAlertsWith("pod-restarts", "increase(kube_pod_container_status_restarts_total[1h]) > 10")), /pod-restarts: alert A1: threshold > 10 count per hour, laxer than the page's > 5/],
      [stackOf(pageAlertsWith("pod-restarts", "increase(kube_pod_container_status_restarts_total[30m]) > 5")), /threshold > 10 count per hour/],
      [stackOf(pageAlertsWith("pod-restarts", "kube_pod_container_status_restarts_total > 5")), /raw counter/],
      [stackOf(pageAlertsWith("backup-failure", undefined, "warning")), /backup-failure: alert A7: severity "warning", where the page asks critical/],
      [stackOf(pageAlertsWith("replication-lag", "pg_replication_lag_seconds > 300")), /threshold > 300 seconds, laxer than the page's > 60/],
      [stackOf(pageAlertsWith("certificate-expiry", "probe_ssl_earliest_cert_expiry - time() < 7 * 86400")), /threshold < 7 days, laxer than the page's < 14/],
      [stackOf(pageAlertsWith("disk-usage", "kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes > 0.95")), /threshold > 0\.95 ratio/],
      [stackOf(pageAlertsWith("disk-usage", "node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.05")), /threshold > 0\.95 ratio/],
      [stackOf(pageAlertsWith("disk-usage", "kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes < 0.8")), /fires when the value is < 0\.8/],
      [stackOf(pageAlertsWith("disk-usage", "predict_linear(kubelet_volume_stats_available_bytes[6h], 86400) < 0", "info")), /severity "info", where the page asks warning; no threshold can be read from .*predict_linear.* \(it compares an amount, not a ratio of used to total space\)/],
      [stackOf(promRule(["increase(kube_pod_container_status_restarts_total[1h]) > 20"])), /pod-restarts: alert A0: .*laxer/],
      [stackOf(promRule(ALL_SIGNAL_EXPRS)), /api-availability: alert A0: severity null, where the page asks warning/],
    ],
  },
  "dalp-alerts-watch-existing-replicas": {
    pass: [stackOf(rds(), rds({ replicateSourceDb: "arn:src" }), lagAlert()), stackOf(cnpg({ instances: 3 }), lagAlert()), stackOf(cloudSql({}, { masterInstanceName: "primary" }), lagAlert())],
    fail: [
      [stackOf(rds(), lagAlert()), /alert A0 reads replica-side lag \(pg_replication_lag_seconds\), but the stack has no replica that streams WAL/],
      [stackOf(azurePg(), cnpg({ instances: 1 }), promRule(["cnpg_pg_replication_lag > 60"])), /cnpg_pg_replication_lag/],
    ],
  },
  "dalp-alerts-watch-standby-lag": {
    pass: [stackOf(ACTIVE, STANDBY, ...twoRegionDbs(), under(STANDBY, lagAlert())), stackOf(rds(), rds({ replicateSourceDb: "arn:src" }), lagAlert())],
    fail: [
      [stackOf(ACTIVE, STANDBY, ...twoRegionDbs(), under(ACTIVE, lagAlert())), /RDS PostgreSQL replica r\d+ in region eu-west-1 has no replication-lag alert in that region/],
      [stackOf(ACTIVE, STANDBY, ...twoRegionDbs(), under(STANDBY, labelledRule([["replication-lag", "pg_stat_replication_lag > 60", "warning"]]))), /has no replication-lag alert in that region/],
    ],
  },
  "dalp-deploy-wait-for-replica-seeding": ((): Case => {
    const hours = (h: number) => ({ customTimeouts: { createSeconds: h * 3600, updateSeconds: 0, deleteSeconds: 0 } });
    const awsReplica = (h?: number) => res(T.aws.rdsInstance, { replicateSourceDb: "arn:src" }, h ? hours(h) : {});
    const azureReplica = (h?: number) => res(T.azure.postgres, { createMode: "Replica", sourceServerResourceId: "/subscriptions/s/x" }, h ? hours(h) : {});
    const gcpReplica = (h?: number) => res(T.gcp.sql, { masterInstanceName: "primary", instanceType: "READ_REPLICA_INSTANCE" }, h ? hours(h) : {});
    return {
      // A promoted replica was created long ago: its create timeout no longer matters.
      pass: [stackOf(rds(), awsReplica(6)), stackOf(azureReplica(12)), stackOf(gcpReplica(6)), stackOf(rds())],
      fail: [
        [stackOf(rds(), awsReplica()), /RDS PostgreSQL replica r\d+ waits the provider's default to be created; .*at least 6 h/],
        [stackOf(azureReplica(2)), /replica r\d+ waits 2 h to be created/],
        [stackOf(gcpReplica(1)), /waits 1 h/],
      ],
    };
  })(),
  "dalp-alerts-cover-every-bucket": {
    pass: [
      stackOf(...appAndBackupBuckets(), blackbox([{ url: "https://app.s3.eu-central-1.amazonaws.com/" }]), storageAlert()),
      stackOf(gcs({ name: "files" }), blackbox([{ url: "https://storage.googleapis.com/storage/v1/b/files" }], { bucket: { prober: "http", http: { valid_status_codes: [401, 403] } } }), storageAlert()),
      stackOf(res(T.azure.blobContainer, { accountName: "acct", containerName: "dalp-app" }), blackbox([{ url: "https://acct.blob.core.windows.net/dalp-app?restype=container" }]), storageAlert()),
      stackOf(s3("backups"), velero(), storageAlert()),
    ],
    fail: [
      [stackOf(s3("backups"), velero()), /no object-storage-access alert reads the BackupStorageLocation phase, so losing access to backups raises no alert/],
      [stackOf(...appAndBackupBuckets(), storageAlert()), /bucket app is neither probed nor a backup location/],
      [stackOf(...appAndBackupBuckets(), blackbox([{ url: "https://app.s3.eu-central-1.amazonaws.com/", module: "http_2xx" }], { http_2xx: { prober: "http", http: {} } }), storageAlert()), /module http_2xx accepts only 2xx, which a private bucket never answers/],
      [stackOf(...appAndBackupBuckets(), blackbox([{ url: "https://app.s3.eu-central-1.amazonaws.com/", module: "missing" }]), storageAlert()), /module missing is not defined/],
      [stackOf(...appAndBackupBuckets(), blackbox([{ url: "https://app.s3.eu-central-1.amazonaws.com/" }])), /no object-storage-access alert reads probe_success/],
      [stackOf(res(T.azure.blobContainer, { accountName: "acct", containerName: "dalp-app" }), blackbox([{ url: "https://other.blob.core.windows.net/dalp-app?restype=container" }]), storageAlert()), /container acct\/dalp-app is neither probed/],
    ],
  },
  "dalp-alerts-scrape-existing-targets": {
    pass: [
      stackOf(eks([]), kps(MANAGED_SCRAPES)),
      stackOf(eks([]), kps({ ...MANAGED_SCRAPES, kubeControllerManager: { enabled: true } })),
      stackOf(gke({ datapathProvider: "ADVANCED_DATAPATH" }), kps({ ...MANAGED_SCRAPES, coreDns: { enabled: false }, kubeDns: { enabled: true } })),
      stackOf(aks(["1", "2", "3"]), kps({ ...MANAGED_SCRAPES, kubeProxy: { enabled: true }, defaultRules: { rules: { ...MANAGED_SCRAPES.defaultRules.rules, kubeProxy: true } } })),
    ],
    fail: [
      [stackOf(eks([]), kps({})), /kubeControllerManager is scraped and defaultRules\.rules kubeControllerManager are on.*kubeScheduler.*kubeEtcd.*kubeProxy\.enabled is not false, but EKS's kube-proxy serves metrics on 127\.0\.0\.1 only/],
      [stackOf(eks([]), kps({ ...MANAGED_SCRAPES, kubeProxy: { enabled: true } })), /kubeProxy\.enabled is not false/],
      [stackOf(gke({ datapathProvider: "ADVANCED_DATAPATH" }), kps(MANAGED_SCRAPES)), /coreDns\.enabled is not false, but GKE runs kube-dns/],
      [stackOf(res(T.azure.aks, { name: "a", networkProfile: { networkDataplane: "cilium" } }), kps({ ...MANAGED_SCRAPES, kubeProxy: {} })), /AKS with the Cilium dataplane runs no kube-proxy/],
      [stackOf(eks([]), kps({ ...MANAGED_SCRAPES, kubeEtcd: { enabled: true }, defaultRules: { rules: { ...MANAGED_SCRAPES.defaultRules.rules, etcd: true } } })), /kubeEtcd is scraped and defaultRules\.rules etcd are on/],
    ],
  },
  "dalp-stateful-require-protect": {
    pass: [stackOf({ ...rds(), protect: true }, { ...gcs(), protect: true })],
    fail: [[stackOf({ ...rds(), protect: true }, gcs()), /gcp:storage\/bucket:Bucket r\d+ is not protected/]],
  },
  "dalp-dr-require-cross-region-copy": {
    pass: [
      stackOf(regionalRds("eu-central-1"), regionalRds("eu-west-1", { replicateSourceDb: "arn:aws:rds:eu-central-1:1:db:x" })),
      stackOf(regionalRds("eu-central-1")),
      stackOf(regionalRds("eu-central-1", { arn: "arn:aws:rds:eu-central-1:1:db:x" }), res(T.aws.eksCluster, { name: "c2", version: "1.36", region: "eu-west-1" }), res(T.aws.rdsBackupsReplication, { sourceDbInstanceArn: "arn:aws:rds:eu-central-1:1:db:x", region: "eu-west-1" })),
      stackOf(azurePg({ location: "westeurope" }), azurePg({ location: "northeurope", createMode: "Replica", sourceServerResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg" })),
      stackOf(cloudSql({}, { region: "europe-west1" }), cloudSql({}, { region: "europe-west4", masterInstanceName: "primary" })),
    ],
    fail: [
      [stackOf(regionalRds("eu-central-1"), regionalRds("eu-west-1")), /runs in eu-central-1, eu-west-1 but no database replica or backup copy crosses regions/],
      [stackOf(cloudSql({ backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 30, location: "europe-west1" } }, { region: "europe-west1" }), cloudSql({ backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 30, location: "europe-west4" } }, { region: "europe-west4" })), /runs in europe-west1, europe-west4 but no database replica/],
    ],
  },
  "dalp-traffic-limit-dns-ttl": {
    pass: [stackOf(r53({ ttl: 30 })), stackOf(tmProfile()), stackOf(cloudDnsFailover({ healthCheck: "hc" }, 60)), stackOf(res(T.azure.trafficManagerV2, { trafficRoutingMethod: "Priority", dnsConfig: { ttl: 30 } }))],
    fail: [
      [stackOf(r53({ ttl: 300 })), /TTL 300s exceeds 60s/],
      [stackOf(tmProfile({ dnsConfig: { relativeName: "dalp", ttl: 300 } })), /TTL 300s exceeds 60s/],
      [stackOf(cloudDnsFailover({ healthCheck: "hc" }, 120)), /TTL 120s exceeds 60s/],
    ],
  },
  "dalp-traffic-require-health-checks": {
    pass: [
      stackOf(r53({})),
      stackOf(r53({ healthCheckId: undefined, aliases: [{ evaluateTargetHealth: true }] })),
      stackOf(tmProfile()),
      stackOf(cloudDnsFailover({ healthCheck: "projects/p/global/healthChecks/dalp" })),
      stackOf(res(T.gcp.dnsRecordSet, { name: "x.", ttl: 30, routingPolicy: { geos: [{ location: "europe-west1", healthCheckedTargets: { internalLoadBalancers: [{ ipAddress: "10.0.0.1" }] } }] } })),
    ],
    fail: [
      [stackOf(r53({ healthCheckId: undefined })), /without a health check/],
      [stackOf(tmProfile({ monitorConfig: undefined })), /without a health check/],
      // Cloud DNS checks external endpoints only through the policy's healthCheck.
      [stackOf(cloudDnsFailover({})), /without a health check/],
    ],
  },
  "dalp-backup-drill-restores": {
    pass: [
      stackOf(globalPart({ enabled: false, lastRun: daysAgo(10) })),
      stackOf(globalPart({ enabled: true }), res(T.dalp.drill, { region: "eu-central-1", namespace: "dalp-drill" }, { custom: false })),
    ],
    fail: [
      [stackOf(globalPart({ enabled: false })), /no restore drill is running and none is recorded/],
      [stackOf(globalPart({ enabled: false, lastRun: daysAgo(200) })), /is 200 days old; the interval is 92 days/],
    ],
  },
  "dalp-dr-key-in-recovery-region": {
    pass: [
      stackOf(ACTIVE, RECOVERY, under(ACTIVE, res(T.aws.kmsKey, {})), under(RECOVERY, res(T.aws.kmsKey, {}))),
      stackOf(ACTIVE, STANDBY, under(ACTIVE, res(T.gcp.kmsKey, {})), under(STANDBY, res(T.gcp.kmsKey, {}))),
    ],
    fail: [
      [stackOf(ACTIVE, RECOVERY, under(ACTIVE, res(T.aws.kmsKey, {}))), /region eu-west-1 receives copies but holds no customer-managed key/],
      [stackOf(ACTIVE, STANDBY, under(ACTIVE, res(T.gcp.kmsKey, {}))), /region eu-west-1 receives copies/],
    ],
  },
  "dalp-dr-velero-read-copies": {
    pass: [
      stackOf(ACTIVE, RECOVERY, under(ACTIVE, veleroReading(["eu-west-1"]))),
      stackOf(ACTIVE, STANDBY, under(ACTIVE, veleroReading(["eu-west-1"])), under(STANDBY, veleroReading(["eu-central-1"])), under(STANDBY, restoreJob("replicated-eu-central-1"))),
    ],
    fail: [
      [stackOf(ACTIVE, RECOVERY, under(ACTIVE, velero())), /Velero in eu-central-1 has no read-only location for the backups of eu-west-1/],
      [stackOf(ACTIVE, STANDBY, under(ACTIVE, veleroReading(["eu-west-1"])), under(STANDBY, veleroReading(["eu-central-1"])), under(STANDBY, restoreJob("replicated-elsewhere"))), /reads location replicated-elsewhere, which Velero in eu-west-1 does not have/],
    ],
  },
  "dalp-dr-copy-backups-across-regions": {
    pass: [
      stackOf(regionalRds("eu-central-1", { arn: "arn:aws:rds:eu-central-1:1:db:x" }), res(T.aws.rdsBackupsReplication, { sourceDbInstanceArn: "arn:aws:rds:eu-central-1:1:db:x", region: "eu-west-1" }), under(RECOVERY, res(T.aws.kmsKey, {}))),
      stackOf(azurePg({ location: "westeurope", backup: { backupRetentionDays: 30, geoRedundantBackup: "Enabled" } }), under(stampOf("northeurope", "recovery"), res(T.azure.storageAccount, {}))),
      stackOf(regionalRds("eu-central-1")),
      // Without a location Cloud SQL keeps backups in the nearest multi-region.
      stackOf(cloudSql({}, { region: "europe-west1" }), cloudSql({}, { region: "europe-west4", masterInstanceName: "primary" })),
    ],
    fail: [
      [stackOf(regionalRds("eu-central-1"), regionalRds("eu-west-1", { replicateSourceDb: "arn:aws:rds:eu-central-1:1:db:x" })), /RDS PostgreSQL in eu-central-1 keeps its backups in its own region only/],
      [stackOf(cloudSql({ backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 30, location: "europe-west1" } }, { region: "europe-west1" }), cloudSql({}, { region: "europe-west4", masterInstanceName: "primary" })), /in europe-west1 keeps its backups in its own region only/],
    ],
  },
  "dalp-dr-replicate-buckets": {
    pass: [
      stackOf(...twoRegionDbs(), ACTIVE, STANDBY, under(ACTIVE, regionalS3("app-a", "eu-central-1")), under(STANDBY, regionalS3("app-b", "eu-west-1")), under(ACTIVE, s3Replication("app-a", "app-b"))),
      // Without stamps: each bucket that is not itself a replica replicates to another region.
      stackOf(
        cloudSql({}, { region: "europe-west1" }),
        cloudSql({}, { region: "europe-west4", masterInstanceName: "primary" }),
        gcs({ name: "a", location: "EUROPE-WEST1" }),
        gcs({ name: "b", location: "EUROPE-WEST4" }),
        res(T.gcp.transferJob, { replicationSpec: { gcsDataSource: { bucketName: "a" }, gcsDataSink: { bucketName: "b" } } }),
      ),
      stackOf(azurePg({ location: "westeurope" }), azurePg({ location: "northeurope" }), storageAccount({ location: "westeurope", sku: { name: "Standard_GZRS" } })),
      stackOf(regionalRds("eu-central-1")),
    ],
    fail: [
      [stackOf(...twoRegionDbs(), ACTIVE, STANDBY, under(ACTIVE, regionalS3("app-a", "eu-central-1")), under(STANDBY, regionalS3("app-b", "eu-west-1"))), /bucket app-a \(region eu-central-1\) replicates into no bucket of the standby region eu-west-1/],
      [
        stackOf(...twoRegionDbs(), ACTIVE, STANDBY, under(ACTIVE, regionalS3("app-a", "eu-central-1")), under(ACTIVE, regionalS3("app-c", "eu-central-1")), under(ACTIVE, s3Replication("app-a", "app-c"))),
        /bucket app-a \(region eu-central-1\) replicates into no bucket of the standby region/,
      ],
      [stackOf(cloudSql({}, { region: "europe-west1" }), cloudSql({}, { region: "europe-west4" }), gcs({ name: "a", location: "EUROPE-WEST1" })), /bucket a \(region europe-west1\) replicates into no bucket of another region/],
    ],
  },
  "dalp-pattern-require-one-active": {
    pass: [stackOf(ACTIVE, STANDBY), stackOf(stampOf("eu-central-1", "cold", { database: { kind: "former-primary" } }), stampOf("eu-west-1", "active", { database: { kind: "promoted", formerSource: "eu-central-1" } }))],
    fail: [
      [stackOf(stampOf("eu-central-1", "cold"), STANDBY), /no region is active \(eu-central-1: cold, eu-west-1: standby\)/],
      [stackOf(ACTIVE, stampOf("eu-west-1", "active"), stampOf("us-east-1", "standby")), /2 regions are active \(eu-central-1, eu-west-1\) next to a standby/],
      [stackOf(stampOf("eu-central-1", "active", { database: { kind: "replica", source: "eu-west-1" } }), STANDBY), /active region eu-central-1 has a replica database, which takes no writes/],
    ],
  },
  "dalp-standby-stop-validators": ((): Case => {
    const standbyValidators = validatorsComponent(STANDBY);
    return {
      pass: [
        stackOf(ACTIVE, STANDBY, under(ACTIVE, validatorRelease({ replicaCount: 4 })), under(STANDBY, validatorRelease({ replicaCount: 0 }))),
        stackOf(ACTIVE, STANDBY, standbyValidators, under(standbyValidators, res(T.k8s.statefulSet, { metadata: { name: "node" }, spec: { replicas: 0 } }))),
        stackOf(ACTIVE, STANDBY, under(STANDBY, release("oci://r/dalp/dalp", { dapp: { replicaCount: 2 } }))),
      ],
      fail: [
        [stackOf(ACTIVE, STANDBY, under(STANDBY, validatorRelease({ replicaCount: 2 }))), /in standby region eu-west-1 runs 2 replica\(s\) \(values\.replicaCount\): it signs next to the active region/],
        [stackOf(ACTIVE, stampOf("eu-west-1", "standby", { validators: "on" })), /region eu-west-1 is standby but its stamp turns validators on/],
        [stackOf(ACTIVE, STANDBY, standbyValidators, under(standbyValidators, release("oci://r/network/node", { image: "x" }))), /sets no replica count \(values \(no replicaCount\)\), so its chart's default runs validators/],
        [stackOf(stampOf("eu-central-1", "cold"), stampOf("eu-west-1", "active"), under(stampOf("eu-central-1", "cold"), validatorRelease({ validators: { replicaCount: 1 } }))), /in cold region eu-central-1 runs 1 replica\(s\) \(values\.validators\.replicaCount\)/],
      ],
    };
  })(),
  "dalp-standby-route-no-users": {
    pass: [
      stackOf(ACTIVE, STANDBY, under(ACTIVE, release("oci://r/dalp/dalp", { dapp: { ingress: { enabled: true } } })), under(STANDBY, release("oci://r/dalp/dalp", { dapp: { ingress: { enabled: false } } }))),
      stackOf(ACTIVE, STANDBY, under(STANDBY, release("oci://r/monitoring/kube-prometheus-stack", { grafana: { ingress: { enabled: true } } }))),
    ],
    fail: [
      [stackOf(ACTIVE, STANDBY, under(STANDBY, release("oci://r/dalp/dalp", { dapp: { ingress: { enabled: true } } }))), /the DALP release r\d+ in standby region eu-west-1 routes the domain \(dapp\.ingress\.enabled is true\)/],
      [stackOf(stampOf("eu-central-1", "cold"), stampOf("eu-west-1", "active"), under(stampOf("eu-central-1", "cold"), release("oci://r/dalp/dalp", { dapp: { replicaCount: 0 } }))), /in cold region eu-central-1 routes the domain \(dapp\.ingress\.enabled is unset\)/],
    ],
  },
  "dalp-alerts-watch-active-region": {
    pass: [stackOf(ACTIVE, STANDBY, under(STANDBY, labelledRule([["api-availability", 'max(probe_success{target=~"active-region-.*"}) == 0', "critical"]])))],
    fail: [
      [stackOf(ACTIVE, STANDBY, under(STANDBY, labelledRule([["api-availability", 'probe_success{target="dalp-dapp"} == 0', "critical"]]))), /standby region eu-west-1 has no alert on the active region's ingress addresses: losing the active region pages no one/],
      [stackOf(ACTIVE, STANDBY, under(ACTIVE, labelledRule([["api-availability", 'max(probe_success{target=~"active-region-.*"}) == 0', "critical"]]))), /standby region eu-west-1 has no alert on the active region's ingress addresses/],
    ],
  },
  "dalp-standby-prestage-secrets": {
    pass: [
      stackOf(ACTIVE, STANDBY, ...SECRET_NAMES.map((n) => under(ACTIVE, k8sSecret(n))), ...SECRET_NAMES.map((n) => under(STANDBY, k8sSecret(n)))),
      stackOf(ACTIVE, stampOf("eu-west-1", "recovery", { workloads: "none" }), ...SECRET_NAMES.map((n) => under(ACTIVE, k8sSecret(n)))),
    ],
    fail: [
      [
        stackOf(ACTIVE, STANDBY, ...SECRET_NAMES.map((n) => under(ACTIVE, k8sSecret(n))), ...SECRET_NAMES.filter((n) => n !== "dalp-registry").map((n) => under(STANDBY, k8sSecret(n)))),
        /standby region eu-west-1 lacks Secret\(s\) dalp-registry in namespace dalp, which the active region holds/,
      ],
      [stackOf(ACTIVE, STANDBY, ...SECRET_NAMES.map((n) => under(ACTIVE, k8sSecret(n))), ...SECRET_NAMES.map((n) => under(STANDBY, k8sSecret(n, "other")))), /lacks Secret\(s\) dalp-cache, dalp-object-storage, dalp-postgres, dalp-registry/],
    ],
  },
  "dalp-clusters-align-versions": {
    pass: [stackOf(eks([]), { ...eks([]), urn: "urn:2", name: "c2" })],
    fail: [
      [stackOf(eks([]), res(T.aws.eksCluster, { name: "c2", version: "1.35", vpcConfig: { subnetIds: [] } })), /clusters run Kubernetes 1\.36 and 1\.35/],
      [stackOf(eks([]), { ...eks([]), urn: "urn:2" }, dalp({}), { ...dalp({}), inputs: { chart: "oci://r/dalp/dalp", version: "2.0.0" }, outputs: { chart: "oci://r/dalp/dalp", version: "2.0.0" } }), /chart dalp is installed at versions 1\.0\.0 and 2\.0\.0/],
    ],
  },
  "dalp-deploy-reach-cluster-api": {
    pass: [
      stackOf(eksPublic({ publicAccessCidrs: ["198.51.100.7/32"] })),
      stackOf(eksPrivate(), awsVpc(), peering(), https443("10.99.0.0/16")),
      stackOf(eksPrivate(), awsVpc(), peering({ autoAccept: undefined }), res(T.aws.vpcPeeringAccepter, { vpcPeeringConnectionId: "pcx-1" }), res(T.aws.securityGroupRule, { type: "ingress", securityGroupId: "sg-c", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["192.168.10.0/24"] })),
      stackOf(eksPublic({ publicAccessCidrs: ["10.0.0.0/8"] }), awsVpc(), peering(), https443("10.99.0.0/16", { ipProtocol: "-1", fromPort: undefined, toPort: undefined })),
      stackOf(aksApi({ authorizedIPRanges: ["198.51.100.7"] })),
      stackOf(aksApi({ enablePrivateCluster: true, privateDNSZone: ZONE_ID }), ...aksPrivateZone(), vnetPeering("rg", "vnet", "runner-rg", "runner"), vnetPeering("runner-rg", "runner", "rg", "vnet")),
      stackOf(aksApi({ enablePrivateCluster: true, privateDNSZone: "none", enablePrivateClusterPublicFQDN: true }), vnetPeering("rg", "vnet", "runner-rg", "runner"), vnetPeering("runner-rg", "runner", "rg", "vnet")),
      stackOf(gkeApi({ ...PRIVATE_ENDPOINT, controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true } } })),
      stackOf(gkeApi({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "198.51.100.0/24", displayName: "runner" }] } })),
      stackOf(gkeApi({ ...PRIVATE_ENDPOINT, masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.99.0.0/16" }] } }), gkeSubnet(), gcpPeering(GKE_NET, RUNNER_NET), gcpPeering(`https://www.googleapis.com/compute/v1/${RUNNER_NET}`, GKE_NET)),
    ],
    fail: [
      [stackOf(eksPublic({})), /aws:eks\/cluster:Cluster r\d+: public endpoint: no range limits the public endpoint, so anyone on the internet can reach the API/],
      [stackOf(eksPublic({ publicAccessCidrs: ["0.0.0.0/0"] })), /0\.0\.0\.0\/0 lets anyone on the internet reach the API/],
      [stackOf(eksPublic({ publicAccessCidrs: ["10.0.0.0/8"] })), /10\.0\.0\.0\/8 is a private or shared range.*private endpoint: no VPC peering connects the cluster's VPC vpc-1/],
      [stackOf(eksPublic({ endpointPublicAccess: false, endpointPrivateAccess: false })), /public endpoint: off.*private endpoint: off/],
      [stackOf(eksPrivate(), awsVpc(), peering({ autoAccept: undefined }), https443("10.99.0.0/16")), /the VPC peering is never accepted/],
      [stackOf(eksPrivate(), awsVpc(), peering({ peerRegion: "us-east-1" }), https443("10.99.0.0/16")), /never accepted/],
      [stackOf(eksPrivate(), awsVpc(), peering()), /no ingress rule admits the peered network's range on TCP 443 into the cluster security group sg-c/],
      [stackOf(eksPrivate(), awsVpc(), peering(), https443("10.40.1.0/24")), /no ingress rule admits/],
      [stackOf(eksPrivate(), awsVpc(), peering(), https443("10.99.0.0/16", { fromPort: 80, toPort: 80 })), /no ingress rule admits/],
      [stackOf(aksApi({})), /azure-native:containerservice:ManagedCluster r\d+: public endpoint: no range limits the public endpoint/],
      [stackOf(aksApi({ authorizedIPRanges: ["172.16.0.0/12"] })), /172\.16\.0\.0\/12 is a private or shared range.*private endpoint: off/],
      [stackOf(aksApi({ enablePrivateCluster: true }, { nodeResourceGroupProfile: { restrictionLevel: "ReadOnly" } })), /privateDNSZone "system" puts the API's DNS zone in the node resource group, which restrictionLevel ReadOnly locks,/],
      [stackOf(aksApi({ enablePrivateCluster: true, privateDNSZone: ZONE_ID }), ...aksPrivateZone(), vnetPeering("rg", "vnet", "runner-rg", "runner")), /exists in one direction only, and stays "Initiated"/],
      [stackOf(aksApi({ enablePrivateCluster: true, privateDNSZone: ZONE_ID }), vnetPeering("rg", "vnet", "runner-rg", "runner"), vnetPeering("runner-rg", "runner", "rg", "vnet")), /is not a private DNS zone of this stack/],
      [stackOf(aksApi({ enablePrivateCluster: true, privateDNSZone: ZONE_ID }), aksPrivateZone()[0]), /linked to no network other than the cluster's/],
      [stackOf(aksApi({ enablePrivateCluster: true, privateDNSZone: "none" })), /without enablePrivateClusterPublicFQDN/],
      [stackOf(gkeApi({ ...PRIVATE_ENDPOINT, masterAuthorizedNetworksConfig: { cidrBlocks: [] } })), /DNS endpoint: off.*private endpoint: no network peering connects/],
      [stackOf(gkeApi({ ...PRIVATE_ENDPOINT }), gcpPeering(GKE_NET, RUNNER_NET)), /stays INACTIVE until the runner's network peers back/],
      [stackOf(gkeApi({ ...PRIVATE_ENDPOINT, masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.40.0.0/24" }] } }), gkeSubnet(), gcpPeering(GKE_NET, RUNNER_NET), gcpPeering(RUNNER_NET, GKE_NET)), /holds no range of the peered network/],
      [stackOf(gkeApi({})), /masterAuthorizedNetworksConfig is not set, so anyone on the internet can reach the API/],
      [stackOf(gkeApi({ masterAuthorizedNetworksConfig: { cidrBlocks: [] } })), /public endpoint: no address is allowed to the public endpoint/],
      [stackOf(gkeApi({ controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: false } } })), /private endpoint: off \(controlPlaneEndpointsConfig\.ipEndpointsConfig\.enabled is false\)/],
    ],
  },
  "dalp-deploy-match-subnet-cluster-tags": {
    pass: [
      stackOf(eksPublic({ publicAccessCidrs: ["198.51.100.7/32"] }), res(T.aws.subnet, { id: "s0", vpcId: "vpc-1", tags: { "kubernetes.io/cluster/c": "shared", "kubernetes.io/role/elb": "1" } })),
      stackOf(eksPublic({}), res(T.aws.subnet, { id: "s9", vpcId: "vpc-other", tags: { "kubernetes.io/cluster/another": "owned" } })),
    ],
    fail: [
      [stackOf(eksPublic({}, { name: "eu-central-1-eks-cluster-1cc117a" }), res(T.aws.subnet, { id: "s0", vpcId: "vpc-1", tags: { "kubernetes.io/cluster/dalp-aws-cloud-native-eu-central-1": "shared" } })), /is tagged for cluster "dalp-aws-cloud-native-eu-central-1", but the stack's EKS cluster is named "eu-central-1-eks-cluster-1cc117a"/],
      [stackOf(eksPublic({}), res(T.aws.subnet, { id: "s0", vpcId: "vpc-1", tags: { "kubernetes.io/cluster/c": "yes" } })), /kubernetes\.io\/cluster\/c is "yes"; the controllers read only "owned" or "shared"/],
    ],
  },
  "dalp-deploy-open-webhook-ports": {
    pass: [
      stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall()),
      stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall({ allows: [{ protocol: "tcp", ports: ["8000-16000"] }], targetServiceAccounts: undefined, sourceRanges: ["172.16.0.0/16"] })),
      stackOf(gkePrivateNodes(), gkeNodePool({ nodeConfig: { serviceAccount: NODE_SA, tags: ["nodes"] } }), webhookFirewall({ targetServiceAccounts: undefined, targetTags: ["nodes"], allows: [{ protocol: "all" }] })),
      stackOf(gkeApi({}), gkeNodePool()),
      stackOf(gkePrivateNodes(), gkeNodePool({ networkConfig: { enablePrivateNodes: false } })),
      stackOf(...eksWithGroup()),
      stackOf(...eksWithGroup({ launchTemplate: { id: "lt-1", version: "1" } }), launchTemplate([])),
      stackOf(...eksWithGroup({ launchTemplate: { id: "lt-1", version: "1" } }), launchTemplate(["sg-nodes"]), res(T.aws.securityGroupIngressRule, { securityGroupId: "sg-nodes", referencedSecurityGroupId: "sg-c", ipProtocol: "-1" })),
      stackOf(...eksWithGroup({ launchTemplate: { name: "nodes", version: "1" } }), launchTemplate(["sg-c", "sg-extra"])),
    ],
    fail: [
      [stackOf(gkePrivateNodes(), gkeNodePool()), /gcp:container\/cluster:Cluster r\d+: TCP 8443, 9443, 15017 closed from the control plane \(172\.16\.0\.0\/28\) to node pool r\d+; admission webhooks on those ports time out/],
      [stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall({ allows: [{ protocol: "tcp", ports: ["8443", "9443"] }] })), /TCP 15017 closed/],
      [stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall({ sourceRanges: ["10.0.0.0/24"] })), /TCP 8443, 9443, 15017 closed/],
      [stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall({ targetServiceAccounts: ["other@p.iam.gserviceaccount.com"] })), /closed/],
      [stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall({ network: "projects/p/global/networks/other" })), /closed/],
      [stackOf(gkePrivateNodes(), gkeNodePool(), webhookFirewall({ disabled: true })), /closed/],
      [stackOf(gkeApi({}), gkeNodePool({ networkConfig: { enablePrivateNodes: true } })), /TCP 8443, 9443, 15017 closed from the control plane to node pool/],
      [stackOf(...eksWithGroup({ launchTemplate: { id: "lt-1", version: "1" } }), launchTemplate(["sg-nodes"])), /launch template replaces the cluster security group, and TCP 10250, 8443, 9443, 15017 stay closed from the control plane/],
      [stackOf(...eksWithGroup({ launchTemplate: { id: "lt-1", version: "1" } }), launchTemplate(["sg-nodes"]), res(T.aws.securityGroupIngressRule, { securityGroupId: "sg-nodes", referencedSecurityGroupId: "sg-c", ipProtocol: "tcp", fromPort: 10250, toPort: 10250 })), /TCP 8443, 9443, 15017 stay closed/],
    ],
  },
  "dalp-deploy-align-node-versions": {
    pass: [
      stackOf(...eksWithGroup()),
      stackOf(aksApi({}, { agentPoolProfiles: [{ name: "system", orchestratorVersion: "1.33" }] }), res(T.azure.agentPool, { resourceName: "a", orchestratorVersion: "1.33" })),
      stackOf(gke(), gkeNodePool()),
      stackOf(gke(), gkeNodePool({ management: { autoUpgrade: false }, version: "1.33.5-gke.1080000" })),
    ],
    fail: [
      [stackOf(...eksWithGroup({ version: undefined })), /node group r\d+ has version null, the cluster "1\.36"/],
      [stackOf(...eksWithGroup({ version: "1.35" })), /has version "1\.35", the cluster "1\.36"/],
      [stackOf(aksApi({}, { agentPoolProfiles: [{ name: "system" }] })), /agentPoolProfiles system has orchestratorVersion null, the cluster kubernetesVersion "1\.33"/],
      [stackOf(aksApi({}), res(T.azure.agentPool, { resourceName: "a", orchestratorVersion: "1.32" })), /agent pool r\d+ has orchestratorVersion "1\.32"/],
      [stackOf(gke(), gkeNodePool({ management: { autoUpgrade: false }, version: "1.32.9-gke.1" })), /neither auto-upgrades nor runs the cluster's minMasterVersion "1\.33"/],
      [stackOf(gke(), gkeNodePool({ management: undefined })), /neither auto-upgrades/],
    ],
  },
  "dalp-deploy-order-after-node-pools": ((): Case => {
    const e = orderedEks();
    const a = aksApi({ authorizedIPRanges: ["198.51.100.7/32"] }, { agentPoolProfiles: [{ name: "system", mode: "System", nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"] }] });
    const aksUser = res(T.azure.agentPool, { resourceName: "a", mode: "User" });
    const aksProvider = k8sProvider(a);
    const g = gke({ removeDefaultNodePool: true });
    const gPool = gkeNodePool();
    const gProvider = k8sProvider(g);
    const viaNamespace = res("kubernetes:core/v1:Namespace", { metadata: { name: "dalp" } }, { dependencies: [e.workers.urn] });
    return {
      pass: [
        stackOf(e.cluster, e.system, e.workers, e.provider, onCluster(e.provider, [e.workers])),
        stackOf(e.cluster, e.workers, e.provider, viaNamespace, onCluster(e.provider, [viaNamespace])),
        stackOf(e.cluster, e.workers, { ...e.provider, dependencies: [e.cluster.urn, e.workers.urn] }, onCluster({ ...e.provider, dependencies: [e.cluster.urn, e.workers.urn] }, [])),
        stackOf(a, aksUser, aksProvider, onCluster(aksProvider, [aksUser], T.k8s.deployment, { metadata: { name: "web" }, spec: { replicas: 2 } })),
        stackOf(aksApi({ authorizedIPRanges: ["198.51.100.7/32"] }), k8sProvider(aksApi({})), onCluster(k8sProvider(aksApi({})), [])),
        stackOf(g, gPool, gProvider, onCluster(gProvider, [gPool])),
        stackOf(gke({}), k8sProvider(gke({})), onCluster(k8sProvider(gke({})), [])),
        stackOf(onCluster(res("pulumi:providers:kubernetes", {}, { name: "external" }), [])),
      ],
      fail: [
        [stackOf(e.cluster, e.system, e.workers, e.provider, onCluster(e.provider, [])), /r\d+ does not wait for a node pool of r\d+ that takes ordinary pods/],
        [stackOf(e.cluster, e.system, e.workers, e.provider, onCluster(e.provider, [e.system])), /does not wait for a node pool/],
        [stackOf(a, aksUser, aksProvider, onCluster(aksProvider, [a])), /does not wait for a node pool/],
        [stackOf(g, gPool, gProvider, onCluster(gProvider, [], T.k8s.statefulSet, { metadata: { name: "db" }, spec: { replicas: 1 } })), /does not wait for a node pool/],
      ],
    };
  })(),
  "dalp-deploy-ignore-cloud-drift": {
    rule: driftRule,
    pass: [
      stackOf(ignoring(azurePg(), ["highAvailability.standbyAvailabilityZone"])),
      stackOf(ignoring(azurePg(), ['highAvailability["standbyAvailabilityZone"]'])),
      stackOf(rds({ allocatedStorage: 100 })),
      stackOf(ignoring(rds({ allocatedStorage: 100, maxAllocatedStorage: 500 }), ["allocatedStorage"])),
      stackOf(ignoring(aks(["1", "2", "3"]), ["agentPoolProfiles[*].count"])),
    ],
    fail: [
      [stackOf(ignoring(aks(["1", "2", "3"]), ["agentPoolProfiles[0].count"])), /does not ignore agentPoolProfiles\[\*\]\.count: the autoscaler sizes every pool/],
      [stackOf(azurePg()), /r\d+ does not ignore highAvailability\.standbyAvailabilityZone: a failover swaps the zones \(test\)/],
      [stackOf(ignoring(azurePg(), ["highAvailability"])), /it ignores all of highAvailability, which also hides deliberate changes/],
      [stackOf(ignoring(azurePg(), ["highAvailability.mode"])), /does not ignore highAvailability\.standbyAvailabilityZone/],
      [stackOf(rds({ allocatedStorage: 100, maxAllocatedStorage: 500 })), /does not ignore allocatedStorage: storage autoscaling grows it/],
    ],
  },
  "dalp-deploy-require-disruption-budgets": {
    pass: [
      stackOf(dalpWith(), ...servicePdbs()),
      stackOf(dalpWith({ dapp: { replicaCount: 1 }, dapi: { replicaCount: 1 } })),
      stackOf(dalpWith({ dapp: { replicaCount: 3 } }), pdb("dapp", { minAvailable: 2 }), pdb("dapi", { maxUnavailable: "50%" })),
      stackOf(kps(HA_MONITORING)),
      stackOf(ingressSupport({})),
      stackOf(ingressSupport({ minAvailable: 1 })),
      stackOf(release("cluster-autoscaler", { replicaCount: 2 })),
      stackOf(deployment(3), res(T.k8s.podDisruptionBudget, { metadata: { namespace: "dalp" }, spec: { selector: { matchLabels: { app: "web" } }, maxUnavailable: 1 } })),
      stackOf(deployment(1)),
    ],
    fail: [
      [stackOf(dalpWith(), pdb("dapi")), /the dApp \(web front end\) \(2 replicas\): no PodDisruptionBudget selects its pods/],
      [stackOf(dalpWith(), pdb("dapp"), pdb("dapi", { maxUnavailable: 0 })), /the DALP API \(2 replicas\): its PodDisruptionBudget lets no pod of 2 be evicted, so it blocks every node drain/],
      [stackOf(dalpWith(), pdb("dapp", { minAvailable: 0 }), pdb("dapi")), /lets all 2 pods be evicted at once/],
      [stackOf(dalpWith(), pdb("dapp", {}, "other"), pdb("dapi")), /the dApp .*no PodDisruptionBudget selects its pods/],
      [stackOf(dalpWith({ dapp: { podLabels: {} } }), ...servicePdbs()), /dapp\.podLabels does not set dalp\.settlemint\.com\/service: dapp/],
      [stackOf(dalpWith({ dapi: { topologySpreadConstraints: [] } }), ...servicePdbs()), /dapi\.topologySpreadConstraints do not spread its pods over topology\.kubernetes\.io\/zone/],
      [stackOf(kps({ ...HA_MONITORING, prometheus: { ...HA_MONITORING.prometheus, podDisruptionBudget: { enabled: false } } })), /prometheus \(2 replicas\): prometheus\.podDisruptionBudget\.enabled is not true/],
      [stackOf(kps({ ...HA_MONITORING, alertmanager: { alertmanagerSpec: { replicas: 3 } } })), /alertmanager \(3 replicas\): alertmanager\.podDisruptionBudget\.enabled is not true.*neither spreads nor anti-affines/],
      [stackOf(kps({ ...HA_MONITORING, prometheus: { ...HA_MONITORING.prometheus, podDisruptionBudget: { enabled: true, minAvailable: 2 } } })), /prometheus \(2 replicas\): its PodDisruptionBudget lets no pod of 2 be evicted/],
      [stackOf(ingressSupport({ minAvailable: 2 })), /the ingress-nginx controller \(2 replicas\): its PodDisruptionBudget lets no pod of 2 be evicted/],
      [stackOf(ingressSupport({ topologySpreadConstraints: undefined })), /controller\.topologySpreadConstraints do not spread it over topology\.kubernetes\.io\/zone/],
      [stackOf(release("cluster-autoscaler", { replicaCount: 2, podDisruptionBudget: null })), /the cluster autoscaler \(2 replicas\): its chart renders no PodDisruptionBudget/],
      [stackOf(deployment(3)), /Deployment web \(3 replicas\): no PodDisruptionBudget selects its pods/],
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

describe.each(Object.entries(CASES))("%s", (policy, { pass, fail, config, rule }) => {
  const check = (input: CheckInput) => (rule ? violationsOfRule(rule, input, config) : violationsOf(policy, input, config));
  it.each(pass.map((input, i) => [i, input] as const))("passes case %i", async (_i, input) => {
    expect(await check(input)).toEqual([]);
  });
  it.each(fail.map(([input, pattern], i) => [i, input, pattern] as const))("fails case %i", async (_i, input, pattern) => {
    const violations = await check(input);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.map((v) => v.message).join("\n")).toMatch(pattern);
    expect(violations.every((v) => v.policy === policy)).toBe(true);
  });
});

describe("the DALP services' chart defaults", () => {
  it.each(DALP_SERVICES.map((s) => [s.key, s] as const))("%s: an unset replica count passes only where the product docs give a chart default", async (key, service) => {
    const values = Object.fromEntries(DALP_SERVICES.map((s) => [s.key, s.key === key ? { ...goodService(key), replicaCount: undefined } : goodService(s.key)]));
    const violations = await violationsOf("dalp-app-require-replicas", stackOf(release("oci://r/dalp/dalp", JSON.parse(JSON.stringify(values)))));
    const chartDefaultMeets = (chartDefault(service, "replicaCount") ?? 0) >= service.minReplicas;
    expect(violations.map((v) => v.message)).toEqual(chartDefaultMeets ? [] : [expect.stringContaining(`${key}.replicaCount`)]);
  });
});

describe("during a first pulumi preview, when the cloud has computed nothing yet", () => {
  // The engine's marker for a value only known after apply (@pulumi/policy proxy.unknownStringValue).
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  it("still compares subnet tags with the cluster's name, though no VPC id is known", async () => {
    const stack = stackOf(
      eksPublic({ vpcId: UNKNOWN, subnetIds: [UNKNOWN], clusterSecurityGroupId: UNKNOWN }, { name: "dalp-prod" }),
      res(T.aws.subnet, { id: UNKNOWN, vpcId: UNKNOWN, tags: { "kubernetes.io/cluster/dalp-staging": "shared" } }),
    );
    const violations = await violationsOf("dalp-deploy-match-subnet-cluster-tags", stack);
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([["mandatory", expect.stringMatching(/tagged for cluster "dalp-staging", but the stack's EKS cluster is named "dalp-prod"/)]]);
  });
});

describe("the service label", () => {
  it("is the one the add-ons put on the DALP services' pods and budgets", () => {
    expect(SERVICE_LABEL).toBe(DALP_SERVICE_LABEL);
  });
});

describe("the drift rule of the pack", () => {
  it("applies to exactly the types the cloud owners' tables name", () => {
    const rule = RULES.find((r) => r.name === "dalp-deploy-ignore-cloud-drift");
    expect(rule?.kind === "resource" && [...rule.appliesTo].sort()).toEqual([...new Set(DRIFT_FACTS.map((f) => f.type))].sort());
  });
});

describe("applicability", () => {
  it("marks cloud-specific and multi-region rules not applicable where they do not apply", async () => {
    expect(await notApplicableTo("dalp-storage-require-zone-redundancy", stackOf(rds()))).toBe(true);
    expect(await notApplicableTo("dalp-postgres-require-encryption", stackOf(cloudSql()))).toBe(true);
    expect(await notApplicableTo("dalp-dr-require-cross-region-copy", stackOf(regionalRds("eu-central-1")))).toBe(true);
    expect(await notApplicableTo("dalp-traffic-require-health-checks", stackOf(rds()))).toBe(true);
    expect(await notApplicableTo("dalp-postgres-require-ha", stackOf(rds()))).toBe(false);
    expect(await notApplicableTo("dalp-deploy-match-subnet-cluster-tags", stackOf(aks(["1"])))).toBe(true);
    expect(await notApplicableTo("dalp-deploy-open-webhook-ports", stackOf(aks(["1"])))).toBe(true);
    expect(await notApplicableTo("dalp-deploy-open-webhook-ports", stackOf(gke()))).toBe(false);
    expect(await notApplicableTo("dalp-alerts-watch-existing-replicas", stackOf(rds(), labelledRule(PAGE_ALERTS.filter(([s]) => s !== "replication-lag"))))).toBe(true);
    expect(await notApplicableTo("dalp-alerts-scrape-existing-targets", stackOf(kps({})))).toBe(true);
    expect(await notApplicableTo("dalp-alerts-cover-every-bucket", stackOf(rds()))).toBe(true);
    expect(await notApplicableTo("dalp-deploy-require-disruption-budgets", stackOf(rds()))).toBe(true);
    expect(await notApplicableTo("dalp-backup-follow-table", stackOf(dalpWith()))).toBe(true);
    const failedOver = [stampOf("eu-central-1", "cold", { database: { kind: "former-primary" } }), stampOf("eu-west-1", "active", { database: { kind: "promoted", formerSource: "eu-central-1" } })];
    // Failed over, nothing is written towards the isolated former region until it returns as the standby.
    expect(await notApplicableTo("dalp-dr-require-cross-region-copy", stackOf(...failedOver, under(failedOver[0], regionalRds("eu-central-1")), under(failedOver[1], regionalRds("eu-west-1"))))).toBe(true);
    expect(await notApplicableTo("dalp-dr-replicate-buckets", stackOf(...failedOver, under(failedOver[0], regionalRds("eu-central-1")), under(failedOver[1], regionalRds("eu-west-1")), under(failedOver[1], regionalS3("b", "eu-west-1"))))).toBe(true);
    expect(await notApplicableTo("dalp-standby-stop-validators", stackOf(ACTIVE))).toBe(true);
    expect(await notApplicableTo("dalp-pattern-require-one-active", stackOf(stampOf("eu-central-1", "active"), stampOf("eu-west-1", "active")))).toBe(true);
    expect(await notApplicableTo("dalp-alerts-watch-standby-lag", stackOf(rds(), rds({ replicateSourceDb: "arn:src" }), lagAlert()))).toBe(true);
  });
});

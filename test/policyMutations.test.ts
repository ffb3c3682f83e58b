import * as fs from "fs";
import * as path from "path";
import { fromPlan } from "../checker/fromPlan";
import type { CheckInput, CheckResource } from "../checker/model";
import { runRules } from "../checker/runner";
import { DALP_SERVICES } from "../facts/workloads";
import { RULES } from "../policies/rules";
import { DRIFT_FACTS, type DriftFact } from "../policies/rules/drift";
import { T } from "../policies/rules/types";
import { referencePlan } from "./helpers/stacks";

/**
 * The mutation suite: each rule, run on a reference stack's planned graph changed in exactly one place,
 * must fire. A rule that cannot fire on a reference stack yet (its cloud or pattern has none) says why.
 */

type Mutation = (input: CheckInput) => void;

/** Changes the first resource of a type matching `where`, in its inputs and outputs alike. */
function change(type: string, edit: (props: Record<string, any>, r: CheckResource) => void, where: (r: CheckResource) => boolean = () => true): Mutation {
  return (input) => {
    const r = input.resources.find((x) => x.type === type && where(x));
    if (!r) throw new Error(`no ${type} to mutate`);
    edit(r.inputs as Record<string, any>, r);
    edit(r.outputs as Record<string, any>, r);
  };
}

function remove(type: string): Mutation {
  return (input) => {
    const i = input.resources.findIndex((x) => x.type === type);
    if (i < 0) throw new Error(`no ${type} to remove`);
    input.resources.splice(i, 1);
  };
}

/** Adds a resource, as a mutation that needs a new one beside the stack's (a launch template, an alert). */
function add(type: string, name: string, props: Record<string, unknown>): Mutation {
  return (input) => {
    const stack = input.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    input.resources.push({
      urn: `urn:pulumi:${input.stack}::${input.project}::${type}::${name}`,
      type,
      name,
      custom: true,
      inputs: structuredClone(props),
      outputs: structuredClone(props),
      parent: stack?.urn,
      protect: false,
      ignoreChanges: [],
      additionalSecretOutputs: [],
      dependencies: [],
      propertyDependencies: {},
    });
  };
}

const both = (...mutations: Mutation[]): Mutation => (input) => mutations.forEach((m) => m(input));

const chart = (name: string) => (r: CheckResource) => String((r.inputs as { chart?: string }).chart ?? "").split("/").pop() === name;
const named = (suffix: string) => (r: CheckResource) => r.name.endsWith(suffix);

/** The cloud a resource type belongs to, by its package. */
const cloudOfType = (type: string) => (type.startsWith("aws:") ? "aws" : type.startsWith("azure-native:") ? "azure" : type.startsWith("gcp:") ? "gcp" : "any");

/**
 * Drops one drift fact's property from the ignoreChanges of the first resource it applies to: the first fact
 * of the cloud's table whose type the reference stack creates.
 */
function dropIgnoredDrift(cloud: string): Mutation | undefined {
  const facts = DRIFT_FACTS.filter((f) => cloudOfType(f.type) === cloud);
  if (facts.length === 0) return undefined;
  return (input) => {
    const applies = (f: DriftFact, r: CheckResource) => r.type === f.type && (f.appliesWhen?.(r.inputs as Record<string, unknown>) ?? true);
    const fact = facts.find((f) => input.resources.some((r) => applies(f, r)));
    if (!fact) throw new Error(`no resource of the ${cloud} drift table's types (${facts.map((f) => f.type).join(", ")}) in the stack`);
    const r = input.resources.find((x) => applies(fact, x)) as CheckResource;
    const kept = r.ignoreChanges.filter((i) => i !== fact.property);
    if (kept.length === r.ignoreChanges.length) throw new Error(`${r.name} does not list ${fact.property} in ignoreChanges`);
    r.ignoreChanges = kept;
  };
}

/** A replica-side replication-lag alert, which can never fire on a stack without a streaming replica. */
const lagAlert = add(T.k8s.prometheusRule, "mutation-lag", {
  metadata: { name: "lag", namespace: "dalp" },
  spec: { groups: [{ name: "lag", rules: [{ alert: "ReplicaLagging", expr: "pg_replication_lag_seconds > 60", labels: { dalp_signal: "replication-lag", severity: "warning" } }] }] },
});

/** Pins the dApp with a node selector. */
const pinDapp = (selector: (input: CheckInput) => Record<string, string>): Mutation => (input) => change(T.k8s.release, (p) => (p.values.dapp.nodeSelector = selector(input)), chart("dalp"))(input);

/** The zone of the first EKS node group, from its subnet. */
const firstNodeGroupZone = (input: CheckInput) => {
  const group = input.resources.find((r) => r.type === T.aws.eksNodeGroup)?.inputs as { subnetIds: string[] };
  const subnet = input.resources.find((r) => r.type === T.aws.subnet && (r.outputs as { id?: string }).id === group.subnetIds[0]);
  return String((subnet?.inputs as { availabilityZone?: string }).availabilityZone);
};

/** The AKS cluster's inline pools (the stack declares them all in agentPoolProfiles). */
const inlinePoolsOf = (input: CheckInput) => ((input.resources.find((r) => r.type === T.azure.aks)?.inputs as { agentPoolProfiles?: Array<Record<string, any>> }).agentPoolProfiles ?? []);
const isUserPool = (pool: Record<string, any>) => pool.mode === "User";
/** Changes the first inline pool of the AKS cluster matching `where`, in the cluster's inputs and outputs alike. */
const inlinePool = (where: (pool: Record<string, any>) => boolean, edit: (pool: Record<string, any>) => void): Mutation =>
  change(T.azure.aks, (p) => {
    const pool = (p.agentPoolProfiles as Array<Record<string, any>>).find(where);
    if (!pool) throw new Error("no such inline pool to mutate");
    edit(pool);
  });
/** Changes every inline pool of the AKS cluster. */
const inlinePools = (edit: (pool: Record<string, any>) => void): Mutation => change(T.azure.aks, (p) => (p.agentPoolProfiles as Array<Record<string, any>>).forEach(edit));

/** Changes the alert of one signal in the DALP PrometheusRule. */
const alertOf = (signal: string, edit: (rule: Record<string, any>) => void): Mutation =>
  change(T.k8s.prometheusRule, (p) => {
    const rule = p.spec.groups.flatMap((g: any) => g.rules).find((r: any) => r.labels?.dalp_signal === signal);
    if (!rule) throw new Error(`no ${signal} alert`);
    edit(rule);
  });
const purpose = (p: string) => (r: CheckResource) => (r.inputs as { tags?: { purpose?: string } }).tags?.purpose === p;
const purposeLabel = (p: string) => (r: CheckResource) => (r.inputs as { labels?: { purpose?: string } }).labels?.purpose === p;

/** Rules on the cloud-agnostic add-ons: the same mutation on every reference stack. */
/** The stack as after a drill that passed today: what a reference stack is judged from, so only the drill rule's mutation fires it. */
const drillRecordedToday: Mutation = change(T.dalp.global, (p) => (p.drill = { ...p.drill, lastRun: new Date().toISOString().slice(0, 10) }));

const COMMON: Record<string, Mutation> = {
  "dalp-backup-drill-restores": change(T.dalp.global, (p) => delete p.drill.lastRun),
  "dalp-app-require-replicas": change(T.k8s.release, (p) => (p.values.dapp.replicaCount = 1), chart("dalp")),
  "dalp-app-set-anti-affinity": change(T.k8s.release, (p) => {
    p.values.dapp.podAntiAffinityPreset = "";
    delete p.values.dapp.topologySpreadConstraints;
  }, chart("dalp")),
  "dalp-app-enable-probes": change(T.k8s.release, (p) => (p.values.dapp.livenessProbe = { enabled: false }), chart("dalp")),
  "dalp-app-set-resources": change(T.k8s.release, (p) => delete p.values.dapp.resources.limits, chart("dalp")),
  "dalp-app-disable-bundled-datastores": change(T.k8s.release, (p) => (p.values.redis = { enabled: true }), chart("support")),
  "dalp-app-deny-plaintext-credentials": change(T.k8s.release, (p) => (p.values.global.datastores.default.postgresql.password = "hunter2"), chart("dalp")),
  "dalp-backup-require-schedule": change(T.k8s.release, (p) => (p.values.schedules = {}), chart("velero")),
  "dalp-backup-configure-schedule": change(T.k8s.release, (p) => (p.values.schedules["dalp-support"].template.excludedResources = []), chart("velero")),
  "dalp-backup-follow-table": change(T.k8s.release, (p) => (p.values.schedules["dalp-daily"].template.ttl = "24h0m0s"), chart("velero")),
  "dalp-alerts-match-thresholds": alertOf("pod-restarts", (rule) => (rule.expr = String(rule.expr).replace(/> 5$/, "> 10"))),
  "dalp-alerts-watch-existing-replicas": lagAlert,
  "dalp-alerts-cover-every-bucket": change(T.k8s.release, (p) => (p.values.serviceMonitor.targets = p.values.serviceMonitor.targets.filter((t: any) => t.module === "http_2xx")), chart("prometheus-blackbox-exporter")),
  "dalp-alerts-scrape-existing-targets": change(T.k8s.release, (p) => {
    p.values.kubeControllerManager = { enabled: true };
    p.values.defaultRules.rules.kubeControllerManager = true;
  }, chart("kube-prometheus-stack")),
  "dalp-deploy-require-disruption-budgets": remove(T.k8s.podDisruptionBudget),
  // A stack that forgot the ordering: no resource waits for the node pools.
  "dalp-deploy-order-after-node-pools": (input) => {
    const pools = new Set(input.resources.filter((r) => [T.aws.eksNodeGroup, T.azure.agentPool, T.gcp.nodePool].includes(r.type as never)).map((r) => r.urn));
    for (const r of input.resources) {
      r.dependencies = r.dependencies.filter((d) => !pools.has(d));
      r.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.filter((d) => !pools.has(d))]));
    }
  },
  "dalp-backup-deny-static-keys": change(T.k8s.release, (p) => (p.values.credentials = { useSecret: true }), chart("velero")),
  "dalp-alerts-cover-signals": change(T.k8s.prometheusRule, (p) => (p.spec.groups[0].rules = p.spec.groups[0].rules.filter((r: any) => r.labels.dalp_signal !== "backup-failure"))),
};

const AWS: Record<string, Mutation> = {
  "dalp-postgres-require-ha": change(T.aws.rdsInstance, (p) => (p.multiAz = false)),
  "dalp-postgres-require-pitr": change(T.aws.rdsInstance, (p) => (p.backupRetentionPeriod = 7)),
  "dalp-postgres-enable-deletion-protection": change(T.aws.rdsInstance, (p) => (p.deletionProtection = false)),
  "dalp-postgres-require-encryption": change(T.aws.rdsInstance, (p) => (p.storageEncrypted = false)),
  "dalp-postgres-deny-public-access": change(T.aws.rdsInstance, (p) => (p.publiclyAccessible = true)),
  "dalp-postgres-require-tls": change(T.aws.rdsParameterGroup, (p) => (p.parameters = p.parameters.map((x: any) => (x.name === "rds.force_ssl" ? { ...x, value: "0" } : x)))),
  "dalp-cache-require-ha": change(T.aws.elasticache, (p) => (p.automaticFailoverEnabled = false)),
  "dalp-cache-require-tls": change(T.aws.elasticache, (p) => (p.transitEncryptionEnabled = false)),
  "dalp-bucket-enable-versioning": change(T.aws.bucketVersioning, (p) => (p.versioningConfiguration = { status: "Suspended" })),
  "dalp-bucket-retain-noncurrent-versions": change(T.aws.bucketLifecycle, (p) => (p.rules[0].noncurrentVersionExpiration = { noncurrentDays: 30 })),
  "dalp-bucket-require-encryption": remove(T.aws.bucketEncryption),
  "dalp-bucket-block-public-access": change(T.aws.bucketPublicAccess, (p) => (p.blockPublicPolicy = false)),
  "dalp-cluster-span-zones": change(T.aws.eksCluster, (p) => (p.vpcConfig = { ...p.vpcConfig, subnetIds: p.vpcConfig.subnetIds.slice(0, 1) })),
  "dalp-cluster-spread-node-zones": change(T.aws.eksNodeGroup, (p) => (p.scalingConfig = { ...p.scalingConfig, minSize: 0 })),
  "dalp-backup-require-versioned-location": (input) => {
    const backup = input.resources.find((r) => r.type === T.aws.bucket && purpose("dalp-backup")(r));
    const name = (backup?.outputs as { bucket: string }).bucket;
    change(T.aws.bucketVersioning, (p) => (p.versioningConfiguration = { status: "Suspended" }), (r) => (r.outputs as { bucket: string }).bucket === name)(input);
  },
  "dalp-stateful-require-protect": change(T.aws.rdsInstance, (_p, r) => (r.protect = false)),
  "dalp-app-deny-zone-pinning": pinDapp((input) => ({ "topology.kubernetes.io/zone": firstNodeGroupZone(input) })),
  "dalp-deploy-reach-cluster-api": change(T.aws.eksCluster, (p) => (p.vpcConfig = { ...p.vpcConfig, endpointPublicAccess: true, publicAccessCidrs: ["10.0.0.0/8"] })),
  "dalp-deploy-match-subnet-cluster-tags": change(T.aws.subnet, (p) => (p.tags = Object.fromEntries(Object.entries(p.tags).map(([k, v]) => [k.startsWith("kubernetes.io/cluster/") ? `${k}-old` : k, v]))), (r) => Object.keys((r.inputs as any).tags ?? {}).some((k) => k.startsWith("kubernetes.io/cluster/"))),
  "dalp-deploy-open-webhook-ports": both(
    add(T.aws.launchTemplate, "mutation-nodes", { id: "lt-mutation", name: "mutation-nodes", vpcSecurityGroupIds: ["sg-mutation"] }),
    change(T.aws.eksNodeGroup, (p) => (p.launchTemplate = { id: "lt-mutation", version: "1" })),
  ),
  "dalp-deploy-align-node-versions": change(T.aws.eksNodeGroup, (p) => (p.version = "1.30")),
  "dalp-cluster-balance-node-groups": change(T.aws.eksNodeGroup, (p) => (p.labels = { ...p.labels, "dalp.settlemint.com/zone": "a" })),
};

const AZURE: Record<string, Mutation> = {
  "dalp-postgres-require-ha": change(T.azure.postgres, (p) => (p.highAvailability = { mode: "Disabled" })),
  "dalp-postgres-require-pitr": change(T.azure.postgres, (p) => (p.backup = { ...p.backup, backupRetentionDays: 7 })),
  "dalp-postgres-enable-deletion-protection": (input) => {
    const server = input.resources.find((r) => r.type === T.azure.postgres);
    const id = String((server?.outputs as { id?: string }).id).toLowerCase();
    const i = input.resources.findIndex((r) => r.type === T.azure.lockByScope && String((r.outputs as { scope?: string }).scope).toLowerCase() === id);
    if (i < 0) throw new Error("no lock on the PostgreSQL server");
    input.resources.splice(i, 1);
  },
  "dalp-postgres-deny-public-access": change(T.azure.postgres, (p) => (p.network = { ...p.network, publicNetworkAccess: "Enabled" })),
  "dalp-postgres-require-tls": change(T.azure.postgresConfiguration, (p) => (p.value = "off"), (r) => (r.inputs as { configurationName?: string }).configurationName === "require_secure_transport"),
  "dalp-cache-require-ha": change(T.azure.managedRedis, (p) => (p.highAvailability = "Disabled")),
  "dalp-cache-require-tls": change(T.azure.managedRedisDatabase, (p) => (p.clientProtocol = "Plaintext")),
  "dalp-bucket-enable-versioning": change(T.azure.blobService, (p) => (p.isVersioningEnabled = false)),
  "dalp-bucket-retain-noncurrent-versions": change(T.azure.managementPolicy, (p) => (p.policy.rules[0].definition.actions.version.delete.daysAfterCreationGreaterThan = 30)),
  "dalp-bucket-block-public-access": change(T.azure.storageAccount, (p) => (p.allowBlobPublicAccess = true)),
  "dalp-storage-require-zone-redundancy": change(T.azure.storageAccount, (p) => (p.sku = { name: "Standard_LRS" })),
  "dalp-cluster-span-zones": change(T.azure.aks, (p) => (p.sku = { ...p.sku, tier: "Free" })),
  "dalp-cluster-spread-node-zones": inlinePool(isUserPool, (pool) => (pool.minCount = 0)),
  "dalp-cluster-size-aks-user-pools": inlinePool(isUserPool, (pool) => (pool.minCount = 1)),
  "dalp-backup-require-versioned-location": change(T.azure.blobService, (p) => (p.isVersioningEnabled = false)),
  "dalp-stateful-require-protect": change(T.azure.postgres, (_p, r) => (r.protect = false)),
  // A user pool lives in one zone: selecting it by name pins every replica there.
  "dalp-app-deny-zone-pinning": pinDapp((input) => ({ agentpool: String(inlinePoolsOf(input).find(isUserPool)?.name) })),
  "dalp-deploy-reach-cluster-api": change(T.azure.aks, (p) => (p.apiServerAccessProfile = { ...p.apiServerAccessProfile, authorizedIPRanges: [] })),
  "dalp-deploy-align-node-versions": inlinePool(() => true, (pool) => (pool.orchestratorVersion = "1.30")),
  "dalp-cluster-balance-node-groups": inlinePool(isUserPool, (pool) => (pool.nodeLabels = { ...pool.nodeLabels, "dalp.settlemint.com/zone": "1" })),
  // The pools are the cluster's own, so nothing can forget to wait for them; what can go wrong is that none of
  // them takes ordinary pods.
  "dalp-deploy-order-after-node-pools": inlinePools((pool) => (pool.nodeTaints = ["CriticalAddonsOnly=true:NoSchedule"])),
};

const GCP: Record<string, Mutation> = {
  "dalp-postgres-require-ha": change(T.gcp.sql, (p) => (p.settings.availabilityType = "ZONAL")),
  "dalp-postgres-require-pitr": change(T.gcp.sql, (p) => (p.settings.backupConfiguration.transactionLogRetentionDays = 7)),
  "dalp-postgres-enable-deletion-protection": change(T.gcp.sql, (p) => (p.settings.deletionProtectionEnabled = false)),
  "dalp-postgres-deny-public-access": change(T.gcp.sql, (p) => (p.settings.ipConfiguration.ipv4Enabled = true)),
  "dalp-postgres-require-tls": change(T.gcp.sql, (p) => (p.settings.ipConfiguration.sslMode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED")),
  "dalp-cache-require-ha": change(T.gcp.redis, (p) => (p.tier = "BASIC")),
  "dalp-cache-require-tls": change(T.gcp.redis, (p) => (p.transitEncryptionMode = "DISABLED")),
  "dalp-bucket-enable-versioning": change(T.gcp.bucket, (p) => (p.versioning = { enabled: false })),
  "dalp-bucket-retain-noncurrent-versions": change(T.gcp.bucket, (p) => (p.lifecycleRules[0].condition.daysSinceNoncurrentTime = 30)),
  "dalp-bucket-block-public-access": change(T.gcp.bucket, (p) => (p.publicAccessPrevention = "inherited")),
  "dalp-cluster-span-zones": change(T.gcp.gke, (p) => (p.location = `${p.location}-b`)),
  "dalp-cluster-spread-node-zones": change(T.gcp.nodePool, (p) => (p.nodeLocations = ["europe-west1-b"])),
  "dalp-backup-require-versioned-location": change(T.gcp.bucket, (p) => (p.versioning = { enabled: false }), purposeLabel("dalp-backup")),
  "dalp-stateful-require-protect": change(T.gcp.sql, (_p, r) => (r.protect = false)),
  "dalp-app-deny-zone-pinning": pinDapp((input) => ({ "topology.kubernetes.io/zone": String((input.resources.find((r) => r.type === T.gcp.nodePool)?.inputs as { nodeLocations: string[] }).nodeLocations[0]) })),
  "dalp-deploy-reach-cluster-api": change(T.gcp.gke, (p) => (p.controlPlaneEndpointsConfig = { ...p.controlPlaneEndpointsConfig, dnsEndpointConfig: { ...p.controlPlaneEndpointsConfig?.dnsEndpointConfig, allowExternalTraffic: false } })),
  "dalp-deploy-open-webhook-ports": change(T.gcp.firewall, (p) => (p.allows = [{ protocol: "tcp", ports: ["8443"] }]), named("webhooks")),
  "dalp-deploy-align-node-versions": change(T.gcp.nodePool, (p) => {
    p.management = { ...p.management, autoUpgrade: false };
    p.version = "1.30.1-gke.1";
  }),
};

/**
 * Rules that judge several regions: not applicable to a cloud-native stack, proven instead by mutations of the
 * cloud's hot-warm reference stack (below). Where that stack does not exist they count as untriggerable.
 */
const MULTI_REGION_RULES = [
  "dalp-dr-require-cross-region-copy",
  "dalp-traffic-limit-dns-ttl",
  "dalp-traffic-require-health-checks",
  "dalp-clusters-align-versions",
  "dalp-dr-replicate-buckets",
  "dalp-pattern-require-one-active",
  "dalp-standby-stop-validators",
  "dalp-standby-prestage-secrets",
  "dalp-alerts-watch-standby-lag",
  "dalp-alerts-watch-active-region",
  "dalp-standby-route-no-users",
  "dalp-deploy-wait-for-replica-seeding",
];
/** Rules on the regions that hold copies: proven by mutations of the cloud's hot-cold reference stack (below). */
const HOT_COLD_RULES = ["dalp-dr-key-in-recovery-region", "dalp-dr-velero-read-copies", "dalp-dr-copy-backups-across-regions"];
const hasHotCold = (cloud: string) => fs.existsSync(path.join(__dirname, "..", `Pulumi.${cloud}-hot-cold.yaml`));
const hotWarmStack = (cloud: string) => `${cloud}-hot-warm`;
const hasHotWarm = (cloud: string) => fs.existsSync(path.join(__dirname, "..", `Pulumi.${hotWarmStack(cloud)}.yaml`));
const MULTI_REGION = (cloud: string): Record<string, string> => ({
  ...(hasHotWarm(cloud) ? {} : Object.fromEntries(MULTI_REGION_RULES.map((r) => [r, `multi-region stacks only; no ${hotWarmStack(cloud)} reference stack yet`]))),
  ...(hasHotCold(cloud) ? {} : Object.fromEntries(HOT_COLD_RULES.map((r) => [r, `regions that hold copies only; no ${cloud}-hot-cold reference stack yet`]))),
});
/** Rules no reference stack of a cloud can trigger yet, and why; each is proven by its fixtures in policyRules.test.ts. */
const UNTRIGGERABLE: Record<string, Record<string, string>> = {
  aws: { ...MULTI_REGION("aws"), "dalp-storage-require-zone-redundancy": "Azure storage accounts only", "dalp-cluster-size-aks-user-pools": "AKS pools only" },
  azure: {
    ...MULTI_REGION("azure"),
    "dalp-postgres-require-encryption": "Flexible Server always encrypts at rest",
    "dalp-bucket-require-encryption": "Azure Storage always encrypts at rest",
    "dalp-deploy-match-subnet-cluster-tags": "EKS subnets only",
    "dalp-deploy-open-webhook-ports": "AKS reaches nodes through its konnectivity tunnel",
  },
  gcp: {
    ...MULTI_REGION("gcp"),
    "dalp-postgres-require-encryption": "Cloud SQL always encrypts at rest",
    "dalp-bucket-require-encryption": "Cloud Storage always encrypts at rest",
    "dalp-storage-require-zone-redundancy": "Azure storage accounts only",
    "dalp-deploy-match-subnet-cluster-tags": "EKS subnets only",
    "dalp-cluster-balance-node-groups": "GKE balances a pool's zones itself (autoscaling.locationPolicy)",
    "dalp-cluster-size-aks-user-pools": "AKS pools only",
  },
};
/** Rules a reference stack does not trigger because it lacks what they judge, until the mutation adds it. */
const APPLY_ONLY_ONCE_MUTATED = ["dalp-alerts-watch-existing-replicas"];

const DRIFT: Record<string, Record<string, Mutation>> = Object.fromEntries(
  ["aws", "azure", "gcp"].map((cloud) => {
    const m = dropIgnoredDrift(cloud);
    const entry: Record<string, Mutation> = m ? { "dalp-deploy-ignore-cloud-drift": m } : {};
    return [cloud, entry];
  }),
);
for (const cloud of ["aws", "azure", "gcp"]) {
  if (!DRIFT[cloud]["dalp-deploy-ignore-cloud-drift"]) UNTRIGGERABLE[cloud]["dalp-deploy-ignore-cloud-drift"] = `no ${cloud} entry in policies/rules/drift yet`;
}
const MUTATIONS: Record<string, Record<string, Mutation>> = { aws: { ...COMMON, ...AWS, ...DRIFT.aws }, azure: { ...COMMON, ...AZURE, ...DRIFT.azure }, gcp: { ...COMMON, ...GCP, ...DRIFT.gcp } };

describe.each(Object.keys(MUTATIONS))("mutation suite on %s-cloud-native", (cloud) => {
  const stack = `${cloud}-cloud-native`;
  let base: CheckInput;
  beforeAll(async () => {
    base = fromPlan(await referencePlan(stack), `Pulumi.${stack}.yaml`);
    drillRecordedToday(base);
  });

  const onHotWarm = [...(hasHotWarm(cloud) ? MULTI_REGION_RULES : []), ...(hasHotCold(cloud) ? HOT_COLD_RULES : [])];
  it("accounts for every rule", () => {
    expect([...Object.keys(MUTATIONS[cloud]), ...Object.keys(UNTRIGGERABLE[cloud]), ...onHotWarm].sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  it("starts from a graph with no violations, and the rules it cannot trigger are not applicable to it", async () => {
    const result = await runRules(base, RULES);
    expect(result.violations).toEqual([]);
    expect(result.notApplicable.map((n) => n.policy).sort()).toEqual([...Object.keys(UNTRIGGERABLE[cloud]), ...APPLY_ONLY_ONCE_MUTATED, ...onHotWarm].sort());
  });

  it.each(Object.keys(MUTATIONS[cloud]))("%s fires when its one property is broken", async (policy) => {
    const input = structuredClone(base);
    MUTATIONS[cloud][policy](input);
    const fired = (await runRules(input, RULES)).violations;
    expect(fired.map((v) => v.policy)).toContain(policy);
  });
});

/** The rules on DALP service values, each shown to fire on every service of every reference stack. */
const SERVICE_MUTATIONS: Record<string, (service: Record<string, any>) => void> = {
  "dalp-app-require-replicas": (v) => (v.replicaCount = 1),
  "dalp-app-set-anti-affinity": (v) => {
    v.podAntiAffinityPreset = "";
    delete v.affinity;
    delete v.topologySpreadConstraints;
  },
  "dalp-app-enable-probes": (v) => (v.readinessProbe = { enabled: false }),
  "dalp-app-set-resources": (v) => delete v.resources.requests,
  "dalp-app-deny-zone-pinning": (v) => (v.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["nowhere"] }] }] } } }),
  "dalp-deploy-require-disruption-budgets": (v) => (v.podLabels = {}),
};

describe.each(["aws", "azure", "gcp"])("every DALP service of %s-cloud-native", (cloud) => {
  let base: CheckInput;
  beforeAll(async () => {
    base = fromPlan(await referencePlan(`${cloud}-cloud-native`), `Pulumi.${cloud}-cloud-native.yaml`);
  });
  const cases = DALP_SERVICES.flatMap((s) => Object.keys(SERVICE_MUTATIONS).map((policy) => [s.key, policy] as const));
  it.each(cases)("%s: %s fires when its values are broken", async (key, policy) => {
    const input = structuredClone(base);
    change(T.k8s.release, (p) => {
      if (!p.values[key]) throw new Error(`the dalp release sets no ${key} values`);
      SERVICE_MUTATIONS[policy](p.values[key]);
    }, chart("dalp"))(input);
    const fired = (await runRules(input, RULES)).violations.filter((v) => v.policy === policy);
    expect(fired.map((v) => v.message).join("\n")).toMatch(new RegExp(key));
  });
});

/* The multi-region rules, each fired by one change of a hot-warm reference stack. */

type Stack = CheckInput;
/** The region of the stamp with the given role. */
const regionWithRole = (input: Stack, role: string) => {
  const stamp = input.resources.find((r) => r.type === T.dalp.stamp && (r.outputs as { role?: string }).role === role);
  if (!stamp) throw new Error(`no ${role} stamp`);
  return stamp.name;
};
/** Resources of a stamp: their URN runs through the stamp component, and their name starts with its region. */
const inRegion = (region: string) => (r: CheckResource) => r.urn.includes("dalp:pattern:Stamp") && r.name.startsWith(`${region}-`);
const standbyOnly = (type: string, edit: (props: Record<string, any>, r: CheckResource) => void): Mutation => (input) => change(type, edit, inRegion(regionWithRole(input, "standby")))(input);
const removeAll = (type: string): Mutation => (input) => {
  const before = input.resources.length;
  input.resources = input.resources.filter((r) => r.type !== type);
  if (input.resources.length === before) throw new Error(`no ${type} to remove`);
};
const stampOutputs = (role: string, edit: (props: Record<string, any>) => void): Mutation => change(T.dalp.stamp, edit, (r) => (r.outputs as { role?: string }).role === role);

/** The same change on every stack: the stamps' parts, the standby's Secrets and alerts. */
const HOT_WARM_COMMON: Record<string, Mutation> = {
  // No region left active, as a dalp:primaryRegion that names none of the regions would give.
  "dalp-pattern-require-one-active": stampOutputs("active", (p) => (p.role = "cold")),
  "dalp-standby-stop-validators": stampOutputs("standby", (p) => (p.validators = "on")),
  "dalp-standby-prestage-secrets": (input) => {
    const region = regionWithRole(input, "standby");
    const i = input.resources.findIndex((r) => r.type === T.k8s.secret && inRegion(region)(r));
    if (i < 0) throw new Error(`no Secret in ${region}`);
    input.resources.splice(i, 1);
  },
  "dalp-alerts-watch-standby-lag": standbyOnly(T.k8s.prometheusRule, (p) => {
    for (const g of p.spec.groups) g.rules = g.rules.filter((r: any) => r.labels?.dalp_signal !== "replication-lag");
  }),
  "dalp-alerts-watch-active-region": standbyOnly(T.k8s.prometheusRule, (p) => {
    for (const g of p.spec.groups) g.rules = g.rules.filter((r: any) => r.alert !== "DalpActiveRegionUnreachable");
  }),
  // The warm standby routing the domain, as it did before it ran without the route.
  "dalp-standby-route-no-users": (input) => {
    const standby = inRegion(regionWithRole(input, "standby"));
    change(T.k8s.release, (p) => (p.values.dapp.ingress = { ...p.values.dapp.ingress, enabled: true }), (r) => standby(r) && (r.inputs.values as { dapp?: unknown } | undefined)?.dapp !== undefined)(input);
  },
  // The replica as the provider's default timeout would leave it.
  "dalp-deploy-wait-for-replica-seeding": (input) => {
    for (const r of input.resources) if (r.customTimeouts && [T.aws.rdsInstance, T.azure.postgres, T.gcp.sql].includes(r.type as never)) r.customTimeouts = { ...r.customTimeouts, createSeconds: 0 };
  },
};

/** Every Cloud SQL instance's backups kept in its own region: without a location they go to a multi-region. */
const gcpBackupsInOwnRegion: Mutation = (input) => {
  for (const r of input.resources.filter((x) => x.type === T.gcp.sql)) {
    for (const p of [r.inputs, r.outputs] as Array<Record<string, any>>) {
      if (p.settings?.backupConfiguration) p.settings.backupConfiguration.location = p.region;
    }
  }
};

const HOT_WARM: Record<string, Record<string, Mutation>> = {
  aws: {
    "dalp-dr-require-cross-region-copy": both(standbyOnly(T.aws.rdsInstance, (p) => delete p.replicateSourceDb), removeAll(T.aws.rdsBackupsReplication)),
    "dalp-traffic-limit-dns-ttl": change(T.aws.route53Record, (p) => (p.ttl = 300)),
    "dalp-traffic-require-health-checks": change(T.aws.route53Record, (p) => delete p.healthCheckId),
    "dalp-clusters-align-versions": standbyOnly(T.aws.eksCluster, (p) => (p.version = "1.30")),
    "dalp-dr-replicate-buckets": removeAll(T.aws.bucketReplication),
  },
  azure: {
    "dalp-dr-require-cross-region-copy": standbyOnly(T.azure.postgres, (p) => {
      p.createMode = "Default";
      delete p.sourceServerResourceId;
      // What Azure reports for a server that replicates nothing.
      p.replicationRole = "Primary";
    }),
    "dalp-traffic-limit-dns-ttl": change(T.azure.trafficManager, (p) => (p.dnsConfig = { ...p.dnsConfig, ttl: 300 })),
    "dalp-traffic-require-health-checks": change(T.azure.trafficManager, (p) => delete p.monitorConfig),
    "dalp-clusters-align-versions": standbyOnly(T.azure.aks, (p) => (p.kubernetesVersion = "1.30")),
    "dalp-dr-replicate-buckets": removeAll(T.azure.objectReplication),
  },
  gcp: {
    "dalp-dr-require-cross-region-copy": both(
      standbyOnly(T.gcp.sql, (p) => {
        delete p.masterInstanceName;
        p.instanceType = "CLOUD_SQL_INSTANCE";
      }),
      gcpBackupsInOwnRegion,
    ),
    "dalp-traffic-limit-dns-ttl": change(T.gcp.dnsRecordSet, (p) => (p.ttl = 300), (r) => (r.inputs as { routingPolicy?: unknown }).routingPolicy !== undefined),
    "dalp-traffic-require-health-checks": change(T.gcp.dnsRecordSet, (p) => delete p.routingPolicy.healthCheck, (r) => (r.inputs as { routingPolicy?: unknown }).routingPolicy !== undefined),
    "dalp-clusters-align-versions": standbyOnly(T.gcp.gke, (p) => (p.minMasterVersion = "1.30")),
    "dalp-dr-replicate-buckets": removeAll(T.gcp.transferJob),
  },
};

const HOT_WARM_CLOUDS = ["aws", "azure", "gcp"].filter(hasHotWarm);

// A cloud whose hot-warm stack does not exist yet is skipped here; its multi-region rules are listed as
// untriggerable in the cloud-native suite instead.
(HOT_WARM_CLOUDS.length > 0 ? describe.each(HOT_WARM_CLOUDS) : describe.skip.each(["none"]))("mutation suite on %s-hot-warm", (cloud) => {
  const stack = hotWarmStack(cloud);
  const mutations = { ...HOT_WARM_COMMON, ...(HOT_WARM[cloud] ?? {}) };
  let base: CheckInput;
  beforeAll(async () => {
    base = fromPlan(await referencePlan(stack), `Pulumi.${stack}.yaml`);
  });

  it("has a mutation for every multi-region rule", () => {
    expect(Object.keys(mutations).sort()).toEqual([...MULTI_REGION_RULES].sort());
  });

  it("starts from a graph every multi-region rule applies to and none of them faults", async () => {
    const result = await runRules(base, RULES.filter((r) => MULTI_REGION_RULES.includes(r.name)));
    expect(result.notApplicable).toEqual([]);
    expect(result.violations).toEqual([]);
  });

  it.each(MULTI_REGION_RULES)("%s fires when its one property is broken", async (policy) => {
    const input = structuredClone(base);
    mutations[policy](input);
    const fired = (await runRules(input, RULES)).violations;
    expect(fired.map((v) => v.policy)).toContain(policy);
  });
});

/** The rules on regions that hold copies, and the multi-region rules that judge a recovery region as a standby. */
const ON_HOT_COLD = [...HOT_COLD_RULES, "dalp-dr-require-cross-region-copy", "dalp-dr-replicate-buckets"];
const removeIn = (type: string, role: string): Mutation => (input) => {
  const region = regionWithRole(input, role);
  const before = input.resources.length;
  input.resources = input.resources.filter((r) => !(r.type === type && inRegion(region)(r)));
  if (input.resources.length === before) throw new Error(`no ${type} in ${region}`);
};
const HOT_COLD_COMMON: Record<string, Mutation> = {
  // The home region's Velero without its read-only location on the recovery region's backups.
  "dalp-dr-velero-read-copies": change(T.k8s.release, (p) => {
    p.values.configuration.backupStorageLocation = p.values.configuration.backupStorageLocation.filter((l: { accessMode?: string }) => l.accessMode !== "ReadOnly");
  }, (r) => (r.inputs as { chart?: string }).chart === "velero"),
};
const noBackupCopy: Record<string, Mutation> = {
  aws: removeAll(T.aws.rdsBackupsReplication),
  azure: change(T.azure.postgres, (p) => (p.backup = { ...p.backup, geoRedundantBackup: "Disabled" })),
  gcp: gcpBackupsInOwnRegion,
};
const HOT_COLD: Record<string, Record<string, Mutation>> = {
  aws: { "dalp-dr-key-in-recovery-region": removeIn(T.aws.kmsKey, "recovery"), "dalp-dr-replicate-buckets": removeAll(T.aws.bucketReplication) },
  azure: { "dalp-dr-replicate-buckets": removeAll(T.azure.objectReplication) },
  gcp: { "dalp-dr-key-in-recovery-region": removeIn(T.gcp.kmsKey, "recovery"), "dalp-dr-replicate-buckets": removeAll(T.gcp.transferJob) },
};
/** Rules a cloud's hot-cold stack has nothing for them to judge, and why. */
const HOT_COLD_NOT_APPLICABLE: Record<string, string[]> = { azure: ["dalp-dr-key-in-recovery-region"] };

const HOT_COLD_CLOUDS = ["aws", "azure", "gcp"].filter(hasHotCold);
(HOT_COLD_CLOUDS.length > 0 ? describe.each(HOT_COLD_CLOUDS) : describe.skip.each(["none"]))("mutation suite on %s-hot-cold", (cloud) => {
  const stack = `${cloud}-hot-cold`;
  const mutations: Record<string, Mutation> = {
    ...HOT_COLD_COMMON,
    "dalp-dr-copy-backups-across-regions": noBackupCopy[cloud],
    "dalp-dr-require-cross-region-copy": noBackupCopy[cloud],
    ...(HOT_COLD[cloud] ?? {}),
  };
  const judged = ON_HOT_COLD.filter((r) => !(HOT_COLD_NOT_APPLICABLE[cloud] ?? []).includes(r));
  let base: CheckInput;
  beforeAll(async () => {
    base = fromPlan(await referencePlan(stack), `Pulumi.${stack}.yaml`);
  });

  it("has a mutation for every rule it judges, and the others have nothing to judge", async () => {
    expect(Object.keys(mutations).sort()).toEqual([...judged].sort());
    const result = await runRules(base, RULES.filter((r) => ON_HOT_COLD.includes(r.name)));
    expect(result.notApplicable.map((n) => n.policy).sort()).toEqual([...(HOT_COLD_NOT_APPLICABLE[cloud] ?? [])].sort());
    expect(result.violations).toEqual([]);
  });

  it.each(judged)("%s fires when its one property is broken", async (policy) => {
    const input = structuredClone(base);
    mutations[policy](input);
    const fired = (await runRules(input, RULES)).violations;
    expect(fired.map((v) => v.policy)).toContain(policy);
  });
});

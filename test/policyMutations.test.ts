import { fromPlan } from "../checker/fromPlan";
import type { CheckInput, CheckResource } from "../checker/model";
import { runRules } from "../checker/runner";
import { RULES } from "../policies/rules";
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

const chart = (name: string) => (r: CheckResource) => String((r.inputs as { chart?: string }).chart ?? "").split("/").pop() === name;
const purpose = (p: string) => (r: CheckResource) => (r.inputs as { tags?: { purpose?: string } }).tags?.purpose === p;
const purposeLabel = (p: string) => (r: CheckResource) => (r.inputs as { labels?: { purpose?: string } }).labels?.purpose === p;

/** Rules on the cloud-agnostic add-ons: the same mutation on every reference stack. */
const COMMON: Record<string, Mutation> = {
  "dalp-app-require-replicas": change(T.k8s.release, (p) => (p.values.dapp.replicaCount = 1), chart("dalp")),
  "dalp-app-set-anti-affinity": change(T.k8s.release, (p) => (p.values.dapp.podAntiAffinityPreset = ""), chart("dalp")),
  "dalp-app-enable-probes": change(T.k8s.release, (p) => (p.values.dapp.livenessProbe = { enabled: false }), chart("dalp")),
  "dalp-app-set-resources": change(T.k8s.release, (p) => delete p.values.dapp.resources.limits, chart("dalp")),
  "dalp-app-disable-bundled-datastores": change(T.k8s.release, (p) => (p.values.redis = { enabled: true }), chart("support")),
  "dalp-app-deny-plaintext-credentials": change(T.k8s.release, (p) => (p.values.global.datastores.default.postgresql.password = "hunter2"), chart("dalp")),
  "dalp-backup-require-schedule": change(T.k8s.release, (p) => (p.values.schedules = {}), chart("velero")),
  "dalp-backup-configure-schedule": change(T.k8s.release, (p) => (p.values.schedules["dalp-daily"].template.ttl = "24h0m0s"), chart("velero")),
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
  "dalp-cluster-spread-node-zones": change(T.azure.agentPool, (p) => (p.minCount = 0), (r) => (r.inputs as { mode?: string }).mode === "User"),
  "dalp-backup-require-versioned-location": change(T.azure.blobService, (p) => (p.isVersioningEnabled = false)),
  "dalp-stateful-require-protect": change(T.azure.postgres, (_p, r) => (r.protect = false)),
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
};

/** Rules no reference stack of a cloud can trigger yet, and why; each is proven by its fixtures in policyRules.test.ts. */
const MULTI_REGION = {
  "dalp-dr-require-cross-region-copy": "multi-region stacks only; no multi-region reference stack yet",
  "dalp-traffic-limit-dns-ttl": "multi-region traffic steering only; no multi-region reference stack yet",
  "dalp-traffic-require-health-checks": "multi-region traffic steering only; no multi-region reference stack yet",
  "dalp-clusters-align-versions": "multi-cluster stacks only; no multi-region reference stack yet",
};
const NOT_APPLICABLE: Record<string, Record<string, string>> = {
  aws: { ...MULTI_REGION, "dalp-storage-require-zone-redundancy": "Azure storage accounts only" },
  azure: { ...MULTI_REGION, "dalp-postgres-require-encryption": "Flexible Server always encrypts at rest", "dalp-bucket-require-encryption": "Azure Storage always encrypts at rest" },
  gcp: {
    ...MULTI_REGION,
    "dalp-postgres-require-encryption": "Cloud SQL always encrypts at rest",
    "dalp-bucket-require-encryption": "Cloud Storage always encrypts at rest",
    "dalp-storage-require-zone-redundancy": "Azure storage accounts only",
  },
};
const MUTATIONS: Record<string, Record<string, Mutation>> = { aws: { ...COMMON, ...AWS }, azure: { ...COMMON, ...AZURE }, gcp: { ...COMMON, ...GCP } };

describe.each(Object.keys(MUTATIONS))("mutation suite on %s-cloud-native", (cloud) => {
  const stack = `${cloud}-cloud-native`;
  let base: CheckInput;
  beforeAll(async () => {
    base = fromPlan(await referencePlan(stack), `Pulumi.${stack}.yaml`);
  });

  it("accounts for every rule", () => {
    expect([...Object.keys(MUTATIONS[cloud]), ...Object.keys(NOT_APPLICABLE[cloud])].sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  it("starts from a graph with no violations, and the rules it cannot trigger are not applicable to it", async () => {
    const result = await runRules(base, RULES);
    expect(result.violations).toEqual([]);
    expect(result.notApplicable.map((n) => n.policy).sort()).toEqual(Object.keys(NOT_APPLICABLE[cloud]).sort());
  });

  it.each(Object.keys(MUTATIONS[cloud]))("%s fires when its one property is broken", async (policy) => {
    const input = structuredClone(base);
    MUTATIONS[cloud][policy](input);
    const fired = (await runRules(input, RULES)).violations;
    expect(fired.map((v) => v.policy)).toContain(policy);
  });
});

import { z } from "zod";
import { BACKUP_TIERS, BackupTierName } from "../facts/backups";
import { PATTERNS } from "../facts/patterns";
import { FAILURE_TYPES, type FailureType } from "../facts/recovery";
import { isCidr } from "../lib/cidr";
import { isCron } from "../lib/cron";

export { isCron, PATTERNS };
export type { Pattern } from "../facts/patterns";

/**
 * The `dalp:` configuration namespace. Every key a stack file may hold is declared here, with its default and
 * its description (docs/configuration.md is generated from them: npm run docs:config); anything else is
 * rejected. Cloud-specific limits (retention ranges and the like) are applied afterwards by `validate.ts` and
 * `stacks/<cloud>/validate.ts`, because they depend on the value of `cloud`.
 */

export const CLOUDS = ["aws", "azure", "gcp", "kubernetes"] as const;
export type Cloud = (typeof CLOUDS)[number];

const about = (description: string) => ({ description });

// Pulumi hands top-level config values to the program as strings, and `pulumi config set --path` stores
// nested scalars as strings too, so numbers and booleans are accepted in their string spelling as well.
const integer = (schema: z.ZodNumber = z.number()) =>
  z.preprocess((v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v), schema.int());
const boolean = () =>
  z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());
/**
 * Text that YAML may have read as a number: `version: 17` and `account: 123456789012` mean the digits, so a
 * whole number is taken as its digits. A fraction is not (`1.30` reads as 1.3: the digits are lost); the
 * error then says to quote it.
 */
const text = () => z.preprocess((v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : v), z.string());

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const K8S_MINOR = /^1\.\d{2}$/;
const RESOURCE_NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

const zoneList = z.array(z.string().min(1)).min(2, { message: "at least 2 zones" });

export const RegionSchema = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1).meta(about("The region's name as the cloud spells it: eu-central-1 (AWS), westeurope (Azure), europe-west1 (GCP).")),
    zones: z
      .union([integer(z.number().min(2, { message: "at least 2 zones" }).max(6)), zoneList])
      .optional()
      .meta(about("A count of zones to take from the region (the first in name order), or the zone names themselves; 3 when not set. The cloud's own maximum applies.")),
    cidr: z
      .string()
      .refine((c) => isCidr(c) && c.endsWith("/16") && /^\d+\.\d+\.0\.0\//.test(c), { message: "an IPv4 /16 network such as 10.40.0.0/16" })
      .optional()
      .meta(about("Address space of this region's network, a /16, distinct per region (regions are peered for replication); 10.<40+index>.0.0/16 when not set.")),
  }),
]);

const NetworkSchema = z.strictObject({
  natGateways: z
    .enum(["per-zone", "single"])
    .default("per-zone")
    .meta(about("`per-zone` keeps egress alive when a zone fails; `single` saves the cost of the extra NAT gateways. GCP: no effect, Cloud NAT is regional.")),
});

export const API_ACCESS_MODES = ["public", "dns", "private"] as const;
export type ApiAccessMode = (typeof API_ACCESS_MODES)[number];

const cidr = (example: string) => z.string().refine(isCidr, { message: `an IPv4 CIDR such as ${example}` });

const ApiAccessSchema = z.strictObject({
  mode: z
    .enum(API_ACCESS_MODES)
    .meta(
      about(
        "`public`: the API's public endpoint, open only to `cidrs` (the runner's egress address, operators'); nodes use the private endpoint. `dns` (GKE): the DNS-based endpoint, reachable from anywhere and authorised by IAM alone; the IP endpoints stay private. `private`: no public endpoint; the stack peers each region's network with `runnerNetwork`, the existing network pulumi up runs in, and admits its `cidr` on 443.",
      ),
    ),
  cidrs: z
    .array(cidr("203.0.113.10/32").refine((c) => !c.endsWith("/0"), { message: "a CIDR narrower than /0; the API must not be open to the internet" }))
    .optional()
    .meta(about("With `public`: the public IPv4 CIDRs allowed to the API, at least the egress address of the machine running pulumi up; /0, private and shared ranges are refused.")),
  runnerNetwork: z
    .strictObject({
      id: z.string().min(1).meta(about("The existing network pulumi up runs in. AWS: the VPC id; Azure: the VNet's resource id; GCP: the network's self link.")),
      cidr: cidr("10.0.0.0/16").meta(about("The runner network's address space, routed to each region's network over the peering; must not overlap a region's cidr.")),
      routeTableIds: z
        .array(z.string().regex(/^rtb-[0-9a-f]{8,17}$/, { message: "a route table id such as rtb-0123456789abcdef0" }))
        .optional()
        .meta(about("AWS only, required there: the runner VPC's route tables that get a route to each region's network.")),
      region: z.string().min(1).optional().meta(about("AWS only: the runner VPC's region when it is not the stamp's; required when the stack has more than one region.")),
    })
    .optional()
    .meta(about("With `private`: the existing network pulumi up runs in, which the stack peers with each region's network.")),
});

const ClusterSchema = z.strictObject({
  kubernetesVersion: z
    .string()
    .regex(K8S_MINOR, { message: "a Kubernetes minor version in quotes, such as \"1.35\"" })
    .optional()
    .meta(about("Kubernetes minor version, pinned (on GCP a minimum inside the release channel); the cloud's default when not set. Minors out of standard support, or newer than this version knows, are refused (see the per-cloud table below).")),
  nodeType: z.string().min(1).optional().meta(about("Worker instance type; the cloud's general-purpose default when not set.")),
  minPerZone: integer(z.number().min(1).max(100)).default(1).meta(about("Worker nodes per zone, at least.")),
  maxPerZone: integer(z.number().min(1).max(100)).default(3).meta(about("Worker nodes per zone, at most (the autoscaler's bound); at least minPerZone.")),
  apiAccess: ApiAccessSchema.optional().meta(
    about(
      "How pulumi up (and operators) reach the Kubernetes API. Required on the managed clouds, with no default: the run that creates the network installs into the cluster moments later, so the path must be known before anything is declared.",
    ),
  ),
  adminPrincipals: z
    .array(z.string().min(1))
    .default([])
    .meta(about("Principals given cluster-admin, for break-glass access: AWS IAM role or user ARNs; Azure Entra group object ids; GCP `user:` or `serviceAccount:` members.")),
});

const sqlIdentifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { message: "a lower-case SQL identifier" });

const PostgresSchema = z.strictObject({
  version: text()
    .pipe(z.string().regex(/^1[4-9]$/, { message: "a PostgreSQL major version from 14 to 19" }))
    .default("17")
    .meta(about("PostgreSQL major version; the cloud's service may offer fewer (see below).")),
  instanceClass: z.string().min(1).optional().meta(about("Instance class, SKU or tier; the cloud's memory-optimised default when not set.")),
  storageGb: integer(z.number().min(20).max(65536)).default(100).meta(about("Storage provisioned at creation, in GB.")),
  maxStorageGb: integer(z.number().min(20).max(65536)).default(1000).meta(about("Upper bound for storage autoscaling where the service offers it; at least storageGb.")),
  backupRetentionDays: integer(z.number().min(1)).default(30).meta(about("Days of automated backups, the point-in-time recovery window; the cloud's range applies (see below).")),
  pointInTimeRecovery: boolean().default(true).meta(about("`false` only where the service can switch it off (GCP, CloudNativePG).")),
  geoRedundantBackup: boolean()
    .default(false)
    .meta(about("Keep the service's automated backups in a second region too, where the service offers it as a setting (Azure: geo-redundant backup storage, fixed when the server is created; the server is protected, so changing it later stops the update).")),
  databaseName: sqlIdentifier.default("dalp").meta(about("Name of the DALP database.")),
  username: sqlIdentifier.default("dalp").meta(about("Name of the administrator the stack creates; its password is generated and kept in a Kubernetes Secret.")),
});

const CacheSchema = z.strictObject({
  engine: z.enum(["valkey", "redis"]).optional().meta(about("Cache engine; the cloud's managed service decides what it may be (see below).")),
  version: text().optional().meta(about("Engine version, in quotes (\"7.2\"); the cloud's current default when not set.")),
  nodeType: z.string().min(1).optional().meta(about("Node type, SKU or size of the cache; the cloud's default when not set.")),
  replicas: integer(z.number().min(1).max(5)).optional().meta(about("Replicas per primary, at least one so a zone loss promotes a replica; the cloud's default when not set.")),
  snapshotRetentionDays: integer(z.number().min(0)).optional().meta(about("Days of daily cache snapshots where the service keeps snapshots by retention.")),
});

const ObjectStorageSchema = z.strictObject({
  noncurrentVersionRetentionDays: integer(z.number().min(1).max(3650)).default(90).meta(about("Days an overwritten or deleted object's previous version is kept.")),
});

const ChartsSchema = z.strictObject({
  repository: z
    .string()
    .regex(/^(oci|https):\/\/\S+$/, { message: "an oci:// or https:// chart repository" })
    .meta(about("Helm repository holding the `dalp` and `support` charts: an `oci://` reference or an https index URL.")),
  dalpVersion: text().pipe(z.string().min(1)).meta(about("Version of the `dalp` chart.")),
  supportVersion: text().pipe(z.string().min(1)).meta(about("Version of the `support` chart.")),
  namespace: z.string().regex(RESOURCE_NAME, { message: "a Kubernetes namespace name" }).default("dalp").meta(about("Kubernetes namespace of the DALP releases.")),
  domain: z.string().regex(HOSTNAME, { message: "a lower-case DNS name such as dalp.example.com" }).meta(about("Public host name of the DALP dApp; the API and health checks hang off it.")),
  registry: z
    .strictObject({
      server: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { message: "a registry host such as harbor.settlemint.com" }).meta(about("Registry host of the charts and images.")),
      username: text().pipe(z.string().min(1)).meta(about("Registry user.")),
      imagePullSecret: z
        .string()
        .regex(RESOURCE_NAME, { message: "a Kubernetes Secret name" })
        .default("dalp-registry")
        .meta(about("Name of the image-pull Secret the charts reference.")),
    })
    .optional()
    .meta(about("Registry credentials for the charts and images. The password is never a plain value: it is the secret `dalp:registryPassword`.")),
  values: z
    .record(z.string(), z.unknown())
    .default({})
    .meta(about("Values merged over the generated `dalp` values (Helm's rules), for settings this project does not model. Plain-text credentials are refused: reference a Kubernetes Secret.")),
  supportValues: z.record(z.string(), z.unknown()).default({}).meta(about("Values merged over the generated `support` values; the same rules.")),
});

/** A Kubernetes Secret's name: a DNS subdomain (Kubernetes docs, Object Names and IDs: DNS Subdomain Names). */
const SECRET_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A values path as Helm's --set spells it, without indexes: `replicaCount`, `network-nodes.validatorReplicaCount`. */
const VALUES_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * The deployment's own network nodes, as configuration (issue: hot-warm; product docs, Hot-warm active-standby,
 * Production requirements: Secrets and keys). The topology decides where they sign; this key only says what
 * to install and which pre-staged Secrets hold the keys. The stack never holds key material.
 */
const ValidatorsSchema = z.strictObject({
  repository: z
    .string()
    .regex(/^(oci|https):\/\/\S+$/, { message: "an oci:// or https:// chart repository" })
    .meta(about("Helm repository of the validator chart: an `oci://` reference (the chart is `<repository>/<chart>`) or an https index URL, as `charts.repository` is spelt.")),
  chart: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: "a chart name such as network-nodes" })
    .meta(about("Name of the validator chart in `repository`.")),
  version: text().pipe(z.string().min(1)).meta(about("Version of the validator chart, pinned.")),
  namespace: z
    .string()
    .regex(RESOURCE_NAME, { message: "a Kubernetes namespace name" })
    .default("dalp-validators")
    .meta(about("Namespace the stack creates for the validator release, in every region; the validators' key Secrets are pre-staged into it. Not a namespace the stack uses for anything else.")),
  replicas: integer(z.number().min(1, { message: "at least 1 validator" }))
    .meta(about("Validators per region where validators are on (the active region; every region of hot-hot-consortium). A region where they are off runs none.")),
  replicaCountKey: z
    .string()
    .regex(VALUES_PATH, { message: "a values path such as replicaCount or network-nodes.validatorReplicaCount" })
    .default("replicaCount")
    .meta(about("Values path the chart reads its validator count from; the stack sets it (replicas or 0) and refuses it in `values`. Its map also gets the stack's `podAnnotations` and, with a registry, `imagePullSecrets`.")),
  keySecrets: z
    .array(z.string().regex(SECRET_NAME, { message: "a Kubernetes Secret name" }))
    .min(1, { message: "at least one Secret name" })
    .meta(about("Names of the Kubernetes Secrets holding the validators' keys, one per replica, in `namespace`. Only names: your secret management pre-stages the Secrets in every region; the stack checks inside each cluster that they exist, and their content never reaches its state.")),
  values: z
    .record(z.string(), z.unknown())
    .default({})
    .meta(about("Values merged under the stack's own (Helm's rules), for the chart's settings. Plain-text credentials, private keys among them, are refused: reference a Kubernetes Secret.")),
});

/** A retention such as "48h" or "7d", as hours. */
const retention = z
  .string()
  .regex(/^[1-9]\d{0,4}[hd]$/, { message: "a retention such as \"48h\" or \"30d\"" })
  .transform((r) => Number(r.slice(0, -1)) * (r.endsWith("d") ? 24 : 1));

function hoursText(hours: number): string {
  return hours % 24 === 0 && hours > 48 ? `${hours / 24}d` : `${hours}h`;
}

/** One Velero schedule: when it runs and how long each backup is kept. Defaults from the product's backup table. */
const backupTier = (name: BackupTierName, what: string) => {
  const tier = BACKUP_TIERS.find((t) => t.tier === name)!;
  return z
    .strictObject({
      schedule: z
        .string()
        .refine(isCron, { message: "a five-field cron expression such as \"0 2 * * *\"" })
        .default(tier.defaultSchedule)
        .meta(about("Five-field cron expression, in UTC.")),
      retention: retention.prefault(hoursText(tier.minRetentionHours)).meta(about("How long each backup is kept: hours or days, `48h`, `7d`.")),
    })
    .transform(({ schedule, retention: retentionHours }) => ({ schedule, retentionHours }))
    .prefault({})
    .meta(about(`${what} Product backup table: ${tier.source}.`));
};

const BackupSchema = z.strictObject({
  enabled: boolean().default(true).meta(about("Velero and the backup schedules.")),
  hourly: backupTier("hourly", "The DALP namespace's resources and volumes, hourly."),
  daily: backupTier("daily", "The DALP namespace's resources and volumes, daily."),
  weekly: backupTier("weekly", "The DALP namespace's resources and volumes, weekly."),
  support: backupTier("support", "The support chart's resources."),
  observability: backupTier("observability", "Observability data (the monitoring namespace)."),
});

const AlertsSchema = z.strictObject({
  enabled: boolean().default(true).meta(about("The Prometheus stack, its exporters and the DALP alert rules.")),
  alertmanagerConfigSecret: z
    .string()
    .regex(RESOURCE_NAME, { message: "a Kubernetes Secret name" })
    .optional()
    .meta(about("Name of a Secret in the `monitoring` namespace holding Alertmanager's `alertmanager.yaml` (receivers and routes); receivers carry credentials, so they stay out of the stack configuration.")),
});

/** Paths ingress-nginx's catch-all server answers for any Host: a health check on them passes without DALP. */
const INGRESS_CONTROLLER_PATHS = ["/healthz", "/nginx_status"];

/**
 * Health-checked DNS that moves the domain between regions. Route 53 and Traffic Manager probe every 10 or 30
 * seconds (Route 53 RequestInterval; Traffic Manager intervalInSeconds), which bounds the interval to those two.
 */
const TrafficSchema = z.strictObject({
  zone: z
    .string()
    .min(1)
    .optional()
    .meta(
      about(
        "The DNS zone the stack writes the domain's records into, as the cloud names it: a Route 53 hosted zone id (Z0123456789ABCDEFGHIJ), an Azure DNS zone's resource id, a Cloud DNS managed zone's name. It must hold `charts.domain`. Required by the multi-region patterns; cloud-native leaves the record to the operator.",
      ),
    ),
  ttlSeconds: integer(z.number().min(5).max(3600))
    .default(60)
    .meta(about("TTL of the domain's records: how long resolvers keep sending users to a region after the switch. The product asks for a TTL that matches the failover window (hot-warm, Production requirements: Traffic management).")),
  healthCheck: z
    .strictObject({
      path: z
        .string()
        .regex(/^\/[^\s]*$/, { message: "an absolute URL path such as /" })
        // ingress-nginx answers these for any Host from its catch-all server, so a standby that does not route the
        // domain would still pass, and DNS could send users to it before its database is promoted.
        .refine((p) => !INGRESS_CONTROLLER_PATHS.includes(p.replace(/\/+$/, "") || "/"), { message: `a path DALP serves, not one the ingress controller answers for any host (${INGRESS_CONTROLLER_PATHS.join(", ")})` })
        .default("/")
        .meta(about("HTTPS path each region's ingress answers with 2xx or 3xx while DALP serves; not `/healthz` or `/nginx_status`, which the ingress controller answers for any host.")),
      intervalSeconds: integer(z.number().refine((n) => n === 10 || n === 30, { message: "10 or 30" }))
        .default(30)
        .meta(about("Seconds between probes: 10 or 30, the intervals Route 53 and Traffic Manager offer.")),
      failureThreshold: integer(z.number().min(1).max(9))
        .default(3)
        .meta(about("Consecutive failed probes before a region counts as down; with the interval, the detection part of the RTO.")),
    })
    .prefault({}),
});

/** A recovery target the deployment commits to, in minutes; `dalp-ha check` warns when the prediction is slower. */
const RecoveryTargetSchema = z.strictObject({
  rtoMinutes: z.number().positive().optional().meta(about("Most minutes until service is back after this failure.")),
  rpoMinutes: z.number().min(0).optional().meta(about("Most minutes of committed writes this failure may lose.")),
});

/** Tag values as the clouds store them: text. YAML reads `1234` and `true` as a number and a boolean. */
const tagValue = z.preprocess((v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v), z.string().max(256));

/** The return's steps in order (topology/types.ts, Reseed). */
export const RESEED_STEPS = ["release", "recreate", "returned"] as const;

/** A moment as the clouds' restore APIs take it: RFC 3339 in UTC, to the second. */
export const POINT_IN_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const pointInTime = (what: string) =>
  z
    .string()
    .regex(POINT_IN_TIME, { message: "a UTC time to the second, such as 2026-11-30T14:05:00Z" })
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: "a real date and time, such as 2026-11-30T14:05:00Z" })
    .optional()
    .meta(about(what));

export const DalpConfigSchema = z.strictObject({
  cloud: z.enum(CLOUDS).meta(about("The cloud to deploy to; `kubernetes` (self-hosted) arrives with its own issue.")),
  account: text()
    .pipe(z.string().min(1))
    .optional()
    .meta(about("The AWS account id, Azure subscription id or Google Cloud project id the stack must deploy into. The providers are pinned to it, so credentials for another account fail instead of deploying there. Required on GCP.")),
  pattern: z.enum(PATTERNS).meta(about("The HA pattern. `cloud-native` is built; the others have their topology planned and their cross-region links not built yet.")),
  regions: z
    .array(RegionSchema)
    .min(1, { message: "at least one region" })
    .meta(about("Regions, one stamp each: names, or `{name, zones, cidr}`. Count per pattern: cloud-native 1; hot-warm, hot-cold, hot-hot-public 2; hot-hot-consortium 4 to 8.")),
  primaryRegion: z.string().min(1).optional().meta(about("The active region, one of `regions`; the first when not set. Changing it is the failover switch of the multi-region patterns. The first region of `regions` is the home of the data (its database is the original primary): a new stack starts with the first region active, and any other value means a failover is in effect.")),
  reseed: z
    .strictObject({
      region: z.string().min(1).meta(about("The home region (the first of `regions`), which a failover left isolated and which returns as the new standby.")),
      step: z
        .enum(RESEED_STEPS)
        .meta(about("`release` first: lifts the former primary database's protections and changes nothing else. Then `recreate`: deletes that database and creates a new replica of the active region in its place; destructive by design, the former primary's writes after the failover go with it (what each cloud keeps of it: docs/<cloud>.md, Returning). Then `returned`, once that replica exists: the same stack, from which `primaryRegion` set back to the home region is a failover again.")),
    })
    .optional()
    .meta(about("The return after a failover, as deliberate `pulumi up` runs (README, Return after a failover): the explicit acknowledgement that the former primary's database is recreated. hot-warm only. Leave it set after the return: it describes which database each region has.")),
  recover: z
    .strictObject({
      region: z.string().min(1).meta(about("The recovery region (the second of `regions`), which holds the copies and is rebuilt from them.")),
      pointInTime: pointInTime(
        "The moment to restore the database to, in UTC (`2026-11-30T14:05:00Z`); not set, the latest the copies hold. Within the PITR window (`postgres.backupRetentionDays`) and not in the future; the cloud's own window is checked before anything is declared where it can be read from the recovery region (docs/<cloud>.md, Hot-cold). Read once, when the database is created: changing it later changes nothing.",
      ),
    })
    .optional()
    .meta(about("Hot-cold's rebuild (docs/recovery.md, Hot-cold rebuild): the recovery region becomes the active region, built from the copies it holds: the database restored as a new resource, its cluster, DALP, and the DALP namespace restored by Velero from the replicated backups. Nothing of the failed region is changed by the rebuild's targeted update. hot-cold only; leave it set while the rebuilt region runs.")),
  drill: z
    .strictObject({
      enabled: boolean().default(false).meta(about("Build the restore drill beside the running stack; turning it off deletes the drill's resources and nothing else.")),
      pointInTime: pointInTime("The moment the drill restores the database to, in UTC; not set, the latest restorable time. Within the PITR window and not in the future. Read when the drill's database is created: to drill another moment, turn the drill off and on again."),
      namespace: z
        .string()
        .regex(RESOURCE_NAME, { message: "a Kubernetes namespace name: lower case, digits and '-', at most 32 characters" })
        .optional()
        .meta(about("The namespace the drill restores DALP into; `<charts.namespace>-drill` when not set. Never a namespace the stack runs in.")),
      lastRun: text()
        .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "a date, such as 2026-11-30" }))
        .optional()
        .meta(about("The date of the last restore drill whose record met the targets (`YYYY-MM-DD`), set by the operator from `dalp-ha drill-record`; the policy pack warns when none is recorded or it is older than a quarter.")),
    })
    .prefault({})
    .meta(about("A restore drill beside the running stack, in the active region (docs/recovery.md, Restore drills): the database restored from PITR to a new instance, a Velero restore of the DALP namespace into a drill namespace, and DALP started there against the restored database with no ingress route. `dalp-ha drill-record` writes the evidence form.")),
  network: NetworkSchema.prefault({}),
  cluster: ClusterSchema.prefault({}),
  postgres: PostgresSchema.prefault({}),
  cache: CacheSchema.prefault({}),
  objectStorage: ObjectStorageSchema.prefault({}),
  charts: ChartsSchema.meta(about("The DALP charts as SettleMint delivers them.")),
  backup: BackupSchema.prefault({}),
  alerts: AlertsSchema.prefault({}),
  traffic: TrafficSchema.prefault({}).meta(about("Health-checked DNS for the multi-region patterns: the zone, the TTL and the probe.")),
  recoveryTargets: z
    .strictObject(Object.fromEntries(FAILURE_TYPES.map((f) => [f, RecoveryTargetSchema.optional()])) as Record<FailureType, z.ZodOptional<typeof RecoveryTargetSchema>>)
    .optional()
    .meta(
      about(
        "The recovery targets the deployment commits to, per failure (`pod`, `node`, `zone`, `database`, `region`): `{rtoMinutes, rpoMinutes}`. `dalp-ha check` warns where the predicted recovery of the stack (docs/recovery.md) is slower or loses more; the product docs ask to publish a target only once a drill has met it.",
      ),
    ),
  validators: ValidatorsSchema.optional().meta(
    about(
      "The deployment's own network nodes (consortium validators): the chart, its values, the count per region and the pre-staged key Secrets. On in the active region, installed and stopped (zero replicas) in a standby or cold one, so one key never signs in two regions. Not set: the stack installs no validators. Refused for hot-hot-public, whose public chain has none.",
    ),
  ),
  tags: z
    .record(z.string().min(1), tagValue)
    .default({})
    .meta(about("Extra tags (labels on GCP) on every resource. The stack adds `dalp:project`, `dalp:stack`, `dalp:pattern` and `managed-by` itself; the cloud's tag limits apply (see below).")),
  registryPassword: z
    .string()
    .min(1)
    .optional()
    .meta(about("**Secret**: the password of `charts.registry`. Set it with pulumi config set --secret dalp:registryPassword <token>; a plain-text value is refused.")),
});

/** Config keys that must be set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["registryPassword"] as const;

export type RawDalpConfig = z.output<typeof DalpConfigSchema>;

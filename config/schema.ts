import { z } from "zod";
import { BACKUP_TIERS, BackupTierName } from "../facts/backups";
import { PATTERNS } from "../facts/patterns";
import { isCidr } from "../lib/cidr";
import { isCron } from "../lib/cron";

export { isCron, PATTERNS };
export type { Pattern } from "../facts/patterns";

/**
 * The `dalp:` configuration namespace. Every key a stack file may hold is declared here, with its default;
 * anything else is rejected. Cloud-specific limits (retention ranges and the like) are applied afterwards by
 * `validate.ts`, because they depend on the value of `cloud`.
 */

export const CLOUDS = ["aws", "azure", "gcp", "kubernetes"] as const;
export type Cloud = (typeof CLOUDS)[number];


// Pulumi hands top-level config values to the program as strings, and `pulumi config set --path` stores
// nested scalars as strings too, so numbers and booleans are accepted in their string spelling as well.
const integer = (schema: z.ZodNumber = z.number()) =>
  z.preprocess((v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v), schema.int());
const boolean = () =>
  z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const K8S_MINOR = /^1\.\d{2}$/;
const RESOURCE_NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

const zoneList = z.array(z.string().min(1)).min(2, { message: "at least 2 zones" });

export const RegionSchema = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    /** A count of zones to take from the region, or the zone names themselves. */
    zones: z.union([integer(z.number().min(2, { message: "at least 2 zones" }).max(6)), zoneList]).optional(),
    /** Address space of this region's network, a /16; defaults to 10.<40+index>.0.0/16. */
    cidr: z
      .string()
      .refine((c) => isCidr(c) && c.endsWith("/16") && /^\d+\.\d+\.0\.0\//.test(c), { message: "an IPv4 /16 network such as 10.40.0.0/16" })
      .optional(),
  }),
]);

const NetworkSchema = z.strictObject({
  /** `per-zone` keeps egress alive when a zone fails; `single` saves the cost of the extra NAT gateways. */
  natGateways: z.enum(["per-zone", "single"]).default("per-zone"),
});

export const API_ACCESS_MODES = ["public", "dns", "private"] as const;
export type ApiAccessMode = (typeof API_ACCESS_MODES)[number];

const cidr = (example: string) => z.string().refine(isCidr, { message: `an IPv4 CIDR such as ${example}` });

/**
 * - `public`: the API's public endpoint, open only to `cidrs` (the runner's egress address, operators'); nodes
 *   use the private endpoint.
 * - `dns` (GKE): the DNS-based endpoint, reachable from anywhere and authorised by IAM alone; the IP
 *   endpoints stay private.
 * - `private`: no public endpoint; the stack peers each region's network with `runnerNetwork`, the existing
 *   network `pulumi up` runs in, and admits its `cidr` on 443.
 */
const ApiAccessSchema = z.strictObject({
  mode: z.enum(API_ACCESS_MODES),
  cidrs: z
    .array(cidr("203.0.113.10/32").refine((c) => !c.endsWith("/0"), { message: "a CIDR narrower than /0; the API must not be open to the internet" }))
    .optional(),
  runnerNetwork: z
    .strictObject({
      /** AWS: the VPC id; Azure: the VNet's resource id; GCP: the network's self link. */
      id: z.string().min(1),
      /** The runner network's address space, routed to each region's network over the peering. */
      cidr: cidr("10.0.0.0/16"),
      /** AWS: the runner VPC's route tables that get a route to each region's network. */
      routeTableIds: z.array(z.string().regex(/^rtb-[0-9a-f]{8,17}$/, { message: "a route table id such as rtb-0123456789abcdef0" })).optional(),
      /** AWS: the runner VPC's region when it is not the stamp's. */
      region: z.string().min(1).optional(),
    })
    .optional(),
});

const ClusterSchema = z.strictObject({
  /** Kubernetes minor version, pinned; the cloud adapter picks a default in standard support. */
  kubernetesVersion: z.string().regex(K8S_MINOR, { message: "a Kubernetes minor version such as \"1.35\"" }).optional(),
  /** Worker instance type; the cloud adapter picks a general-purpose default. */
  nodeType: z.string().min(1).optional(),
  minPerZone: integer(z.number().min(1).max(100)).default(1),
  maxPerZone: integer(z.number().min(1).max(100)).default(3),
  /**
   * How `pulumi up` (and operators) reach the Kubernetes API. There is no default: the run that creates the
   * network installs into the cluster moments later, so the path must be known before anything is declared.
   */
  apiAccess: ApiAccessSchema.optional(),
  /** Cloud principals (role ARNs, group object IDs, ...) granted cluster-admin, for break-glass access. */
  adminPrincipals: z.array(z.string().min(1)).default([]),
});

const PostgresSchema = z.strictObject({
  version: z.string().regex(/^1[4-9]$/, { message: "a PostgreSQL major version from 14 to 19" }).default("17"),
  /** Instance class / SKU / tier; the cloud adapter picks a memory-optimised default. */
  instanceClass: z.string().min(1).optional(),
  storageGb: integer(z.number().min(20).max(65536)).default(100),
  /** Upper bound for storage autoscaling where the service offers it. */
  maxStorageGb: integer(z.number().min(20).max(65536)).default(1000),
  backupRetentionDays: integer(z.number().min(1)).default(30),
  pointInTimeRecovery: boolean().default(true),
  /**
   * Keep the service's automated backups in a second region too, where the service offers it as a setting
   * (Azure: geo-redundant backup storage, fixed when the server is created).
   */
  geoRedundantBackup: boolean().default(false),
  databaseName: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { message: "a lower-case SQL identifier" }).default("dalp"),
  username: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { message: "a lower-case SQL identifier" }).default("dalp"),
});

const CacheSchema = z.strictObject({
  /** Defaults to what the cloud's managed service runs: Valkey on AWS and self-hosted, Redis on Azure and GCP. */
  engine: z.enum(["valkey", "redis"]).optional(),
  /** Engine version; the cloud adapter picks a current default. */
  version: z.string().min(1).optional(),
  nodeType: z.string().min(1).optional(),
  /** Replicas per primary; at least one, so a zone loss promotes a replica. The default is the cloud's. */
  replicas: integer(z.number().min(1).max(5)).optional(),
  /** Days of daily cache snapshots; defaults to 7 where the service keeps snapshots by retention. */
  snapshotRetentionDays: integer(z.number().min(0)).optional(),
});

const ObjectStorageSchema = z.strictObject({
  noncurrentVersionRetentionDays: integer(z.number().min(1).max(3650)).default(90),
});

const ChartsSchema = z.strictObject({
  /** Helm repository holding the `dalp` and `support` charts: an `oci://` reference or an https index URL. */
  repository: z
    .string()
    .regex(/^(oci|https):\/\/\S+$/, { message: "an oci:// or https:// chart repository" }),
  dalpVersion: z.string().min(1),
  supportVersion: z.string().min(1),
  namespace: z.string().regex(RESOURCE_NAME, { message: "a Kubernetes namespace name" }).default("dalp"),
  /** Public host name of the DALP dApp; the API and health checks hang off it. */
  domain: z.string().regex(HOSTNAME, { message: "a lower-case DNS name such as dalp.example.com" }),
  /**
   * Registry credentials for the charts and images. The password is never a plain value: it is read from the
   * secret config key `dalp:registryPassword`.
   */
  registry: z
    .strictObject({
      server: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { message: "a registry host such as harbor.settlemint.com" }),
      username: z.string().min(1),
      /** Name of the image-pull Secret the charts reference. */
      imagePullSecret: z.string().regex(RESOURCE_NAME, { message: "a Kubernetes Secret name" }).default("dalp-registry"),
    })
    .optional(),
  /** Values merged over the generated `dalp` values; for settings this project does not model. */
  values: z.record(z.string(), z.unknown()).default({}),
  /** Values merged over the generated `support` values. */
  supportValues: z.record(z.string(), z.unknown()).default({}),
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
const backupTier = (name: BackupTierName) => {
  const tier = BACKUP_TIERS.find((t) => t.tier === name)!;
  return z
    .strictObject({
      schedule: z.string().refine(isCron, { message: "a five-field cron expression such as \"0 2 * * *\"" }).default(tier.defaultSchedule),
      retention: retention.prefault(hoursText(tier.minRetentionHours)),
    })
    .transform(({ schedule, retention: retentionHours }) => ({ schedule, retentionHours }))
    .prefault({});
};

const BackupSchema = z.strictObject({
  enabled: boolean().default(true),
  /** The DALP namespace's resources and volumes, three tiers (Backup and recovery, What gets backed up). */
  hourly: backupTier("hourly"),
  daily: backupTier("daily"),
  weekly: backupTier("weekly"),
  /** The support chart's resources: every 4 hours, kept 7 days. */
  support: backupTier("support"),
  /** Observability data (the monitoring namespace): daily, kept 3 days. */
  observability: backupTier("observability"),
});

const AlertsSchema = z.strictObject({
  enabled: boolean().default(true),
  /**
   * Name of a Secret in the `monitoring` namespace holding Alertmanager's `alertmanager.yaml` (receivers and
   * routes). Receivers carry credentials, so they are kept out of the stack configuration.
   */
  alertmanagerConfigSecret: z.string().regex(RESOURCE_NAME, { message: "a Kubernetes Secret name" }).optional(),
});

export const DalpConfigSchema = z.strictObject({
  cloud: z.enum(CLOUDS),
  /**
   * The AWS account, Azure subscription or Google Cloud project the stack must deploy into. The providers are
   * pinned to it, so credentials for another account fail instead of deploying there. Required on GCP.
   */
  account: z.string().min(1).optional(),
  pattern: z.enum(PATTERNS),
  regions: z.array(RegionSchema).min(1, { message: "at least one region" }),
  primaryRegion: z.string().min(1).optional(),
  network: NetworkSchema.prefault({}),
  cluster: ClusterSchema.prefault({}),
  postgres: PostgresSchema.prefault({}),
  cache: CacheSchema.prefault({}),
  objectStorage: ObjectStorageSchema.prefault({}),
  charts: ChartsSchema,
  backup: BackupSchema.prefault({}),
  alerts: AlertsSchema.prefault({}),
  tags: z.record(z.string().regex(/^[A-Za-z0-9_.:/=+@-]{1,63}$/, { message: "a tag key" }), z.string().max(256)).default({}),
  /** Secret: password for `charts.registry`. */
  registryPassword: z.string().min(1).optional(),
});

/** Config keys that must be set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["registryPassword"] as const;

export type RawDalpConfig = z.output<typeof DalpConfigSchema>;

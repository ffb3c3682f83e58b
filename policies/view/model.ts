import type { PolicyResource } from "@pulumi/policy";

/**
 * The cloud-neutral facts the rules judge. A reader per cloud turns that cloud's resources into these, so a
 * rule states its requirement once and a new target only adds a reader. Where a rule's message must name
 * the setting that is wrong, the reader phrases it (`problem`), because only the reader knows the
 * provider's property names.
 */

export type Cloud = "aws" | "azure" | "gcp" | "kubernetes";

/** A resource's own inputs, as a resource rule sees them. */
export type Props = Record<string, any>;

/** High availability inside the region. */
export interface DatabaseHa {
  mode: "zone-redundant" | "same-zone" | "none";
  /** Why it is not zone-redundant, in the provider's terms; undefined when it is. */
  problem?: string;
  /** Why the service offers no HA for this database at all (a read replica on some services). */
  unsupported?: string;
}

export interface DatabaseBackups {
  /** False where the service keeps no backups for a replica until it is promoted. */
  ownBackups: boolean;
  /** Days of point-in-time recovery; undefined when not set. */
  retentionDays?: number;
  /** The setting that holds the retention, and its raw value, for the message. */
  retentionSetting: string;
  retentionRaw: unknown;
  /** Whether continuous backup with point-in-time recovery is on. */
  pitr: boolean;
  /** Switches other than retention that keep PITR off, in the provider's terms. */
  problems: string[];
}

/** What a reader learns of a database from its own inputs alone: all a resource rule can see. */
export interface DatabaseSettings {
  cloud: Cloud;
  /** The service, for messages: "RDS PostgreSQL", "Flexible Server", ... */
  service: string;
  ha: DatabaseHa;
  /** The identifier of the database this one streams WAL from (an ARN, a resource id, an instance name). */
  replicaOf?: string;
  /** The database was a replica and has been promoted to a standalone primary. */
  promoted?: boolean;
  /** It replays another server's WAL, so a replica-side lag metric rises above zero on it. */
  streams: boolean;
  backups: DatabaseBackups;
  /** "always" where the service encrypts every byte at rest whatever the settings say. */
  encryption: "always" | { on: boolean; problem?: string };
  /** Why the database is reachable from the internet; undefined when it is not. */
  publicAccess?: string;
}

export interface Database extends DatabaseSettings {
  resource: PolicyResource;
  urn: string;
  region?: string;
  /** Regions the automated backups are copied to, besides the database's own. */
  backupCopyRegions: string[];
  protect: boolean;
  /** Why a single API call could delete it, in the provider's terms; empty when it cannot. */
  deletionProblems: string[];
  /** Why a client can connect without TLS; undefined when TLS is enforced. */
  tlsProblem?: string;
}

export interface Bucket {
  resource: PolicyResource;
  urn: string;
  cloud: Cloud;
  /** "bucket a", "storage account acct": how messages name it. */
  label: string;
  /** Its own name. */
  name: string;
  /** Names and ids other resources use to point at it (Velero locations, replication rules). */
  ids: string[];
  region?: string;
  /** The stack's purpose tag or label (dalp-app, dalp-backup), when it carries one. */
  purpose?: string;
  versioning: boolean;
  /** Each place that expires noncurrent versions, and after how many days. */
  noncurrentExpiries: Array<{ days: number; where: string; urn: string }>;
  /** Buckets (names, ARNs or ids, as the replication names them) this one's objects are replicated to. */
  replicatesTo: string[];
  /** "service" where the service always encrypts at rest; "declared" with an explicit setting; "none". */
  encryption: "service" | "declared" | "none";
  /** The key replicas are encrypted with, where replication names one. */
  encryptedWith?: string;
  /** What leaves it open to the public, each with the resource to fix. */
  publicAccessProblems: Array<{ message: string; urn: string }>;
  /** Whether the store itself copies its objects to another region (Azure GZRS/RA-GZRS, GCS dual-region). */
  geoRedundant: boolean;
  protect: boolean;
}

export interface TrafficRoute {
  resource: PolicyResource;
  urn: string;
  cloud: Cloud;
  name: string;
  routing: "failover" | "latency" | "weighted" | "geo" | "other";
  ttlSeconds?: number;
  healthChecked: boolean;
  /** Where it sends users: addresses, host names or resource ids, as the provider names them. */
  targets: string[];
}

export interface Cluster {
  resource: PolicyResource;
  urn: string;
  cloud: Cloud;
  region?: string;
  /** The Kubernetes version as configured; `minor` is its major.minor. */
  version?: string;
  minor: string;
}

/** A region's part in the pattern, read from the `dalp:pattern:Stamp` component. */
export interface Stamp {
  resource: PolicyResource;
  urn: string;
  region: string;
  role: string;
  workloads: string;
  validators: string;
  database: { kind?: string; source?: string; formerSource?: string; released?: boolean; promoted?: boolean };
}

/** A validator (network node) workload: a Helm release or StatefulSet that signs blocks. */
export interface ValidatorWorkload {
  resource: PolicyResource;
  urn: string;
  /** How many replicas it asks for, and where in its settings that is read. */
  replicas?: number;
  readFrom: string;
}

/** Where objects are addressed: a bucket, or an Azure blob container within its storage account. */
export interface Container {
  resource: PolicyResource;
  urn: string;
  cloud: Cloud;
  name: string;
  /** The storage account of an Azure container. */
  account?: string;
}

/** A Kubernetes Secret the stack creates. */
export interface KubeSecret {
  resource: PolicyResource;
  urn: string;
  name: string;
  namespace: string;
  type: string;
}

export interface View {
  databases: Database[];
  buckets: Bucket[];
  containers: Container[];
  routes: TrafficRoute[];
  clusters: Cluster[];
  stamps: Stamp[];
  validators: ValidatorWorkload[];
  secrets: KubeSecret[];
  /** The stamp a resource belongs to (its nearest Stamp ancestor), by the resource's URN. */
  stampOf(urn: string): Stamp | undefined;
  /**
   * The database a return releases for deletion (`dalp:reseed` step `release`), with everything declared beside
   * it in its component (lock, database, users): their protections are lifted deliberately, so the protection
   * rules pass over them. Empty outside that one step.
   */
  releasedForReturn: ReadonlySet<string>;
  /** Regions of the stack's clusters and databases. */
  regions: string[];
}

/** What a cloud's reader contributes to the view. */
export interface Reader {
  cloud: Cloud;
  /** One database from its inputs, for resource rules; undefined for a type that is not one. */
  database?(type: string, props: Props): DatabaseSettings | undefined;
  /** Resource types `database` reads. */
  databaseTypes?: readonly string[];
  databases?(resources: PolicyResource[]): Database[];
  buckets?(resources: PolicyResource[]): Bucket[];
  containers?(resources: PolicyResource[]): Container[];
  routes?(resources: PolicyResource[]): TrafficRoute[];
  clusters?(resources: PolicyResource[]): Cluster[];
}

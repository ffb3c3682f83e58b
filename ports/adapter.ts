import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { ConfigIssue } from "../config/errors";
import type { Cloud, DalpConfig } from "../config/types";
import type { DatabasePlacement, Stamp, Topology } from "../topology/types";
import type { LinkPorts } from "./links";

/**
 * The ports: what the cloud-agnostic pattern layer asks of a cloud. Each cloud implements them in
 * `stacks/<cloud>/` from its components in `components/<cloud>/`; nothing above this file knows which cloud
 * it talks to. `Net`, `Cluster`, `Buckets` and `Db` are the cloud's own handles, passed back to it untouched.
 *
 * A stack is built in two phases: every stamp through these ports (its database as the topology places it),
 * then every link of the topology through `links` (ports/links.ts).
 */
export interface CloudAdapter<
  Net = unknown,
  Cluster extends ClusterPort = ClusterPort,
  Buckets extends BucketsPort = BucketsPort,
  Db extends PostgresPort = PostgresPort,
  Keys = Net,
> {
  readonly cloud: Cloud;

  /** The database placements `postgres()` builds; a topology that places a database otherwise is refused. */
  readonly placements: ReadonlyArray<DatabasePlacement["kind"]>;
  /** How the deployment's one database password is generated (patterns/databasePassword.ts). */
  readonly postgresPassword: PostgresPasswordSpec;
  /** The links this cloud builds, by kind; a topology with another link is refused. */
  readonly links: LinkPorts<StampHandles<Net, Cluster, Buckets, Db>, VaultHandles<Keys, Buckets>>;

  /** Cloud-specific checks that need no API call (instance-class spelling and the like). */
  validate(config: DalpConfig): ConfigIssue[];

  /**
   * Read-only lookups (zones of each region, account or project) made before anything is declared, so that a
   * region without enough zones fails cleanly instead of half-way through an update.
   */
  discover(config: DalpConfig, topology: Topology): Promise<CloudFacts>;

  /**
   * A region that holds only copies (hot-cold's recovery region): its provider, encryption key and the buckets
   * replication writes into, and nothing that bills by the hour. When the region is rebuilt (`dalp:recover`),
   * `network` and `buckets` declare these same resources under the same names and with the same create-only
   * inputs, so the full stamp finds the copies where they landed and replaces none of them. A cloud without it
   * does not build hot-cold (patterns/support.ts).
   */
  vault?(ctx: StampContext): VaultHandles<Keys, Buckets>;
  /** The region's foundation: provider, network, encryption keys. */
  network(ctx: StampContext): Net;
  cluster(ctx: StampContext, network: Net): Cluster;
  /** Cloud-specific cluster add-ons that need the Kubernetes provider (storage classes, autoscaler). */
  clusterAddons(ctx: StampContext, network: Net, cluster: Cluster, k8sProvider: k8s.Provider): pulumi.Resource[];
  /**
   * The region's PostgreSQL as `ctx.stamp.database` places it. `source` is the database of the region it
   * replicates, or was promoted from (`replica`, `promoted`): built first, in its own stamp.
   */
  postgres(ctx: StampContext, network: Net, cluster: Cluster, source?: Db): Db;
  cache(ctx: StampContext, network: Net, cluster: Cluster): CachePort;
  buckets(ctx: StampContext, network: Net): Buckets;
  /** Workload identity for the DALP service account, scoped to the application bucket. */
  appIdentity(ctx: StampContext, network: Net, cluster: Cluster, buckets: Buckets, account: ServiceAccountRef): WorkloadIdentityPort;
  /** Workload identity and storage location for Velero, scoped to the backup bucket. */
  backupTarget(ctx: StampContext, network: Net, cluster: Cluster, buckets: Buckets, account: ServiceAccountRef): BackupTargetPort;
  /**
   * The restore drill's data services, beside the region's own (patterns/drill.ts): `production.postgres`
   * restored to `pointInTime` (or its latest restorable time) as a new instance, a cache of its own, and a
   * workload identity for the drill's DALP that only reads the application bucket. None of it is protected:
   * turning the drill off deletes it. A cloud without it refuses `dalp:drill.enabled`.
   */
  drill?(ctx: StampContext, net: Net, cluster: Cluster, production: { postgres: Db; buckets: Buckets }, account: ServiceAccountRef, pointInTime?: string): DrillPort;
  /**
   * The region's public entry: an address reserved by the stack and the Service settings that put the
   * ingress controller's zone-spanning load balancer on it. DNS points at the address, which is known before
   * the load balancer exists and stays the same when the Service is recreated.
   */
  ingress(ctx: StampContext, network: Net, cluster: Cluster): IngressPort;
}

/**
 * The database master password's shape on this cloud. `specials`: the characters besides letters and digits
 * the service and DALP's connection URL both take. `formerParentType`: the component that declared it, in the
 * home region, before it was the deployment's; its old URN is kept as an alias.
 */
export interface PostgresPasswordSpec {
  specials: string;
  formerParentType: string;
}

/** The cloud's handles of a region that holds only copies: its foundation of keys, and its buckets. */
export interface VaultHandles<Keys, Buckets> {
  net: Keys;
  buckets: Buckets;
}

/**
 * The cloud's handles of one built stamp, as the link ports receive them. Its `net` holds at least what a
 * vault's does, so a link whose destination may be either (bucket replication) takes both.
 */
export interface StampHandles<Net, Cluster, Buckets, Db> {
  net: Net;
  cluster: Cluster;
  postgres: Db;
  buckets: Buckets;
}

export interface IngressPort {
  /** Annotations of the ingress controller's Service. */
  serviceAnnotations: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `controller.service` values beside the annotations (GKE: `loadBalancerIP`). */
  serviceValues: Record<string, pulumi.Input<string>>;
  /** The public IPv4 addresses the load balancer answers on. */
  addresses: pulumi.Output<string[]>;
  /** What the Service needs before it is created (the address, a role on it). */
  ready: pulumi.Resource[];
}

/** Facts read from the cloud before declaring anything. */
export interface CloudFacts {
  /** Zone names per region, resolved from the configured count or list. */
  zones: Record<string, string[]>;
  /** Account, subscription or project the stack deploys into. */
  account: string;
}

/** Everything a port needs to build one region's part. */
export interface StampContext {
  config: DalpConfig;
  stamp: Stamp;
  topology: Topology;
  zones: string[];
  facts: CloudFacts;
  /** Tags or labels every resource in the stamp carries. */
  tags: Record<string, string>;
  /** The stamp component; ports parent their components to it. */
  parent: pulumi.ComponentResource;
  /** Logical-name prefix that keeps names unique across stamps, e.g. `eu-central-1`. */
  prefix: string;
  /** Providers of cloud-neutral packages (random), to hand to every component next to the cloud's own. */
  sharedProviders: pulumi.ProviderResource[];
  /**
   * The database master password, the same in every region: a replica inherits its source's and promotion
   * keeps it, so after a return the re-seeded replica and the region it follows share it too. A secret.
   */
  databasePassword: pulumi.Output<string>;
}

export interface ClusterPort {
  name: pulumi.Output<string>;
  /** A kubeconfig for the cluster; a secret. */
  kubeconfig: pulumi.Output<string>;
  /** Resources that must exist before workloads are installed (node pools, core add-ons). */
  ready: pulumi.Resource[];
  /** The StorageClass the adapter creates for zone-aware volumes; stateful add-ons claim their volumes from it. */
  storageClass?: string;
  /**
   * How that class provisions, so a restore drill can give its own claims a class that deletes its volumes with
   * them (the cluster's keeps them: reclaimPolicy Retain).
   */
  volumes?: { provisioner: string; parameters: Record<string, pulumi.Input<string>> };
  /**
   * The control-plane and node components a Prometheus inside the cluster can scrape. A managed control plane
   * hides some of them, and a scrape target that never answers makes its critical `*Down` alert fire forever.
   */
  scrapeTargets: ScrapeTargets;
}

export interface ScrapeTargets {
  controllerManager: boolean;
  scheduler: boolean;
  etcd: boolean;
  kubeProxy: boolean;
  /** CoreDNS's metrics port (9153); GKE runs kube-dns instead. */
  coreDns: boolean;
}

export interface PostgresPort {
  host: pulumi.Output<string>;
  port: pulumi.Output<number>;
  database: string;
  username: string;
  password: pulumi.Output<string>;
  sslMode: "require" | "verify-full";
  /** The service's own identifier (instance id, server name), for the runbook. */
  identifier: pulumi.Output<string>;
  /**
   * For a database restored from a backup rather than to a point in time (a Cloud SQL backup run), the moment
   * its data is of (RFC 3339, UTC): the namespace restore takes no Velero backup newer than it.
   */
  restoredTo?: pulumi.Input<string>;
}

export interface CachePort {
  host: pulumi.Output<string>;
  port: pulumi.Output<number>;
  tls: boolean;
  /** PEM of the CA that signed the server certificate, when it is not a public CA (Memorystore). */
  caCertificate?: pulumi.Output<string>;
  /** AUTH token or access key; a secret. */
  password: pulumi.Output<string>;
  identifier: pulumi.Output<string>;
}

export interface BucketPort {
  name: pulumi.Output<string>;
  /** S3-compatible endpoint or the provider's own URL scheme, as DALP and Velero expect it. */
  endpoint: pulumi.Output<string>;
  region: string;
  /** How the object-storage alert probes the bucket, for the buckets Velero's own access check does not cover. */
  probe: BucketProbe;
}

/**
 * An anonymous HTTPS request the bucket answers with a known refusal whenever the storage service and the
 * network path to it are up: the probe succeeds on exactly that answer, so one that means "gone" or "blocked"
 * fails it.
 */
export interface BucketProbe {
  url: pulumi.Output<string>;
  /** The status codes of that refusal. */
  acceptedStatus: number[];
  /** Where the answer is documented. */
  source: string;
}

export interface BucketsPort {
  provider: "s3" | "azure" | "gcs";
  app: BucketPort;
  backup: BucketPort;
}

/** A Kubernetes service account that a cloud identity is bound to. */
export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** How a Kubernetes service account becomes a cloud identity without static keys. */
export interface WorkloadIdentityPort {
  /** Annotations the service account must carry (IRSA, GKE, Azure client id). */
  serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
  /** Labels the pods must carry (Azure workload identity). */
  podLabels: Record<string, string>;
  /** Resources that must exist before the pods start (role bindings, pod identity associations). */
  ready: pulumi.Resource[];
}

/** What a restore drill runs on: never the production database, cache or write access to the buckets. */
export interface DrillPort {
  postgres: PostgresPort;
  cache: CachePort;
  identity: WorkloadIdentityPort;
}

export interface BackupTargetPort extends WorkloadIdentityPort {
  /** Velero object-store plugin image for this cloud, pinned. */
  pluginImage: string;
  /** BackupStorageLocation `provider` and `config`. */
  provider: string;
  bucket: pulumi.Output<string>;
  /**
   * Where other regions' backups replicated into this region are read from, when not `bucket` itself (Azure:
   * object replication makes its destination container read-only, so it cannot be the one Velero writes to).
   */
  replicatedBucket?: pulumi.Output<string>;
  config: Record<string, pulumi.Input<string>>;
}

import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { ConfigIssue } from "../config/errors";
import type { Cloud, DalpConfig } from "../config/types";
import type { Stamp, Topology } from "../topology/types";

/**
 * The ports: what the cloud-agnostic pattern layer asks of a cloud. Each cloud implements them in
 * `stacks/<cloud>/` from its components in `components/<cloud>/`; nothing above this file knows which cloud
 * it talks to. `Net`, `Cluster` and `Buckets` are the cloud's own handles, passed back to it untouched.
 */
export interface CloudAdapter<Net = unknown, Cluster extends ClusterPort = ClusterPort, Buckets extends BucketsPort = BucketsPort> {
  readonly cloud: Cloud;

  /** Cloud-specific checks that need no API call (instance-class spelling and the like). */
  validate(config: DalpConfig): ConfigIssue[];

  /**
   * Read-only lookups (zones of each region, account or project) made before anything is declared, so that a
   * region without enough zones fails cleanly instead of half-way through an update.
   */
  discover(config: DalpConfig, topology: Topology): Promise<CloudFacts>;

  /** The region's foundation: provider, network, encryption keys. */
  network(ctx: StampContext): Net;
  cluster(ctx: StampContext, network: Net): Cluster;
  /** Cloud-specific cluster add-ons that need the Kubernetes provider (storage classes, autoscaler). */
  clusterAddons(ctx: StampContext, network: Net, cluster: Cluster, k8sProvider: k8s.Provider): pulumi.Resource[];
  postgres(ctx: StampContext, network: Net, cluster: Cluster): PostgresPort;
  cache(ctx: StampContext, network: Net, cluster: Cluster): CachePort;
  buckets(ctx: StampContext, network: Net): Buckets;
  /** Workload identity for the DALP service account, scoped to the application bucket. */
  appIdentity(ctx: StampContext, network: Net, cluster: Cluster, buckets: Buckets, account: ServiceAccountRef): WorkloadIdentityPort;
  /** Workload identity and storage location for Velero, scoped to the backup bucket. */
  backupTarget(ctx: StampContext, network: Net, cluster: Cluster, buckets: Buckets, account: ServiceAccountRef): BackupTargetPort;
  /** Annotations for the ingress controller's Service so the cloud builds a zone-spanning load balancer. */
  ingressServiceAnnotations(ctx: StampContext): Record<string, string>;
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

export interface BackupTargetPort extends WorkloadIdentityPort {
  /** Velero object-store plugin image for this cloud, pinned. */
  pluginImage: string;
  /** BackupStorageLocation `provider` and `config`. */
  provider: string;
  bucket: pulumi.Output<string>;
  config: Record<string, pulumi.Input<string>>;
}

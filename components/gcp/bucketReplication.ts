import * as projects from "@pulumi/gcp/projects";
import type { Provider } from "@pulumi/gcp/provider";
import * as storage from "@pulumi/gcp/storage";
import * as pulumi from "@pulumi/pulumi";

export interface BucketReplicationArgs {
  project: string;
  /** What is replicated, for the job's description. */
  purpose: string;
  source: pulumi.Input<string>;
  destination: pulumi.Input<string>;
  /** Object name prefixes to replicate; all objects when absent. */
  includePrefixes?: string[];
  /** The Storage Transfer Service service agent (`project-<number>@storage-transfer-service...`). */
  transferAgent: pulumi.Input<string>;
  sourceProvider: Provider;
  destinationProvider: Provider;
  /** Parents by where each part lives: the source bucket's stamp, the destination's, and the global component. */
  sourceParent: pulumi.Resource;
  destinationParent: pulumi.Resource;
  /** What must exist before the job starts (the service agents' project roles). */
  after: pulumi.Resource[];
}

/**
 * Storage's roles the Storage Transfer Service service agent needs for cross-bucket replication: on the source,
 * the legacy bucket owner role (it reads the bucket and puts the Pub/Sub notification on it) and object read; on
 * the destination, the legacy bucket writer role (bucket metadata, create, list and delete objects). These are the
 * roles the console grants when it creates a replication job ("Use cross-bucket replication", Console:
 * "automatically granted the storage.legacyBucketOwner role on the source bucket and the
 * storage.legacyBucketWriter role on the destination bucket"; cloud.google.com/storage/docs/using-cross-bucket-
 * replication, read 2026-12-01), plus `roles/storage.objectViewer` for `storage.objects.get`, which neither legacy
 * bucket role holds (Storage Transfer Service "Configure access to a source: Cloud Storage", read 2026-12-01).
 */
export const REPLICATION_SOURCE_ROLES = ["roles/storage.legacyBucketOwner", "roles/storage.objectViewer"] as const;
export const REPLICATION_DESTINATION_ROLES = ["roles/storage.legacyBucketWriter"] as const;

/**
 * Cross-bucket replication of one bucket into another (a Storage Transfer Service job with a `replicationSpec`):
 * new and updated objects are copied asynchronously, usually within minutes; deletes in the source are not
 * replicated, lifecycle rules are not either (the destination keeps its own versioning and noncurrent-version
 * expiry), and objects that existed before the job are not copied ("Use cross-bucket replication", Limitations,
 * cloud.google.com/storage-transfer/docs/cross-bucket-replication, read 2026-12-01). The job gets no name of its
 * own: replication jobs refuse custom names (same page).
 */
export class BucketReplication extends pulumi.ComponentResource {
  readonly job: storage.TransferJob;
  readonly grants: storage.BucketIAMMember[];

  constructor(name: string, args: BucketReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:BucketReplication", name, {}, { ...opts, parent: args.sourceParent });
    const member = pulumi.interpolate`serviceAccount:${args.transferAgent}`;
    const sourceGrants = REPLICATION_SOURCE_ROLES.map((role) =>
      new storage.BucketIAMMember(`${name}-source-${role.split(".").pop()}`, { bucket: args.source, role, member }, { parent: this, provider: args.sourceProvider }),
    );
    // The destination's grants live with the destination's stamp: a failover with the source region down never
    // needs to touch them.
    const destinationGrants = REPLICATION_DESTINATION_ROLES.map((role) =>
      new storage.BucketIAMMember(`${name}-destination-${role.split(".").pop()}`, { bucket: args.destination, role, member }, { parent: args.destinationParent, provider: args.destinationProvider }),
    );
    this.grants = [...sourceGrants, ...destinationGrants];
    this.job = new storage.TransferJob(`${name}-job`, {
      project: args.project,
      description: pulumi.interpolate`DALP ${args.purpose}: replicate ${args.source} into ${args.destination}`,
      replicationSpec: {
        gcsDataSource: { bucketName: args.source },
        gcsDataSink: { bucketName: args.destination },
        ...(args.includePrefixes ? { objectConditions: { includePrefixes: args.includePrefixes } } : {}),
      },
      status: "ENABLED",
    }, { parent: this, provider: args.sourceProvider, dependsOn: [...this.grants, ...args.after] });
    this.registerOutputs({ job: this.job.name });
  }
}

/**
 * Project roles of the two service agents behind cross-bucket replication: Storage Transfer Service subscribes to the
 * source bucket's change notifications through a Pub/Sub topic and subscription it creates, and the Cloud Storage
 * service agent publishes the notifications ("Use cross-bucket replication", Grant required roles: to the Storage
 * Transfer Service service agent and to the service agent that Pub/Sub notifications are written by; read
 * 2026-12-01). Pub/Sub has no narrower resource to grant on before the topic exists.
 */
export interface ReplicationAgentsArgs {
  project: string;
  transferAgent: pulumi.Input<string>;
  storageAgent: pulumi.Input<string>;
  provider: Provider;
}

export class ReplicationAgents extends pulumi.ComponentResource {
  readonly grants: projects.IAMMember[];

  constructor(name: string, args: ReplicationAgentsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:ReplicationAgents", name, {}, opts);
    this.grants = [
      // Kept when dropped: a project member's role is the project's, and deleting it would take it from every
      // other stack and bucket notification of the project that relies on the same agent.
      new projects.IAMMember(`${name}-transfer-pubsub-editor`, { project: args.project, role: "roles/pubsub.editor", member: pulumi.interpolate`serviceAccount:${args.transferAgent}` }, { parent: this, provider: args.provider, retainOnDelete: true }),
      new projects.IAMMember(`${name}-storage-pubsub-publisher`, { project: args.project, role: "roles/pubsub.publisher", member: pulumi.interpolate`serviceAccount:${args.storageAgent}` }, { parent: this, provider: args.provider, retainOnDelete: true }),
    ];
    this.registerOutputs({});
  }
}

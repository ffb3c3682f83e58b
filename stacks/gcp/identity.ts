import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import type { SecureBucket } from "../../components/gcp/secureBucket";
import { WorkloadIdentity } from "../../components/gcp/workloadIdentity";
import type { BackupTargetPort, ServiceAccountRef, StampContext, WorkloadIdentityPort } from "../../ports/adapter";
import type { GcpCluster } from "./cluster";
import { serviceAccountId } from "./names";
import type { GcpFoundation } from "./network";
import type { GcpBuckets } from "./storage";

/**
 * Reading a bucket's objects, every version of them included, and nothing else: `roles/storage.objectViewer`,
 * which holds `storage.objects.get` and `storage.objects.list` (and the folder and managed-folder reads), granted
 * on the one bucket it is for, where its project permissions (`resourcemanager.projects.get/list`) have nothing
 * to act on. Listing and reading noncurrent versions take `storage.objects.list` and `storage.objects.get`;
 * restoring or deleting one takes `storage.objects.create` and `.delete`, which it lacks (Cloud Storage "Use
 * versioned objects", Required permissions), and nothing in it touches IAM or ACLs (iann0036/iam-dataset
 * gcp/roles/storage.objectViewer.json, commit 2073fa5, 2026-08-22; both read 2026-12-01). A predefined role
 * rather than a custom one: a deleted custom role keeps its id for up to 37 days (stacks/gcp/names.ts), and the
 * drill, which holds this grant, is turned on and off.
 */
export const OBJECT_READER_ROLE = "roles/storage.objectViewer";

/** What that predefined role holds, as the dataset above lists it: the record a review of the grant reads. */
export const OBJECT_READER_PERMISSIONS = [
  "resourcemanager.projects.get",
  "resourcemanager.projects.list",
  "storage.folders.get",
  "storage.folders.list",
  "storage.managedFolders.get",
  "storage.managedFolders.list",
  "storage.objects.get",
  "storage.objects.list",
] as const;

/** What the identity may do on its bucket: its own objects read and written, or only read. */
type BucketAccess = "read-write" | "read-only";

/** A Google service account that exactly one Kubernetes service account acts as, scoped to one bucket. */
function identity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, purpose: string, bucket: SecureBucket, account: ServiceAccountRef, access: BucketAccess = "read-write"): WorkloadIdentity {
  return new WorkloadIdentity(`${ctx.prefix}-${purpose}-identity`, {
    accountId: serviceAccountId(purpose, ctx.config.stack, ctx.stamp.region),
    displayName: `DALP ${ctx.config.stack} ${ctx.stamp.region}: ${account.namespace}/${account.name}`,
    workloadPool: cluster.gke.workloadPool,
    namespace: account.namespace,
    serviceAccount: account.name,
    bucket: bucket.name,
    bucketRole: access === "read-only" ? OBJECT_READER_ROLE : net.roles.objectReadWrite.name,
    // Signing as itself lends a signed URL no more than the account holds: with read-only access, reads.
    signBlobRole: net.roles.signBlob.name,
  }, { parent: ctx.parent, providers: [net.provider], dependsOn: cluster.ready });
}

function port(found: WorkloadIdentity): WorkloadIdentityPort {
  return { serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": found.email }, podLabels: {}, ready: found.ready };
}

export function buildAppIdentity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
  return port(identity(ctx, net, cluster, "app", buckets.appBucket, account));
}

/**
 * The restore drill's DALP: reads the region's application bucket, the objects the restored state refers to, and
 * nothing else (no write, no delete, nothing on the backup bucket). An account of its own (`app-reader`), so
 * its id never collides with the region's `app` account, and the drill's namespace is the only one that acts as
 * it.
 */
export function buildReadOnlyAppIdentity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
  return port(identity(ctx, net, cluster, "app-reader", buckets.appBucket, account, "read-only"));
}

export function buildBackupTarget(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): BackupTargetPort {
  const found = identity(ctx, net, cluster, "velero", buckets.backupBucket, account);
  return {
    serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": found.email },
    podLabels: {},
    ready: found.ready,
    pluginImage: VELERO_PLUGINS.gcp,
    provider: "gcp",
    bucket: buckets.backup.name,
    // Without a key file the plugin signs download URLs through the IAM API as this account, and refuses to
    // start without it (velero-plugin-for-gcp object_store.go, initFromComputeEngine).
    config: { serviceAccount: found.email },
  };
}

import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import type { SecureBucket } from "../../components/gcp/secureBucket";
import { WorkloadIdentity } from "../../components/gcp/workloadIdentity";
import type { BackupTargetPort, ServiceAccountRef, StampContext, WorkloadIdentityPort } from "../../ports/adapter";
import type { GcpCluster } from "./cluster";
import { serviceAccountId } from "./names";
import type { GcpFoundation } from "./network";
import type { GcpBuckets } from "./storage";

/** A Google service account that exactly one Kubernetes service account acts as, scoped to one bucket. */
function identity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, purpose: string, bucket: SecureBucket, account: ServiceAccountRef): WorkloadIdentity {
  return new WorkloadIdentity(`${ctx.prefix}-${purpose}-identity`, {
    accountId: serviceAccountId(purpose, ctx.config.stack, ctx.stamp.region),
    displayName: `DALP ${ctx.config.stack} ${ctx.stamp.region}: ${account.namespace}/${account.name}`,
    workloadPool: cluster.gke.workloadPool,
    namespace: account.namespace,
    serviceAccount: account.name,
    bucket: bucket.name,
    bucketRole: net.roles.objectReadWrite.name,
    signBlobRole: net.roles.signBlob.name,
  }, { parent: ctx.parent, providers: [net.provider], dependsOn: cluster.ready });
}

export function buildAppIdentity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
  const found = identity(ctx, net, cluster, "app", buckets.appBucket, account);
  return { serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": found.email }, podLabels: {}, ready: found.ready };
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

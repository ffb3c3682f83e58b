import type { StampContext, VaultHandles } from "../../ports/adapter";
import { buildKeys, GcpKeys, GcpProviders } from "./network";
import { buildBuckets, GcpBuckets } from "./storage";

export type GcpVault = VaultHandles<GcpKeys, GcpBuckets>;

/**
 * Hot-cold's recovery region while the home region is active: its provider, its key ring and key, and the two
 * buckets replication writes into, each from the builder the full stamp uses. Nothing that bills by the hour: no
 * subnet, router or NAT (the region joins the stack's VPC only when it is rebuilt), no cluster, no database (the
 * home primary's backups are written here by Cloud SQL itself: topology/backupCopy.ts, stacks/gcp/data.ts). A KMS
 * key bills per key version and month, the buckets per GB stored.
 */
export function buildVault(ctx: StampContext, providers: GcpProviders): GcpVault {
  const net = buildKeys(ctx, providers);
  return { net, buckets: buildBuckets(ctx, net) };
}

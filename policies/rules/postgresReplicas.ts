import type { PolicyResource } from "@pulumi/policy";
import { get } from "./kit";
import { T } from "./types";

/** Flexible Server create modes that restore from a source server rather than replicate it. */
const RESTORE_MODES = ["PointInTimeRestore", "GeoRestore", "ReviveDropped"];

/**
 * PostgreSQL servers of the stack that replay another server's WAL: the only places a replication-lag metric
 * read on the replica (replay delay) ever rises above zero. A managed HA standby (RDS Multi-AZ, Flexible
 * Server zone-redundant HA, Cloud SQL REGIONAL) is not one: no exporter can connect to it.
 */
export function streamingReplicas(resources: PolicyResource[]): PolicyResource[] {
  return resources.filter(
    (r) =>
      (r.type === T.aws.rdsInstance && Boolean(r.props.replicateSourceDb)) ||
      (r.type === T.azure.postgres &&
        (r.props.createMode === "Replica" || (Boolean(r.props.sourceServerResourceId) && !RESTORE_MODES.includes(r.props.createMode)) || ["AsyncReplica", "GeoAsyncReplica"].includes(get(r.props, "replica.role")))) ||
      (r.type === T.gcp.sql && Boolean(r.props.masterInstanceName)) ||
      // A CloudNativePG replica cluster, or one cluster with standbys next to its primary.
      (r.type === T.k8s.cnpgCluster && (get(r.props, "spec.replica.enabled") === true || Number(get(r.props, "spec.instances") ?? 1) > 1)),
  );
}

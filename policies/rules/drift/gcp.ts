import type { DriftFact } from "./types";

const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const GKE = "gcp:container/cluster:Cluster";
const NODE_POOL = "gcp:container/nodePool:NodePool";

const regional = (props: Record<string, any>) => props.settings?.availabilityType === "REGIONAL";

/**
 * Properties Google changes by itself on the stateful gcp types this project creates. Audited and found not to
 * drift (no entry):
 * - Memorystore `locationId` / `alternativeLocationId` stay as created; the serving zone after a failover is the
 *   output `currentLocationId` (provider docs, `redis.Instance.currentLocationId`: "can change after a failover
 *   event"; @pulumi/gcp 9.37, read 2026-12-01). That matters: both are replace-forcing (ForceNew in
 *   terraform-provider-google google/services/redis/resource_redis_instance.go, commit e03b762, read 2026-12-01),
 *   so a diff on either would replace the instance. Neither terraform-google-memorystore (main.tf, commit fbe704d)
 *   nor any other public module reviewed ignores them. `reservedIpRange`, also replace-forcing, keeps the
 *   configured range name: the API's CIDR goes to the output `effectiveReservedIpRange` (GoogleCloudPlatform/
 *   magic-modules PR #14289, fixing terraform-provider-google issue #11243, which replaced instances named by
 *   range), so no diff arises there either.
 * - GKE's release channel moves the output `masterVersion` and the auto-upgraded nodes; `minMasterVersion` is a
 *   floor kept as configured and the node pool sets no `version`.
 * - Cloud KMS rotation creates key versions (outputs), not a new `rotationPeriod`; GCS soft delete and
 *   versioning change only outputs.
 * - A cross-region replica changes the primary's `replicaNames` and `replicationCluster.psaWriteEndpoint`, both
 *   Optional+Computed and never set by the program, so the prior value is planned and nothing differs
 *   (terraform-provider-google google/services/sql/resource_sql_database_instance.go, commit e03b762, read
 *   2026-12-01). The replica itself reports the `instanceType` and `masterInstanceName` it was created with; its
 *   zones drift like a primary's, which the entries below cover (it is regional too).
 * - A reserved address, the failover record set, its health check and the replication jobs are changed only by
 *   their API calls: an address gains `users` (an output) when the load balancer takes it.
 */
export const GCP_DRIFT: DriftFact[] = [
  {
    type: SQL,
    property: "settings.locationPreference.zone",
    why: "an HA failover (or a maintenance restart that fails over) makes the standby the primary in the other zone, and the instance then reports that zone; planning to move it back sends an update the API refuses",
    source:
      "Cloud SQL for PostgreSQL \"About high availability\": after a failover the former standby is the primary (cloud.google.com/sql/docs/postgres/high-availability); terraform-google-modules/terraform-google-sql-db issue #206 (zone changed after maintenance, every later update refused with invalidRequest); both read 2026-12-01",
    appliesWhen: regional,
  },
  {
    type: SQL,
    property: "settings.locationPreference.secondaryZone",
    why: "the same failover swaps the standby's zone with the primary's",
    source:
      "Cloud SQL \"About high availability\" (above); terraform-google-modules/terraform-google-sql-db issues #320 and #326 (secondary_zone reported by the API drifts from the configuration); read 2026-12-01",
    appliesWhen: regional,
  },
  {
    type: SQL,
    property: "settings.diskSize",
    why: "storage autoresize grows the disk; a configured size below the grown one reads as a shrink, which Cloud SQL cannot do",
    source:
      "terraform-google-modules/terraform-google-sql-db modules/postgresql/main.tf lifecycle ignore_changes settings[0].disk_size (commit 25cf783, read 2026-12-01); Cloud SQL \"Automatic storage increase\"",
    appliesWhen: (props) => props.settings?.diskAutoresize === true,
  },
  {
    type: NODE_POOL,
    property: "nodeCount",
    why: "the cluster autoscaler sets the running size between the pool's bounds",
    source: "provider docs, container.NodePool ignoreNodeCountChanges: \"ignore external changes (drift) to the node count (e.g. from GKE autoscaling)\" (@pulumi/gcp 9.37, read 2026-12-01)",
    appliesWhen: (props) => props.autoscaling !== undefined,
  },
  {
    type: NODE_POOL,
    property: "initialNodeCount",
    why: "resizing the pool (the autoscaler, a manual resize) can change the reported initial count, and a change of it replaces the pool",
    source:
      "provider docs, container.NodePool initialNodeCount: \"Changing this will force recreation of the resource. WARNING: Resizing your node pool manually may change this value ... you can use a lifecycle block to ignore subsequent changes\" (@pulumi/gcp 9.37, read 2026-12-01)",
    appliesWhen: (props) => props.initialNodeCount !== undefined,
  },
  {
    type: GKE,
    property: "initialNodeCount",
    why: "the default pool it sized is removed after creation, so the API no longer reports the count, and a change of it replaces the cluster",
    source:
      "terraform-google-modules/terraform-google-kubernetes-engine modules/private-cluster/cluster.tf lifecycle ignore_changes [node_pool, initial_node_count] (commit bb176b2, read 2026-12-01)",
    appliesWhen: (props) => props.removeDefaultNodePool === true,
  },
  {
    type: GKE,
    property: "nodeConfig",
    why: "the default pool it configured is removed after creation, and the API then reports another pool's node config, which would replace the cluster",
    source: "GoogleCloudPlatform/cloud-foundation-fabric modules/gke-cluster-standard/main.tf lifecycle ignore_changes [node_config] (commit 11c1d24, read 2026-12-01)",
    appliesWhen: (props) => props.removeDefaultNodePool === true,
  },
];

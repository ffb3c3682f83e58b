import { propsOf, type CheckResource } from "../checker/model";
import { CREATE_TIMES, SERVICE_TIMES, type SourcedSeconds } from "../facts/serviceTimes";

/** How long one resource operation takes, and where the figure comes from. */
export type Duration = Pick<SourcedSeconds, "min" | "max" | "basis" | "source" | "estimate">;

const estimate = (min: number, max: number, why: string): Duration => ({ min, max, basis: "estimate", source: "dalp-ha deploy/durations.ts", estimate: why });

/** A resource the cloud answers for at once: an API object with nothing to boot or copy. */
const API_OBJECT = estimate(1, 10, "a control-plane API object (IAM, networking, settings): one call and a short wait for consistency");
/** A Kubernetes object applied by the provider: one API call, and for most a readiness wait. */
const KUBERNETES_OBJECT = estimate(1, 5, "one Kubernetes API call; Namespaces, Secrets and ServiceAccounts have no readiness to await");
/** A Helm release that waits for its workloads to be ready. */
const HELM_RELEASE = estimate(30, 300, "templates applied and every workload awaited ready (Helm's --wait default timeout is 5 minutes)");

/** Typical create times of the resource types that take more than an API call, by type. */
const CREATE: Record<string, (r: CheckResource) => Duration> = {
  "aws:eks/cluster:Cluster": () => CREATE_TIMES.aws.eksCluster,
  "aws:eks/nodeGroup:NodeGroup": () => CREATE_TIMES.aws.eksManagedNodeGroup,
  "aws:eks/addon:Addon": () => estimate(30, 300, "the add-on's workloads awaited active on the nodes"),
  "aws:rds/instance:Instance": (r) => (propsOf(r).replicateSourceDb ? CREATE_TIMES.aws.rdsCrossRegionReadReplica : CREATE_TIMES.aws.rdsMultiAzInstance),
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": () => estimate(300, 1800, "the first copy of the source's backups into the other region; grows with the backups' size"),
  "aws:elasticache/replicationGroup:ReplicationGroup": () => CREATE_TIMES.aws.elasticacheReplicationGroup,
  "aws:ec2/natGateway:NatGateway": () => CREATE_TIMES.aws.natGateway,
  "azure-native:containerservice:ManagedCluster": () => CREATE_TIMES.azure.aksCluster,
  "azure-native:dbforpostgresql:Server": (r) => (propsOf(r).createMode === "Replica" ? CREATE_TIMES.azure.flexibleServerReadReplica : CREATE_TIMES.azure.flexibleServerZoneRedundantHa),
  "azure-native:redisenterprise:RedisEnterprise": () => CREATE_TIMES.azure.managedRedis,
  "azure-native:network:NatGateway": () => estimate(30, 180, "a NAT gateway and its association; no stored source gives a figure"),
  "azure-native:network:PrivateEndpoint": () => estimate(60, 300, "a private endpoint's network interface and its approval"),
  "gcp:container/cluster:Cluster": () => CREATE_TIMES.gcp.gkeRegionalCluster,
  "gcp:container/nodePool:NodePool": () => CREATE_TIMES.gcp.gkeNodePool,
  "gcp:sql/databaseInstance:DatabaseInstance": (r) => (propsOf(r).masterInstanceName ? CREATE_TIMES.gcp.cloudSqlReadReplica : CREATE_TIMES.gcp.cloudSqlRegionalInstance),
  "gcp:redis/instance:Instance": () => CREATE_TIMES.gcp.memorystoreStandard,
  "gcp:servicenetworking/connection:Connection": () => estimate(60, 300, "the private services access peering, which Google creates on its side"),
};

/** How long creating a resource takes in `pulumi up`: a component takes none of its own. */
export function createDuration(r: CheckResource): Duration {
  if (!r.custom) return { min: 0, max: 0, basis: "estimate", source: "a component resource does no work of its own" };
  const known = CREATE[r.type];
  if (known) return known(r);
  if (r.type.startsWith("kubernetes:helm.sh/")) return String(propsOf(r).chart ?? "").includes("kube-prometheus-stack") ? CREATE_TIMES.helm.kubePrometheusStack : HELM_RELEASE;
  if (r.type.startsWith("kubernetes:")) return KUBERNETES_OBJECT;
  if (r.type.startsWith("pulumi:") || r.type.startsWith("random:")) return { min: 0, max: 1, basis: "estimate", source: "local to the engine" };
  return API_OBJECT;
}

/** How long the update a failover makes to a resource takes: promotions are the long ones. */
export function updateDuration(r: CheckResource, cloud: string): Duration {
  if (!r.custom) return { min: 0, max: 0, basis: "estimate", source: "a component resource does no work of its own" };
  const promotion = { aws: SERVICE_TIMES.aws.rdsReplicaPromotion, azure: SERVICE_TIMES.azure.flexibleServerReplicaPromotion, gcp: SERVICE_TIMES.gcp.cloudSqlReplicaPromotion }[cloud];
  if (promotion && ["aws:rds/instance:Instance", "azure-native:dbforpostgresql:Server", "gcp:sql/databaseInstance:DatabaseInstance"].includes(r.type)) return promotion;
  if (r.type.startsWith("kubernetes:helm.sh/")) return estimate(60, 600, "an upgrade whose workloads roll: pods scheduled (nodes added by the autoscaler if needed), images pulled, readiness awaited");
  if (r.type === "aws:route53/record:Record") return SERVICE_TIMES.aws.route53ActOnStatusChange;
  return createDuration(r).max > 60 ? estimate(10, 300, "an in-place update of a long-lived resource") : API_OBJECT;
}

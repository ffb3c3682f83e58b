import type { PolicyResource } from "@pulumi/policy";
import type { Pattern } from "../facts/patterns";
import type { FailureType } from "../facts/recovery";
import { SERVICE_TIMES } from "../facts/serviceTimes";
import { viewOf, type Props } from "../policies/view";

/** What the planned graph says about a stack's recovery: the settings a prediction is computed from. */
export interface RecoverySettings {
  stack: string;
  cloud: "aws" | "azure" | "gcp";
  pattern: Pattern;
  /** The active region, then the others. */
  regions: string[];
  /** Zones the active region's nodes run in. */
  zones: number;
  /** The fewest replicas any DALP web workload runs (dapp, dapi). */
  appReplicas: number;
  /** The cluster's Kubernetes minor version (the node grace period changed in 1.32). */
  kubernetesMinor?: string;
  /** The active region's database HA, as the policy view reads it. */
  databaseHa: "zone-redundant" | "same-zone" | "none";
  /** A replica of the active database in another region, to promote. */
  crossRegionReplica: boolean;
  /** Point-in-time recovery of the active database, and the regions its automated backups are copied to. */
  backups: { pitr: boolean; retentionDays?: number; copiedTo: string[] };
  /** Velero backs the cluster up into a bucket that is replicated to another region. */
  clusterBackupsLeaveRegion: boolean;
  /** The active region's cache fails over to a replica in another zone. */
  cacheFailover: boolean;
  /** Health-checked DNS between regions, with the probe the stack configures. */
  traffic?: { ttlSeconds: number; intervalSeconds: number; failuresToUnhealthy: number; timeoutSeconds: number; passesToHealthy: number };
  /** How the buckets reach the other region: S3 Replication Time Control, other replication, or not at all. */
  bucketReplication: "time-controlled" | "replicated" | "none";
  /** A standby pages when the active region's ingress stops answering its direct probes (DalpActiveRegionUnreachable). */
  standbyWatchesActive: boolean;
  /** The targets the stack declares (`dalp:recoveryTargets`), in minutes. */
  declaredTargets: Partial<Record<FailureType, { rtoMinutes?: number; rpoMinutes?: number }>>;
}

const props = (r: PolicyResource): Props => r.props;

/** The probe each cloud's health-checked DNS runs, as the provider counts failures (facts/serviceTimes.ts). */
function probeOf(cloud: RecoverySettings["cloud"], resources: PolicyResource[]): Omit<NonNullable<RecoverySettings["traffic"]>, "ttlSeconds"> | undefined {
  if (cloud === "aws") {
    const check = resources.find((r) => r.type === "aws:route53/healthCheck:HealthCheck" && props(r).type !== "CALCULATED");
    const d = SERVICE_TIMES.aws.route53HealthCheck;
    // Route 53's HTTPS probe has a fixed timeout: a 4 s connect plus a 2 s response.
    if (!check) return undefined;
    const threshold = Number(props(check).failureThreshold ?? d.failuresToUnhealthy.default);
    // Route 53 counts the same threshold of consecutive results both ways.
    return { intervalSeconds: Number(props(check).requestInterval ?? d.intervalSeconds.default), failuresToUnhealthy: threshold, timeoutSeconds: d.timeoutSeconds.default, passesToHealthy: threshold };
  }
  if (cloud === "azure") {
    const profile = resources.find((r) => r.type === "azure-native:trafficmanager:Profile");
    const m = profile && props(profile).monitorConfig;
    const d = SERVICE_TIMES.azure.trafficManagerProbe;
    // Traffic Manager marks an endpoint down after one failure more than it tolerates.
    // One passing probe brings an endpoint back (Traffic Manager endpoint monitoring).
    return m && { intervalSeconds: Number(m.intervalInSeconds ?? d.intervalSeconds.default), failuresToUnhealthy: m.toleratedNumberOfFailures !== undefined ? Number(m.toleratedNumberOfFailures) + 1 : d.failuresToUnhealthy.default, timeoutSeconds: Number(m.timeoutInSeconds ?? d.timeoutSeconds.default), passesToHealthy: 1 };
  }
  const check = resources.find((r) => r.type === "gcp:compute/healthCheck:HealthCheck" && Array.isArray(props(r).sourceRegions));
  const d = SERVICE_TIMES.gcp.cloudDnsHealthCheck;
  return check && { intervalSeconds: Number(props(check).checkIntervalSec ?? d.intervalSeconds.default), failuresToUnhealthy: Number(props(check).unhealthyThreshold ?? d.failuresToUnhealthy.default), timeoutSeconds: Number(props(check).timeoutSec ?? d.timeoutSeconds.default), passesToHealthy: Number(props(check).healthyThreshold ?? 2) };
}

function cacheFails(cloud: RecoverySettings["cloud"], cache: PolicyResource | undefined): boolean {
  if (!cache) return false;
  const p = props(cache);
  if (cloud === "aws") return p.automaticFailoverEnabled === true && p.multiAzEnabled === true;
  if (cloud === "azure") return p.highAvailability !== "Disabled";
  return p.tier === "STANDARD_HA";
}

/** The alert a standby raises when the active region's ingress answers none of its direct probes. */
export const ACTIVE_REGION_ALERT = "DalpActiveRegionUnreachable";

const CACHE_TYPES = ["aws:elasticache/replicationGroup:ReplicationGroup", "azure-native:redisenterprise:RedisEnterprise", "gcp:redis/instance:Instance"];

/**
 * Reads the recovery settings of a stack through the policy pack's cloud-neutral view: the resources as a stack
 * rule sees them (`policyResourcesOf` of a plan or a state), the stack's outputs on its Stack resource.
 */
export function recoverySettings(resources: PolicyResource[], stack: string): RecoverySettings {
  const view = viewOf(resources);
  const outputs = (resources.find((r) => r.type === "pulumi:pulumi:Stack")?.props ?? {}) as Props;
  const cloud = outputs.cloud as RecoverySettings["cloud"];
  const primary = String(outputs.primaryRegion ?? view.stamps.find((s) => s.role === "active")?.region ?? view.stamps[0]?.region);
  const regions = [primary, ...view.stamps.map((s) => s.region).filter((r) => r !== primary)];
  const inPrimary = (urn: string) => view.stampOf(urn)?.region === primary;
  const database = view.databases.find((d) => inPrimary(d.urn));
  const release = resources.find((r) => r.type.startsWith("kubernetes:helm.sh/") && inPrimary(r.urn) && props(r).values?.dapp !== undefined);
  const values = release ? props(release).values : {};
  const replicas = ["dapp", "dapi"].map((w) => Number(values?.[w]?.replicaCount ?? 1));
  const route = view.routes[0];
  const probe = probeOf(cloud, resources);
  const buckets = view.buckets.filter((b) => inPrimary(b.urn));
  const rtc = resources.some((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig" && JSON.stringify(props(r).rules ?? []).includes('"replicationTime":{"status":"Enabled"'));
  const regionOutputs = (outputs.regions ?? {}) as Record<string, { zones?: string[]; alertRules?: string[] }>;
  return {
    stack,
    cloud,
    pattern: outputs.pattern as Pattern,
    regions,
    zones: regionOutputs[primary]?.zones?.length ?? 1,
    appReplicas: Math.min(...replicas),
    kubernetesMinor: view.clusters.find((c) => inPrimary(c.urn))?.minor,
    databaseHa: database?.ha.mode ?? "none",
    crossRegionReplica: view.databases.some((d) => !inPrimary(d.urn) && d.replicaOf !== undefined),
    backups: { pitr: database?.backups.pitr ?? false, retentionDays: database?.backups.retentionDays, copiedTo: database?.backupCopyRegions ?? [] },
    // An Azure storage account holds the backup container beside the application's, and carries no purpose of its own.
    clusterBackupsLeaveRegion: buckets.some((b) => (b.purpose === undefined || b.purpose.includes("backup")) && (b.replicatesTo.length > 0 || b.geoRedundant)),
    cacheFailover: cacheFails(cloud, resources.find((r) => CACHE_TYPES.includes(r.type) && inPrimary(r.urn))),
    traffic: route?.healthChecked && probe ? { ttlSeconds: route.ttlSeconds ?? 300, ...probe } : undefined,
    bucketReplication: buckets.some((b) => b.replicatesTo.length > 0) ? (rtc ? "time-controlled" : "replicated") : "none",
    standbyWatchesActive: regions.slice(1).some((r) => regionOutputs[r]?.alertRules?.includes(ACTIVE_REGION_ALERT) === true),
    declaredTargets: (outputs.recoveryTargets ?? {}) as RecoverySettings["declaredTargets"],
  };
}

/**
 * Service-side recovery and create times for the recovery predictor: the parts of an RTO/RPO that the cloud or
 * Kubernetes contributes, not the parts this stack adds (drain scripts, runbook steps, human decisions). Every
 * figure names its page and the date that page shows, or "read 2026-12-01" where it shows none. Where no page
 * gives a number the figure is an estimate and `estimate` says how it was made; the predictor should widen or
 * flag those rather than present them as the provider's word.
 */

/** Who stands behind a figure: the provider's own page, someone else's observation, or our arithmetic. */
export type Basis = "official" | "third-party" | "estimate";

/** A duration range in seconds with where it comes from. */
export interface SourcedSeconds {
  min: number;
  /** Number.POSITIVE_INFINITY where nothing bounds the duration (no SLA, no stated lag limit). */
  max: number;
  basis: Basis;
  source: string;
  /** How the range was derived when no page states it (always present when `basis` is "estimate"). */
  estimate?: string;
}

/** A single configured default (a count or a number of seconds) with where it comes from. */
export interface SourcedSetting {
  value: number;
  basis: Basis;
  source: string;
}

/** How a replica keeps up, which decides the RPO of a failover onto it. */
export interface ReplicationFact {
  mode: "synchronous" | "semi-synchronous" | "asynchronous";
  /** Data that can be lost when failing over onto the replica. */
  rpo: SourcedSeconds;
  source: string;
}

/**
 * A health-checked DNS answer: the checker probes every `interval` seconds and declares the endpoint down after
 * `failuresToUnhealthy` consecutive failures, each failure taking up to `timeout` seconds to be called.
 */
export interface ProbeDetection {
  intervalSeconds: { default: number; allowed: readonly number[] };
  /** Consecutive failed probes before the endpoint is unhealthy, as each provider counts them. */
  failuresToUnhealthy: { default: number; min: number; max: number };
  timeoutSeconds: { default: number; min: number; max: number };
  /** How the provider's own setting maps onto `failuresToUnhealthy`. */
  formula: string;
  source: string;
}

const READ = "read 2026-12-01";

/**
 * Time from the moment an endpoint stops answering until a probe loop has seen enough consecutive failures.
 * The failure can land just before a probe (the first failing probe starts at once) or just after one (a whole
 * interval passes first), and the last failing probe may take its full timeout: hence the window, not a point.
 */
export function probeDetectionSeconds(intervalSeconds: number, failuresToUnhealthy: number, timeoutSeconds: number): { min: number; max: number } {
  const n = Math.max(1, failuresToUnhealthy);
  return { min: (n - 1) * intervalSeconds, max: n * intervalSeconds + timeoutSeconds };
}

const K8S_CHANGELOG_132 =
  "kubernetes/kubernetes CHANGELOG/CHANGELOG-1.32.md, v1.32.0-alpha.2 notes: 'The default value for node-monitor-grace-period has been increased to 50s (earlier 40s)', PR #126287 (opened 2024-07-23)";
const K8S_PROBE_API =
  "Kubernetes API reference, core/v1 Probe: periodSeconds 'Default to 10 seconds', failureThreshold 'Defaults to 3', timeoutSeconds 'Defaults to 1 second', " + READ;

export const SERVICE_TIMES = {
  kubernetes: {
    /**
     * How long a silent node stays Ready. Managed control planes (EKS, AKS, GKE) set this flag themselves and do
     * not expose it, so a cluster may still run 40 s; predict with the range and the version-specific value.
     */
    nodeMonitorGracePeriod: {
      min: 40,
      max: 50,
      basis: "official",
      source: `${K8S_CHANGELOG_132}; before v1.32 pkg/controller/nodelifecycle/config/v1alpha1/defaults.go set 40 * time.Second (kubernetes/kubernetes, ${READ})`,
    } satisfies SourcedSeconds,
    nodeMonitorGracePeriodByVersion: { before1_32: 40, from1_32: 50 },
    /** How often the node lifecycle controller looks, which adds up to one period to the grace period. */
    nodeMonitorPeriod: {
      value: 5,
      basis: "official",
      source: `kube-controller-manager reference, --node-monitor-period 'Default: 5s', ${READ}`,
    } satisfies SourcedSetting,
    /** Kubelet heartbeat; the grace period is meant to cover several missed ones. */
    kubeletNodeStatusUpdateFrequency: {
      value: 10,
      basis: "official",
      source: "kubernetes/kubernetes issue #127352 (2024-09-13): 'the kubelet sets node-status-update-frequency to 10 seconds by default'",
    } satisfies SourcedSetting,
    /**
     * The DefaultTolerationSeconds admission plugin adds not-ready and unreachable NoExecute tolerations of 300 s
     * to every pod that does not set its own: a Deployment pod on a dead node is only evicted, and replaced,
     * about grace period + 300 s after the node went silent.
     */
    notReadyTolerationSeconds: {
      value: 300,
      basis: "official",
      source:
        "k8s.io/kubernetes/plugin/pkg/admission/defaulttolerationseconds (godocs, v1.33.3 published 2025-07-15): tolerations for notReady:NoExecute and unreachable:NoExecute 'with tolerationSeconds of 300s'; flag --default-not-ready-toleration-seconds=300",
    } satisfies SourcedSetting,
    unreachableTolerationSeconds: {
      value: 300,
      basis: "official",
      source: "same plugin: the unreachable:NoExecute toleration it adds also carries 300 s",
    } satisfies SourcedSetting,
    /**
     * StatefulSet pods (and any pod on a node that is unreachable rather than gone) are not deleted by the control
     * plane: a replacement StatefulSet pod waits for the node to return, the Node object to be deleted (cloud
     * controller managers do this when the VM is terminated), or an out-of-service taint / force delete.
     */
    statefulSetPodsOnUnreachableNode: {
      min: 0,
      max: Number.POSITIVE_INFINITY,
      basis: "official",
      source:
        "kubernetes/website docs/tasks/run-application/force-delete-stateful-set-pod.md (commit 2019-10-14): 'Kubernetes (versions 1.5 or newer) will not delete Pods just because a Node is unreachable'; kubernetes/kubernetes issue #54368 ('This is by design')",
    } satisfies SourcedSeconds,
    readinessProbeDefault: {
      periodSeconds: { value: 10, basis: "official", source: K8S_PROBE_API } satisfies SourcedSetting,
      failureThreshold: { value: 3, basis: "official", source: K8S_PROBE_API } satisfies SourcedSetting,
      timeoutSeconds: { value: 1, basis: "official", source: K8S_PROBE_API } satisfies SourcedSetting,
    },
    /** A pod that stops answering is marked unready after failureThreshold consecutive failed probes. */
    readinessDetection: {
      ...probeDetectionSeconds(10, 3, 1),
      basis: "estimate",
      source: K8S_PROBE_API,
      estimate: "probeDetectionSeconds(periodSeconds 10, failureThreshold 3, timeoutSeconds 1) = 20-31 s with the API defaults",
    } satisfies SourcedSeconds,
    /**
     * From Ready=false to the pod leaving every node's Service rules. The EndpointSlice controller does not
     * batch by default and kube-proxy (iptables mode) resyncs at most once a second; no page states the total.
     */
    endpointRemovalAfterUnready: {
      min: 1,
      max: 5,
      basis: "estimate",
      source:
        `EndpointSliceControllerConfiguration.EndpointUpdatesBatchPeriod 'Default 0 value means that each pod update triggers an endpoint update' (godocs k8s.io/kubernetes/pkg/controller/endpointslice/config, ${READ}); kube-proxy iptables min-sync-period default 1s (kubernetes/kubernetes issue #92836, 2020-07-06)`,
      estimate:
        "watch latency (sub-second) + one kube-proxy min-sync-period (1 s) + rule apply time; 5 s allows for a busy API server or large iptables tables. IPVS/nftables/eBPF data planes and cloud load balancers targeting pods directly (AWS LB controller IP mode, GKE NEGs) add their own deregistration delay on top",
    } satisfies SourcedSeconds,
  },

  aws: {
    rdsMultiAzFailover: {
      min: 60,
      max: 120,
      basis: "official",
      source:
        `Amazon RDS User Guide, 'Failing over a Multi-AZ DB instance' (Concepts.MultiAZ.Failover): 'Failover times are typically 60-120 seconds. However, large transactions or a lengthy recovery process can increase failover time', ${READ}`,
    } satisfies SourcedSeconds,
    rdsMultiAzReplication: {
      mode: "synchronous",
      rpo: { min: 0, max: 0, basis: "official", source: "synchronous standby: a committed write is on both AZs" },
      source:
        `Amazon RDS User Guide, 'Multi-AZ DB instance deployments' (Concepts.MultiAZSingleStandby): 'automatically provisions and maintains a synchronous standby replica in a different Availability Zone', ${READ}`,
    } satisfies ReplicationFact,
    /** The other Multi-AZ shape (one writer, two readable standbys), should a stack choose it. */
    rdsMultiAzClusterFailover: {
      min: 0,
      max: 35,
      basis: "official",
      source: `Amazon RDS User Guide, 'Failing over a Multi-AZ DB cluster': 'Failover times are typically under 35 seconds' (semi-synchronous), ${READ}`,
    } satisfies SourcedSeconds,
    rdsReplicaPromotion: {
      min: 180,
      max: 900,
      basis: "estimate",
      source:
        `Amazon RDS User Guide, 'Promoting a read replica to be a standalone DB instance' (USER_ReadRepl.Promote): 'RDS reboots the DB instance before making it available. The promotion process can take several minutes or longer to complete, depending on the size of the read replica', ${READ}`,
      estimate:
        "'several minutes or longer' read as 3-15 min; the page gives no number. A replica in 'backing-up' status cannot be promoted, so a backup running at failure time adds its duration. Measure in a drill",
    } satisfies SourcedSeconds,
    rdsCrossRegionReplication: {
      mode: "asynchronous",
      rpo: {
        min: 0,
        max: Number.POSITIVE_INFINITY,
        basis: "official",
        source:
          "unbounded by any SLA: the data lost is the ReplicaLag (SELECT now() - pg_last_xact_replay_timestamp()) at the moment the source is lost (USER_PostgreSQL.Replication.ReadReplicas.Monitor)",
      },
      source:
        `Amazon RDS User Guide, 'Read replica configuration with PostgreSQL': 'an asynchronously created physical replica ... PostgreSQL asynchronously streams database changes', ${READ}`,
    } satisfies ReplicationFact,
    elasticacheFailover: {
      min: 15,
      max: 90,
      basis: "estimate",
      source:
        `Amazon ElastiCache User Guide, 'Minimizing downtime in ElastiCache by using Multi-AZ with Valkey and Redis OSS' (AutoFailover): promotes a read replica and propagates the primary endpoint's DNS name; gives no unplanned failover time (only 'up to a few seconds' for planned replacements on engine 4.0.10 and earlier), ${READ}`,
      estimate:
        "failure detection (tens of seconds) + replica promotion (seconds) + primary-endpoint DNS update and client reconnect; no official figure found. Run the TestFailover API in a drill to replace it",
    } satisfies SourcedSeconds,
    elasticacheReplication: {
      mode: "asynchronous",
      rpo: {
        min: 0,
        max: 10,
        basis: "estimate",
        source:
          `Amazon ElastiCache User Guide, 'Consistency' (Durability.Consistency): on durability-enabled Valkey clusters, synchronous writes lose nothing on failover and 'up to 10 seconds of acknowledged write operations may be lost' with asynchronous writes, ${READ}`,
        estimate: "classic (non-durable) replication groups are plain Redis asynchronous replication with no stated bound; the 10 s of the durable mode is used as the working bound",
      },
      source: "Redis OSS / Valkey asynchronous replication to read replicas (AutoFailover page)",
    } satisfies ReplicationFact,
    route53HealthCheck: {
      intervalSeconds: { default: 30, allowed: [10, 30] },
      failuresToUnhealthy: { default: 3, min: 1, max: 10 },
      // HTTP(S): TCP connect within 4 s, then a 2xx/3xx within 2 s.
      timeoutSeconds: { default: 6, min: 6, max: 6 },
      formula: "failuresToUnhealthy = FailureThreshold; unhealthy when 18% or fewer of the checkers see it healthy",
      source:
        `Amazon Route 53 Developer Guide, 'How Amazon Route 53 determines whether a health check is healthy' (dns-failover-determining-health-of-endpoints): intervals 10 or 30 s, failure threshold, 4 s connect + 2 s response, 18% rule, ${READ}; RequestInterval 'default value is 30 seconds' (Route 53 API HealthCheckConfig); FailureThreshold 1-10, default 3 (AWS News Blog, 'Route 53 Health Check Improvements - Faster Interval and Configurable Failover', ${READ})`,
    } satisfies ProbeDetection,
    route53HealthCheckDetection: {
      ...probeDetectionSeconds(30, 3, 6),
      basis: "estimate",
      source: "route53HealthCheck defaults",
      estimate: "probeDetectionSeconds(30, 3, 6) = 60-96 s; with RequestInterval 10 it is 20-36 s",
    } satisfies SourcedSeconds,
    /** From the health check turning unhealthy to Route 53 name servers answering with the secondary. */
    route53ActOnStatusChange: {
      min: 0,
      max: 60,
      basis: "estimate",
      source:
        `Amazon Route 53 Developer Guide, 'Editing records': 'Changes generally propagate to all Route 53 name servers within 60 seconds', ${READ}`,
      estimate:
        "no page states how fast a health-status change reaches the answers; the 60 s that record edits take to reach every name server is used as the upper bound",
    } satisfies SourcedSeconds,
    /**
     * How far the automated backups copied to the recovery region lag the source: hot-cold's database RPO.
     * RDS uploads transaction logs every 5 minutes and copies snapshots and logs as soon as they are ready.
     */
    backupCopyLag: {
      min: 300,
      max: 1800,
      basis: "official",
      source:
        "Amazon RDS User Guide, USER_PIT ('RDS uploads transaction logs for DB instances to Amazon S3 every five minutes') and USER_ReplicateBackups; AWS Prescriptive Guidance, 'Point-in-time recovery and snapshot copies across Regions' (rds-pitr-snapshot): an RPO of 5-30 minutes across Regions, read 2026-12-01",
    } satisfies SourcedSeconds,
  },

  azure: {
    flexibleServerZoneRedundantFailover: {
      min: 60,
      max: 120,
      basis: "official",
      source:
        "Microsoft Learn, 'High availability in Azure Database for PostgreSQL flexible server' (ms.date 2026-07-13), Recovery from zone failures: 'automatically fails over to the standby server within 60-120 seconds with zero data loss'; 'might take longer than 120 seconds because the standby replica needs to recover'; standby replays WAL at about 40 MB/s",
    } satisfies SourcedSeconds,
    flexibleServerHaReplication: {
      mode: "synchronous",
      rpo: { min: 0, max: 0, basis: "official", source: "'zero data loss'; 'Replication between the primary and standby server is synchronous'" },
      source: "Microsoft Learn, 'High availability in Azure Database for PostgreSQL flexible server' (ms.date 2026-07-13)",
    } satisfies ReplicationFact,
    /** Planned or Forced, to primary (virtual endpoints follow) or to standalone (connection strings must change). */
    flexibleServerReplicaPromotion: {
      min: 120,
      max: 900,
      basis: "estimate",
      source:
        "Microsoft Learn, 'Promote read replicas in Azure Database for PostgreSQL' (ms.date 2024-04-27): promotion 'isn't automatic'; Forced 'becomes operational once it processes WAL files needed to achieve the nearest consistent state' and 'the lag at the time you delink the replica ... indicates how much data is lost'; Planned first applies all pending logs",
      estimate:
        "no duration on the page; 2-15 min assumed for a restart into read-write plus WAL replay. Planned promotion adds the time to apply the current lag, so it is only for drills, not for a lost region",
    } satisfies SourcedSeconds,
    flexibleServerReplicaReplication: {
      mode: "asynchronous",
      rpo: {
        min: 0,
        max: Number.POSITIVE_INFINITY,
        basis: "official",
        source:
          "'there might be a delay, which typically ranges from a few seconds to minutes, and in some heavy workload or high-latency scenarios, this delay could extend to hours' (Read Replica Lag metric)",
      },
      source: "Microsoft Learn, 'Read replicas in Azure Database for PostgreSQL' (ms.date 2025-07-16): 'Replicas are updated asynchronously'",
    } satisfies ReplicationFact,
    managedRedisFailover: {
      min: 10,
      max: 15,
      basis: "official",
      source:
        "Microsoft Learn, 'Failover and patching for Azure Managed Redis' (ms.date 2026-02-26): 'an unplanned failover typically finishes within 10 to 15 seconds'; planned 'typically finishes in less than 1 second'; Reliability in Azure Managed Redis (ms.date 2026-01-12): zone failure downtime 'typically 10-15 seconds'",
    } satisfies SourcedSeconds,
    managedRedisReplication: {
      mode: "asynchronous",
      rpo: {
        min: 0,
        max: 10,
        basis: "estimate",
        source: "Reliability in Azure Managed Redis (ms.date 2026-01-12): shards 'use asynchronous replication'; 'Typically the amount of data loss is measured in seconds'",
        estimate: "'measured in seconds' bounded at 10 s; write-heavy caches lag more",
      },
      source: "Reliability in Azure Managed Redis (ms.date 2026-01-12)",
    } satisfies ReplicationFact,
    trafficManagerProbe: {
      intervalSeconds: { default: 30, allowed: [10, 30] },
      failuresToUnhealthy: { default: 4, min: 1, max: 10 },
      // 5-10 s at a 30 s interval (default 10), 5-9 s at 10 s (default 9).
      timeoutSeconds: { default: 10, min: 5, max: 10 },
      formula:
        "failuresToUnhealthy = tolerated number of failures (0-9, default 3) + 1: 'If the number of consecutive failures is higher than the Tolerated number of failures ... marked unhealthy'; the timeline marks it Degraded 'After a fourth consecutive failure'",
      source: "Microsoft Learn, 'Traffic Manager endpoint monitoring' (ms.date 2023-06-21)",
    } satisfies ProbeDetection,
    trafficManagerDetection: {
      ...probeDetectionSeconds(30, 4, 10),
      basis: "estimate",
      source: "trafficManagerProbe defaults",
      estimate: "probeDetectionSeconds(30, 3 + 1, 10) = 90-130 s; fast probing (10 s, tolerated 0-3, timeout 9) gives 0-49 s",
    } satisfies SourcedSeconds,
    /** How far Flexible Server's geo-redundant backup lags the server: hot-cold's database RPO. */
    backupCopyLag: {
      min: 0,
      max: 3600,
      basis: "official",
      source:
        "Microsoft Learn, 'Backup and restore in Azure Database for PostgreSQL' (concepts-backup-restore, ms.date 2026-07-05): 'There might be up to one hour of delay in data replication' to the paired region, 'you can expect up to one hour of RPO when you restore', read 2026-12-01",
    } satisfies SourcedSeconds,
  },

  gcp: {
    /**
     * Cloud SQL says when it starts a failover, not how long one takes; sub-second downtime on Enterprise Plus is
     * for planned maintenance, not for an unplanned zonal failover.
     */
    cloudSqlRegionalFailover: {
      min: 60,
      max: 120,
      basis: "estimate",
      source:
        `Cloud SQL for PostgreSQL, 'About high availability', When failover is triggered: 'The regional instance is unresponsive for approximately 60 seconds' (${READ}); third-party: 'フェイルオーバー時のダウンタイムは 60秒ほどの想定' with 1 s heartbeats (masasuzu, 'Cloud SQLの可用性', 2024-03-29)`,
      estimate:
        "60 s detection (official) + standby promotion and IP move (tens of seconds, not stated); no official unplanned failover duration found for either edition",
    } satisfies SourcedSeconds,
    cloudSqlHaReplication: {
      mode: "synchronous",
      rpo: { min: 0, max: 0, basis: "official", source: "'all writes made to the primary instance are replicated to disks in both zones before a transaction is reported as committed'" },
      source: `Cloud SQL, 'About high availability' (regional persistent disk, synchronous replication), ${READ}`,
    } satisfies ReplicationFact,
    cloudSqlReplicaPromotion: {
      min: 120,
      max: 900,
      basis: "estimate",
      source: `Cloud SQL, 'Replication in Cloud SQL' and gcloud sql instances promote-replica (promotes a read replica to a stand-alone instance), ${READ}`,
      estimate: "no duration stated; same 2-15 min assumption as the other managed PostgreSQL promotions (restart into read-write)",
    } satisfies SourcedSeconds,
    cloudSqlReplicaReplication: {
      mode: "asynchronous",
      rpo: {
        min: 0,
        max: Number.POSITIVE_INFINITY,
        basis: "official",
        source: "a read replica 'reflects changes to the primary in almost real time, in normal circumstances'; no bound is stated",
      },
      source: `Cloud SQL, 'Create read replicas', ${READ}`,
    } satisfies ReplicationFact,
    memorystoreStandardFailover: {
      min: 5,
      max: 30,
      basis: "estimate",
      source:
        `Memorystore for Redis, 'High availability': 'All connections to the primary endpoint are dropped'; 'The instance is unavailable for a few seconds' while the replica is promoted (${READ}); third-party: 'a brief interruption (typically under 30 seconds)' (oneuptime.com, 2026-02-17)`,
      estimate: "'a few seconds' of promotion plus detection time the page does not give; 30 s upper bound from the third-party observation",
    } satisfies SourcedSeconds,
    memorystoreStandardReplication: {
      mode: "asynchronous",
      rpo: {
        min: 0,
        max: 10,
        basis: "estimate",
        source: "'Redis asynchronous replication protocol'; 'the replica can lag by a few seconds' (Memorystore read replicas); failover can be limited with data-protection-mode limited-data-loss",
        estimate: "'a few seconds' bounded at 10 s",
      },
      source: `Memorystore for Redis, 'High availability' and 'About read replicas', ${READ}`,
    } satisfies ReplicationFact,
    /**
     * Cloud DNS routing-policy health checks are Compute Engine health checks. External endpoints need a global
     * check with three source regions, which forces checkIntervalSec >= 30; internal load balancers use the
     * backends' own checks (default 5 s).
     */
    cloudDnsHealthCheck: {
      intervalSeconds: { default: 5, allowed: [5, 30] },
      failuresToUnhealthy: { default: 2, min: 1, max: 10 },
      // The timeout may not exceed the interval.
      timeoutSeconds: { default: 5, min: 1, max: 30 },
      formula: "failuresToUnhealthy = unhealthyThreshold; with sourceRegions set, checkIntervalSec must be at least 30",
      source:
        `Cloud DNS, 'DNS routing policies and health checks' (${READ}); Compute Engine HealthCheck resource: checkIntervalSec 'default value is 5 seconds', unhealthyThreshold default 2, sourceRegions: 'The checkIntervalSec field must be at least 30' (${READ})`,
    } satisfies ProbeDetection,
    cloudDnsDetectionExternal: {
      ...probeDetectionSeconds(30, 2, 5),
      basis: "estimate",
      source: "cloudDnsHealthCheck, external endpoint (source regions)",
      estimate: "probeDetectionSeconds(30, 2, 5) = 30-65 s",
    } satisfies SourcedSeconds,
    cloudDnsDetectionInternalLb: {
      ...probeDetectionSeconds(5, 2, 5),
      basis: "estimate",
      source: "cloudDnsHealthCheck, internal load balancer backends at the defaults",
      estimate: "probeDetectionSeconds(5, 2, 5) = 5-15 s",
    } satisfies SourcedSeconds,
    /**
     * How old the newest backup in the recovery region can be: hot-cold restores a backup run, not a point in
     * time (docs/gcp.md, Hot-cold).
     */
    backupCopyLag: {
      min: 0,
      max: 28 * 3600,
      basis: "estimate",
      source: "Cloud SQL, 'About backups': one automated backup a day, started within the configured 4-hour backup window, written to the backup location (cloud.google.com/sql/docs/postgres/backup-recovery/backups), read 2026-12-01",
      estimate: "a day between automated backups plus the 4-hour window in which each starts: up to 28 hours since the last backup when the region fails",
    } satisfies SourcedSeconds,
  },

  /**
   * After the authoritative answer changes, clients keep the old one until their cache expires. The TTL is the
   * floor of that wait, not the ceiling: resolvers may clamp TTLs upward and runtimes (the JVM) cache on their own.
   */
  dnsTtl: {
    recommendedFailoverTtl: {
      value: 60,
      basis: "official",
      source: `AWS News Blog, 'Route 53 Health Check Improvements': 'set the TTL ... of the DNS records to 60 seconds', ${READ}`,
    } satisfies SourcedSetting,
    /** Multiplier on the record TTL: how long after the answer changes the slowest well-behaved client moves. */
    clientWaitInTtls: {
      min: 1,
      max: 2,
      basis: "estimate",
      source:
        "Traffic Manager endpoint monitoring (ms.date 2023-06-21): 'Clients continue to use the endpoint until the DNS cache expires'; Cloud DNS routing policies: 'Resolvers might cache and serve responses to multiple clients until the resource record's time to live (TTL) expires' (" +
        READ +
        "); hidekazu-konishi.com, 'Route 53 Health Check and Failover - Common Pitfalls and Designs' (resolver and JVM caching, " +
        READ +
        ")",
      estimate:
        "resolvers do honour the TTL as a maximum cache time (official, both pages), so a client waits up to one TTL per caching layer it passes (stub cache + recursive resolver): 1-2 x TTL. Resolvers that clamp small TTLs upward, and runtimes that ignore them (JVM networkaddress.cache.ttl=-1), wait longer or never move; the predictor should report those as outside the estimate",
    } satisfies SourcedSeconds,
  },

  /** Replication RPO of the buckets, each as "new objects replicated within": none is synchronous. */
  bucketReplication: {
    s3ReplicationTimeControl: {
      min: 0,
      max: 900,
      basis: "official",
      source:
        `Amazon S3 User Guide, 'Replicating objects with S3 Replication Time Control' (replication-walkthrough-5): most objects in seconds and 99.99% of them within 15 minutes (${READ}); S3 Replication Time Control SLA (last updated 2022-05-04): service credits only when the monthly 15-minute replication percentage falls below 99.9%`,
    } satisfies SourcedSeconds,
    /** Without RTC, S3 replication is best effort: no stated time. */
    s3ReplicationWithoutRtc: {
      min: 0,
      max: Number.POSITIVE_INFINITY,
      basis: "official",
      source: "Amazon S3 User Guide: RTC is the only S3 replication mode with a stated time; " + READ,
    } satisfies SourcedSeconds,
    azureObjectReplication: {
      min: 0,
      max: Number.POSITIVE_INFINITY,
      basis: "official",
      source:
        "Microsoft Learn, 'Object replication for block blobs': 'Object replication asynchronously copies block blobs' (" + READ + "); without the replication SLA there is no stated time (Azure PaaS blog, 'Monitor object replication status for storage account', " + READ + ": 'There's currently no SLA on how long it takes')",
    } satisfies SourcedSeconds,
    /** Object replication with the SLA enabled (priority replication); applies to new objects after bootstrap. */
    azureObjectReplicationWithSla: {
      min: 0,
      max: 900,
      basis: "official",
      source:
        "Microsoft Learn, 'Azure Object and Geo-Redundant Storage Replication SLA overview' (ms.date 2025-04-15): '99.9% of all Azure storage objects are replicated within 15 minutes during a billing month'; void above 1 Gbps ingress or 100 CopyBlob/s; GRS Priority Replication: Last Sync Time within 15 minutes 99.0% of the month",
    } satisfies SourcedSeconds,
    gcsCrossBucketReplication: {
      min: 60,
      max: Number.POSITIVE_INFINITY,
      basis: "official",
      source:
        `Storage Transfer Service, 'Use cross-bucket replication': most objects replicate within minutes, objects over 1 GiB can take hours, and cross-bucket replication provides no recovery point objective (RPO); deletions are not replicated ('Event-driven transfers'), ${READ}`,
    } satisfies SourcedSeconds,
    /** The one GCS option with a stated RPO, but it needs a dual-region bucket rather than two buckets. */
    gcsTurboReplication: {
      min: 0,
      max: 900,
      basis: "official",
      source: `Cloud Storage Rpo.ASYNC_TURBO: 'data in a dual-region bucket will replicate between regions within 15 minutes'; DEFAULT: 'no guarantee' (google-cloud-storage Java reference), ${READ}`,
    } satisfies SourcedSeconds,
  },
} as const;

/**
 * Typical create times, for a predicted `pulumi up`. Provider default create timeouts (aws_eks_cluster 30 min,
 * aws_db_instance 40 min, azurerm_managed_redis 45 min) are how long the provider waits, not how long creation
 * takes; they appear here only as evidence that creation can run long.
 */
export const CREATE_TIMES = {
  aws: {
    eksCluster: {
      min: 480,
      max: 1200,
      basis: "third-party",
      source:
        "AWS What's New, 'Amazon EKS reduces cluster creation time by 40%' (2021-03-19): 'create a new EKS cluster control plane in 9 minutes or less, on average' (quoted in aws-samples/eks-workshop PR #1101), an average, not a bound; third-party: 'Creation complete after 10m6s' (terraform-aws-modules/terraform-aws-eks PR #3218), about 913 s in eu-west-1 and 916 s in eu-central-1 (easontechtalk.com, 'Unofficial EKS cluster creation performance across AWS regions')",
    } satisfies SourcedSeconds,
    eksManagedNodeGroup: {
      min: 120,
      max: 600,
      basis: "estimate",
      source: "no page states it; node groups that fail to join are reported failing after 20+ min (terraform-aws-modules/terraform-aws-eks issues #1910, #2041)",
      estimate: "EC2 launch and bootstrap (1-3 min) + node registration and the managed node group's health wait; 10 min upper bound",
    } satisfies SourcedSeconds,
    rdsMultiAzInstance: {
      min: 600,
      max: 2400,
      basis: "third-party",
      source:
        "hashicorp/terraform issue #498 (2014-10-22): 'up to 15/20 minutes ... with multi_az on' versus 5-10 without; the upper end allows for a busy region, as the provider's 40 min default create timeout does",
    } satisfies SourcedSeconds,
    rdsCrossRegionReadReplica: {
      min: 900,
      max: 7200,
      basis: "estimate",
      source: "AWS blog 'Best practices for Amazon RDS for PostgreSQL cross-Region read replicas': creation takes a snapshot, copies it to the target Region, then starts WAL streaming, " + READ,
      estimate: "snapshot + cross-Region copy scale with allocated storage: 15 min for a small database, 2 h as a working ceiling for hundreds of GB; measure per size",
    } satisfies SourcedSeconds,
    elasticacheReplicationGroup: {
      min: 600,
      max: 1500,
      basis: "third-party",
      source:
        "hashicorp/terraform-provider-aws PR #17320 (2021-01-27) acceptance runs: multiAzInVpc 1086 s, vpc 1386 s (create + destroy)",
    } satisfies SourcedSeconds,
    natGateway: {
      min: 60,
      max: 300,
      basis: "third-party",
      source: "kubernetes/kops PR #944 (2016-11-18): NAT gateway 'can take up to 10 min ... from Pending to Available', review comment 'up to 5 min'",
    } satisfies SourcedSeconds,
  },
  azure: {
    aksCluster: {
      min: 300,
      max: 1200,
      basis: "third-party",
      source: "Azure/AKS issue #711 (2018-11-01): 'avg. ~ 20 min' (a user's observation); Azure/AKS issue #1017 (2019-05-28) states 5-15 min as what its reporter expected, not as measured",
    } satisfies SourcedSeconds,
    flexibleServerZoneRedundantHa: {
      min: 600,
      max: 2400,
      basis: "estimate",
      source: "no page states a create time; HA builds the standby from the primary and waits for Replicating Data -> Healthy (High availability status table, ms.date 2026-07-13)",
      estimate: "a server (5-15 min) plus a standby in another zone brought to Healthy (5-25 min)",
    } satisfies SourcedSeconds,
    flexibleServerReadReplica: {
      min: 300,
      max: 10800,
      basis: "estimate",
      estimate: "our reading of the page's 'minutes to several hours, depending on the primary size': a fresh primary of the stack's size seeds in minutes, a large one in hours",
      source:
        "Microsoft Learn, 'Read replicas in Azure Database for PostgreSQL' (ms.date 2025-07-16): same-region replicas use a snapshot, 'independent of the size of the data'; geo-replicas 'might range from minutes to several hours, depending on the primary size'; created only when lag is within 1 GB",
    } satisfies SourcedSeconds,
    managedRedis: {
      min: 900,
      max: 2700,
      basis: "estimate",
      estimate: "no measurement of Azure Managed Redis itself: the older Azure Cache for Redis's typical 20+ minutes, and acceptance tests that outran a 30 min timeout",
      source:
        "Azure/AzureCacheForRedis issue #6 (2021-04-20), Microsoft staff: '20+ minutes is a typical provisioning duration' (Azure Cache for Redis); hashicorp/terraform-provider-azurerm PR #30932 (2025-10-23): azurerm_managed_redis acceptance tests exceeded a 30 min create timeout",
    } satisfies SourcedSeconds,
  },
  gcp: {
    gkeRegionalCluster: {
      min: 300,
      max: 900,
      basis: "estimate",
      source: "hashicorp/terraform-provider-google PR #1441 (2018-05-04): TestAccContainerClusterDatasource_regional 401 s including destroy",
      estimate: "a regional control plane plus one default node per zone (3 zones); 5-15 min",
    } satisfies SourcedSeconds,
    gkeNodePool: {
      min: 120,
      max: 600,
      basis: "estimate",
      source: "no page states it",
      estimate: "Compute Engine instance group creation, boot and node registration in each zone; 2-10 min",
    } satisfies SourcedSeconds,
    cloudSqlRegionalInstance: {
      min: 600,
      max: 1500,
      basis: "third-party",
      source: "hashicorp/terraform-provider-google issue #14770 (2023-05-31), maintainer: 'taking 15-20 minutes is normal for this resource'",
    } satisfies SourcedSeconds,
    cloudSqlReadReplica: {
      min: 600,
      max: 3600,
      basis: "estimate",
      source: "no page states it; a replica starts from a copy of the primary",
      estimate: "an instance create (10-20 min, as above) plus the initial data copy, which grows with size and distance for a cross-region replica",
    } satisfies SourcedSeconds,
    memorystoreStandard: {
      min: 300,
      max: 900,
      basis: "estimate",
      source: "no page states it",
      estimate: "a primary and a replica node in two zones, 5-15 min",
    } satisfies SourcedSeconds,
  },
  helm: {
    kubePrometheusStack: {
      min: 60,
      max: 600,
      basis: "estimate",
      source:
        "prometheus-community/helm-charts issues #2935, #3168, #3630: installs block on the admission-webhook pre-install job ('failed pre-install: timed out waiting for the condition'); Helm's --wait default timeout is 5m0s",
      estimate:
        "CRDs + the admission-webhook certificate job + operator, Prometheus and Alertmanager StatefulSets with new volumes and Grafana: 1-3 min on warm nodes with cached images, up to 10 min when images pull and volumes provision",
    } satisfies SourcedSeconds,
  },
} as const;

import { DOCUMENTED_TARGETS, FAILURE_TYPES, RECOVERY_OBJECTIVES, type FailureType } from "../facts/recovery";
import { probeDetectionSeconds, SERVICE_TIMES } from "../facts/serviceTimes";
import { MANUAL_STEPS, OPERATOR_RESPONSE } from "./manualSteps";
import type { FailurePrediction, RecoveryPart, RecoveryPrediction, Seconds } from "./model";
import type { RecoverySettings } from "./settings";

const K = SERVICE_TIMES.kubernetes;
const part = (name: string, f: { min: number; max: number; basis: RecoveryPart["basis"]; source: string; estimate?: string }): RecoveryPart => ({ name, seconds: { min: f.min, max: f.max }, basis: f.basis, source: f.source, ...(f.estimate ? { estimate: f.estimate } : {}) });
const sum = (parts: RecoveryPart[]): Seconds => {
  const serial = parts.filter((p) => !p.concurrent);
  return { min: serial.reduce((s, p) => s + p.seconds.min, 0), max: serial.reduce((s, p) => s + p.seconds.max, 0) };
};
const longest = (parts: RecoveryPart[]): Seconds => ({ min: Math.max(...parts.map((p) => p.seconds.min)), max: Math.max(...parts.map((p) => p.seconds.max)) });
const ZERO: RecoveryPart = { name: "Committed data", seconds: { min: 0, max: 0 }, basis: "official", source: "synchronous replication or no state" };

/**
 * The health check of the load balancer an ingress LoadBalancer Service gets, as each cloud's controller sets it
 * by default: it keeps sending new connections to a dead node until this check fails.
 */
const INGRESS_LB_CHECK = {
  aws: { ...probeDetectionSeconds(30, 3, 10), basis: "official" as const, source: "kubernetes/cloud-provider-aws pkg/providers/v1/aws_loadbalancer.go: defaultNlbHealthCheckInterval 30, Timeout 10, Threshold 3 (the NLB of an aws-load-balancer-type: nlb Service)" },
  azure: { ...probeDetectionSeconds(5, 2, 5), basis: "estimate" as const, source: "cloud-provider-azure Service annotations azure-load-balancer-health-probe-interval (default 5) and -num-of-probe (default 2)", estimate: "the controller's documented defaults, not measured: probeDetectionSeconds(5, 2, 5)" },
  gcp: { ...probeDetectionSeconds(8, 3, 1), basis: "estimate" as const, source: "GKE LoadBalancer Service health check defaults for externalTrafficPolicy Cluster (check interval 8 s, unhealthy threshold 3, timeout 1 s)", estimate: "the documented defaults, not measured: probeDetectionSeconds(8, 3, 1)" },
};

/** Per cloud: the managed services' failover and promotion, the synchronous standby's and the replica's replication. */
const SERVICES = {
  aws: { dbFailover: SERVICE_TIMES.aws.rdsMultiAzFailover, dbSync: SERVICE_TIMES.aws.rdsMultiAzReplication, promotion: SERVICE_TIMES.aws.rdsReplicaPromotion, replica: SERVICE_TIMES.aws.rdsCrossRegionReplication, cacheFailover: SERVICE_TIMES.aws.elasticacheFailover, backupCopy: SERVICE_TIMES.aws.backupCopyLag, dnsAct: SERVICE_TIMES.aws.route53ActOnStatusChange },
  azure: { dbFailover: SERVICE_TIMES.azure.flexibleServerZoneRedundantFailover, dbSync: SERVICE_TIMES.azure.flexibleServerHaReplication, promotion: SERVICE_TIMES.azure.flexibleServerReplicaPromotion, replica: SERVICE_TIMES.azure.flexibleServerReplicaReplication, cacheFailover: SERVICE_TIMES.azure.managedRedisFailover, backupCopy: SERVICE_TIMES.azure.backupCopyLag, dnsAct: undefined },
  gcp: { dbFailover: SERVICE_TIMES.gcp.cloudSqlRegionalFailover, dbSync: SERVICE_TIMES.gcp.cloudSqlHaReplication, promotion: SERVICE_TIMES.gcp.cloudSqlReplicaPromotion, replica: SERVICE_TIMES.gcp.cloudSqlReplicaReplication, cacheFailover: SERVICE_TIMES.gcp.memorystoreStandardFailover, backupCopy: SERVICE_TIMES.gcp.backupCopyLag, dnsAct: undefined },
} as const;

/** A pod stops answering: its readiness probe fails and the Service stops sending it requests. */
function readinessLoss(): RecoveryPart[] {
  return [part("Readiness probe fails (Kubernetes defaults: every 10 s, 3 failures)", K.readinessDetection), part("Endpoint removed from the Service", K.endpointRemovalAfterUnready)];
}

/** A node goes silent: the control plane marks it NotReady after the grace period, and its pods leave the Services. */
function nodeLoss(s: RecoverySettings): RecoveryPart[] {
  const minor = s.kubernetesMinor ? Number(s.kubernetesMinor.split(".")[1]) : undefined;
  const grace = minor === undefined ? K.nodeMonitorGracePeriod : { ...K.nodeMonitorGracePeriod, min: minor >= 32 ? 50 : 40, max: minor >= 32 ? 50 : 40 };
  return [
    part(`Node marked NotReady (node-monitor-grace-period${minor !== undefined ? ` on 1.${minor}` : ""})`, grace),
    part("Node lifecycle controller's next look (node-monitor-period)", { min: 0, max: K.nodeMonitorPeriod.value, basis: K.nodeMonitorPeriod.basis, source: K.nodeMonitorPeriod.source }),
    part("Endpoints of its pods removed", K.endpointRemovalAfterUnready),
  ];
}

function prediction(s: RecoverySettings, failure: FailureType, p: Omit<FailurePrediction, "failure" | "target" | "findings">): FailurePrediction {
  const target = DOCUMENTED_TARGETS[s.pattern]?.[failure];
  const findings: string[] = [];
  const minutes = (x: number) => `${Math.round((x / 60) * 10) / 10} min`;
  if (target && p.rto && p.rto.max > target.rto.max) findings.push(`predicted RTO up to ${minutes(p.rto.max)}, beyond the documented ${minutes(target.rto.max)}`);
  if (target && p.rpo && p.rpo.max > target.rpo.max) {
    const unbounded = p.rpoParts.filter((x) => x.seconds.max === Infinity).map((x) => x.name.toLowerCase());
    findings.push(unbounded.length > 0 ? `predicted RPO has no upper bound (${unbounded.join("; ")}), where the docs give ${minutes(target.rpo.max)}` : `predicted RPO up to ${minutes(p.rpo.max)}, beyond the documented ${minutes(target.rpo.max)}`);
  }
  if (target && !p.survives) findings.push("the documented target assumes the stack survives this failure; it does not");
  return { failure, ...p, target, findings };
}

function pod(s: RecoverySettings): FailurePrediction {
  if (s.appReplicas >= 2) {
    const parts = readinessLoss();
    return prediction(s, "pod", { survives: true, recovery: "automatic", rto: sum(parts), rpo: { min: 0, max: 0 }, rtoParts: parts, rpoParts: [ZERO], how: `the other ${s.appReplicas - 1} replica(s) keep serving; the failed pod leaves the Service after its readiness probe fails` });
  }
  const parts = [...readinessLoss(), part("Container restarted and ready again", { min: 10, max: 60, basis: "estimate", source: "kubelet restart with back-off", estimate: "image already on the node; start-up and the first passing readiness probe" })];
  return prediction(s, "pod", { survives: true, recovery: "automatic", rto: sum(parts), rpo: { min: 0, max: 0 }, rtoParts: parts, rpoParts: [ZERO], how: "one replica: users wait for the restart" });
}

/** The ingress load balancer stops sending new connections to a dead node, alongside Kubernetes' own reaction. */
const lbCheck = (s: RecoverySettings): RecoveryPart => ({ ...part("The ingress load balancer's health check drops the node", INGRESS_LB_CHECK[s.cloud]), concurrent: true });

/** The longer of the serial parts and the concurrent ones: what users wait for. */
function whole(parts: RecoveryPart[]): Seconds {
  const serial = sum(parts);
  const side = parts.filter((p) => p.concurrent);
  return side.length === 0 ? serial : { min: Math.max(serial.min, ...side.map((p) => p.seconds.min)), max: Math.max(serial.max, ...side.map((p) => p.seconds.max)) };
}

function node(s: RecoverySettings): FailurePrediction {
  const parts = [...nodeLoss(s), lbCheck(s)];
  const spread = s.appReplicas >= 2;
  return prediction(s, "node", {
    survives: spread,
    recovery: spread ? "automatic" : "none",
    ...(spread ? { rto: whole(parts), rpo: { min: 0, max: 0 } } : {}),
    rtoParts: parts,
    rpoParts: [ZERO],
    how: spread
      ? `replicas on other nodes keep serving once the silent node's pods leave the Services; replacements are scheduled only after the ${K.notReadyTolerationSeconds.value} s not-ready toleration`
      : "a single replica on the lost node is replaced only after the not-ready toleration",
  });
}

function databaseParts(s: RecoverySettings): { rto: RecoveryPart[]; rpo: RecoveryPart[] } {
  const svc = SERVICES[s.cloud];
  const reconnect = part("Applications reconnect to the promoted standby", { min: 0, max: 30, basis: "estimate", source: "connection pools retry on error", estimate: "pools notice the dropped connection and reconnect to the same endpoint, which now points at the standby" });
  return { rto: [part("Managed database fails over to its standby in another zone", svc.dbFailover), reconnect], rpo: [part("Synchronous standby: committed transactions are on both", svc.dbSync.rpo)] };
}

function zone(s: RecoverySettings): FailurePrediction {
  const problems = [s.zones < 2 ? "its nodes are in one zone" : "", s.databaseHa !== "zone-redundant" ? `its database HA is ${s.databaseHa}` : "", !s.cacheFailover ? "its cache has no replica to fail over to" : "", s.appReplicas < 2 ? "DALP runs one replica" : ""].filter(Boolean);
  const db = databaseParts(s);
  const cache = part("Cache fails over to its replica in another zone", SERVICES[s.cloud].cacheFailover);
  const app: RecoveryPart = { name: "Workloads on the lost zone's nodes leave the Services and the load balancer", seconds: whole([...nodeLoss(s), lbCheck(s)]), basis: "estimate", source: "the node loss, for every node of the zone at once", estimate: "the longer of Kubernetes' node-loss parts and the ingress load balancer's health check" };
  const parts = [app, { ...db.rto[0], seconds: sum(db.rto), name: `${db.rto[0].name}, then applications reconnect` }, cache];
  return prediction(s, "zone", {
    survives: problems.length === 0,
    recovery: problems.length === 0 ? "automatic" : "none",
    ...(problems.length === 0 ? { rto: longest(parts), rpo: longest(db.rpo) } : {}),
    rtoParts: parts,
    rpoParts: db.rpo,
    how: problems.length === 0 ? "the workloads, the database and the cache recover side by side; the slowest sets the RTO" : `it does not survive: ${problems.join(", ")}`,
  });
}

/** A point-in-time restore into a new database: the way back when there is no standby to fail over to. */
function restoreParts(s: RecoverySettings): { rto: RecoveryPart[]; rpo: RecoveryPart[] } {
  return {
    rto: [
      OPERATOR_RESPONSE,
      part("Point-in-time restore into a new database", { min: 20 * 60, max: 120 * 60, basis: "estimate", source: "docs/backups.md, Restoring", estimate: "a new instance (as its create time) plus replaying WAL from the last snapshot; grows with size and write volume" }),
      part("DALP pointed at the restored database and validated", { min: 10 * 60, max: 30 * 60, basis: "estimate", source: "docs/backups.md", estimate: "a configuration change and pulumi up, then the product's restore checks" }),
    ],
    rpo: [part("Writes after the latest restorable time", { min: 0, max: 300, basis: "estimate", source: `continuous backup with ${s.backups.retentionDays ?? "?"} days of point-in-time recovery`, estimate: "the managed services archive WAL every few minutes: RDS's latest restorable time is typically within the last 5 minutes" })],
  };
}

function database(s: RecoverySettings): FailurePrediction {
  if (s.databaseHa !== "none") {
    const db = databaseParts(s);
    return prediction(s, "database", { survives: true, recovery: "automatic", rto: sum(db.rto), rpo: longest(db.rpo), rtoParts: db.rto, rpoParts: db.rpo, how: "the managed service promotes its synchronous standby and keeps the endpoint name" });
  }
  if (!s.backups.pitr) return prediction(s, "database", { survives: false, recovery: "none", rtoParts: [], rpoParts: [], how: "no standby and no point-in-time recovery: the data is lost with the database" });
  const restore = restoreParts(s);
  return prediction(s, "database", { survives: true, recovery: "manual", rto: sum(restore.rto), rpo: longest(restore.rpo), rtoParts: restore.rto, rpoParts: restore.rpo, how: "no standby: an operator restores the latest point in time into a new database (docs/backups.md)" });
}

function region(s: RecoverySettings): FailurePrediction {
  if (s.regions.length < 2 || !s.crossRegionReplica || !s.traffic) {
    if (s.backups.copiedTo.length === 0 || !s.clusterBackupsLeaveRegion) {
      return prediction(s, "region", { survives: false, recovery: "none", rtoParts: [], rpoParts: [], how: "no copy of the database backups and the cluster backups outside the region: nothing to rebuild from" });
    }
    const rebuild = [OPERATOR_RESPONSE, part("Rebuild in the recovery region: cluster, data services, restores and DALP", { min: 4 * 3600, max: 8 * 3600, basis: "estimate", source: RECOVERY_OBJECTIVES["hot-cold"].source, estimate: "the hot-cold estimate of facts/recovery.ts" })];
    const copy = part("Database backups not yet copied to the recovery region", SERVICES[s.cloud].backupCopy);
    return prediction(s, "region", { survives: true, recovery: "manual", rto: sum(rebuild), rpo: longest([copy]), rtoParts: rebuild, rpoParts: [copy], how: "one running region: the stack is rebuilt elsewhere from the copied backups" });
  }
  const svc = SERVICES[s.cloud];
  const t = s.traffic;
  const healthy = probeDetectionSeconds(t.intervalSeconds, t.passesToHealthy, t.timeoutSeconds);
  const wait = SERVICE_TIMES.dnsTtl.clientWaitInTtls;
  const noticed = s.standbyWatchesActive
    ? part("The standby's direct probes of the active region fail and DalpActiveRegionUnreachable pages", {
        min: 120,
        max: 120 + 30 + 60,
        basis: "estimate",
        source: "addons/monitoring/alertRules.ts: every address failing for 2 minutes, probed every 30 s; Alertmanager then routes it to the receiver of dalp:alerts.alertmanagerConfigSecret",
        estimate: "the rule's 2 minutes, plus up to one probe interval and Alertmanager's grouping wait",
      })
    : part("The loss is noticed and the on-call paged", {
        min: 5 * 60,
        max: 30 * 60,
        basis: "estimate",
        source: "no alert of the stack pages reliably on the loss of the active region (see the findings)",
        estimate: "assumed: monitoring outside the region, or users' reports; the stack's own alerts do not bound it",
      });
  const rto: RecoveryPart[] = [
    noticed,
    OPERATOR_RESPONSE,
    ...MANUAL_STEPS.slice(0, 2),
    part("Targeted pulumi preview and up of runbook steps 3, 4 and 6, each refreshing its targets", { min: 3 * 60, max: 9 * 60, basis: "estimate", source: "the runbook's targeted updates (docs/runbooks)", estimate: "three preview-and-up rounds of 1 to 3 minutes, around the service operations below" }),
    part("Standby database promoted (runbook step 3)", svc.promotion),
    ...(s.cloud === "gcp" ? [part("Backups and point-in-time recovery turned on on the promoted instance", { min: 0, max: 5 * 60, basis: "estimate" as const, source: "the flipped configuration: a primary takes backups (components/gcp/cloudSqlPostgres.ts)", estimate: "an instance update; enabling point-in-time recovery may restart the instance" })] : []),
    part("DALP in the standby region serves against the promoted database and routes the domain (runbook step 4)", { min: 60, max: 300, basis: "estimate", source: "the runbook's step 4: the warm workloads move to serving against the promoted database (same endpoint), and the DALP release routes the domain (addons/dalp/values.ts)", estimate: "a Helm upgrade that adds the route; the warm pods' connections re-established and ready; no cold start" }),
    {
      name: `Health checks see the standby healthy, DNS answers with it (${t.passesToHealthy} passing probe${t.passesToHealthy === 1 ? "" : "s"}, every ${t.intervalSeconds} s)`,
      seconds: { min: healthy.min + (svc.dnsAct?.min ?? 0), max: healthy.max + (svc.dnsAct?.max ?? 0) },
      basis: "estimate",
      source: "the stack's probe settings; the provider's count of passing probes; its propagation of a status change",
      estimate: "the warm standby failed its check (no route for the domain) until step 4, so the failover records answer with it only now",
    },
    { name: `Clients' cached answers expire (TTL ${t.ttlSeconds} s)`, seconds: { min: wait.min * t.ttlSeconds, max: wait.max * t.ttlSeconds }, basis: wait.basis, source: wait.source, estimate: wait.estimate },
    MANUAL_STEPS[2],
    MANUAL_STEPS[3],
  ];
  const bucketRpo: RecoveryPart =
    s.bucketReplication === "time-controlled"
      ? part("Bucket objects written in the last 15 minutes (S3 Replication Time Control)", SERVICE_TIMES.bucketReplication.s3ReplicationTimeControl)
      : s.bucketReplication === "replicated"
        ? { name: "Bucket objects not yet replicated: asynchronous, no time bound stated", seconds: { min: 0, max: Infinity }, basis: "official", source: "facts/serviceTimes.ts bucketReplication" }
        : { name: "Bucket objects (not replicated)", seconds: { min: 0, max: Infinity }, basis: "official", source: "no bucket replication" };
  const rpo: RecoveryPart[] = [
    {
      name: "Database replication lag at the moment of loss, while the lag alert is quiet",
      seconds: { min: 0, max: 360 },
      basis: "estimate",
      source: `${svc.replica.source.split(",")[0]}; the stack's lag alert: above 60 s for 5 minutes (addons/monitoring/alertRules.ts)`,
      estimate: "asynchronous: typically seconds; a quiet alert allows up to 60 s plus its 5 minutes. The exporter's lag reads 0 when no WAL arrives, so a stalled stream is not caught: no bound in the worst case",
    },
    bucketRpo,
  ];
  const findings = [
    ...(s.standbyWatchesActive ? [] : ["no alert of the stack pages on the loss of the active region: its Prometheus goes down with it, and the replica-lag metric reads 0 when no WAL arrives"]),
    "if the former primary answers again before runbook step 6 switches the records, health-checked DNS prefers it over the promoted standby: keep it frozen (step 1)",
  ];
  const p = prediction(s, "region", {
    survives: true,
    recovery: "manual",
    rto: sum(rto),
    rpo: longest(rpo),
    rtoParts: rto,
    rpoParts: rpo,
    how: "the runbook's manual failover: noticing, the operator, the promotion, the route and the DNS switch, and validation follow one another. Data loss is the larger of the database lag and the bucket replication; the standby's cache starts empty",
  });
  return { ...p, findings: [...findings, ...p.findings] };
}

const BY_FAILURE: Record<FailureType, (s: RecoverySettings) => FailurePrediction> = { pod, node, zone, database, region };

/** The predicted RTO and RPO of each failure type, from the stack's own settings, each part with its source. */
export function predictRecovery(s: RecoverySettings): RecoveryPrediction {
  return { stack: s.stack, cloud: s.cloud, pattern: s.pattern, failures: FAILURE_TYPES.map((f) => BY_FAILURE[f](s)) };
}

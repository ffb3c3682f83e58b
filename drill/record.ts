import { DALP_SECRETS } from "../addons/dalp/values";
import { dalpNamespaceSchedules } from "../addons/velero/rebuild";
import { BACKUP_STORAGE_LOCATION } from "../addons/velero/schedule";
import { UsageError } from "../cli/exitCodes";
import type { Cloud, Pattern } from "../config/types";
import { DRILL_EVIDENCE, DRILL_EVIDENCE_SOURCE, type DrillEvidenceItem } from "../facts/drills";
import { DOCUMENTED_TARGETS } from "../facts/recovery";
import { revealSecrets, type Plan } from "../planner/model";
import { commandsFor } from "../runbook/commands";
import type { Command, Name } from "../runbook/model";
import { kubeconfigFile, ref } from "../runbook/names";
import { planNamer } from "../runbook/fromPlan";

/** One line of the evidence form: what is known from the stack, and the commands that read the rest. */
export interface EvidenceEntry {
  item: DrillEvidenceItem;
  why: string;
  /** What the stack already knows of it. */
  known: Array<{ label: string; value: string }>;
  /** What the operator runs to fill it in, read only. */
  read: Command[];
  /** What the operator records. */
  record: string;
}

export interface DrillRecord {
  project: string;
  stack: string;
  cloud: Cloud;
  pattern: string;
  region: string;
  namespace: string;
  restore: string;
  pointInTime: string;
  /** The database recovery the drill proves, against the stack's declared target or the documented one. */
  target: { rto: string; rpo: string; source: string };
  lastRun?: string;
  entries: EvidenceEntry[];
  source: string;
}

interface DrillOutput {
  running: boolean;
  region?: string;
  namespace?: string;
  pointInTime?: string;
  restore?: string;
  postgres?: { identifier?: string; host?: string };
  lastRun?: string;
}

/** DOCUMENTED_TARGETS hold seconds. */
const minutes = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);

/** The target the drill is held to: the stack's own `dalp:recoveryTargets.database`, else the docs' for its pattern. */
function targetOf(plan: Plan, pattern: Pattern): DrillRecord["target"] {
  const declared = ((plan.outputs.recoveryTargets ?? {}) as Record<string, { rtoMinutes?: number; rpoMinutes?: number }>).database;
  // A restore drill proves the restore path: the database's target, or where the docs give none for the pattern,
  // the region's, which hot-warm and hot-cold recover through the same copies.
  const documented = DOCUMENTED_TARGETS[pattern].database ?? DOCUMENTED_TARGETS[pattern].region;
  const rto = declared?.rtoMinutes !== undefined ? `${declared.rtoMinutes} min` : documented ? minutes(documented.rto.max) : "not set";
  const rpo = declared?.rpoMinutes !== undefined ? `${declared.rpoMinutes} min` : documented ? minutes(documented.rpo.max) : "not set";
  const source = declared ? "dalp:recoveryTargets.database" : documented ? documented.source : "none: set dalp:recoveryTargets.database";
  return { rto, rpo, source };
}

/**
 * The evidence form of the stack's running restore drill (product docs, backup and recovery: Restore evidence to
 * keep), read from its offline plan: the values the stack knows filled in, and for the rest the read-only
 * commands that give them. A stack that runs no drill has nothing to record: the error names the key.
 */
export function drillRecord(plan: Plan, config: { project: string; cloud: Cloud; pattern: Pattern; account?: string }): DrillRecord {
  const outputs = revealSecrets(plan.outputs) as { drill?: DrillOutput; regions?: Record<string, { buckets?: { app?: string } }> };
  const drill = outputs.drill;
  if (!drill?.running || !drill.region || !drill.namespace) {
    throw new UsageError(`${plan.stack} runs no restore drill: set dalp:drill.enabled to true (and pulumi up) first; dalp:drill.lastRun records the last one (${drill?.lastRun ?? "none recorded"})`);
  }
  const name = planNamer(plan);
  const region = drill.region;
  const ns = drill.namespace;
  const kube = `kubectl --kubeconfig ${kubeconfigFile(region)}`;
  const calls = `the Kubernetes API of ${region}`;
  const cloud = commandsFor(config.cloud);
  const project = config.cloud === "gcp" ? config.account : undefined;
  const db: Name = name(drill.postgres?.identifier, "drill", ".postgres.identifier");
  const bucket: Name = name(outputs.regions?.[region]?.buckets?.app, "regions", `.["${region}"].buckets.app`);
  // Each drill's Restore has a name of its own (patterns/drill.ts), known once the drill is deployed.
  const restoreName = ref(name(drill.restore, "drill", ".restore"));
  const restoreOf = (path: string, expect: string): Command => ({ run: `${kube} -n velero get restores.velero.io ${restoreName} -o jsonpath='${path}'`, expect, calls });
  const pointInTime = drill.pointInTime ?? "latest restorable";
  const target = targetOf(plan, config.pattern);

  const entry = (item: DrillEvidenceItem, known: EvidenceEntry["known"], read: Command[], record: string): EvidenceEntry => ({
    item,
    why: DRILL_EVIDENCE.find((e) => e.item === item)!.why,
    known,
    read,
    record,
  });
  const entries: EvidenceEntry[] = [
    entry(
      "backup name and creation time",
      [{ label: "restored from", value: `the latest completed backup of ${dalpNamespaceSchedules().join(", ")} in location ${BACKUP_STORAGE_LOCATION}, started no later than the point in time` }],
      [
        restoreOf("{.spec.backupName}", "the backup the drill restored"),
        { run: `velero --kubeconfig ${kubeconfigFile(region)} backup describe "$(${kube} -n velero get restores.velero.io ${restoreName} -o jsonpath='{.spec.backupName}')"`, expect: "Phase Completed, its Started and Completed times", calls },
      ],
      "the backup's name and its start and completion times (UTC)",
    ),
    entry(
      "restore target timestamp",
      [{ label: "point in time", value: pointInTime }, { label: "drill database", value: ref(db) }],
      [cloud.describeDatabase({ region, identifier: ref(db), project }, "the drill's database, restored beside production: available")],
      "the point in time the database was restored to, and when the restore was started",
    ),
    entry(
      "database checkpoint or WAL end",
      [{ label: "connection", value: `Secret ${DALP_SECRETS.postgres} (key url) in namespace ${ns}` }],
      [
        {
          run: `${kube} -n ${ns} run drill-psql --rm -i --restart=Never --image=postgres:17 --overrides='${JSON.stringify({ spec: { containers: [{ name: "drill-psql", image: "postgres:17", stdin: true, command: ["psql", "$(url)", "-c", "SELECT checkpoint_lsn, redo_lsn, timeline_id, checkpoint_time FROM pg_control_checkpoint(); SELECT pg_current_wal_lsn(), now();"], envFrom: [{ secretRef: { name: DALP_SECRETS.postgres } }] }] } })}'`,
          expect: "the restored database's last checkpoint and WAL position: its checkpoint time no later than the point in time, before DALP started",
          calls,
        },
      ],
      "the checkpoint LSN and time and the WAL end, with the query's output",
    ),
    entry(
      "restored namespace inventory",
      [{ label: "namespace", value: ns }, { label: "restore", value: restoreName }],
      [
        { run: `velero --kubeconfig ${kubeconfigFile(region)} restore describe ${restoreName} --details`, expect: "Phase Completed, no errors, every volume restored", calls },
        { run: `${kube} -n ${ns} get deployment,statefulset,service,secret,configmap,ingress,pvc`, expect: "workloads, services, secrets, config maps and claims restored and bound; no ingress (the drill takes no traffic)", calls },
      ],
      "the inventory's output and the restore's item counts",
    ),
    entry(
      "object version check",
      [{ label: "application bucket", value: ref(bucket) }],
      [cloud.objectVersions({ region, name: ref(bucket), project, stack: plan.stack })],
      "a sample of objects the restored state references, each present at a version no newer than the restore point",
    ),
    entry(
      "application health checks",
      [{ label: "namespace", value: ns }],
      [
        { run: `${kube} -n ${ns} wait --for=condition=Ready pods --all --timeout=15m`, expect: "every DALP pod of the drill Ready against the restored database", calls },
        { run: `${kube} -n ${ns} get pods -o wide`, expect: "no restarts climbing; pods spread over the zones", calls },
      ],
      "the checks run, their results and times",
    ),
    entry(
      "reconciliation result",
      [],
      [],
      "indexed, off-chain and on-chain state compared against the chain as of the restore point, and the result; a drill that needs a manual step not in Git or the runbook has failed until it is written down (product docs, Recovery checks)",
    ),
    entry(
      "achieved RTO and RPO",
      [{ label: "target RTO", value: `${target.rto} (${target.source})` }, { label: "target RPO", value: `${target.rpo} (${target.source})` }],
      [
        { run: `pulumi stack history --json --stack ${plan.stack} | jq -r '.[0] | .startTime, .endTime'`, expect: "when the update that started the drill began and ended", calls: "the Pulumi state backend only" },
        restoreOf("{.status.completionTimestamp}", "when the namespace restore completed"),
      ],
      "achieved RTO: from the drill's start to the last health check passing; achieved RPO: the point in time against the backup's start and the checkpoint time; both against the targets, met or missed",
    ),
  ];
  return {
    project: config.project,
    stack: plan.stack,
    cloud: config.cloud,
    pattern: config.pattern,
    region,
    namespace: ns,
    restore: restoreName,
    pointInTime,
    target,
    ...(drill.lastRun ? { lastRun: drill.lastRun } : {}),
    entries,
    source: DRILL_EVIDENCE_SOURCE,
  };
}

import { REBUILD_RESTORE } from "../addons/velero/rebuild";
import { cite } from "../facts/source";
import type { Command, RunbookStep } from "./model";
import { kubeconfigFile, ref } from "./names";
import { database, evidence, kubeconfig, kubectl, region, sh, stateDeleteCommands, type StepContext } from "./steps";

/** Everything the rebuild's steps read: the failover's context, less its traffic and failed-region settings. */
export type RebuildContext = Pick<StepContext, "commands" | "project" | "stack" | "from" | "to" | "names" | "project_id" | "rpo" | "targetSet"> & {
  /** The health path the stack's checks use. */
  healthPath: string;
};

/** The rebuild's one targeted update, in which every target sits. */
export const REBUILD_STEP = 4;

/** "Test recovery in an isolated environment before routing clients back", and the drill loop's order. */
export const REBUILD_STOP_RULE = {
  text: "If the database restore, the namespace restore or the DALP health checks fail, stop before routing users: a rebuilt region that serves a partial restore turns an outage into data loss. Fix and repeat the failed step; the restore is idempotent.",
  source: `${cite("backup", "Recovery checks")}; ${cite("backup", "Recovery boundary")}`,
};

const SOURCE = (n: number) => `${cite("backup", "Recovery checks")}; hot-cold rebuild, step ${n} (docs/recovery.md, Hot-cold rebuild)`;

/** `pulumi preview` then `pulumi up`, restricted to the rebuilt region and the global component. */
function targetedRebuild(ctx: RebuildContext): Command[] {
  const verbs = [
    { verb: "preview --diff", expect: `creates under ${ctx.to}'s stamp only; no replace or delete of a database, bucket, key or volume` },
    { verb: "up --yes", expect: "the update succeeds once the database and the DALP namespace are restored and DALP is installed; keep its output and the update number" },
  ];
  const urns = ctx.targetSet?.targets.map((t) => t.urn) ?? [];
  const targets = urns.length
    ? urns.map((u) => `  --target ${sh(u)}`).join(" \\\n")
    : `$(npx dalp-ha runbook --config Pulumi.${ctx.stack}.yaml --format json | jq -r '.targetSet.targets[] | "--target=" + .urn')`;
  return [
    ...stateDeleteCommands(ctx.stack, ctx.targetSet, ctx.from),
    ...verbs.map(({ verb, expect }) => ({ run: urns.length ? `pulumi ${verb} --stack ${ctx.stack} \\\n${targets}` : `pulumi ${verb} --stack ${ctx.stack} ${targets}`, expect, calls: `only the targeted resources: ${ctx.to}'s and the global ones` })),
  ];
}

/**
 * The rebuild of hot-cold's recovery region from the copies it holds, step by step, each with its owner, its
 * expected duration, its stop condition and the evidence it produces. The hot-cold pattern has no page of its
 * own: the steps follow the backup page's drill loop (restore the database, restore the namespace, start DALP,
 * validate, record) around the configuration change that builds the region.
 */
export function rebuildSteps(ctx: RebuildContext): RunbookStep[] {
  const { from, to, commands: cloud } = ctx;
  const old = region(ctx, from);
  const next = region(ctx, to);
  const ns = ref(next.namespace);
  const step = (number: number, fields: Omit<RunbookStep, "number" | "source">): RunbookStep => ({ number, ...fields, source: SOURCE(number) });
  return [
    step(1, {
      title: "Declare the incident and freeze the home region",
      owner: "incident commander",
      duration: "5-15 minutes (an estimate: a decision and, where the region answers, one scale command)",
      summary: `Record the decision to rebuild ${to} from its copies, and stop DALP in ${from} if it still answers: writes accepted there after the copies' last point are lost, and two regions writing diverge.`,
      resources: [{ label: `${from} cluster`, name: old.cluster }, { label: "DALP namespace", name: old.namespace }],
      commands: [
        kubeconfig(ctx, from),
        kubectl(ctx, from, `-n ${ref(old.namespace)} scale deployment,statefulset --all --replicas=0`, `no DALP pod writes in ${from}; no answer means the region is down and nothing there writes`),
      ],
      stop: "Without a named incident commander and a recorded decision, do not start. If the home region can be recovered in place within the RTO, that is cheaper than a rebuild.",
      evidence: [evidence("incident decision", `who decided, when (UTC), on which signal, and whether ${from} was frozen or already unreachable`)],
    }),
    step(2, {
      title: "Choose the restore point from the copies",
      owner: "database operator",
      duration: "10-20 minutes (an estimate)",
      summary: `Read what the copies in ${to} hold: the latest restorable time of ${from}'s database backups there and the newest Velero backup replicated there. The point in time is the latest both cover, or an earlier one before a corruption.`,
      resources: [{ label: `${from} database`, name: old.postgres.identifier }, { label: `${to} backup bucket`, name: next.buckets.backup }],
      commands: [
        ...(cloud.latestBackup
          ? [{ ...cloud.latestBackup(database(ctx, to), database(ctx, from)), expect: `the latest restorable time of ${ref(old.postgres.identifier)}'s backups held for ${to}: the newest point the rebuild can restore` }]
          : []),
        {
          run: `npx dalp-ha runbook --config Pulumi.${ctx.stack}.yaml --format json | jq '.recoveryObjectives'`,
          expect: `the pattern's targets (RPO ${ctx.rpo}); the gap between the failure and the restore point is the data lost`,
          calls: "nothing: the stack file, offline",
        },
      ],
      stop: `If the copies hold no point inside the RPO (${ctx.rpo}), stop and escalate: the rebuild would lose more than the deployment accepts.`,
      evidence: [
        evidence("replica or backup timestamp", "the restore point chosen, the database's latest restorable time and the Velero backup's start time, with the command outputs"),
        evidence("data-loss assessment", `writes between the restore point and the failure are lost; bucket objects replicated from ${from} lag by the replication's own RPO`),
      ],
    }),
    step(3, {
      title: "Configure the rebuild and check it offline",
      owner: "platform operator",
      duration: "5-10 minutes",
      summary: `Set dalp:recover: the recovery region becomes the active one, its database restored as a new resource. Check offline that the change creates only in ${to} and replaces nothing.`,
      resources: [],
      commands: [
        ...(cloud.beforeRebuild?.({ region: to, stack: ctx.stack }) ?? []),
        { run: `pulumi config set --path dalp:recover.region ${to} --stack ${ctx.stack}`, expect: `${to} is the active region of the stack file`, calls: "the Pulumi state backend only" },
        { run: `pulumi config set --path dalp:recover.pointInTime <YYYY-MM-DDTHH:MM:SSZ> --stack ${ctx.stack}`, expect: "only for a point before the latest: the restore point of step 2; left unset, the database restores to the latest the copies hold", calls: "the Pulumi state backend only" },
        { run: `pulumi stack export --stack ${ctx.stack} > state.json && npx dalp-ha diff --config Pulumi.${ctx.stack}.yaml --state state.json`, expect: `creates under ${to}'s stamp; no replace; in ${from} only the isolation, which waits for its return`, calls: "the Pulumi state backend only" },
      ],
      stop: "If the diff replaces or deletes a database, bucket or key, or the configuration is refused, do not run the update: the refusal names the key and what it takes.",
      evidence: [evidence("operator actions", "the two config commands and the diff's output")],
    }),
    step(REBUILD_STEP, {
      title: `Rebuild ${to}`,
      owner: "platform operator",
      duration: "60-180 minutes (an estimate: network and cluster about 15-25 minutes, the database restore from the copies 15 minutes to 2 hours by size, then Velero's restore of the DALP namespace and the charts)",
      summary: `One targeted update builds ${to}: network, cluster, the restored database, cache, Velero with a read-only location on ${from}'s replicated backups, the restore of the DALP namespace (pods and volumes included) no later than the point in time, and DALP on the restored database. It asks nothing of ${from}, whose API may be down: the replication the change drops there, which the engine would refuse to leave behind, is first removed from the state alone.`,
      resources: [{ label: `${to} database (new)`, name: next.postgres.identifier }, { label: `${to} cluster (new)`, name: next.cluster }],
      commands: targetedRebuild(ctx),
      ...(ctx.targetSet ? { targets: ctx.targetSet.targets.map((t) => t.urn) } : {}),
      stop: `If the update fails on the database restore or on the restore job (${REBUILD_RESTORE}), do not route users; read the failure (next step's commands) and rerun the update: a failed job is replaced and its failed Restore deleted before a new one.${cloud.rebuildCaveat ? ` On ${cloud.cloud}: ${cloud.rebuildCaveat}.` : ""}`,
      evidence: [evidence("operator actions", "the update's output and number (pulumi stack history)")],
    }),
    step(5, {
      title: "Verify the restore",
      owner: "database operator",
      duration: "15-30 minutes",
      summary: `Confirm what was restored before anyone is routed to it: which backup, which point, and that the namespace holds its workloads, secrets, services and volumes.`,
      resources: [{ label: "restore", name: { value: REBUILD_RESTORE } }, { label: "DALP namespace", name: next.namespace }],
      commands: [
        kubeconfig(ctx, to),
        kubectl(ctx, to, `-n velero get restores.velero.io ${REBUILD_RESTORE} -o jsonpath='{.spec.backupName} {.status.phase} {.status.completionTimestamp}'`, "the backup restored, Completed, and when"),
        { run: `velero --kubeconfig ${kubeconfigFile(to)} restore describe ${REBUILD_RESTORE} --details`, expect: "no errors; every item and volume restored", calls: `the Kubernetes API of ${to}` },
        kubectl(ctx, to, `-n ${ns} get deployment,statefulset,service,secret,configmap,ingress,pvc`, "the namespace inventory: workloads, services, secrets, ingress and claims, each bound"),
        cloud.describeDatabase(database(ctx, to), "the restored database is available, in the recovery region"),
        // A restore, like a promotion, can leave settings the cloud takes only as a request of their own.
        ...(cloud.afterPromotion?.(database(ctx, to)) ?? []),
      ],
      stop: "A PartiallyFailed restore or a claim left Pending is a failed restore: stop.",
      evidence: [evidence("validation checks", "the restore's backup name and phase, the namespace inventory, the database's state")],
    }),
    step(6, {
      title: "Switch traffic",
      owner: "platform operator",
      duration: "5 minutes plus the domain's TTL",
      summary: `Point the domain at ${to}'s ingress addresses; the stack does not own the domain's records in hot-cold.`,
      resources: next.ingressAddresses.map((a, i) => ({ label: `${to} ingress address ${i + 1}`, name: a })),
      commands: [{ run: `pulumi stack output regions --json --stack ${ctx.stack} | jq -r '.["${to}"].ingressAddresses[]'`, expect: "the addresses to point the domain's A records at", calls: "the Pulumi state backend only" }],
      stop: "Do not switch before step 5 passed.",
      evidence: [evidence("route switch", "the record change, its time (UTC) and the TTL")],
    }),
    step(7, {
      title: "Validate and reconcile",
      owner: "application owner",
      duration: "30-60 minutes",
      summary: "Check that DALP serves from the restored state and reconcile indexed, off-chain and on-chain state before declaring the service back.",
      resources: [{ label: "DALP namespace", name: next.namespace }],
      commands: [
        kubectl(ctx, to, `-n ${ns} get pods`, "every DALP pod Running and Ready"),
        { run: `curl -fsS https://<domain>${ctx.healthPath}`, expect: "200 from the rebuilt region once DNS answers with it", calls: "the rebuilt region's ingress" },
      ],
      stop: "If reconciliation finds indexed state that the chain contradicts, stop serving writes until it is resolved.",
      evidence: [evidence("validation checks", "health checks and their times"), evidence("reconciliation result", "indexed, off-chain and on-chain state compared, with the result")],
    }),
    step(8, {
      title: `Keep ${from} isolated`,
      owner: "incident commander",
      duration: "until reconciliation decides",
      summary: `${from} stays declared, isolated: when it answers again a full pulumi up scales its DALP to zero and removes replication out of it. Keep dalp:recover set; the return of ${from} is not described by this stack.`,
      resources: [{ label: `${from} database`, name: old.postgres.identifier }],
      commands: [{ run: `pulumi preview --diff --stack ${ctx.stack}`, expect: `once ${from} answers: its isolation only, nothing in ${to}`, calls: `both regions' APIs` }],
      stop: `Do not delete ${from}'s database: it holds the writes after the restore point, which reconciliation may need.`,
      evidence: [evidence("reconciliation result", "what of the former region's data was reconciled, and the achieved RTO and RPO against the targets")],
    }),
  ];
}

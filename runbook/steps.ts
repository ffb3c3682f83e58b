import { VELERO_NAMESPACE, MONITORING_NAMESPACE } from "../addons/shared/labels";
import { cite } from "../facts/source";
import type { CloudCommands, DatabaseRef } from "./commands/types";
import type { Command, Name, RunbookStep, StepEvidence, TargetSet } from "./model";
import { kubeconfigFile, ref, type RegionNames, type RunbookNames } from "./names";
import { SEQUENCE, STEP, STOP_RULE, stepSource, type StepKey } from "./sequence";
import { targetsOfStep } from "./targets";

/** Everything the cloud-neutral steps read: the stack's names, its traffic settings, and the cloud's commands. */
export interface StepContext {
  commands: CloudCommands;
  project: string;
  stack: string;
  /** The current primary, being left. */
  from: string;
  /** The region that takes over. */
  to: string;
  names: RunbookNames;
  traffic: { zone?: string; ttlSeconds: number; healthPath: string; intervalSeconds: number; failureThreshold: number };
  /** The Google Cloud project, for gcloud. */
  project_id?: string;
  /** The failed region's place in `dalp:regions`, and whether its zones are already given by name. */
  fromRegion: { index: number; zonesNamed: boolean };
  /** The RPO of the pattern, for the stop condition of step 2. */
  rpo: string;
  targetSet?: TargetSet;
}

export const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function region(ctx: Pick<StepContext, "names">, name: string): RegionNames {
  const r = ctx.names.regions[name];
  if (!r) throw new Error(`the stack outputs name no region ${name}`);
  return r;
}

export function database(ctx: Pick<StepContext, "names" | "project_id">, name: string): DatabaseRef {
  const r = region(ctx, name);
  return { region: name, identifier: ref(r.postgres.identifier), resourceGroup: r.postgres.resourceGroup ? ref(r.postgres.resourceGroup) : undefined, project: ctx.project_id };
}

export function kubeconfig(ctx: Pick<StepContext, "names" | "stack">, name: string): Command {
  return {
    run: `pulumi stack output kubeconfigs --show-secrets --json --stack ${ctx.stack} | jq -r '.["${name}"]' > ${kubeconfigFile(name)}`,
    expect: `a kubeconfig for ${name}'s cluster ${ref(region(ctx, name).cluster)}; it holds no credential, it runs the cloud's token plugin`,
    calls: "the Pulumi state backend only",
  };
}

export function kubectl(_ctx: unknown, name: string, args: string, expect: string): Command {
  return { run: `kubectl --kubeconfig ${kubeconfigFile(name)} ${args}`, expect, calls: `the Kubernetes API of ${name}` };
}

/**
 * Before the first targeted update: what the change drops in the failed region that depends on a target, removed
 * from the state only (TargetSet.stateDeletes), so the engine neither refuses the update nor asks that region.
 */
export function stateDeleteCommands(stack: string, set: TargetSet | undefined, failed: string): Command[] {
  return (set?.stateDeletes ?? []).map((urn) => ({
    run: `pulumi state delete ${sh(urn)} --stack ${stack} --yes`,
    expect: `removed from the state, not from the cloud: ${failed}'s APIs are not called; it stays there until ${failed} returns, and is reconciled then`,
    calls: "the Pulumi state backend only",
  }));
}

/** `pulumi preview` then `pulumi up` restricted to one step's targets. */
function targetedUpdate(ctx: StepContext, step: number): Command[] {
  const verbs = [
    { verb: "preview --diff", expect: "update or same on every targeted resource, never replace or delete of a database, bucket, key or volume" },
    { verb: "up --yes", expect: "the update succeeds; keep its output and the update number (pulumi stack history)" },
  ];
  if (ctx.targetSet) {
    const urns = targetsOfStep(ctx.targetSet, step);
    if (urns.length === 0) return [];
    const first = Math.min(...ctx.targetSet.targets.flatMap((t) => t.steps));
    return [...(step === first ? stateDeleteCommands(ctx.stack, ctx.targetSet, ctx.from) : []), ...verbs.map(({ verb, expect }) => ({
      run: [`pulumi ${verb} --stack ${ctx.stack}`, ...urns.map((u) => `  --target ${sh(u)}`)].join(" \\\n"),
      expect,
      calls: `only the targeted resources: ${ctx.to}'s and the global ones`,
    }))];
  }
  // The stack output cannot know URNs of the flipped plan; the CLI computes them offline from the stack file.
  const targets = `$(npx dalp-ha runbook --config Pulumi.${ctx.stack}.yaml --failover-to ${ctx.to} --format json | jq -r '.targetSet.targets[] | select(.steps | index(${step})) | "--target=" + .urn')`;
  return verbs.map(({ verb, expect }) => ({ run: `pulumi ${verb} --stack ${ctx.stack} ${targets}`, expect, calls: `only the targeted resources: ${ctx.to}'s and the global ones` }));
}

export function evidence(item: StepEvidence["item"], keep: string): StepEvidence {
  return { item, keep };
}

function step(key: StepKey, fields: Omit<RunbookStep, "number" | "title" | "owner" | "source" | "targets">, ctx: StepContext): RunbookStep {
  const s = SEQUENCE.find((x) => x.key === key)!;
  const targets = ctx.targetSet ? targetsOfStep(ctx.targetSet, s.number) : undefined;
  return { number: s.number, title: s.title, owner: s.owner, ...fields, ...(targets ? { targets } : {}), source: stepSource(s.number) };
}

const named = (label: string, name: Name | undefined) => (name ? [{ label, name }] : []);

/** The page's eight steps for this stack, in order. */
export function failoverSteps(ctx: StepContext): RunbookStep[] {
  const { from, to, commands: cloud } = ctx;
  const old = region(ctx, from);
  const next = region(ctx, to);
  const ns = ref(next.namespace);
  const oldNs = ref(old.namespace);
  const host = ctx.names.traffic ? ref(ctx.names.traffic.hostname) : undefined;
  const trafficRef = ctx.names.traffic ? { zone: ctx.traffic.zone, hostname: ref(ctx.names.traffic.hostname), routing: ref(ctx.names.traffic.routing), project: ctx.project_id } : undefined;
  const detection = ctx.traffic.intervalSeconds * ctx.traffic.failureThreshold;
  const lagAlert = next.alertRules.find((a) => /ReplicationLag/.test(a));

  return [
    step("declare", {
      summary: `Name the incident commander, record the decision to fail over from ${from} to ${to}, and stop writes in ${from} if it still answers: a write accepted there after the replica's last applied change is lost at promotion.`,
      resources: [...named(`${from} cluster`, old.cluster), ...named("DALP namespace", old.namespace), ...named("domain", ctx.names.traffic?.hostname)],
      commands: [
        kubeconfig(ctx, from),
        kubectl(ctx, from, `-n ${oldNs} get pods`, `an answer means ${from} still runs DALP: freeze it (next command); no answer means the region is down and nothing there can write`),
        kubectl(ctx, from, `-n ${oldNs} scale deployment,statefulset --all --replicas=0`, `no DALP pod writes in ${from}; the flipped configuration keeps them at zero (workloads isolated) when the region is reconciled`),
      ],
      stop: "Without a named incident commander and a recorded decision, do not start: the page runs failover \"only through a controlled incident procedure\" (Quickstart).",
      evidence: [evidence("incident decision", `who decided, when (UTC), on which signal (health checks, the cloud's status page), and whether writes in ${from} were frozen or the region was already unreachable`)],
    }, ctx),

    step("confirm", {
      summary: `Read the state of ${to}'s replica of ${from}'s database and how far behind it was when ${from} failed; the result decides between promoting and restoring from backup.`,
      resources: [...named(`${to} replica`, next.postgres.identifier), ...named(`${from} primary`, old.postgres.identifier)],
      commands: [
        cloud.describeDatabase(database(ctx, to), `the replica is available and still names ${ref(old.postgres.identifier)} as its source`),
        cloud.replicaLag(database(ctx, to)),
        ...(cloud.latestBackup ? [cloud.latestBackup(database(ctx, to), database(ctx, from))] : []),
      ],
      stop: `If the replica is not available, or its lag when ${from} failed exceeds the stack's RPO (${ctx.rpo}), do not promote: follow the backup-recovery runbook (${cite("backup", "Recovery checks")}).${lagAlert ? ` The stack's ${lagAlert} alert fires on the replica beyond the page's 60 s warning.` : ""}`,
      evidence: [
        evidence("replica or backup timestamp", "the replica's last applied time (the failure time minus its lag) or the backup's restore point, with the command output"),
        evidence("data-loss assessment", `writes between that timestamp and the freeze are lost; object storage replicated by ${from} may lag the same way (compare the newest objects of both regions' buckets)`),
      ],
    }, ctx),

    step("promote", {
      summary: `Make ${to} the primary in the stack's configuration, then apply only the database part with ${from}'s APIs down: ${cloud.promotion}. Nothing is replaced: the flip changes the replica in place (dalp-ha diff of this stack proves it offline).`,
      resources: [...named(`${to} database`, next.postgres.identifier), ...named(`${to} endpoint`, next.postgres.host)],
      commands: [
        ...(ctx.fromRegion.zonesNamed
          ? []
          : [{
              run: `yq -i ".config[\\"dalp:regions\\"][${ctx.fromRegion.index}].zones = $(pulumi stack output regions --json --stack ${ctx.stack} | jq -c '.["${from}"].zones')" Pulumi.${ctx.stack}.yaml`,
              expect: `${from}'s zones given by name in the stack file: the program refuses a failover that would ask the failed region which zones it has`,
              calls: "the Pulumi state backend and the stack file",
            }]),
        { run: `pulumi config set dalp:primaryRegion ${to} --stack ${ctx.stack}`, expect: `Pulumi.${ctx.stack}.yaml names ${to}; commit it, the commit is the configuration record of the failover`, calls: "the stack file only" },
        ...targetedUpdate(ctx, STEP.promote),
        cloud.describeDatabase(database(ctx, to), "the instance is available and names no source any more: promoted, accepting writes"),
        ...(cloud.afterPromotion?.(database(ctx, to)) ?? []),
      ],
      stop: `${STOP_RULE.text} Also stop when the preview shows replace or delete of a database, bucket, key or volume.`,
      evidence: [evidence("operator actions", "the committed configuration change, the preview and update output, and the update's entry in `pulumi stack history --stack " + ctx.stack + " --json`")],
    }, ctx),

    step("workloads", {
      summary: `Apply the rest of ${to}'s stamp: DALP there moves from warm to serving against the promoted database (same endpoint) and routes the domain, which it did not while warm, so its health checks start to pass; backups and alerts switch to the primary's.`,
      resources: [...named(`${to} cluster`, next.cluster), ...named("DALP namespace", next.namespace), ...named(`${to} app bucket`, next.buckets.app), ...named(`${to} backup bucket`, next.buckets.backup)],
      commands: [
        kubeconfig(ctx, to),
        ...targetedUpdate(ctx, STEP.workloads),
        kubectl(ctx, to, `-n ${ns} get pods`, "every DALP pod Running and Ready"),
        kubectl(ctx, to, `-n ${ns} get secrets`, "the pre-staged secrets the page asks for: database, cache, registry pull secret"),
      ],
      stop: "If DALP pods do not become Ready against the promoted database, stop before switching traffic: a region that does not serve must not receive users.",
      evidence: [evidence("operator actions", "the update output and the pod listing with its time")],
    }, ctx),

    step("validators", {
      summary: next.validatorsNamespace
        ? `Turn ${to}'s network nodes on only once ${from}'s cannot sign: the flipped configuration sets them on in ${to} and off in ${from}, where a ResourceQuota of zero pods refuses any validator pod once the region is reconciled.`
        : "This stack runs no network nodes of its own (no `dalp:validators`): nothing to enable. Confirm with the network's operators that its validators are healthy.",
      resources: next.validatorsNamespace ? [...named(`${to} validators namespace`, next.validatorsNamespace), ...named(`${from} validators namespace`, old.validatorsNamespace)] : [],
      commands: next.validatorsNamespace
        ? [
            kubectl(ctx, from, `-n ${ref(old.validatorsNamespace)} scale statefulset --all --replicas=0`, `if ${from} answers: no validator pod runs there; if it does not answer, its nodes must be confirmed stopped through the cloud (the region's compute) before going on`),
            kubectl(ctx, from, `-n ${ref(old.validatorsNamespace)} get pods`, "no pods"),
            ...targetedUpdate(ctx, STEP.validators),
            kubectl(ctx, to, `-n ${ref(next.validatorsNamespace)} get pods`, "every validator Running and Ready, producing or attesting blocks (the network's own health check)"),
          ]
        : [],
      stop: next.validatorsNamespace
        ? `${STOP_RULE.text} Never enable ${to}'s validators while ${from}'s may still run: one key active in two regions signs twice.`
        : STOP_RULE.text,
      evidence: [evidence("operator actions", next.validatorsNamespace ? `how ${from}'s validators were confirmed stopped, and ${to}'s pod listing` : "the network operators' confirmation of validator health")],
    }, ctx),

    step("traffic", {
      summary: host
        ? `Point ${host} at ${to} only: the flipped configuration keeps one failover target, ${to}. Resolvers follow within the TTL (${ctx.traffic.ttlSeconds} s); the health checks take ${detection} s (${ctx.traffic.intervalSeconds} s x ${ctx.traffic.failureThreshold}) to see a region change.`
        : "This stack manages no DNS for the domain: switch the routing the operator keeps outside the stack.",
      resources: [...named("domain", ctx.names.traffic?.hostname), ...named("routing", ctx.names.traffic?.routing), ...named(`${to} health check`, ctx.names.traffic?.healthChecks[to]), ...next.ingressAddresses.map((a, i) => ({ label: `${to} ingress address ${i + 1}`, name: a }))],
      commands: [
        ...targetedUpdate(ctx, STEP.traffic),
        ...(trafficRef ? [cloud.routing(trafficRef)] : []),
        ...(trafficRef && ctx.names.traffic?.healthChecks[to] ? [cloud.healthCheck(trafficRef, to, ref(ctx.names.traffic.healthChecks[to]))] : []),
        ...(host ? [{ run: `dig +short ${host}`, expect: `${to}'s ingress addresses${next.ingressAddresses.length ? ` (${next.ingressAddresses.map(ref).join(", ")})` : ""}, within ${ctx.traffic.ttlSeconds} s of the update`, calls: "public DNS" }] : []),
      ],
      stop: `If the domain still resolves to ${from} after the TTL plus the health checks' detection time, stop and read the records: the switch did not happen.`,
      evidence: [evidence("route switch", "the time of the update, the record answer before and after, and the TTL")],
    }, ctx),

    step("validate", {
      summary: `Check every surface users and operators depend on in ${to}, then record the achieved RTO and RPO against the pattern's targets.`,
      resources: [...named("domain", ctx.names.traffic?.hostname), ...named("DALP namespace", next.namespace)],
      commands: [
        ...(host ? [{ run: `curl -fsS -o /dev/null -w '%{http_code}\\n' https://${host}${ctx.traffic.healthPath}`, expect: "2xx or 3xx: the dApp route answers through the new primary", calls: `${to}'s ingress` }] : []),
        kubectl(ctx, to, `-n ${ns} get ingress`, "the dApp and API routes, each on the domain; request each path and expect an answer"),
        { run: `curl -s -X POST -H 'content-type: application/json' --data '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}' <RPC URL of the DALP chart values>`, expect: "a block number that grows between two calls 30 s apart: RPC access works and the chain advances", calls: "the network's RPC endpoint" },
        kubectl(ctx, to, `-n ${MONITORING_NAMESPACE} get pods`, "Prometheus and Alertmanager Running: observability of the new primary"),
        kubectl(ctx, to, `-n ${VELERO_NAMESPACE} get schedules.velero.io,backupstoragelocations.velero.io`, "the schedules present and the backup location Available: backups now run from the new primary"),
      ],
      stop: STOP_RULE.text,
      evidence: [evidence("validation checks", "each check's output with its time; the achieved RTO (decision to validated) and RPO (step 2), compared with the pattern's targets")],
    }, ctx),

    step("isolate", {
      summary: `Keep ${from} out of service. The configuration already says so (workloads at zero, validators off, its database the former primary, nothing replicated towards it); that reaches ${from} only when it returns, through a full update, which also applies the reconciliation list below.`,
      resources: [...named(`${from} cluster`, old.cluster), ...named(`${from} database`, old.postgres.identifier)],
      commands: [
        { run: `pulumi preview --diff --stack ${ctx.stack}`, expect: `once ${from} answers again: the changes of the reconciliation list, in ${from} only; refresh (Pulumi.yaml: refresh: always) first reads what ${from} holds now`, calls: "every region" },
        { run: `pulumi up --stack ${ctx.stack}`, expect: `${from} isolated as configured`, calls: "every region" },
        kubectl(ctx, from, `-n ${oldNs} get pods`, "no DALP pod"),
      ],
      stop: `Do not route users or writes to ${from} again until reconciliation confirms what its database holds: it may carry writes the replica never received.`,
      evidence: [evidence("reconciliation result", `the full preview and update output, and the decision whether ${from} returns as the standby`)],
    }, ctx),
  ];
}

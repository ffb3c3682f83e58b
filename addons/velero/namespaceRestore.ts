import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KUBECTL_IMAGE } from "../shared/chartVersions";
import { VELERO_NAMESPACE } from "../shared/labels";

/**
 * A change Velero makes to restored objects before it creates them (velero docs, "Resource Modifiers"; Velero
 * 1.18 internal/resourcemodifiers): a JSON patch on the objects of `groupResource` (a glob, `**` for all), with a
 * `match`, only where the value at `match.path` is `match.value` (a JSON `test`; a missing path is no match).
 */
export interface RestoreModifier {
  groupResource: string;
  /** Only objects with this value there; without it, every object of the group resource. */
  match?: { path: string; value: string };
  /** A JSON patch `add`, which sets the member whether or not it is there. */
  replace: { path: string; value: string };
}

export interface NamespaceRestoreArgs {
  /**
   * The Restore's name: a rerun of the job finds it and waits for it instead of restoring twice, so a restore
   * that must happen again (the next drill) needs a new one.
   */
  restoreName: pulumi.Input<string>;
  /** The names of the job, its service account and role: one restore component's, fixed. */
  jobName: string;
  /** Changes to the restored objects, through a ConfigMap the Restore names. */
  modifiers?: RestoreModifier[];
  /** The BackupStorageLocation the backups are read from. */
  location: string;
  /** The Schedules whose backups may be restored; the latest completed one of any of them is taken. */
  schedules: string[];
  /** The namespace the backups hold. */
  namespace: string;
  /** Where it is restored to, when not the same namespace (a drill). */
  targetNamespace?: string;
  /** Only a backup started at or before this moment (RFC 3339, UTC) is taken, so nothing restored is newer than the database. */
  pointInTime?: pulumi.Input<string>;
  /** Resource types left out of the restore. */
  excludedResources?: string[];
  /** Velero's release: its CRDs, server and locations exist first. */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * How long the job may take: the wait for the location's sync (up to 30 minutes), then the restore, whose
 * file-system part Velero bounds at 4 hours (the server's --fs-backup-timeout default, 240 minutes, vmware-tanzu/
 * velero pkg/cmd/server/config/config.go, v1.18.1, read 2026-12-01). An estimate; the Kubernetes provider's
 * default wait for a Job is 10 minutes.
 */
const RESTORE_TIMEOUT = "5h";

/**
 * Left out of every restore: the stack's own alerting rules, which the program creates beside the restore and
 * whose restored copy would make that create fail (AlreadyExists: pulumi-kubernetes 4.29 creates client-side,
 * without upsert, CHANGELOG 4.29.0, read 2026-12-01).
 */
const ALWAYS_EXCLUDED = ["prometheusrules.monitoring.coreos.com"];

/** How long the job waits for Velero's first sync of the location: Velero syncs every minute by default. */
const SYNC_WAIT_SECONDS = 30 * 60;

/**
 * A Velero Restore of a namespace, pods and volumes included (product docs, backup and recovery: restoring only
 * the claims recreates empty volumes), made by a Job once it can succeed. A Restore created by the program
 * itself would race Velero: until the backup location's first sync has listed the backups, the Restore fails
 * validation, for good ("No backups found for schedule", vmware-tanzu/velero pkg/controller/restore_controller.go
 * validateAndComplete, read 2026-12-01). The job waits for that sync (`status.lastSyncedTime`), picks the
 * latest completed backup of the schedules started no later than the point in time, creates the Restore and
 * waits for it to complete, failing on PartiallyFailed or Failed; the engine waits for the job.
 *
 * `existingResourcePolicy: none` leaves alone what exists already: the Secrets and service account the
 * program created for this region (its database, cache and buckets), which the backup's copies must not
 * replace. The charts are installed after the restore, and adopt what it brought back.
 */
export class NamespaceRestore extends pulumi.ComponentResource {
  readonly job: k8s.batch.v1.Job;
  readonly restoreName: pulumi.Output<string>;

  constructor(name: string, args: NamespaceRestoreArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:addons:NamespaceRestore", name, {}, opts);
    const child = { parent: this, dependsOn: args.dependsOn };
    this.restoreName = pulumi.output(args.restoreName);
    const account = new k8s.core.v1.ServiceAccount(`${name}-account`, { metadata: { name: args.jobName, namespace: VELERO_NAMESPACE } }, child);
    const role = new k8s.rbac.v1.Role(`${name}-role`, {
      metadata: { name: args.jobName, namespace: VELERO_NAMESPACE },
      rules: [
        { apiGroups: ["velero.io"], resources: ["backupstoragelocations", "backups"], verbs: ["get", "list"] },
        { apiGroups: ["velero.io"], resources: ["restores"], verbs: ["get", "create"] },
      ],
    }, child);
    const binding = new k8s.rbac.v1.RoleBinding(`${name}-binding`, {
      metadata: { name: args.jobName, namespace: VELERO_NAMESPACE },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace: VELERO_NAMESPACE }],
    }, child);
    // Velero reads the modifiers from a ConfigMap of exactly one key in its own namespace.
    const modifiers = args.modifiers?.length
      ? new k8s.core.v1.ConfigMap(`${name}-modifiers`, {
          metadata: { name: `${args.jobName}-modifiers`, namespace: VELERO_NAMESPACE },
          data: { "modifiers.yaml": modifiersYaml(args.modifiers) },
        }, child)
      : undefined;

    this.job = new k8s.batch.v1.Job(`${name}-job`, {
      // A failed job is replaced on the next update instead of failing it again at once (the provider waits for a
      // Job that failed before: batch/v1/job.d.ts, pulumi.com/replaceUnready); the new one restores only once
      // the operator has cleared the failed attempt (the script says how).
      metadata: { name: args.jobName, namespace: VELERO_NAMESPACE, annotations: { "pulumi.com/replaceUnready": "true" } },
      spec: {
        // The script resumes a Restore it already created; a second attempt covers a node lost mid-wait.
        backoffLimit: 1,
        template: {
          spec: {
            serviceAccountName: account.metadata.name,
            restartPolicy: "Never",
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "restore",
                image: KUBECTL_IMAGE,
                command: ["/bin/bash", "-c", restoreScript()],
                env: [
                  { name: "HOME", value: "/tmp" },
                  { name: "RESTORE", value: args.restoreName },
                  { name: "LOCATION", value: args.location },
                  { name: "SCHEDULES", value: args.schedules.join(",") },
                  { name: "SOURCE_NAMESPACE", value: args.namespace },
                  { name: "TARGET_NAMESPACE", value: args.targetNamespace ?? args.namespace },
                  { name: "POINT_IN_TIME", value: args.pointInTime ?? "" },
                  { name: "EXCLUDED", value: [...ALWAYS_EXCLUDED, ...(args.excludedResources ?? [])].join(",") },
                  { name: "RESOURCE_MODIFIER", value: modifiers ? modifiers.metadata.name : "" },
                  { name: "SYNC_WAIT_SECONDS", value: String(SYNC_WAIT_SECONDS) },
                ],
                resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
              },
            ],
            volumes: [{ name: "tmp", emptyDir: {} }],
          },
        },
      },
    }, {
      parent: this,
      dependsOn: [binding, ...(modifiers ? [modifiers] : []), ...(Array.isArray(args.dependsOn) ? args.dependsOn : [])],
      customTimeouts: { create: RESTORE_TIMEOUT, update: RESTORE_TIMEOUT },
      // A Job's template cannot change in place: an edit would replace the job and run it again. The restore
      // happens once, when the job is created; a later edit (the point in time removed once the database is
      // restored) must not replace it.
      ignoreChanges: ["spec"],
    });
    this.registerOutputs({ restoreName: this.restoreName, job: this.job.metadata.name });
  }
}

/** The modifiers as Velero's v1 document: a JSON `test` of the match, then the replace. */
export function modifiersYaml(modifiers: RestoreModifier[]): string {
  return JSON.stringify({
    version: "v1",
    resourceModifierRules: modifiers.map((m) => ({
      conditions: { groupResource: m.groupResource, ...(m.match ? { matches: [m.match] } : {}) },
      patches: [{ operation: m.match ? "replace" : "add", path: m.replace.path, value: m.replace.value }],
    })),
  });
}

/**
 * The job's script. Backups synced from a location carry its name as a label, and a scheduled backup its
 * Schedule's (velero.io/storage-location, velero.io/schedule-name); RFC 3339 times in UTC compare as text.
 */
export function restoreScript(): string {
  return String.raw`set -euo pipefail
waited=0
until [ -n "$(kubectl -n velero get backupstoragelocations.velero.io "$LOCATION" -o jsonpath='{.status.lastSyncedTime}' 2>/dev/null || true)" ]; do
  if [ "$waited" -ge "$SYNC_WAIT_SECONDS" ]; then
    echo "backup location $LOCATION has not synced after $SYNC_WAIT_SECONDS s: velero backup-location get $LOCATION" >&2
    exit 1
  fi
  sleep 10
  waited=$((waited + 10))
done
previous=$(kubectl -n velero get restores.velero.io "$RESTORE" -o jsonpath='{.status.phase}' 2>/dev/null || true)
case "$previous" in
  PartiallyFailed|Failed|FailedValidation)
    # A second Restore would skip what the first left behind (existingResourcePolicy none), its pods waiting on
    # the first's volumes, and report Completed over a partial restore: the operator clears both first.
    echo "restore $RESTORE ended $previous in an earlier attempt: read velero restore describe $RESTORE --details, delete what it restored (kubectl -n $TARGET_NAMESPACE delete all,pvc,secret,configmap -l velero.io/restore-name=$RESTORE) and the Restore (velero restore delete $RESTORE --confirm), then run the update again" >&2
    exit 1 ;;
esac
if ! kubectl -n velero get restores.velero.io "$RESTORE" >/dev/null 2>&1; then
  backup=$(kubectl -n velero get backups.velero.io -l "velero.io/storage-location=$LOCATION,velero.io/schedule-name in ($SCHEDULES)" -o json \
    | jq -r --arg pit "$POINT_IN_TIME" '[.items[] | select(.status.phase == "Completed") | select($pit == "" or .status.startTimestamp <= $pit)] | sort_by(.status.startTimestamp) | last | .metadata.name // empty')
  if [ -z "$backup" ]; then
    echo "no completed backup of $SCHEDULES in $LOCATION started by '$POINT_IN_TIME' (empty: any time): velero backup get --selector velero.io/storage-location=$LOCATION" >&2
    exit 1
  fi
  echo "restoring $SOURCE_NAMESPACE from backup $backup into $TARGET_NAMESPACE as restore $RESTORE"
  jq -n --arg name "$RESTORE" --arg backup "$backup" --arg from "$SOURCE_NAMESPACE" --arg to "$TARGET_NAMESPACE" --arg excluded "$EXCLUDED" --arg modifier "$RESOURCE_MODIFIER" '{
    apiVersion: "velero.io/v1", kind: "Restore",
    metadata: {name: $name, namespace: "velero"},
    spec: ({
      backupName: $backup,
      includedNamespaces: [$from],
      restorePVs: true,
      existingResourcePolicy: "none"
    }
    + (if $to != $from then {namespaceMapping: {($from): $to}} else {} end)
    + (if $excluded != "" then {excludedResources: ($excluded | split(","))} else {} end)
    + (if $modifier != "" then {resourceModifier: {kind: "ConfigMap", name: $modifier}} else {} end))
  }' | kubectl create -f -
fi
misses=0
while true; do
  # One answer lost to an API blip is no failure; ten in a row are.
  if ! phase=$(kubectl -n velero get restores.velero.io "$RESTORE" -o jsonpath='{.status.phase}'); then
    misses=$((misses + 1))
    if [ "$misses" -ge 10 ]; then echo "restore $RESTORE: the API did not answer 10 times in a row" >&2; exit 1; fi
    sleep 15
    continue
  fi
  misses=0
  case "$phase" in
    Completed) echo "restore $RESTORE completed"; exit 0 ;;
    PartiallyFailed|Failed|FailedValidation) echo "restore $RESTORE ended $phase: velero restore describe $RESTORE --details" >&2; exit 1 ;;
  esac
  sleep 15
done
`;
}

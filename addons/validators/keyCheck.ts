import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ValidatorState } from "./values";

/**
 * The kubectl image the key check runs. registry.k8s.io/kubectl is the Kubernetes project's own image, published
 * with every release since v1.28; v1.36.0 is listed under "Container Images" in kubernetes/kubernetes
 * CHANGELOG/CHANGELOG-1.36.md (read 2026-12-01). The binary is /bin/kubectl and the image has no shell. The
 * check is one GET of core/v1 Secrets, an API unchanged across every minor the stack accepts, so one pin serves
 * all of them although kubectl's skew policy only promises one minor either side.
 */
export const KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.36.0";

export interface KeyCheckArgs {
  /** The validators' namespace, created before (in `dependsOn`). */
  namespace: string;
  keySecrets: string[];
  /** What the check is run for; a change of it runs the check again (the Job is replaced). */
  placement: { activeRegion: string; state: ValidatorState };
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * Whether every key Secret is there, checked inside the region's cluster before the validator release: a Job
 * that GETs the Secrets by name (`kubectl get secret <names> -o name` prints names only) under a Role allowed
 * exactly those names. A missing Secret fails the Job, which fails `pulumi up` before the release changes; the
 * Job's log names the Secret.
 *
 * Why not a Pulumi read (`Secret.get`): a read puts the Secret's content, the validator key, into the stack's
 * state; the engine runs every read even in a `pulumi up --target` that leaves the read's region out
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go GenerateReadSteps returns a ReadStep whatever the
 * targets; confirmed in the review of pulumi/pulumi#24538, 2026-09-09), so a read in a failed region would
 * block the failover; and the planner answers registrations, not reads. A Job is a registration: untargeted it
 * is left as it is, so a failover targeted at the surviving region never calls the failed one.
 *
 * The Job runs again whenever its pod template changes, and the template carries the active region and the
 * region's state: a failover replaces it in the surviving region, so the keys are checked right before its
 * validators start. `pulumi.com/replaceUnready` replaces a Job that failed, so fixing the Secret and running
 * `pulumi up` again re-checks (pulumi-kubernetes Job docs, @pulumi/kubernetes 4.34 batch/v1/job.d.ts).
 *
 * Its pod sets `activeDeadlineSeconds`, which makes it a Terminating pod: the zero-pod quota of an off region
 * is scoped to NotTerminating pods (Kubernetes docs, Resource Quotas: Quota Scopes), so the check still runs
 * there, where the keys are pre-staged for a failover.
 */
export function keyCheck(name: string, args: KeyCheckArgs, parent: pulumi.Resource): k8s.batch.v1.Job {
  const opts = { parent, dependsOn: args.dependsOn };
  const account = new k8s.core.v1.ServiceAccount(`${name}-account`, { metadata: { name: "validator-key-check", namespace: args.namespace }, automountServiceAccountToken: false }, opts);
  const role = new k8s.rbac.v1.Role(
    `${name}-role`,
    { metadata: { name: "validator-key-check", namespace: args.namespace }, rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: [...args.keySecrets], verbs: ["get"] }] },
    opts,
  );
  const binding = new k8s.rbac.v1.RoleBinding(
    `${name}-binding`,
    {
      metadata: { name: "validator-key-check", namespace: args.namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "validator-key-check" },
      subjects: [{ kind: "ServiceAccount", name: "validator-key-check", namespace: args.namespace }],
    },
    { parent, dependsOn: [account, role] },
  );
  return new k8s.batch.v1.Job(
    name,
    {
      metadata: { namespace: args.namespace, annotations: { "pulumi.com/replaceUnready": "true" } },
      spec: {
        backoffLimit: 1,
        activeDeadlineSeconds: 300,
        template: {
          metadata: { annotations: { "dalp.settlemint.com/checked-for": JSON.stringify({ ...args.placement, keySecrets: args.keySecrets }) } },
          spec: {
            serviceAccountName: "validator-key-check",
            // The account's token is mounted into this pod only, not into every pod that might use the account.
            automountServiceAccountToken: true,
            restartPolicy: "Never",
            activeDeadlineSeconds: 240,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "check",
                image: KUBECTL_IMAGE,
                command: ["/bin/kubectl"],
                args: ["get", "secret", ...args.keySecrets, "--namespace", args.namespace, "--output", "name"],
                // kubectl keeps its discovery cache under $HOME; the root file system is read-only.
                env: [{ name: "HOME", value: "/tmp" }],
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              },
            ],
            volumes: [{ name: "tmp", emptyDir: {} }],
          },
        },
      },
    },
    { parent, dependsOn: [binding] },
  );
}

import type { PolicyResource } from "@pulumi/policy";
import { chartName, valuesOf } from "../rules/helm";
import { get, ofTypes } from "../rules/kit";
import { T } from "../rules/types";
import type { Database, KubeSecret, Reader, ValidatorWorkload } from "./model";
import { numberOr, present } from "./values";

/**
 * CloudNativePG clusters as databases. A replica cluster (spec.replica.enabled) follows another cluster;
 * one cluster with several instances has standbys that replay its WAL, so a replica-side lag exists there.
 */
function databases(resources: PolicyResource[]): Database[] {
  return ofTypes(resources, [T.k8s.cnpgCluster]).map((r) => {
    const spec = (r.props.spec ?? {}) as Record<string, any>;
    const replica = get(spec, "replica.enabled") === true;
    const instances = Number(spec.instances ?? 1);
    const external = ((spec.externalClusters as unknown[] | undefined) ?? []).length > 0;
    return {
      cloud: "kubernetes",
      service: "CloudNativePG",
      ha: instances > 1 ? { mode: "zone-redundant" } : { mode: "none", problem: `spec.instances is ${instances}.` },
      replicaOf: replica ? String(present(() => get(spec, "replica.source")) ?? "(external cluster)") : undefined,
      streams: replica || instances > 1,
      backups: { ownBackups: true, retentionDays: undefined, retentionSetting: "spec.backup.retentionPolicy", retentionRaw: get(spec, "backup.retentionPolicy"), pitr: get(spec, "backup") !== undefined, problems: [] },
      encryption: "always",
      resource: r,
      urn: r.urn,
      region: undefined,
      // An external cluster is where a replica cluster streams from or where backups are recovered from: a
      // copy kept outside this cluster.
      backupCopyRegions: external ? ["an external cluster"] : [],
      protect: r.opts.protect === true,
      deletionProblems: [],
    };
  });
}

/** Whether a resource is, or sits below, a `dalp:addons:Validators` component. */
function underValidators(r: PolicyResource): boolean {
  for (let node: PolicyResource | undefined = r; node; node = (node as PolicyResource & { parent?: PolicyResource }).parent) {
    if (node.type === T.dalp.validators) return true;
  }
  return false;
}

/** Labels and names by which a workload declares itself a validator, outside the stack's own add-on. */
const VALIDATOR_NAME = /validator/i;

/**
 * Validator workloads: Helm releases and StatefulSets under a `dalp:addons:Validators` component, or named
 * or labelled as validators. A release's replica count is read from its values' `replicaCount` (the add-on
 * sets it there), else from `validators.replicaCount` or `validator.replicaCount` of a wrapper chart; a
 * StatefulSet's from `spec.replicas`.
 */
export function validators(resources: PolicyResource[]): ValidatorWorkload[] {
  const out: ValidatorWorkload[] = [];
  for (const r of resources) {
    if (r.type === T.k8s.release) {
      const named = VALIDATOR_NAME.test(chartName(r.props)) || VALIDATOR_NAME.test(String(r.props.name ?? ""));
      if (!underValidators(r) && !named) continue;
      const values = valuesOf(r.props);
      const at = ["replicaCount", "validators.replicaCount", "validator.replicaCount"].find((k) => get(values, k) !== undefined);
      out.push({ resource: r, urn: r.urn, replicas: at ? numberOr(get(values, at)) : undefined, readFrom: at ? `values.${at}` : "values (no replicaCount)" });
    } else if (r.type === T.k8s.statefulSet || r.type === T.k8s.deployment) {
      const labels = { ...(get(r.props, "metadata.labels") ?? {}), ...(get(r.props, "spec.template.metadata.labels") ?? {}) } as Record<string, string>;
      const named = VALIDATOR_NAME.test(String(get(r.props, "metadata.name") ?? "")) || Object.values(labels).some((v) => VALIDATOR_NAME.test(String(v)));
      if (!underValidators(r) && !named) continue;
      // A workload without spec.replicas runs one pod (Kubernetes default).
      out.push({ resource: r, urn: r.urn, replicas: numberOr(get(r.props, "spec.replicas")) ?? 1, readFrom: "spec.replicas" });
    }
  }
  return out;
}

export function secrets(resources: PolicyResource[]): KubeSecret[] {
  return ofTypes(resources, [T.k8s.secret]).map((s) => ({
    resource: s,
    urn: s.urn,
    name: String(present(() => get(s.props, "metadata.name")) ?? s.name),
    namespace: String(present(() => get(s.props, "metadata.namespace")) ?? "default"),
    type: String(s.props.type ?? "Opaque"),
  }));
}

export const kubernetesReader: Reader = { cloud: "kubernetes", databases };

import { credentialPaths } from "../facts/credentials";
import { MONITORING_NAMESPACE, VELERO_NAMESPACE } from "../addons/shared/labels";
import { topologyOfNames } from "../topology/topology";
import { ConfigIssue, renderValue } from "./errors";
import { guard, guarded } from "./guardedChecks";
import { configKey, valueAt } from "./keys";
import { standInRegionNames } from "./limits";
import type { RawDalpConfig } from "./schema";

const KEY = ["validators"] as const;
const issue = (path: PropertyKey[], value: unknown, allowed: string): ConfigIssue => ({ key: configKey([...KEY, ...path]), given: renderValue(value), allowed });

/**
 * Whether a pattern has validators of this deployment anywhere. The topology decides (a stamp's `validators`
 * is "none" where the pattern has none); it is asked with placeholder regions, because the answer depends on
 * the pattern alone and must not fail when the configured regions do.
 */
export function patternHasValidators(pattern: RawDalpConfig["pattern"]): boolean {
  return topologyOfNames(pattern, standInRegionNames(pattern)).stamps.some((s) => s.validators !== "none");
}

/** Namespaces the stack creates for something else, or that belong to the cluster. */
function reservedNamespaces(raw: RawDalpConfig): string[] {
  return [guarded(() => raw.charts.namespace, "dalp"), VELERO_NAMESPACE, MONITORING_NAMESPACE, "default"];
}

/** The `dalp:validators` rules that span its fields or other keys; each names the field to change. */
export function validatorsIssues(raw: RawDalpConfig): ConfigIssue[] {
  const v = raw.validators;
  if (v === undefined) return [];
  return [
    ...guard(() =>
      patternHasValidators(raw.pattern)
        ? []
        : [{ key: configKey(KEY), given: "a validator configuration", allowed: `not set for pattern ${raw.pattern}: its chain is public, so this deployment runs no validators (product docs, Hot-hot active-active, Public EVM networks)` }],
    ),
    ...guard(() =>
      v.keySecrets.length === v.replicas
        ? []
        : [issue(["keySecrets"], v.keySecrets, `${v.replicas} Secret name(s), one per validator (validators.replicas is ${v.replicas}): each validator signs with its own key`)],
    ),
    ...guard(() => v.keySecrets.flatMap((name, i) => (v.keySecrets.slice(0, i).includes(name) ? [issue(["keySecrets", i], name, "a Secret not already listed: two validators with one key sign twice")] : []))),
    ...guard(() => {
      const ns = v.namespace;
      if (ns.startsWith("kube-") || reservedNamespaces(raw).includes(ns)) {
        return [issue(["namespace"], ns, `a namespace of its own, not ${reservedNamespaces(raw).join(", ")} or kube-*: where validators are off the stack admits no pod in it`)];
      }
      return [];
    }),
    ...guard(() => {
      const path = v.replicaCountKey.split(".");
      return valueAt(v.values, path) === undefined
        ? []
        : [issue(["values", ...path], valueAt(v.values, path), `no value: the stack sets ${v.replicaCountKey} itself, validators.replicas where validators are on and 0 where they are off`)];
    }),
    ...guard(() =>
      credentialPaths(v.values).map((path) => ({
        key: configKey([...KEY, "values", ...path]),
        given: "a plain-text credential",
        allowed: "no credential or key in chart values: they end up in the Helm release and the state; reference a pre-staged Kubernetes Secret instead (validators.keySecrets, existingSecret)",
      })),
    ),
  ];
}

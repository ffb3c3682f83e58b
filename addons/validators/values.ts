import type { DalpConfig } from "../../config/types";
import { VALIDATOR_ANNOTATIONS } from "../../facts/validators";
import type { Stamp } from "../../topology/types";
import { mergeValues, Values } from "../shared/helmValues";

export type ValidatorsConfig = NonNullable<DalpConfig["validators"]>;

/** Where a region's validators stand: on (signing) or off (staged: installed, keys referenced, none running). */
export type ValidatorState = Exclude<Stamp["validators"], "none">;

export interface ValidatorPlacement {
  region: string;
  /** The pattern's active region (`dalp:primaryRegion`), annotated on every pod so no one mistakes a region's part. */
  activeRegion: string;
  state: ValidatorState;
}

/** How many validators a region runs: the configured count where they are on, none where they are off. */
export function validatorReplicas(config: ValidatorsConfig, state: ValidatorState): number {
  return state === "on" ? config.replicas : 0;
}

/** A map with `value` at a dotted path, for writing into a chart's values at the path it reads. */
function at(path: string[], value: Values): Values {
  return path.reduceRight<Values>((inner, key) => ({ [key]: inner }), value);
}

/**
 * Values of the validator release. The configured values come first and the stack's own are merged over
 * them, so nothing in `dalp:validators.values` can turn the count of an off region above zero (the
 * configuration check also refuses the count there). Beside the count, in the same map as the chart reads it
 * (`network-nodes.validatorReplicaCount` beside `network-nodes.podAnnotations`, the SettleMint network-nodes
 * chart's layout, and `replicaCount` beside `podAnnotations` for most charts): the pods' annotations naming
 * their region, the active region and whether they may sign, and the image pull Secret with a registry. Under
 * `global.dalp`, which every subchart sees: the same facts and the key Secrets' names, never their content.
 */
export function validatorValues(config: ValidatorsConfig, placement: ValidatorPlacement, imagePullSecret?: string): Values {
  const path = config.replicaCountKey.split(".");
  const countKey = path[path.length - 1];
  const parent = path.slice(0, -1);
  const annotations = {
    [VALIDATOR_ANNOTATIONS.region]: placement.region,
    [VALIDATOR_ANNOTATIONS.activeRegion]: placement.activeRegion,
    [VALIDATOR_ANNOTATIONS.validators]: placement.state,
  };
  const workload: Values = {
    [countKey]: validatorReplicas(config, placement.state),
    podAnnotations: annotations,
    ...(imagePullSecret ? { imagePullSecrets: [{ name: imagePullSecret }] } : {}),
  };
  const global = { global: { dalp: { region: placement.region, activeRegion: placement.activeRegion, validators: placement.state, keySecrets: [...config.keySecrets] } } };
  return mergeValues(mergeValues(config.values, global), at(parent, workload));
}

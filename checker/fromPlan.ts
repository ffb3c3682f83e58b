import type { Plan } from "../planner/model";
import { durationSeconds, revealSecrets } from "../planner/model";
import type { CheckInput } from "./model";

/** A plan as the checker reads it: secrets revealed, as the engine reveals them to policies. */
export function fromPlan(plan: Plan, origin: string): CheckInput {
  return {
    project: plan.project,
    stack: plan.stack,
    origin,
    resources: plan.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      custom: r.custom,
      inputs: revealSecrets(r.inputs) as Record<string, unknown>,
      outputs: revealSecrets(r.type === "pulumi:pulumi:Stack" ? plan.outputs : r.outputs) as Record<string, unknown>,
      parent: r.parent,
      provider: r.provider,
      protect: r.protect,
      ignoreChanges: r.ignoreChanges,
      deleteBeforeReplace: r.deleteBeforeReplace,
      customTimeouts: {
        createSeconds: r.customTimeouts.create ? durationSeconds(r.customTimeouts.create) : 0,
        updateSeconds: r.customTimeouts.update ? durationSeconds(r.customTimeouts.update) : 0,
        deleteSeconds: r.customTimeouts.delete ? durationSeconds(r.customTimeouts.delete) : 0,
      },
      additionalSecretOutputs: r.additionalSecretOutputs,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
    })),
  };
}

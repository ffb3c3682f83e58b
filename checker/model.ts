import type { Props } from "../policies/view";

/** A resource as the rules see it, from a plan or from a `pulumi stack export`. */
export interface CheckResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** What `pulumi preview` passes to resource rules. */
  inputs: Record<string, unknown>;
  /** What the engine passes to stack rules. */
  outputs: Record<string, unknown>;
  parent?: string;
  provider?: string;
  protect: boolean;
  ignoreChanges: string[];
  deleteBeforeReplace?: boolean;
  /** The `customTimeouts` option in seconds, 0 where the provider's default applies (as the engine hands it to a policy). */
  customTimeouts?: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
  additionalSecretOutputs: string[];
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

export interface CheckInput {
  project: string;
  stack: string;
  /** Where the stack came from, for reports: a stack file or a state file. */
  origin: string;
  resources: CheckResource[];
}

export interface Violation {
  policy: string;
  severity: "low" | "medium" | "high" | "critical";
  enforcementLevel: "advisory" | "mandatory";
  /** The resource in violation; the stack's own URN for a stack-wide finding. */
  urn: string;
  message: string;
}

export interface CheckResult {
  input: CheckInput;
  violations: Violation[];
  /** Rules that did not apply to this stack, with the reason each gave. */
  notApplicable: Array<{ policy: string; reason: string }>;
}

/** A resource's properties as declared, with what the provider reported filling the gaps. */
export function propsOf(r: CheckResource): Props {
  return { ...r.outputs, ...r.inputs };
}

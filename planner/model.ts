/** One resource as the program registered it, with what the (mock) provider answered. */
export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  /** URN of the parent; the stack resource has none. */
  parent?: string;
  /** Provider reference `urn::id`; custom resources only. */
  provider?: string;
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  /** Earlier identities the registration claims (`aliases` option), as the engine receives them. */
  aliases: AliasSpec[];
  additionalSecretOutputs: string[];
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Inputs and outputs keep secrets wrapped as `{[SECRET_SIG_KEY]: SECRET_SIG, value}`. */
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/**
 * One entry of a resource's `aliases` option: an old URN, or the parts of one. An absent part is the resource's
 * own (name, type, stack, project); `parentUrn` is the parent the SDK sends (the resource's own parent unless the
 * alias names another), and `noParent` says the old resource had none.
 */
export type AliasSpec =
  | { urn: string }
  | { name?: string; type?: string; stack?: string; project?: string; parentUrn?: string; noParent?: boolean };

/** A planned stack: every resource of one run of the program under mocks, and its stack outputs. */
export interface Plan {
  project: string;
  stack: string;
  /** The configuration the program ran with (secret values replaced by a marker). */
  config: Record<string, string>;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  /** Things the planner had to assume, such as placeholder secrets. */
  notes: string[];
}

/** Pulumi's marker for a secret value in serialized properties and in `pulumi stack export`. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

export function secretValue(value: unknown): Record<string, unknown> {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** Removes secret wrappers, for code that needs the plain shape (the checker treats values as known). */
export function revealSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return revealSecrets(value.value);
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v)]));
  }
  return value;
}

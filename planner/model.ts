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
  /** The `customTimeouts` option as the program gave it; empty when it sets none (the provider's defaults apply). */
  customTimeouts: CustomTimeouts;
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

/**
 * Timeouts of a resource's operations, each a Go duration (`"60m"`, `"1h30m"`), the syntax the engine parses them
 * with (`time.ParseDuration`) when the resource registers.
 */
export interface CustomTimeouts {
  create?: string;
  update?: string;
  delete?: string;
  read?: string;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, "μs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * Seconds of a Go duration, as `time.ParseDuration` reads it: an optional sign, then one or more decimal numbers
 * each with a unit (ns, us, µs, ms, s, m, h); `"0"` alone is zero. Throws on anything else, as the engine refuses
 * the registration.
 */
export function durationSeconds(text: string): number {
  const fail = () => new Error(`invalid duration ${JSON.stringify(text)}: expected a Go duration such as "30s", "60m" or "1h30m"`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw fail();
  let seconds = 0;
  while (rest.length > 0) {
    const match = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!match) throw fail();
    seconds += Number(match[1]) * DURATION_UNITS[match[2]];
    rest = rest.slice(match[0].length);
  }
  return sign * seconds;
}

/** A planned stack: every resource of one run of the program under mocks, and its stack outputs. */
export interface Plan {
  project: string;
  stack: string;
  /** The configuration the program ran with (secret values replaced by a marker). */
  config: Record<string, string>;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  /**
   * The provider functions the program called before and while declaring (lookups of zones, accounts, DNS
   * zones), each with the provider it went through: a run that must not need a region's API calls none there.
   */
  invokes: PlannedInvoke[];
  /** Things the planner had to assume, such as placeholder secrets. */
  notes: string[];
}

export interface PlannedInvoke {
  token: string;
  args: Record<string, unknown>;
  /** The provider reference (`urn::id`) the call went through; absent for a default provider. */
  provider?: string;
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

import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** What every DALP rule carries besides its check. */
export interface RuleMeta {
  /** `dalp-<area>-<verb>-<thing>` */
  name: string;
  /** One sentence. */
  description: string;
  severity: Severity;
  /** Mandatory where data can be lost or a security boundary is open; advisory otherwise. */
  enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
  /** The section of the product documentation the rule comes from. */
  source: string;
  /** The fix, named. */
  remediationSteps: string;
  configSchema?: PolicyConfigSchema;
}

export type DalpResourcePolicy = ResourceValidationPolicy & RuleMeta & { kind: "resource"; appliesTo: readonly string[] };
export type DalpStackPolicy = StackValidationPolicy & RuleMeta & { kind: "stack" };
export type DalpPolicy = DalpResourcePolicy | DalpStackPolicy;

type ResourceCheck = (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void;

/**
 * The rule's configuration with its schema defaults under whatever the engine passed, so a rule behaves the
 * same whether or not the CLI filled the defaults in.
 */
function withDefaults<A extends { getConfig<T extends object>(): T }>(meta: RuleMeta, args: A): A {
  const defaults = Object.fromEntries(
    Object.entries(meta.configSchema?.properties ?? {})
      .filter(([, schema]) => (schema as { default?: unknown }).default !== undefined)
      .map(([key, schema]) => [key, (schema as { default?: unknown }).default]),
  );
  return { ...args, getConfig: <T extends object>() => ({ ...defaults, ...args.getConfig<object>() }) as T };
}

/**
 * A rule on single resources of the given types. Other types are "not applicable", as the engine reports a
 * typed policy; the check sees the resource's inputs, as `pulumi preview` passes them.
 */
export function resourceRule(meta: RuleMeta, types: readonly string[], check: ResourceCheck): DalpResourcePolicy {
  return {
    ...meta,
    kind: "resource",
    appliesTo: types,
    tags: [meta.name.split("-")[1]],
    validateResource: (args, report) => {
      if (!types.includes(args.type)) return;
      check(args.props, withDefaults(meta, args), report);
    },
  };
}

/** A rule over the whole stack: every resource with its outputs, parent and dependencies. */
export function stackRule(meta: RuleMeta, check: (args: StackValidationArgs, report: ReportViolation) => void): DalpStackPolicy {
  return { ...meta, kind: "stack", tags: [meta.name.split("-")[1]], validateStack: (args, report) => check(withDefaults(meta, args), report) };
}

/**
 * A value the cloud computes, which is unknown during a `pulumi preview` of a resource not yet created: undefined
 * then, instead of the engine's unknown-value error, for a rule that can still judge without it.
 */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Reads a dotted path safely (the props may be a proxy; a missing step gives undefined). */
export function get(value: unknown, path: string): any {
  let node: any = value;
  for (const key of path.split(".")) {
    if (node === null || node === undefined || typeof node !== "object") return undefined;
    node = node[key];
  }
  return node;
}

export function ofTypes(resources: PolicyResource[], types: readonly string[]): PolicyResource[] {
  return resources.filter((r) => types.includes(r.type));
}

/**
 * A resource's value that may arrive as JSON text (provider inputs and some nested settings are serialized
 * that way) or already parsed.
 */
export function parsed<T = any>(value: unknown): T | undefined {
  if (typeof value !== "string") return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** The region a resource lives in: its own region/location input, or its provider's. */
export function regionOf(resource: { props: Record<string, any>; provider?: { props: Record<string, any> } }): string | undefined {
  const own = resource.props.region ?? resource.props.location;
  if (typeof own === "string") return own;
  const provider = resource.provider?.props;
  const fromProvider = provider?.region ?? provider?.location;
  return typeof fromProvider === "string" ? fromProvider : undefined;
}

/** The component a restore drill's resources sit under (patterns/drill.ts). */
export const DRILL_COMPONENT = "dalp:pattern:Drill";

/**
 * Whether a resource belongs to a restore drill: its URN's type chain passes through the drill's component.
 * A drill's database and cache are disposable by design, deleted when the drill is turned off, so the rules
 * that keep production's data from being lost or failing over pass over them; the rest apply.
 */
export function inDrill(urn: string): boolean {
  const chain = urn.split("::")[2] ?? "";
  return chain.split("$").includes(DRILL_COMPONENT);
}

export const DRILL_EXEMPT = "a restore drill's own resource: disposable by design, deleted when the drill is turned off";

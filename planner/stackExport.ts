import * as fs from "fs";
import * as path from "path";
import { declaredAliasUrns } from "./diff/aliases";
import { CustomTimeouts, durationSeconds, isSecretValue, Plan, SECRET_SIG, SECRET_SIG_KEY } from "./model";

/** A checkpoint resource as `pulumi stack export` writes it (deployment version 3). */
export interface ExportedResource {
  urn: string;
  custom: boolean;
  id?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  provider?: string;
  additionalSecretOutputs?: string[];
  ignoreChanges?: string[];
  /** Earlier URNs of this resource (what its `aliases` option resolves to). */
  aliases?: string[];
  /**
   * The `customTimeouts` option in seconds, as the engine records it (apitype ResourceV3 `customTimeouts`,
   * resource.CustomTimeouts `create`/`update`/`delete` float64 seconds, pulumi/pulumi sdk/go/common, read
   * 2026-12-01); a read timeout is not part of it.
   */
  customTimeouts?: { create?: number; update?: number; delete?: number };
  created?: string;
  modified?: string;
}

export interface StackExport {
  version: 3;
  deployment: {
    manifest: { time: string; magic: string; version: string; plugins?: Array<{ name: string; type: string; version: string }> };
    resources: ExportedResource[];
  };
}

/**
 * The plan in the shape of `pulumi stack export`, so one checker reads a plan and a live stack alike.
 * Secret values are written the way an export without `--show-secrets` holds them: as ciphertext, which
 * here is a marker, never the value.
 */
export function toStackExport(plan: Plan, time = new Date().toISOString()): StackExport {
  const aliases = declaredAliasUrns(plan.resources, plan.project, plan.stack);
  return {
    version: 3,
    deployment: {
      manifest: { time, magic: "", version: `dalp-ha planner (@pulumi/pulumi ${packageVersion("@pulumi/pulumi")})`, plugins: plugins() },
      resources: plan.resources.map((r) => {
        const out: ExportedResource = { urn: r.urn, custom: r.custom, ...(r.custom ? { id: r.id } : {}), type: r.type };
        if (r.custom || Object.keys(r.inputs).length > 0) out.inputs = encryptSecrets(r.inputs) as Record<string, unknown>;
        out.outputs = encryptSecrets(r.type === "pulumi:pulumi:Stack" ? plan.outputs : r.outputs) as Record<string, unknown>;
        if (r.parent) out.parent = r.parent;
        if (r.protect) out.protect = true;
        if (r.retainOnDelete) out.retainOnDelete = true;
        if (r.deleteBeforeReplace) out.deleteBeforeReplace = true;
        out.dependencies = r.dependencies;
        out.propertyDependencies = r.propertyDependencies;
        if (r.provider) out.provider = r.provider;
        if (r.additionalSecretOutputs.length > 0) out.additionalSecretOutputs = r.additionalSecretOutputs;
        if (r.ignoreChanges.length > 0) out.ignoreChanges = r.ignoreChanges;
        const earlier = aliases.get(r.urn);
        if (earlier) out.aliases = earlier;
        const timeouts = exportedTimeouts(r.customTimeouts);
        if (timeouts) out.customTimeouts = timeouts;
        out.created = time;
        out.modified = time;
        return out;
      }),
    },
  };
}

/** The create, update and delete timeouts in seconds, or nothing when none is set (the engine omits an empty block). */
function exportedTimeouts(timeouts: CustomTimeouts): ExportedResource["customTimeouts"] {
  const out: NonNullable<ExportedResource["customTimeouts"]> = {};
  for (const operation of ["create", "update", "delete"] as const) {
    const value = timeouts[operation];
    if (value && durationSeconds(value) !== 0) out[operation] = durationSeconds(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function encryptSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "planned-secret:not-encrypted-offline" };
  if (Array.isArray(value)) return value.map(encryptSecrets);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encryptSecrets(v)]));
  return value;
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The resource plugins the program uses, with the SDK versions installed. */
function plugins(): Array<{ name: string; type: string; version: string }> {
  return ["aws", "kubernetes", "random", "azure-native", "gcp"]
    .map((name) => ({ name, type: "resource", version: packageVersion(`@pulumi/${name}`) }))
    .filter((p) => p.version !== "unknown");
}

export function writeStackExport(plan: Plan, file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(toStackExport(plan), null, 2)}\n`);
}

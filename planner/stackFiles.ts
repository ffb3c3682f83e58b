import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { SECRET_KEYS } from "../config/schema";

/** The repository root: where Pulumi.yaml and the reference stack files live. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export function projectName(root = PROJECT_ROOT): string {
  const file = path.join(root, "Pulumi.yaml");
  const project = parseYamlFile(file) as { name?: unknown };
  if (typeof project?.name !== "string") throw new StackFileError(`${file} has no project name`);
  return project.name;
}

/** The reference stacks: every `Pulumi.<stack>.yaml` next to Pulumi.yaml. */
export function referenceStacks(root = PROJECT_ROOT): string[] {
  return fs
    .readdirSync(root)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export function stackFilePath(stack: string, root = PROJECT_ROOT): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/** Configuration as the Pulumi language host hands it to a program: every value a string. */
export interface RuntimeConfig {
  values: Record<string, string>;
  secretKeys: string[];
  notes: string[];
}

const PLACEHOLDER = "planned-secret-placeholder";

/**
 * Reads a stack file and turns its `config:` block into the runtime shape: scalars as strings, structured
 * values as JSON, `secure:` values (which only the stack's secrets provider can decrypt) as marked
 * placeholders. Secret keys the program needs but the file does not hold get a placeholder too, because a
 * committed stack file never carries them; each placeholder is reported in `notes`.
 */
export function readStackConfig(file: string): RuntimeConfig {
  const doc = parseYamlFile(file) as { config?: Record<string, unknown> } | null;
  const config = doc?.config ?? {};
  if (typeof config !== "object" || Array.isArray(config)) throw new StackFileError(`${file}: "config" must be a map of keys to values`);
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const notes: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (!key.includes(":")) throw new StackFileError(`${file}: config key "${key}" has no namespace; write it as dalp:${key}`);
    if (isSecure(value)) {
      values[key] = PLACEHOLDER;
      secretKeys.push(key);
      notes.push(`${key} is encrypted in the stack file; planned with a placeholder secret`);
    } else if (typeof value === "string") {
      values[key] = value;
    } else {
      values[key] = JSON.stringify(value);
    }
  }
  for (const k of SECRET_KEYS) {
    const key = `dalp:${k}`;
    if (values[key] === undefined && needsSecret(k, config)) {
      values[key] = PLACEHOLDER;
      secretKeys.push(key);
      notes.push(`${key} is not in the stack file (set it with pulumi config set --secret); planned with a placeholder secret`);
    }
  }
  const runner = runnerAddressPlaceholder(config);
  if (runner) {
    values["dalp:cluster"] = JSON.stringify(runner);
    notes.push(
      `dalp:cluster.apiAccess.cidrs is not in the stack file: each deployment sets the public egress address of the machine that runs pulumi up (pulumi config set --path 'dalp:cluster.apiAccess.cidrs[0]' <address>/32), and pulumi up refuses to start without it; planned with ${RUNNER_PLACEHOLDER} (a documentation address)`,
    );
  }
  return { values, secretKeys, notes };
}

/** An address from RFC 5737's documentation range, which no real runner has. */
export const RUNNER_PLACEHOLDER = "203.0.113.10/32";

/**
 * The runner's address is the one value a committed stack file cannot hold: it belongs to whoever deploys.
 * A public API endpoint without it is refused by the program; the plan of a committed file stands one in.
 */
function runnerAddressPlaceholder(config: Record<string, unknown>): Record<string, unknown> | undefined {
  const cluster = config["dalp:cluster"];
  if (cluster === null || typeof cluster !== "object" || Array.isArray(cluster)) return undefined;
  const access = (cluster as { apiAccess?: unknown }).apiAccess as { mode?: unknown; cidrs?: unknown } | undefined;
  if (access === null || typeof access !== "object" || access.mode !== "public" || access.cidrs !== undefined) return undefined;
  return { ...cluster, apiAccess: { ...access, cidrs: [RUNNER_PLACEHOLDER] } };
}

function needsSecret(key: (typeof SECRET_KEYS)[number], config: Record<string, unknown>): boolean {
  if (key === "registryPassword") {
    const charts = config["dalp:charts"] as { registry?: unknown } | undefined;
    return charts !== null && typeof charts === "object" && charts.registry !== undefined;
  }
  return false;
}

function isSecure(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

function parseYamlFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new StackFileError(`cannot read ${file}`);
  }
  try {
    return parse(text);
  } catch (err) {
    throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message}`);
  }
}

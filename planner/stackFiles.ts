import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
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
 * placeholders, top-level or nested (`pulumi config set --path --secret` nests them; Pulumi then holds the
 * whole key as a secret). Secret keys the program needs but the file does not hold get a placeholder too,
 * because a committed stack file never carries them; each placeholder is reported in `notes`.
 */
export function readStackConfig(file: string): RuntimeConfig {
  const config = stackConfigMap(file);
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
      const nested = { found: false };
      values[key] = JSON.stringify(withPlaceholders(value, nested));
      if (nested.found) {
        secretKeys.push(key);
        notes.push(`${key} holds encrypted values; planned with placeholder secrets in their place`);
      }
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

function withPlaceholders(value: unknown, nested: { found: boolean }): unknown {
  if (isSecure(value)) {
    nested.found = true;
    return PLACEHOLDER;
  }
  if (Array.isArray(value)) return value.map((v) => withPlaceholders(v, nested));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlaceholders(v, nested)]));
}

/** What a stack file looks like, for the errors that meet something else. */
const EXPECTED =
  "expected a Pulumi stack file (Pulumi.<stack>.yaml): UTF-8 YAML whose config: map holds namespaced keys, such as\n  config:\n    dalp:cloud: aws\n    dalp:pattern: cloud-native\n(the reference stacks Pulumi.*-cloud-native.yaml are complete examples; docs/configuration.md lists every key)";

/** Keys Pulumi itself reads at the top of a stack file, next to `config`. */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** The `config:` map of a stack file, after checking the file is one. */
function stackConfigMap(file: string): Record<string, unknown> {
  const doc = parseYamlFile(file);
  if (doc === null || doc === undefined) throw new StackFileError(`${file} is empty; ${EXPECTED}`);
  if (typeof doc !== "object" || Array.isArray(doc)) throw new StackFileError(`${file} holds ${Array.isArray(doc) ? "a list" : `the ${typeof doc} ${JSON.stringify(doc).slice(0, 40)}`} at the top; ${EXPECTED}`);
  const top = doc as Record<string, unknown>;
  if ("deployment" in top && "version" in top) {
    throw new StackFileError(`${file} is a pulumi stack export (a state), not a stack file: check it with dalp-ha check --state ${file}; ${EXPECTED}`);
  }
  if ("runtime" in top && "name" in top) throw new StackFileError(`${file} is a Pulumi project file (Pulumi.yaml), not a stack file; ${EXPECTED}`);
  const misplaced = Object.keys(top).filter((k) => k.includes(":"));
  if (misplaced.length > 0) {
    throw new StackFileError(`${file}: ${misplaced.slice(0, 3).join(", ")}${misplaced.length > 3 ? ", ..." : ""} at the top of the file; indent ${misplaced.length > 1 ? "them" : "it"} under config:; ${EXPECTED}`);
  }
  if (!("config" in top)) {
    const keys = Object.keys(top);
    throw new StackFileError(`${file} has no config: map (its top-level keys are ${keys.length ? keys.slice(0, 8).join(", ") : "none"}; a stack file's are ${STACK_FILE_KEYS.join(", ")}); ${EXPECTED}`);
  }
  const config = top.config ?? {};
  if (typeof config !== "object" || Array.isArray(config)) throw new StackFileError(`${file}: "config" must be a map of keys to values; ${EXPECTED}`);
  const keys = Object.keys(config);
  if (!keys.some((k) => k.startsWith("dalp:"))) {
    throw new StackFileError(`${file}: its config: map has no dalp: keys (${keys.length ? `it has ${keys.slice(0, 5).join(", ")}` : "it is empty"}); ${EXPECTED}`);
  }
  return config as Record<string, unknown>;
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

/**
 * The largest stack file read: Helm keeps every release, values included, in a Kubernetes Secret, and a Secret
 * holds at most 1 MiB (kubernetes.io/docs/concepts/configuration/secret, "Restriction on Secret size", read
 * 2026-12-01), so chart values anywhere near this size could not be installed; a stack file's own keys are a
 * few kilobytes.
 */
export const MAX_STACK_FILE_BYTES = 1024 * 1024;

function parseYamlFile(file: string): unknown {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new StackFileError(`${file} is a directory; name the stack file in it, such as ${path.join(file, "Pulumi.<stack>.yaml")}`);
    if (stat.size > MAX_STACK_FILE_BYTES) {
      throw new StackFileError(
        `${file} is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; a stack file is at most ${MAX_STACK_FILE_BYTES / 1024 / 1024} MiB: Helm stores each release with its values in a Kubernetes Secret of at most 1 MiB, so values this large cannot be installed (keep large files in the chart, or in a ConfigMap the chart mounts)`,
      );
    }
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof StackFileError) throw err;
    throw new StackFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const text = decodeText(file, bytes);
  const lineCounter = new LineCounter();
  // Duplicate keys are found below in one pass: the parser's own check compares every pair of keys of a map,
  // which takes minutes on a large file.
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter });
  if (doc.errors.length > 0) throw new StackFileError(`${file} is not valid YAML: ${doc.errors[0].message}`);
  const duplicate = firstDuplicateKey(doc.contents);
  if (duplicate) {
    const { line } = lineCounter.linePos(duplicate.offset);
    throw new StackFileError(`${file}: the key "${duplicate.key}" appears twice in the same map (line ${line}); YAML keys are unique within a map (YAML 1.2, section 3.2.1.1), keep one`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/** The file's text; a UTF-16 file (Windows PowerShell 5's `>` writes one) or a binary file is named as such. */
function decodeText(file: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new StackFileError(`${file} is UTF-16 text; save it as UTF-8 (in Windows PowerShell 5: Out-File -Encoding utf8); ${EXPECTED}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = nul <= 1 && bytes.length > 3 && (bytes[1] === 0 || bytes[2] === 0);
    throw new StackFileError(
      utf16
        ? `${file} looks like UTF-16 text without a byte-order mark; save it as UTF-8; ${EXPECTED}`
        : `${file} is not a text file (a NUL byte at offset ${nul}${bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? ": it is a PNG image" : ""}); ${EXPECTED}`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new StackFileError(`${file} is not UTF-8 text; save it as UTF-8; ${EXPECTED}`);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function firstDuplicateKey(node: unknown): { key: string; offset: number } | undefined {
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const current = pending.pop();
    if (isMap(current)) {
      const seen = new Set<string>();
      for (const pair of current.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) return { key, offset: isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0 };
        seen.add(key);
        pending.push(pair.value);
      }
    } else if (isSeq(current)) {
      pending.push(...current.items);
    }
  }
  return undefined;
}

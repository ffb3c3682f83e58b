import * as fs from "fs";
import { SECRET_SIG, SECRET_SIG_KEY } from "../planner/model";
import type { CheckInput, CheckResource } from "./model";

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateFileError";
  }
}

/** What stands in for a secret an export holds only as ciphertext: the checker cannot decrypt it. */
export const ENCRYPTED_SECRET = "[secret: encrypted in the state file]";

const EXPECTED =
  'expected the JSON of pulumi stack export (deployment version 3): {"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:<stack>::<project>::<type>::<name>", "type": "<type>", ...}]}}, or what dalp-ha plan --json writes';

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the qualified type ends with the resource's type. */
const URN = /^urn:pulumi:([^:]+)::([^:]+)::(.+)::(.*)$/s;

/** How many malformed entries an error lists before it says how many more there are. */
const LISTED_PROBLEMS = 10;

/**
 * Reads `pulumi stack export` JSON (deployment version 3), with or without `--show-secrets`, as the checker's
 * input; a self-managed backend's checkpoint file (`{"version": 3, "checkpoint": {"latest": ...}}`) is read
 * too. Plaintext secrets are revealed as the engine would; encrypted ones become a marker string. A malformed
 * file is refused whole, naming each bad entry by its index: a resource the checker cannot identify would
 * otherwise pass every rule unseen. Resources pending deletion (`delete: true`, left by an interrupted
 * replacement) are not part of the stack any more and are left out.
 */
export function readStackExport(file: string): CheckInput {
  const doc = readJson(file);
  const deployment = doc?.deployment ?? doc?.checkpoint?.latest;
  const resources: unknown = deployment?.resources;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || doc.version !== 3 || deployment === undefined) {
    throw new StateFileError(`${file} is not a pulumi stack export of deployment version 3${describeTop(doc)}; ${EXPECTED}`);
  }
  if (!Array.isArray(resources)) throw new StateFileError(`${file}: deployment.resources is ${describe(resources)}, not a list; ${EXPECTED}`);

  const problems: string[] = [];
  const live = new Map<string, number>();
  resources.forEach((r: unknown, i: number) => {
    const problem = entryProblem(r);
    if (problem) {
      problems.push(`resources[${i}] ${problem}`);
      return;
    }
    const entry = r as { urn: string; delete?: unknown };
    if (entry.delete === true) return;
    const earlier = live.get(entry.urn);
    if (earlier !== undefined) problems.push(`resources[${i}] repeats the urn of resources[${earlier}] (${entry.urn})`);
    else live.set(entry.urn, i);
  });
  if (problems.length > 0) {
    const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${p}`);
    const more = problems.length > LISTED_PROBLEMS ? [`  ... and ${problems.length - LISTED_PROBLEMS} more`] : [];
    throw new StateFileError([`${file} has ${problems.length} malformed resource entr${problems.length === 1 ? "y" : "ies"}; nothing was checked:`, ...listed, ...more, EXPECTED].join("\n"));
  }

  const entries = (resources as Array<Record<string, any>>).filter((r) => r.delete !== true);
  const stackUrn: string | undefined = entries.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? entries[0]?.urn;
  const [, stack = "unknown", project = "unknown"] = URN.exec(String(stackUrn ?? "")) ?? [];
  return {
    project,
    stack,
    origin: file,
    resources: entries.map(checkResourceOf),
  };
}

/**
 * One resource of a state (deployment.resources[i]), or of a preview step's `newState`/`oldState`, which share
 * the engine's ResourceV3 shape, as the checker reads it.
 */
export function checkResourceOf(r: Record<string, any>): CheckResource {
  return {
    urn: r.urn,
    type: r.type,
    name: String(r.urn).split("::").pop() ?? "",
    custom: r.custom === true,
    inputs: decode(r.inputs ?? {}) as Record<string, unknown>,
    outputs: decode(r.outputs ?? {}) as Record<string, unknown>,
    parent: r.parent,
    provider: r.provider,
    protect: r.protect === true,
    ignoreChanges: r.ignoreChanges ?? [],
    deleteBeforeReplace: r.deleteBeforeReplace,
    // The engine records them in seconds (apitype ResourceV3 customTimeouts).
    customTimeouts: { createSeconds: Number(r.customTimeouts?.create ?? 0), updateSeconds: Number(r.customTimeouts?.update ?? 0), deleteSeconds: Number(r.customTimeouts?.delete ?? 0) },
    additionalSecretOutputs: r.additionalSecretOutputs ?? [],
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
  };
}

/** The parsed JSON; its shape is checked field by field by the caller. */
function readJson(file: string): any {
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) throw new StateFileError(`${file} is a directory; name the export file in it; ${EXPECTED}`);
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof StateFileError) throw err;
    throw new StateFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const stackFile = /^\s*(#.*\n\s*)*config:/m.test(text) ? `; it looks like a stack file: check it with dalp-ha check --config ${file}` : "";
    throw new StateFileError(`cannot read ${file} as JSON (${(err as Error).message})${stackFile}; ${EXPECTED}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `the ${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

function describeTop(doc: unknown): string {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return ` (it holds ${describe(doc)})`;
  const top = doc as Record<string, unknown>;
  if (top.version !== undefined && top.version !== 3) return ` (its version is ${JSON.stringify(top.version)}; export it again with a current Pulumi CLI)`;
  return ` (its top-level keys are ${Object.keys(top).slice(0, 8).join(", ") || "none"})`;
}

const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");
const isMap = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);

/** What is wrong with one entry of `deployment.resources`, or nothing. */
function entryProblem(r: unknown): string | undefined {
  if (!isMap(r)) return `is ${describe(r)}, not a resource object`;
  const entry = r as Record<string, unknown>;
  if (typeof entry.urn !== "string") return `has ${entry.urn === undefined ? "no urn" : `a urn that is ${describe(entry.urn)}`}`;
  const urn = URN.exec(entry.urn);
  if (!urn) return `has the urn ${JSON.stringify(entry.urn.slice(0, 80))}, not urn:pulumi:<stack>::<project>::<type>::<name>`;
  if (typeof entry.type !== "string" || entry.type.length === 0) return `(${entry.urn}) has ${entry.type === undefined ? "no type" : `a type that is ${describe(entry.type)}`}`;
  const qualified = urn[3];
  if (qualified !== entry.type && !qualified.endsWith(`$${entry.type}`)) return `(${entry.urn}) has the type ${entry.type}, but its urn says ${qualified.split("$").pop()}`;
  for (const field of ["inputs", "outputs", "propertyDependencies"] as const) {
    if (entry[field] !== undefined && !isMap(entry[field])) return `(${entry.urn}) has ${field} that is ${describe(entry[field])}, not an object`;
  }
  for (const field of ["dependencies", "ignoreChanges", "additionalSecretOutputs"] as const) {
    if (entry[field] !== undefined && entry[field] !== null && !isStringList(entry[field])) return `(${entry.urn}) has ${field} that is not a list of strings`;
  }
  for (const field of ["parent", "provider"] as const) {
    if (entry[field] !== undefined && typeof entry[field] !== "string") return `(${entry.urn}) has a ${field} that is ${describe(entry[field])}, not a urn`;
  }
  return undefined;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  if (obj[SECRET_SIG_KEY] === SECRET_SIG) {
    if (typeof obj.plaintext === "string") {
      try {
        return decode(JSON.parse(obj.plaintext));
      } catch {
        return obj.plaintext;
      }
    }
    return ENCRYPTED_SECRET;
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode(v)]));
}

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

/**
 * Reads `pulumi stack export` JSON (deployment version 3), with or without `--show-secrets`, as the checker's
 * input. Plaintext secrets are revealed as the engine would; encrypted ones become a marker string.
 */
export function readStackExport(file: string): CheckInput {
  let doc: any;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new StateFileError(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  const resources = doc?.deployment?.resources;
  if (doc?.version !== 3 || !Array.isArray(resources)) {
    throw new StateFileError(`${file} is not a pulumi stack export of deployment version 3 (expected {"version": 3, "deployment": {"resources": [...]}})`);
  }
  const stackUrn: string | undefined = resources.find((r: any) => r?.type === "pulumi:pulumi:Stack")?.urn ?? resources[0]?.urn;
  const [, stack = "unknown", project = "unknown"] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(String(stackUrn ?? "")) ?? [];
  return {
    project,
    stack,
    origin: file,
    resources: resources.map(
      (r: any): CheckResource => ({
        urn: String(r.urn),
        type: String(r.type),
        name: String(r.urn).split("::").pop() ?? "",
        custom: r.custom === true,
        inputs: decode(r.inputs ?? {}) as Record<string, unknown>,
        outputs: decode(r.outputs ?? {}) as Record<string, unknown>,
        parent: r.parent,
        provider: r.provider,
        protect: r.protect === true,
        ignoreChanges: r.ignoreChanges ?? [],
        deleteBeforeReplace: r.deleteBeforeReplace,
        additionalSecretOutputs: r.additionalSecretOutputs ?? [],
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
      }),
    ),
  };
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

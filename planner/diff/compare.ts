import { ENCRYPTED_SECRET } from "../../checker/fromStackExport";
import { isSecretValue, SECRET_SIG, SECRET_SIG_KEY } from "../model";
import type { PropertyPath } from "./propertyPath";

/**
 * How a provider compares the new inputs with what the state holds (the rules are written down in
 * docs/planner.md, "How `diff` decides"):
 * - `outputs`: Terraform-bridged providers (aws, gcp, random) plan the new inputs against the prior state,
 *   which is the old outputs; the Kubernetes provider diffs against the live object pruned to the old inputs'
 *   shape. A key the program sets is compared with the old output, or the old input where the output lacks it.
 * - `inputs`: azure-native diffs the new inputs against the old inputs.
 * In both, a key only the old inputs hold is a removal (a change); a key only the old outputs hold was computed
 * by the provider and is not compared.
 */
export interface CompareOptions {
  against: "outputs" | "inputs";
  /** Arrays of scalars compare as sets: Terraform keeps set attributes (subnet ids, CIDRs) in its own order. */
  scalarArraysAsSets: boolean;
}

export interface Differences {
  /** Concrete paths where the new inputs differ (leaves, or whole arrays whose length or members changed). */
  paths: PropertyPath[];
  /** Values that could not be compared because one side is a secret. */
  secretsSkipped: number;
}

/** The engine's marker for a value not known until the update runs. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Json = unknown;

function isEncrypted(value: Json): boolean {
  if (value === ENCRYPTED_SECRET) return true;
  return value !== null && typeof value === "object" && (value as Record<string, Json>)[SECRET_SIG_KEY] === SECRET_SIG && "ciphertext" in (value as object);
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isSecretValue(value);
}

function isScalar(value: Json): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function isEmpty(value: Json): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/** A JSON document with its keys sorted, or undefined when the string is not one. */
function canonicalJson(text: string): string | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  const sorted = (v: Json): Json =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, Json>)[k])])) : v;
  try {
    return JSON.stringify(sorted(JSON.parse(text)));
  } catch {
    return undefined;
  }
}

/**
 * Scalars as the providers see them: `5` and `"5"`, `true` and `"true"` are the same value, and so are two
 * spellings of one JSON document (providers normalise policy documents, and keep the normalised form).
 */
function sameScalar(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") {
    const [ja, jb] = [canonicalJson(a), canonicalJson(b)];
    return ja !== undefined && ja === jb;
  }
  if (typeof a === typeof b) return false;
  return String(a) === String(b);
}

function canonical(value: Json): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Keys the bridge keeps for itself in a state (`__defaults`, `__meta`): never the program's. */
const isMetaKey = (key: string) => key.startsWith("__");

export function differences(newInputs: Record<string, Json>, oldInputs: Record<string, Json>, oldOutputs: Record<string, Json>, options: CompareOptions): Differences {
  const paths: PropertyPath[] = [];
  let secretsSkipped = 0;

  const leaves = (value: Json, at: PropertyPath) => {
    if (isObject(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) if (!isMetaKey(k)) leaves(v, [...at, k]);
    } else paths.push(at);
  };

  const walk = (nextValue: Json, oldIn: Json, oldOut: Json, at: PropertyPath) => {
    if (isSecretValue(nextValue) || isEncrypted(oldIn) || isEncrypted(oldOut)) {
      secretsSkipped++;
      return;
    }
    const next = nextValue === null ? undefined : nextValue;
    const prior = oldIn === null ? undefined : oldIn;
    const fromOutputs = options.against === "outputs" && oldOut !== undefined && oldOut !== null;
    const base = fromOutputs ? oldOut : prior;

    if (next === UNKNOWN) {
      paths.push(at);
      return;
    }
    if (next === undefined) {
      if (!isEmpty(prior)) paths.push(at);
      return;
    }
    if (base === undefined) {
      if (!isEmpty(next)) leaves(next, at);
      return;
    }
    if (isObject(next) && isObject(base)) {
      const keys = new Set([...Object.keys(next), ...(isObject(prior) ? Object.keys(prior) : [])]);
      for (const k of keys) {
        if (isMetaKey(k)) continue;
        walk(next[k], isObject(prior) ? prior[k] : undefined, fromOutputs ? base[k] : undefined, [...at, k]);
      }
      return;
    }
    if (Array.isArray(next) && Array.isArray(base)) {
      if (options.scalarArraysAsSets && next.every(isScalar) && base.every(isScalar)) {
        const a = next.map(canonical).sort();
        const b = base.map(canonical).sort();
        if (a.length !== b.length || a.some((v, i) => v !== b[i])) paths.push(at);
        return;
      }
      if (next.length !== base.length) {
        paths.push(at);
        return;
      }
      next.forEach((item, i) => walk(item, Array.isArray(prior) ? prior[i] : undefined, fromOutputs ? base[i] : undefined, [...at, i]));
      return;
    }
    if (isScalar(next) && isScalar(base)) {
      if (!sameScalar(next, base)) paths.push(at);
      return;
    }
    if (isEmpty(next) && isEmpty(base)) return;
    paths.push(at);
  };

  const keys = new Set([...Object.keys(newInputs), ...Object.keys(oldInputs)]);
  for (const k of keys) if (!isMetaKey(k)) walk(newInputs[k], oldInputs[k], oldOutputs[k], [k]);
  return { paths, secretsSkipped };
}

import type { ZodType } from "zod";
import { keyPath, KeyPath } from "./guardedChecks";
import { defOf, isWrapper } from "./schemaTree";

/**
 * Parses what can be parsed of a configuration the schema refused, so that the cross-key and per-cloud checks
 * still run on every key that is fine. A key that fails reads as nothing (or its default, when it has one);
 * objects and lists are rebuilt from the parts that parse. `suspect` collects the paths whose value was
 * rebuilt through a transform from repaired input (their output keys differ from the input's), so that checks
 * treat them as failed too.
 */
export function bestEffortParse(schema: ZodType, value: unknown): { data: unknown; suspect: Set<KeyPath> } {
  const suspect = new Set<KeyPath>();
  return { data: parsePart(schema, value, [], suspect), suspect };
}


/** The object schema under defaults, optionals and a transform's input side, if the node is an object. */
function objectUnder(schema: ZodType): { shape: Record<string, ZodType>; transformed: boolean } | undefined {
  let node: ZodType | undefined = schema;
  let transformed = false;
  while (node) {
    const def = defOf(node);
    if (def.type === "object") return { shape: def.shape as Record<string, ZodType>, transformed };
    if (isWrapper(def)) node = def.innerType as ZodType;
    else if (def.type === "pipe") {
      const input = def.in as ZodType;
      if (defOf(input).type === "transform") return undefined;
      transformed = true;
      node = input;
    } else return undefined;
  }
  return undefined;
}

function unwrapped(schema: ZodType): ZodType {
  let node = schema;
  for (;;) {
    const def = defOf(node);
    if (isWrapper(def)) node = def.innerType as ZodType;
    else return node;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parsePart(schema: ZodType, value: unknown, path: PropertyKey[], suspect: Set<KeyPath>): unknown {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;

  const object = objectUnder(schema);
  if (object && isPlainObject(value)) {
    const parts: Record<string, unknown> = {};
    const repaired: Record<string, unknown> = {};
    for (const [k, sub] of Object.entries(object.shape)) {
      const part = parsePart(sub, value[k], [...path, k], suspect);
      if (part !== undefined) parts[k] = part;
      if (k in value && sub.safeParse(value[k]).success) repaired[k] = value[k];
    }
    if (!object.transformed) return parts;
    // A transform reshapes the object: run it on the input without its failed keys, so defaults stand in.
    const again = schema.safeParse(repaired);
    suspect.add(keyPath(path));
    return again.success ? again.data : undefined;
  }

  const node = unwrapped(schema);
  const def = defOf(node);
  if (def.type === "array" && Array.isArray(value)) {
    return value.map((item, i) => parsePart(def.element as ZodType, item, [...path, i], suspect));
  }
  if (def.type === "record" && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parsePart(def.valueType as ZodType, v, [...path, k], suspect)]));
  }
  if (def.type === "union") {
    // The branch of the value's own shape: an object for an object, a scalar branch otherwise.
    const options = def.options as ZodType[];
    const branch = options.find((o) => (objectUnder(o) !== undefined) === isPlainObject(value));
    return branch ? parsePart(branch, value, path, suspect) : undefined;
  }
  return undefined;
}

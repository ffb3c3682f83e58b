import type { ZodType } from "zod";

/**
 * Walking the configuration schema's tree, for the errors (which keys an object takes, a field's wording), the
 * best-effort parse of a refused configuration and the generated docs. zod 4 keeps each node's kind in
 * `_zod.def`; its wrappers (defaults, optionals) hold the node they wrap in `innerType`.
 */
export type SchemaDef = Record<string, unknown> & { type: string; checks?: Array<{ _zod: { def: Record<string, unknown> & { error?: () => unknown } } }> };

export const defOf = (schema: ZodType) => schema._zod.def as unknown as SchemaDef;

const WRAPPERS = new Set(["default", "prefault", "optional", "nullable"]);

/** Whether the node only wraps another (a default, a prefault, an optional, a nullable). */
export function isWrapper(def: SchemaDef): boolean {
  return WRAPPERS.has(def.type);
}

/**
 * The node under its wrappers and through its pipe, where the field's kind and rules are: a preprocessed field's
 * output side, a transformed field's input side.
 */
export function coreOf(schema: ZodType): ZodType {
  let node = schema;
  for (;;) {
    const def = defOf(node);
    if (isWrapper(def)) node = def.innerType as ZodType;
    else if (def.type === "pipe") node = defOf(def.in as ZodType).type === "transform" ? (def.out as ZodType) : (def.in as ZodType);
    else return node;
  }
}

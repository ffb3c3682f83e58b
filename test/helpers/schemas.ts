import Ajv, { ValidateFunction } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const DIR = path.join(__dirname, "..", "schemas");

type Schema = Record<string, any>;

/**
 * A CRD's OpenAPI schema made strict: every object that lists its properties rejects others, which is what
 * the API server's pruning would silently drop. A misspelt field then fails the test instead of vanishing.
 */
function strict(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(strict) as unknown as Schema;
  if (!schema || typeof schema !== "object") return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "enum" || k === "required" ? v : strict(v)]));
  if (out.type === "object" && out.properties && !out["x-kubernetes-preserve-unknown-fields"] && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/** CRD patterns are Go regular expressions; the one Go-only construct they use is the `(?i)` flag group. */
function goRegExp(pattern: string, flags: string): RegExp {
  return pattern.includes("(?i)") ? new RegExp(pattern.replace("(?i)", ""), `${flags}i`) : new RegExp(pattern, flags);
}
goRegExp.code = "goRegExp";

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, code: { regExp: goRegExp } });

/** The validator of `spec` in a vendored CRD (first served version). */
export function crdSpecValidator(file: string): ValidateFunction {
  const crd = parse(fs.readFileSync(path.join(DIR, file), "utf8"));
  return ajv.compile(strict(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec));
}

/** A schema without its `required` lists. */
function optional(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(optional) as unknown as Schema;
  if (!schema || typeof schema !== "object") return schema;
  return Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "required" && k !== "$schema").map(([k, v]) => [k, optional(v)]));
}

/**
 * The validator of a chart's values.schema.json for an override file. Its `required` lists name keys the
 * chart's own values.yaml supplies, and Helm validates the merged values, so an override is checked for the
 * types of what it sets, without those lists.
 */
export function chartValuesValidator(file: string): ValidateFunction {
  return ajv.compile(optional(JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8"))));
}

export function errorsOf(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: "\n" });
}

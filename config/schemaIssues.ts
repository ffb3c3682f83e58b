import type { core, ZodType } from "zod";
import { isCredentialKey } from "../facts/credentials";
import { didYouMean } from "./didYouMean";
import { ConfigIssue, renderValue, SECRET_SHOWN_AS } from "./errors";
import { configKey, isCredentialPath, NAMESPACE, valueAt } from "./keys";
import { DalpConfigSchema, SECRET_KEYS } from "./schema";
import { coreOf, defOf } from "./schemaTree";

/**
 * Turns the schema's findings into issues that name the key as the user writes it, what was given (never a
 * secret) and what the key accepts.
 */
export function schemaIssues(issues: ReadonlyArray<core.$ZodIssue>, root: unknown, secretKeys: ReadonlySet<string>): ConfigIssue[] {
  return issues.flatMap((issue) => toConfigIssues(issue, root, secretKeys));
}

/** What an error may print of the value at `path`: `[secret]` for secrets and anything under a credential key. */
export function shownValue(root: unknown, path: ReadonlyArray<PropertyKey>, secretKeys: ReadonlySet<string>): string {
  const top = path[0];
  if (typeof top === "string" && ((SECRET_KEYS as readonly string[]).includes(top) || secretKeys.has(top))) return SECRET_SHOWN_AS;
  if (isCredentialPath(path)) return SECRET_SHOWN_AS;
  return renderValue(valueAt(root, path));
}

const unwrap = (schema: ZodType | undefined): ZodType | undefined => (schema ? coreOf(schema) : undefined);

/** Follows a path through the schema, for the keys an object accepts and the wording of a field's rule. */
function schemaAt(path: ReadonlyArray<PropertyKey>): ZodType | undefined {
  let node: ZodType | undefined = DalpConfigSchema;
  for (const p of path) {
    node = unwrap(node);
    if (!node) return undefined;
    const def = defOf(node);
    if (def.type === "object") node = (def.shape as Record<string, ZodType>)[String(p)];
    else if (def.type === "array") node = def.element as ZodType;
    else if (def.type === "record") node = def.valueType as ZodType;
    else if (def.type === "union") {
      const object = (def.options as ZodType[]).map(unwrap).find((o) => o && defOf(o).type === "object");
      node = object ? (defOf(object).shape as Record<string, ZodType>)[String(p)] : undefined;
    } else return undefined;
  }
  return unwrap(node);
}

function objectKeys(path: ReadonlyArray<PropertyKey>): string[] {
  let node = schemaAt(path);
  if (node && defOf(node).type === "union") node = (defOf(node).options as ZodType[]).map(unwrap).find((o) => o && defOf(o).type === "object");
  return node && defOf(node).type === "object" ? Object.keys(defOf(node).shape as object) : [];
}

/** The wording a field's own rule gives (its custom message), such as `a Kubernetes minor version in quotes...`. */
function ruleWording(path: ReadonlyArray<PropertyKey>): string | undefined {
  let node = schemaAt(path);
  while (node) {
    const def = defOf(node);
    for (const check of (def.checks as Array<{ _zod: { def: { error?: () => unknown } } }> | undefined) ?? []) {
      const message = check._zod.def.error?.();
      if (typeof message === "string") return message;
    }
    node = def.type === "pipe" ? (def.out as ZodType) : undefined;
  }
  return undefined;
}

function unknownKeyAdvice(path: ReadonlyArray<PropertyKey>, name: string, known: string[]): string {
  const where = path.length ? configKey(path) : `the ${NAMESPACE}: namespace`;
  if (isCredentialKey(name)) {
    const registry = path.length === 2 && path[0] === "charts" && path[1] === "registry";
    const home = registry
      ? `the registry password is the secret dalp:registryPassword: pulumi config set --secret dalp:registryPassword <token>`
      : `a credential is never a plain configuration value: keep it in a Kubernetes Secret, or set a key this stack reads as a secret with pulumi config set --secret`;
    return `no such key here (${home}; and remove the plain-text entry from the stack file); the keys of ${where} are ${known.join(", ")}`;
  }
  const [head, ...rest] = name.split(/[.[]/);
  if (rest.length > 0 && known.includes(head)) {
    return `no such key here: ${name} is a path, which the stack file nests (${head}: {${rest[0].replace(/\]$/, "")}: ...}); pulumi config set --path '${configKey([...path, name])}' <value> writes it so`;
  }
  return `no such key here${didYouMean(name, known)}; the keys of ${where} are ${known.join(", ")}`;
}

function toConfigIssues(issue: core.$ZodIssue, root: unknown, secretKeys: ReadonlySet<string>): ConfigIssue[] {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = objectKeys(path);
      return issue.keys.map((k) => ({ key: configKey([...path, k]), given: shownValue(root, [...path, k], secretKeys), allowed: unknownKeyAdvice(path, k, known) }));
    }
    case "invalid_union": {
      // Report the branch the user evidently meant: the one that got past the type check at the root.
      const branches = issue.errors.filter((errs) => !errs.every((e) => e.code === "invalid_type" && e.path.length === 0));
      if (branches.length > 0) {
        return branches[0].flatMap((e) => toConfigIssues({ ...e, path: [...path, ...e.path] } as core.$ZodIssue, root, secretKeys));
      }
      return [{ key: configKey(path), given: shownValue(root, path, secretKeys), allowed: unionWording(path) }];
    }
    default:
      return [{ key: configKey(path), given: shownValue(root, path, secretKeys), allowed: describe(issue, path, valueAt(root, path)) }];
  }
}

/** What a value of a type is called in a stack file. */
const TYPE_WORDS: Record<string, string> = { array: "a list", object: "a map", record: "a map of keys to values", boolean: "true or false", string: "text", number: "a number", int: "a whole number" };
const typeWord = (type: string) => TYPE_WORDS[type] ?? `${article(type)} ${type}`;

/** The alternatives a union accepts, such as "a whole number, or a list" for a region's zones. */
function unionWording(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 2 && path[0] === "regions") return "a region name such as \"eu-central-1\", or a map {name, zones, cidr}";
  const node = schemaAt(path);
  const options = node && defOf(node).type === "union" ? (defOf(node).options as ZodType[]).map(unwrap) : [];
  const words = options.map((o) => (o ? (defOf(o).type === "object" ? `a map {${Object.keys(defOf(o).shape as object).join(", ")}}` : typeWord(defOf(o).type)) : "?"));
  return words.length > 0 ? words.join(", or ") : "another shape";
}

/** A field's own description, as the schema gives it. */
function descriptionAt(path: ReadonlyArray<PropertyKey>): string | undefined {
  let node: ZodType | undefined = DalpConfigSchema;
  let described: string | undefined;
  for (const p of path) {
    node = unwrap(node);
    const def = node ? defOf(node) : undefined;
    node = def?.type === "object" ? (def.shape as Record<string, ZodType>)[String(p)] : undefined;
    described = (node?.meta() as { description?: string } | undefined)?.description;
  }
  return described;
}

function describe(issue: core.$ZodIssue, path: ReadonlyArray<PropertyKey>, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "undefined") return "nothing; remove the key";
      if (issue.expected === "string" && typeof value === "number") {
        const rule = ruleWording(path) ?? "text";
        const why = "YAML reads an unquoted 1.30 as the number 1.3, which loses digits";
        return rule.includes("quotes") ? `${rule}: ${why}` : `${rule}, written in quotes: ${why}`;
      }
      {
        const rule = ruleWording(path);
        if (value === undefined) return rule ?? (descriptionAt(path) ? `${typeWord(issue.expected)}: ${descriptionAt(path)}` : typeWord(issue.expected));
        return rule ? `${typeWord(issue.expected)}: ${rule}` : typeWord(issue.expected);
      }
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${typeof value === "string" ? didYouMean(value, issue.values.map(String)) : ""}`;
    case "too_small":
      if (issue.origin === "array") return customOr(issue.message, `at least ${issue.minimum} entries`);
      if (issue.origin === "string") return `a non-empty string`;
      return customOr(issue.message, `a number ${issue.inclusive ? ">=" : ">"} ${issue.minimum}`);
    case "too_big":
      if (issue.origin === "array") return `at most ${issue.maximum} entries`;
      if (issue.origin === "string") return `at most ${issue.maximum} characters`;
      return `a number ${issue.inclusive ? "<=" : "<"} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function customOr(message: string, fallback: string): string {
  return message.startsWith("Too small") || message.startsWith("Invalid") ? fallback : message;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

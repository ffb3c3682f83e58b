import { isSecretValue } from "../model";

/**
 * Pulumi property paths, the syntax of `ignoreChanges` and of `pulumi preview --diff` keys: `a.b`, `a[0]`,
 * `a[*]` (every element or key), `a["key with . or quotes"]`. A port of the engine's `ParsePropertyPath`,
 * `PropertyPath.String`, `Contains` and `Reset` (pulumi/pulumi sdk/go/common/resource/properties_path.go), so
 * that a path means here exactly what it means to `pulumi up`.
 */
export type PathSegment = string | number;
export type PropertyPath = PathSegment[];

/** The wildcard segment: `[*]` (or `["*"]`). */
export const WILDCARD = "*";

export class PropertyPathError extends Error {
  constructor(path: string, reason: string) {
    super(`invalid property path ${JSON.stringify(path)}: ${reason}`);
    this.name = "PropertyPathError";
  }
}

export function parsePropertyPath(text: string): PropertyPath {
  const out: PropertyPath = [];
  let rest = text;
  if (rest.startsWith(".")) throw new PropertyPathError(text, "expected the path to start with a name or index");
  while (rest.length > 0) {
    if (rest[0] === ".") {
      rest = rest.slice(1);
      if (rest.length === 0) throw new PropertyPathError(text, "expected a name or index at the end");
      continue;
    }
    if (rest[0] === "[") {
      if (rest[1] === '"') {
        let key = "";
        let i = 2;
        for (;;) {
          if (i >= rest.length) throw new PropertyPathError(text, "missing closing quote in a property name");
          if (rest[i] === '"') {
            i++;
            break;
          }
          if (rest[i] === "\\" && rest[i + 1] === '"') {
            key += '"';
            i += 2;
          } else {
            key += rest[i];
            i++;
          }
        }
        if (rest[i] !== "]") throw new PropertyPathError(text, "missing closing bracket in a property access");
        out.push(key);
        rest = rest.slice(i + 1);
        continue;
      }
      const close = rest.indexOf("]");
      if (close === -1) throw new PropertyPathError(text, "missing closing bracket in an array index");
      const segment = rest.slice(1, close);
      if (segment === WILDCARD) out.push(WILDCARD);
      else if (/^-?\d+$/.test(segment)) out.push(Number(segment));
      else throw new PropertyPathError(text, `invalid array index "${segment}"`);
      rest = rest.slice(close + 1);
      continue;
    }
    let end = 0;
    while (end < rest.length && rest[end] !== "." && rest[end] !== "[") end++;
    out.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return out;
}

/** The engine's spelling of a path: `a.b[0]["k.with.dots"]`; a wildcard prints as `[*]`. */
export function formatPropertyPath(path: PropertyPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (segment === WILDCARD) return "[*]";
      if (/^[A-Za-z0-9_]+$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `["${segment.replace(/"/g, '\\"')}"]`;
    })
    .join("");
}

/** Whether `pattern` (which may hold wildcards) covers `path`: equal up to the pattern's length. */
export function pathContains(pattern: PropertyPath, path: PropertyPath): boolean {
  if (path.length < pattern.length) return false;
  return pattern.every((segment, i) => segment === WILDCARD || segment === path[i]);
}

type Json = unknown;

function unwrap(value: Json): Json {
  let v = value;
  while (isSecretValue(v)) v = v.value;
  return v;
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isSecretValue(value);
}

const has = (object: Record<string, Json>, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * What `ignoreChanges` does before the provider sees the inputs: the value at `path` in `oldInputs` replaces the
 * one in `newInputs` (which is changed in place), and a path the old inputs lack is removed from the new ones.
 * Returns false where the engine reports "cannot ignore changes in added or removed elements of the path".
 */
export function resetPath(path: PropertyPath, oldInputs: Record<string, Json>, newInputs: Record<string, Json>): boolean {
  return reset(path, oldInputs, newInputs);
}

function reset(path: PropertyPath, oldValue: Json, newValue: Json): boolean {
  if (path.length === 0) return false;
  const old = unwrap(oldValue);
  const next = unwrap(newValue);
  const [key, ...rest] = path;

  if (typeof key === "number") {
    if (key < 0) return false;
    if (!Array.isArray(old) || !Array.isArray(next)) return !Array.isArray(old) && !Array.isArray(next);
    if (rest.length === 0) {
      if (key >= old.length && key >= next.length) return true;
      if (key >= old.length || key >= next.length) return false;
      next[key] = clone(old[key]);
      return true;
    }
    if (key >= old.length || key >= next.length) return false;
    return reset(rest, old[key], next[key]);
  }

  if (key === WILDCARD) {
    if (rest.length === 0) {
      if (isObject(next)) {
        if (isObject(old)) {
          for (const k of Object.keys(old)) next[k] = clone(old[k]);
          for (const k of Object.keys(next)) if (!has(old, k)) delete next[k];
        }
        return true;
      }
      if (Array.isArray(next)) {
        if (Array.isArray(old)) {
          for (let i = 0; i < old.length && i < next.length; i++) next[i] = clone(old[i]);
          if (old.length !== next.length) return false;
        }
        return true;
      }
      return false;
    }
    if (isObject(old) && isObject(next)) {
      for (const k of Object.keys(old)) {
        if (!has(next, k)) return false;
        if (!reset(rest, old[k], next[k])) return false;
      }
      return true;
    }
    if (Array.isArray(old) && Array.isArray(next)) {
      for (let i = 0; i < old.length && i < next.length; i++) if (!reset(rest, old[i], next[i])) return false;
      return old.length === next.length;
    }
    return false;
  }

  if (rest.length === 0) {
    if (isObject(old) && has(old, key)) {
      if (!isObject(next)) return false;
      next[key] = clone(old[key]);
    } else if (isObject(next)) {
      delete next[key];
    }
    return true;
  }
  if (!isObject(old) || !isObject(next)) return !isObject(old) && !isObject(next);
  const hasOld = has(old, key);
  const hasNew = has(next, key);
  if (hasOld && !hasNew) return false;
  if (!hasOld && !hasNew) return true;
  return reset(rest, old[key], next[key]);
}

/** Every concrete path (wildcards expanded) at which `path` finds a value in `root`, with the value. */
export function matchPath(root: Json, path: PropertyPath): Array<{ path: PropertyPath; value: Json }> {
  const out: Array<{ path: PropertyPath; value: Json }> = [];
  const walk = (value: Json, i: number, at: PropertyPath) => {
    const v = unwrap(value);
    if (i === path.length) {
      out.push({ path: at, value: v });
      return;
    }
    const segment = path[i];
    if (segment === WILDCARD) {
      if (Array.isArray(v)) v.forEach((item, index) => walk(item, i + 1, [...at, index]));
      else if (isObject(v)) for (const [k, item] of Object.entries(v)) walk(item, i + 1, [...at, k]);
      return;
    }
    if (typeof segment === "number") {
      if (Array.isArray(v) && segment < v.length) walk(v[segment], i + 1, [...at, segment]);
      return;
    }
    if (isObject(v) && has(v, segment)) walk(v[segment], i + 1, [...at, segment]);
  };
  walk(root, 0, []);
  return out;
}

/** The value at a concrete path (no wildcards), or undefined. */
export function valueAt(root: Json, path: PropertyPath): Json {
  let v = unwrap(root);
  for (const segment of path) {
    if (Array.isArray(v) && typeof segment === "number") v = unwrap(v[segment]);
    else if (isObject(v) && typeof segment === "string") v = unwrap(v[segment]);
    else return undefined;
  }
  return v;
}

/** Sets the value at a concrete path, creating objects on the way; used to model what the cloud changed. */
export function setValueAt(root: Record<string, Json>, path: PropertyPath, value: Json): void {
  let v: Json = root;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const container = unwrap(v) as Record<string, Json> | Json[];
    if (last) {
      (container as Record<string, Json>)[segment as string] = value;
      return;
    }
    const next = (container as Record<string, Json>)[segment as string];
    if (next === undefined || next === null) (container as Record<string, Json>)[segment as string] = typeof path[i + 1] === "number" ? [] : {};
    v = (container as Record<string, Json>)[segment as string];
  });
}

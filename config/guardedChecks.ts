import type { ConfigIssue } from "./errors";

/**
 * Cross-key and per-cloud checks run in the same round as the schema, so one edit of the stack file can fix
 * every problem. A key that already failed the schema holds no usable value (it reads as its default or as
 * nothing), and a check that reads it would report nonsense ("maxPerZone must be >= minPerZone (3)" after
 * minPerZone was refused): such a check's findings are dropped. Which keys a check reads is recorded as it
 * runs, through a proxy over the configuration, so no check has to declare them.
 */

/** One check: the issues it finds in one reading of the configuration. */
export type Check<T> = (config: T) => ConfigIssue[];

interface Recorder {
  readFailedKey: boolean;
}

// Checks are synchronous, so the innermost running guard is the one a read belongs to.
const running: Recorder[] = [];

/** Path of a key inside the configuration, `regions.0.zones`; a failed path taints itself and everything below. */
export type KeyPath = string;

export function keyPath(path: ReadonlyArray<PropertyKey>): KeyPath {
  return path.map(String).join(".");
}

/** The path of an issue's key, `dalp:regions[0].zones` -> `regions.0.zones`; undefined outside the namespace. */
export function issuePath(key: string): KeyPath | undefined {
  const m = /^dalp:(.*)$/.exec(key);
  return m ? m[1].replace(/\[(\d+)\]/g, ".$1") : undefined;
}

function within(path: KeyPath, ancestor: KeyPath): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`) || ancestor === "";
}

/**
 * The configuration as checks see it: reading a key that failed (or anything below it) marks the running
 * check, and listing an object's keys marks it when one of them failed. `failed` may grow as checks run.
 */
/** On a tracked configuration: the set of failed paths, which `runChecks` adds each refused key to. */
const FAILED = Symbol("failed keys");

/**
 * Marks the keys of issues as failed. A list or map refused as a whole (too many regions, too many tags) does
 * not make its entries unreadable: only a refused value that is not a container is marked.
 */
export function markRefused(failed: Set<KeyPath>, root: unknown, issues: ReadonlyArray<ConfigIssue>): void {
  for (const issue of issues) {
    const path = issuePath(issue.key);
    if (path === undefined) continue;
    const value = path.split(".").reduce<unknown>((node, k) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined), root);
    if (value === null || typeof value !== "object") failed.add(path);
  }
}

export function tracked<T extends object>(root: T, failed: Set<KeyPath>): T {
  // Read on every access: checks that run later also leave alone the keys earlier checks refused.
  const failedPaths = { some: (test: (f: KeyPath) => boolean) => [...failed].some(test) };
  const proxies = new WeakMap<object, object>();
  const mark = () => {
    const recorder = running[running.length - 1];
    if (recorder) recorder.readFailedKey = true;
  };
  const wrap = (value: unknown, path: KeyPath): unknown => {
    if (value === null || typeof value !== "object") return value;
    const known = proxies.get(value);
    if (known) return known;
    const proxy = new Proxy(value, {
      get(target, prop, receiver) {
        if (prop === FAILED) return { failed, root };
        const result = Reflect.get(target, prop, receiver);
        if (typeof prop === "symbol" || typeof result === "function") return result;
        const child = path === "" ? prop : `${path}.${prop}`;
        if (failedPaths.some((f) => within(child, f))) mark();
        return wrap(result, child);
      },
      ownKeys(target) {
        if (failedPaths.some((f) => within(f, path) && f !== path)) mark();
        return Reflect.ownKeys(target);
      },
      has(target, prop) {
        if (typeof prop === "string" && failedPaths.some((f) => within(path === "" ? prop : `${path}.${prop}`, f))) mark();
        return Reflect.has(target, prop);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return wrap(root, "") as T;
}

/**
 * Runs `check` and returns its value, or `fallback` when it read a key that failed (its findings would be
 * follow-ons of that failure; an error it throws then is one too). A guard inside a guard keeps its reads to
 * itself, so a check can guard the part of its work that depends on a key others do not.
 */
export function guarded<T>(check: () => T, fallback: T): T {
  const recorder: Recorder = { readFailedKey: false };
  running.push(recorder);
  try {
    const result = check();
    return recorder.readFailedKey ? fallback : result;
  } catch (err) {
    if (recorder.readFailedKey) return fallback;
    throw err;
  } finally {
    running.pop();
  }
}

export function guard(check: () => ConfigIssue[]): ConfigIssue[] {
  return guarded(check, []);
}

/**
 * Runs every check, each guarded on its own. A key one check refuses is left alone by the checks after it, on
 * a tracked configuration (or one holding a tracked configuration under `config`).
 */
export function runChecks<T>(config: T, checks: ReadonlyArray<Check<T>>): ConfigIssue[] {
  const tracking = trackingOf(config);
  return checks.flatMap((check) => {
    const found = guard(() => check(config));
    if (tracking) markRefused(tracking.failed, tracking.root, found);
    return found;
  });
}

type Tracking = { failed: Set<KeyPath>; root: unknown };

function trackingOf(value: unknown): Tracking | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const own = (value as Record<PropertyKey, unknown>)[FAILED] as Tracking | undefined;
  if (own) return own;
  const inner = (value as Record<string, unknown>).config ?? (value as Record<string, unknown>).raw;
  return inner !== null && typeof inner === "object" ? ((inner as Record<PropertyKey, unknown>)[FAILED] as Tracking | undefined) : undefined;
}

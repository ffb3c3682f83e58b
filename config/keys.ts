import { isCredentialKey } from "../facts/credentials";

export const NAMESPACE = "dalp";

/** A path inside the `dalp:` namespace as the user writes the key: `dalp:regions[0].zones`. */
export function configKey(path: ReadonlyArray<PropertyKey>): string {
  let out = NAMESPACE;
  path.forEach((p, i) => {
    if (typeof p === "number" || (typeof p === "string" && /^\d+$/.test(p) && i > 0)) out += `[${String(p)}]`;
    else out += i === 0 ? `:${String(p)}` : `.${String(p)}`;
  });
  return out;
}

export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((node, p) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[p] : undefined), root);
}

/** Whether a path passes through a key that holds a credential, so its value must never be printed. */
export function isCredentialPath(path: ReadonlyArray<PropertyKey>): boolean {
  return path.some((p) => typeof p === "string" && isCredentialKey(p));
}

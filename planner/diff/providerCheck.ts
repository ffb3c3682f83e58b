import * as fs from "fs";
import type { Props } from "./rules/types";

/**
 * What a provider's `Check` adds to the new inputs from the old ones before the diff, as far as it can be told
 * from a state: the auto-name it generated the first time (every Pulumi provider reuses it while the program sets
 * no name; azure-native reuses whatever name the old inputs hold, auto-generated GUIDs of role assignments
 * included) and the defaults the Terraform bridge filled in (listed in the old inputs' `__defaults`, and filled
 * in again by the next `Check`). Without this, every auto-named resource of a real `pulumi stack export` would
 * look renamed, which for most types is a replacement.
 *
 * azure-native v3 also puts `azureApiVersion` into every resource's checked inputs: not an argument of the SDK,
 * always the API version the provider uses for the type (pulumi/pulumi-azure-native#4015, merged 2025-03-11:
 * "In 3.x mode ... a new azureApiVersion input property, with a constant value ... always defaulted in Check",
 * read 2026-12-01). A state written by v3 holds it in the inputs; the new inputs get the installed SDK's version
 * of the type, so the key is the same until a provider upgrade moves the type to another API version, which
 * azure-native shows as an update.
 */

/** Auto-names are the logical name, an optional dash and a random suffix of 7 (bridged) or 8 (azure-native, Kubernetes) characters. */
export function looksAutoNamed(value: unknown, logicalName: string): boolean {
  if (typeof value !== "string") return false;
  const v = value.toLowerCase();
  const n = logicalName.toLowerCase();
  const squash = (s: string) => s.replace(/[^a-z0-9]/g, "");
  for (const suffix of [7, 8]) {
    if (v.length <= suffix || !/^[a-z0-9]+$/.test(v.slice(-suffix))) continue;
    const prefix = v.slice(0, -suffix).replace(/-$/, "");
    if (prefix === n || squash(prefix) === squash(n)) return true;
    // Providers cut the logical name to fit the service's length limit before adding the suffix.
    if (prefix.length >= 16 && (n.startsWith(prefix) || squash(n).startsWith(squash(prefix)))) return true;
  }
  return false;
}

const apiVersions = new Map<string, string | undefined>();

/**
 * The Azure REST API version the installed @pulumi/azure-native uses for a type: the token's own for an explicit
 * version module (`containerservice/v20250901`), else the "Uses Azure REST API version" its generated SDK states.
 */
export function azureApiVersionOf(type: string): string | undefined {
  if (apiVersions.has(type)) return apiVersions.get(type);
  const [, module = "", name = ""] = type.split(":");
  const [service, version] = module.split("/");
  let found: string | undefined;
  const explicit = /^v(\d{4})(\d{2})(\d{2})(preview)?$/.exec(version ?? "");
  if (explicit) found = `${explicit[1]}-${explicit[2]}-${explicit[3]}${explicit[4] ? "-preview" : ""}`;
  else if (service && name) {
    try {
      const file = require.resolve(`@pulumi/azure-native/${service}/${name[0].toLowerCase()}${name.slice(1)}.js`);
      found = /Uses Azure REST API version ([0-9]{4}-[0-9]{2}-[0-9]{2}(?:-preview)?)/.exec(fs.readFileSync(file, "utf8"))?.[1];
    } catch {
      found = undefined;
    }
  }
  apiVersions.set(type, found);
  return found;
}

/** Fills `newInputs` (in place) with what the provider's Check would take from `oldInputs`; returns the keys it took. */
export function applyProviderCheck(type: string, logicalName: string, newInputs: Props, oldInputs: Props, oldOutputs: Props): string[] {
  const taken: string[] = [];
  if (type.startsWith("azure-native:")) {
    const ownName = typeof oldOutputs.id === "string" ? oldOutputs.id.split("/").pop()?.toLowerCase() : undefined;
    for (const [key, value] of Object.entries(oldInputs)) {
      if (key.endsWith("Name") && newInputs[key] === undefined && typeof value === "string" && value.toLowerCase() === ownName) {
        newInputs[key] = value;
        taken.push(key);
      }
    }
    if (oldInputs.azureApiVersion !== undefined && newInputs.azureApiVersion === undefined) {
      newInputs.azureApiVersion = azureApiVersionOf(type) ?? oldInputs.azureApiVersion;
      taken.push("azureApiVersion");
    }
  }
  const defaults = Array.isArray(oldInputs.__defaults) ? (oldInputs.__defaults as unknown[]).filter((k): k is string => typeof k === "string") : [];
  for (const key of defaults) {
    if (newInputs[key] === undefined && oldInputs[key] !== undefined) {
      newInputs[key] = oldInputs[key];
      taken.push(key);
    }
  }
  for (const [key, value] of Object.entries(oldInputs)) {
    if (newInputs[key] === undefined && looksAutoNamed(value, logicalName)) {
      newInputs[key] = value;
      taken.push(key);
    }
  }
  if (type.startsWith("kubernetes:") && type !== "kubernetes:helm.sh/v3:Release") {
    const oldMeta = (oldInputs.metadata ?? {}) as Props;
    const newMeta = (newInputs.metadata ?? {}) as Props;
    const autonamed = oldMeta.annotations?.["pulumi.com/autonamed"] === "true";
    if (newMeta.name === undefined && oldMeta.name !== undefined && (autonamed || looksAutoNamed(oldMeta.name, logicalName))) {
      newInputs.metadata = { ...newMeta, name: oldMeta.name };
      if (autonamed) newInputs.metadata.annotations = { ...newMeta.annotations, "pulumi.com/autonamed": "true" };
      taken.push("metadata.name");
    }
  }
  return taken;
}

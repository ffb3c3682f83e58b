/**
 * Google Cloud labels accept only lower-case letters, digits, `_` and `-`; keys start with a lower-case letter;
 * keys and values are at most 63 characters; a resource holds at most 64 labels. Source: "Requirements for
 * labels", https://cloud.google.com/resource-manager/docs/labels-overview#requirements (read 2026-11-22).
 * The stack's tags (`dalp:stack`, `managed-by`, `dalp:tags`) are spelt for AWS, so they are converted here,
 * in one place, for every GCP resource.
 */
export const GCP_LABEL_LIMITS = { length: 63, perResource: 64 } as const;

const KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const VALUE = /^[a-z0-9_-]{0,63}$/;

function sanitise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, "_");
}

/** `dalp:stack` -> `dalp_stack`; a key that does not start with a letter gets a `t_` prefix (tag). */
export function gcpLabelKey(tagKey: string): string {
  const key = sanitise(tagKey);
  return (/^[a-z]/.test(key) ? key : `t_${key}`).slice(0, GCP_LABEL_LIMITS.length);
}

/** `Platform Team` -> `platform_team`; values may be empty. */
export function gcpLabelValue(tagValue: string): string {
  return sanitise(tagValue).slice(0, GCP_LABEL_LIMITS.length);
}

/** The stack's tags as valid GCP labels. Tag keys that collide after conversion are reported by `labelCollisions`. */
export function toGcpLabels(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [gcpLabelKey(k), gcpLabelValue(v)]));
}

/** Groups of tag keys that would become the same label key, so one would silently overwrite the other. */
export function labelCollisions(tags: Record<string, string>): string[][] {
  const byLabel = new Map<string, string[]>();
  for (const key of Object.keys(tags)) byLabel.set(gcpLabelKey(key), [...(byLabel.get(gcpLabelKey(key)) ?? []), key]);
  return [...byLabel.values()].filter((keys) => keys.length > 1);
}

export function isValidGcpLabel(key: string, value: string): boolean {
  return KEY.test(key) && VALUE.test(value);
}

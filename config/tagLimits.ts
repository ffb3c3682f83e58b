import { ConfigIssue, renderValue } from "./errors";

/** A cloud's limits on the tags of one resource, with where they come from. */
export interface TagLimits {
  cloud: string;
  /** Tags one resource may carry. */
  perResource: number;
  keyLength: number;
  valueLength: number;
  /** Characters a key may hold, as a character class, and how the error says it. */
  keyCharacters?: { pattern: RegExp; what: string };
  valueCharacters?: { pattern: RegExp; what: string };
  /** Key prefixes the cloud (or a controller the stack runs) reserves, compared case-insensitively. */
  reservedPrefixes: ReadonlyArray<{ prefix: string; why: string }>;
  source: string;
}

/**
 * The user's tags against a cloud's limits. `ownTags` is how many tags the stack itself puts on the resource
 * that carries the most (its stack tags and per-resource ones such as `Name`), which share the budget.
 */
export function tagLimitIssues(userTags: Record<string, string>, ownTags: number, limits: TagLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const keys = Object.keys(userTags);
  const budget = limits.perResource - ownTags;
  if (keys.length > budget) {
    issues.push({
      key: "dalp:tags",
      given: `${keys.length} tags`,
      allowed: `at most ${budget} on ${limits.cloud}: a resource takes ${limits.perResource} tags and the stack puts up to ${ownTags} of its own on some (${limits.source})`,
    });
  }
  for (const key of keys) {
    const value = userTags[key];
    const at = `dalp:tags.${key}`;
    if (key.length > limits.keyLength) issues.push({ key: at, given: renderValue(key), allowed: `a tag key of at most ${limits.keyLength} characters on ${limits.cloud} (${limits.source})` });
    if (limits.keyCharacters && !limits.keyCharacters.pattern.test(key)) {
      issues.push({ key: at, given: renderValue(key), allowed: `a tag key of ${limits.keyCharacters.what} on ${limits.cloud} (${limits.source})` });
    }
    const reserved = limits.reservedPrefixes.find((r) => key.toLowerCase().startsWith(r.prefix));
    if (reserved) issues.push({ key: at, given: renderValue(key), allowed: `a tag key not starting with ${reserved.prefix}: ${reserved.why}` });
    if (value.length > limits.valueLength) issues.push({ key: at, given: renderValue(value), allowed: `a tag value of at most ${limits.valueLength} characters on ${limits.cloud} (${limits.source})` });
    if (limits.valueCharacters && !limits.valueCharacters.pattern.test(value)) {
      issues.push({ key: at, given: renderValue(value), allowed: `a tag value of ${limits.valueCharacters.what} on ${limits.cloud} (${limits.source})` });
    }
  }
  return issues;
}

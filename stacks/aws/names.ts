/**
 * A physical name AWS accepts for identifiers, aliases and snapshot names: lower-case letters, digits and
 * single hyphens, starting with a letter, at most 63 characters.
 */
export function awsIdentifier(...parts: string[]): string {
  const joined = parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return joined.length > 0 ? joined : "dalp";
}

import { createHash } from "crypto";

/**
 * A name shaped like a DNS label, which AWS identifiers, Azure DNS prefixes and GCP resource names all accept:
 * lower-case letters, digits and single hyphens, starting with a letter, ending with a letter or digit, at most
 * `max` characters. A name that has to be shortened ends with a hash of the full name, so it stays unique, and
 * the same parts always give the same name.
 */
export function dnsLabel(max: number, ...parts: string[]): string {
  const full = parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  const name = full.length > 0 ? full : "dalp";
  if (name.length <= max) return name;
  const hash = shortHash(name);
  return `${name.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

export function shortHash(text: string, length = 6): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

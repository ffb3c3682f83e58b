/** IPv4 CIDR arithmetic: enough to validate address plans and tell private from public ranges. */

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function isCidr(value: string): boolean {
  const m = CIDR.exec(value);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/** The first address and the size of a CIDR, as numbers. */
function range(cidr: string): { start: number; size: number } {
  const m = CIDR.exec(cidr);
  if (!m || !isCidr(cidr)) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const prefix = Number(m[5]);
  const address = m.slice(1, 5).reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - prefix);
  return { start: Math.floor(address / size) * size, size };
}

export function overlaps(a: string, b: string): boolean {
  const x = range(a);
  const y = range(b);
  return x.start < y.start + y.size && y.start < x.start + x.size;
}

/**
 * Ranges that are never seen as a source address by a public endpoint: RFC 1918 private space, shared address
 * space for carrier-grade NAT (RFC 6598), loopback and link-local (RFC 6890).
 */
export const NON_PUBLIC_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"] as const;

export function isNonPublic(cidr: string): boolean {
  return NON_PUBLIC_RANGES.some((r) => overlaps(r, cidr));
}

/**
 * How a region's /16 is cut per availability zone: a /19 of private addresses for nodes and pods (the VPC
 * CNI gives every pod a VPC address, so this is the large one), a /24 of public addresses for load
 * balancers and NAT gateways, and a /24 for the data services. Supports up to six zones.
 */
export interface ZoneSubnets {
  zone: string;
  private: string;
  public: string;
  data: string;
}

export function planSubnets(vpcCidr: string, zones: string[]): ZoneSubnets[] {
  const m = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(vpcCidr);
  if (!m) throw new Error(`expected a /16 network such as 10.40.0.0/16, got ${vpcCidr}`);
  if (zones.length > 6) throw new Error(`at most 6 zones fit the subnet plan, got ${zones.length}`);
  const base = `${m[1]}.${m[2]}`;
  return zones.map((zone, i) => ({
    zone,
    private: `${base}.${i * 32}.0/19`,
    public: `${base}.${192 + i}.0/24`,
    data: `${base}.${200 + i}.0/24`,
  }));
}

import * as dns from "@pulumi/azure-native/dns";
import * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface FailoverTarget {
  /** The region, which names its endpoint: a flip changes an endpoint's priority or presence, never its name. */
  region: string;
  address: pulumi.Input<string>;
}

export interface TrafficManagerFailoverArgs {
  /** Where the profile and the record live: the DNS zone's resource group (see the class comment). */
  resourceGroupName: string;
  zoneName: string;
  /** The record's name in the zone; `@` for the apex. */
  recordName: string;
  hostname: string;
  /** In priority order: the first receives traffic while its probe passes. */
  targets: FailoverTarget[];
  ttlSeconds: number;
  healthCheck: { path: string; intervalSeconds: number; failureThreshold: number };
  tags: Record<string, string>;
}

/**
 * Probe timeouts Traffic Manager accepts: 5 to 10 s with the 30 s interval, 5 to 9 s with the 10 s one
 * (learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring, "Configure endpoint monitoring", read
 * 2026-12-01); the longest, so a slow but healthy region is not failed.
 */
const PROBE_TIMEOUT: Record<number, number> = { 10: 9, 30: 10 };

/**
 * Health-checked failover for one host name: a Traffic Manager profile with priority routing whose endpoints
 * are the regions' ingress addresses, probed over HTTPS on 443 with the domain as the Host header (the probe
 * reaches the ingress route the users do), and the host name in the Azure DNS zone pointing at the profile.
 * Traffic Manager is a global service; the profile sits in the DNS zone's resource group, because Resource
 * Manager cannot update resources in a group whose region is down ("If the resource group's region is
 * temporarily unavailable, you can't update resources in the resource group because the metadata is
 * unavailable", learn.microsoft.com/azure/azure-resource-manager/management/overview, "Resource group
 * location alignment", read 2026-12-01): a group of a stamp's region would take the failover down with it, and
 * the record has to be written in the zone's group anyway.
 */
export class TrafficManagerFailover extends pulumi.ComponentResource {
  readonly profile: trafficmanager.Profile;
  readonly record: dns.RecordSet;
  /** Region to the id of the endpoint whose probe decides whether it receives traffic. */
  readonly endpointIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: TrafficManagerFailoverArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:TrafficManagerFailover", name, {}, opts);
    const timeout = PROBE_TIMEOUT[args.healthCheck.intervalSeconds];
    if (timeout === undefined) throw new Error(`Traffic Manager probes every 10 or 30 seconds, not ${args.healthCheck.intervalSeconds}`);
    // The profile's name under trafficmanager.net is global across tenants; a random suffix keeps it free.
    const suffix = new random.RandomId(`${name}-suffix`, { byteLength: 4 }, { parent: this });
    const relativeName = pulumi.interpolate`${args.hostname.split(".")[0].slice(0, 40)}-${suffix.hex}`;

    this.profile = new trafficmanager.Profile(`${name}-profile`, {
      resourceGroupName: args.resourceGroupName,
      location: "global",
      tags: args.tags,
      profileStatus: "Enabled",
      trafficRoutingMethod: "Priority",
      allowedEndpointRecordTypes: ["IPv4Address"],
      dnsConfig: { relativeName, ttl: args.ttlSeconds },
      monitorConfig: {
        protocol: "HTTPS",
        port: 443,
        path: args.healthCheck.path,
        intervalInSeconds: args.healthCheck.intervalSeconds,
        timeoutInSeconds: timeout,
        // "The number of failures a Traffic Manager probing agent tolerates before marking that endpoint as
        // unhealthy" (traffic-manager-monitoring): the threshold-th consecutive failure marks it.
        toleratedNumberOfFailures: args.healthCheck.failureThreshold - 1,
        customHeaders: [{ name: "host", value: args.hostname }],
        expectedStatusCodeRanges: [{ min: 200, max: 399 }],
      },
      // Declared with the profile, not as Endpoint resources beside it: a profile update is a PUT of the whole
      // profile, and endpoints left out of it would be dropped.
      endpoints: args.targets.map((t, i) => ({
        name: t.region,
        type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
        target: t.address,
        priority: i + 1,
        endpointStatus: "Enabled",
      })),
    }, { parent: this });
    this.endpointIds = Object.fromEntries(args.targets.map((t) => [t.region, pulumi.interpolate`${this.profile.id}/externalEndpoints/${t.region}`]));

    // A CNAME cannot sit at a zone's apex; an alias record on the profile can.
    const apex = args.recordName === "@";
    this.record = new dns.RecordSet(`${name}-record`, {
      resourceGroupName: args.resourceGroupName,
      zoneName: args.zoneName,
      relativeRecordSetName: args.recordName,
      recordType: apex ? "A" : "CNAME",
      ttl: args.ttlSeconds,
      ...(apex ? { targetResource: { id: this.profile.id } } : { cnameRecord: { cname: this.profile.dnsConfig.apply((c) => c?.fqdn ?? "") } }),
    }, { parent: this });
    this.registerOutputs({ profile: this.profile.id, record: this.record.id });
  }
}

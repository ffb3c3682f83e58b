import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface FailoverTarget {
  region: string;
  /** The region's ingress addresses, one per zone. */
  addresses: pulumi.Output<string[]>;
  /** How many addresses there are (the region's zone count), known before the addresses are. */
  count: number;
}

export interface FailoverDnsArgs {
  zoneId: string;
  hostname: string;
  ttlSeconds: number;
  healthCheck: { path: string; intervalSeconds: number; failureThreshold: number };
  /** In priority order: the first is PRIMARY, the second SECONDARY. */
  targets: FailoverTarget[];
}

/** The check that decides whether Route 53 answers with a region, and the record that holds it. */
export interface RegionRouting {
  healthCheck: aws.route53.HealthCheck;
  record: aws.route53.Record;
}

/**
 * Route 53 failover routing for `hostname`: a PRIMARY and a SECONDARY A record, each holding the ingress
 * addresses of the region in that place and carrying that region's health check.
 *
 * The records are named by their place, not by region: Route 53 keeps one record per failover type for a name
 * and type, and refuses a second PRIMARY while the first exists (boto/boto3#1347, the console's "RRset for
 * same type with Primary exists"; read 2026-12-01). The engine applies updates before deletions, so records
 * named by region would ask for two PRIMARY records on every flip (the new primary's update before the old
 * one's removal). By place, a flip is an UPSERT of the PRIMARY record with the other region's addresses and
 * check, and the SECONDARY record's removal or creation: no moment with two of a kind. The health checks are
 * the regions', named by region, and keep their URNs.
 *
 * A region's health is a calculated check over one HTTPS check per address: the region serves while any of its
 * zones' addresses answers. Each address check sends `hostname` as Host header and SNI, so the ingress routes
 * it as it routes users; Route 53 does not validate the certificate (Route 53 developer guide,
 * health-checks-types and dns-failover-determining-health-of-endpoints, read 2026-12-01).
 */
export class FailoverDns extends pulumi.ComponentResource {
  readonly regions: Record<string, RegionRouting>;

  constructor(name: string, args: FailoverDnsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:FailoverDns", name, {}, opts);
    if (args.targets.length < 1 || args.targets.length > 2) throw new Error(`failover routing takes one or two targets, got ${args.targets.length}`);
    const places = ["PRIMARY", "SECONDARY"] as const;
    this.regions = Object.fromEntries(
      args.targets.map((t, priority) => {
        const perAddress = Array.from({ length: t.count }, (_, i) =>
          new aws.route53.HealthCheck(`${name}-${t.region}-${i}`, {
            type: "HTTPS",
            ipAddress: t.addresses.apply((a) => a[i]),
            fqdn: args.hostname,
            enableSni: true,
            port: 443,
            resourcePath: args.healthCheck.path,
            // 10 or 30 seconds, the two intervals Route 53 offers (and create-only); the schema allows only those.
            requestInterval: args.healthCheck.intervalSeconds,
            failureThreshold: args.healthCheck.failureThreshold,
            tags: { Name: `${args.hostname} ${t.region} zone ${i + 1}` },
          }, { parent: this }),
        );
        const healthCheck = new aws.route53.HealthCheck(`${name}-${t.region}`, {
          type: "CALCULATED",
          childHealthchecks: perAddress.map((c) => c.id),
          childHealthThreshold: 1,
          tags: { Name: `${args.hostname} ${t.region}` },
        }, { parent: this });
        // A non-alias PRIMARY record must carry a health check (Route 53 refuses it otherwise: "A non-alias
        // primary ResourceRecordSet must have an associated health check"); the SECONDARY carries one too, so
        // that Route 53 never answers with a region that is down as well.
        const place = places[priority];
        const record = new aws.route53.Record(`${name}-${place.toLowerCase()}`, {
          zoneId: args.zoneId,
          name: args.hostname,
          type: "A",
          ttl: args.ttlSeconds,
          records: t.addresses,
          setIdentifier: place.toLowerCase(),
          failoverRoutingPolicies: [{ type: place }],
          healthCheckId: healthCheck.id,
        }, { parent: this });
        return [t.region, { record, healthCheck }];
      }),
    );
    this.registerOutputs({ hostname: args.hostname });
  }
}

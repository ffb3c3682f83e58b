import * as compute from "@pulumi/gcp/compute";
import * as dns from "@pulumi/gcp/dns";
import type { Provider } from "@pulumi/gcp/provider";
import * as pulumi from "@pulumi/pulumi";

export interface FailoverTarget {
  region: string;
  addresses: pulumi.Input<string[]>;
}

export interface FailoverDnsArgs {
  project: string;
  /** Cloud DNS managed zone name. */
  zone: string;
  /** The host name, without the trailing dot. */
  hostname: string;
  ttlSeconds: number;
  /** In priority order: the first is primary, the second (if any) the backup. */
  targets: FailoverTarget[];
  healthCheck: { path: string; intervalSeconds: number; failureThreshold: number };
  /** Exactly three regions the probes run from. */
  probeRegions: string[];
  provider: Provider;
}

/**
 * Health-checked failover DNS for one host name: a Cloud DNS record set with a primary-backup routing policy, the
 * primary the first target's addresses, the backup the second's, both probed by one global HTTPS health check for
 * external endpoints (Cloud DNS "Health checks for external endpoints" and "Manage DNS routing policies and health
 * checks": a health check with source regions, probing public IPs; read 2026-12-01). With one target only, the
 * backup answers that same target's addresses unprobed, so a failed probe never empties the answer.
 *
 * The record set and the health check keep their identity across a failover: the flip changes which addresses are
 * primary, which is an update of the record set (`routingPolicy.healthCheck` is replace-forcing, the record's
 * addresses and TTL are not: terraform-provider-google google/services/dns/resource_dns_record_set.go, commit
 * e03b762, read 2026-12-01).
 */
export class FailoverDns extends pulumi.ComponentResource {
  readonly healthCheck: compute.HealthCheck;
  readonly record: dns.RecordSet;

  constructor(name: string, args: FailoverDnsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:FailoverDns", name, {}, opts);
    const [primary, backup = args.targets[0]] = args.targets;
    const probed = args.targets.length > 1;
    this.healthCheck = new compute.HealthCheck(`${name}-health`, {
      project: args.project,
      description: `DALP ${args.hostname}: each region's ingress over HTTPS`,
      // With source regions the interval is at least 30 seconds (provider docs, compute.HealthCheck sourceRegions:
      // "The checkIntervalSec field must be at least 30"); configuration validation refuses a shorter one on gcp.
      checkIntervalSec: args.healthCheck.intervalSeconds,
      timeoutSec: 10,
      unhealthyThreshold: args.healthCheck.failureThreshold,
      healthyThreshold: 2,
      // The ingress answers the product's host only; the probe names it. Google's probes send no SNI of their
      // own choosing, so the ingress must serve its certificate as the default one (docs/gcp.md, Traffic).
      httpsHealthCheck: { port: 443, portSpecification: "USE_FIXED_PORT", requestPath: args.healthCheck.path, host: args.hostname },
      sourceRegions: args.probeRegions,
    }, { parent: this, provider: args.provider });
    this.record = new dns.RecordSet(`${name}-record`, {
      project: args.project,
      managedZone: args.zone,
      name: `${args.hostname}.`,
      type: "A",
      ttl: args.ttlSeconds,
      routingPolicy: {
        healthCheck: this.healthCheck.id,
        primaryBackup: {
          primary: { externalEndpoints: primary.addresses },
          backupGeos: [
            probed
              ? { location: backup.region, healthCheckedTargets: { externalEndpoints: backup.addresses } }
              : { location: backup.region, rrdatas: backup.addresses },
          ],
          // No share of traffic to the backup while the primary is healthy: the standby takes no writes.
          trickleRatio: 0,
          enableGeoFencingForBackups: false,
        },
      },
    }, { parent: this, provider: args.provider });
    this.registerOutputs({ record: this.record.id, healthCheck: this.healthCheck.id });
  }
}

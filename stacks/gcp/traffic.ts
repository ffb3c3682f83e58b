import { FailoverDns } from "../../components/gcp/failoverDns";
import type { BuiltPorts, LinkContext, TrafficPort } from "../../ports/links";
import type { Link } from "../../topology/types";
import type { GcpHandles } from "./links";
import type { GcpProviders } from "./network";
import { GCP_REGIONS } from "./regions";

type TrafficLink = Extract<Link, { kind: "traffic" }>;

/** Cloud DNS health checks for external endpoints probe from exactly three regions (provider docs, compute.HealthCheck sourceRegions). */
export const PROBE_REGION_COUNT = 3;

/**
 * The regions the health check probes from: the stack's own regions, then the nearest others of the same area in
 * name order, so a region's outage still leaves two probers that are not inside it, and the probes stay in the
 * jurisdiction the stack was placed in.
 */
export function probeRegions(regions: string[]): string[] {
  const area = (r: string) => r.split("-")[0];
  const others = [...GCP_REGIONS].filter((r) => !regions.includes(r)).sort();
  const near = others.filter((r) => regions.some((own) => area(own) === area(r)));
  return [...regions, ...near, ...others.filter((r) => !near.includes(r))].slice(0, PROBE_REGION_COUNT);
}

/**
 * `regional` (cloud-native) builds nothing: one region's load balancer is the entry, and the operator points the
 * domain at its reserved address. `failover` builds the health-checked record set in `dalp:traffic.zone`, under
 * the global component and on the global provider, so neither a flip nor a region's outage changes its parent or
 * provider.
 */
export function buildTraffic(providersOf: () => GcpProviders) {
  return (link: TrafficLink, targets: BuiltPorts<GcpHandles>[], ctx: LinkContext): TrafficPort | undefined => {
    if (link.routing === "regional") return undefined;
    const providers = providersOf();
    const zone = ctx.config.traffic.zone;
    if (!zone) throw new Error("failover traffic needs dalp:traffic.zone; configuration validation requires it");
    const hostname = ctx.config.charts.domain;
    const dns = new FailoverDns("traffic", {
      project: providers.project,
      zone,
      hostname,
      ttlSeconds: ctx.config.traffic.ttlSeconds,
      // Only the region that serves: Cloud DNS answers with the backup whenever the primary is unhealthy, even an
      // unhealthy backup, so a warm standby in the record would take users (to its unrouted ingress) before its
      // promotion. The flip makes it the serving region, and the record follows at runbook step 6.
      targets: targets
        .filter((t) => t.stamp.workloads === "serving")
        .map((t) => {
          if (!t.ingress) throw new Error(`traffic target ${t.stamp.region} has no ingress`);
          return { region: t.stamp.region, addresses: t.ingress.addresses };
        }),
      healthCheck: ctx.config.traffic.healthCheck,
      probeRegions: probeRegions(ctx.config.regions.map((r) => r.name)),
      provider: providers.global(),
    }, { parent: ctx.global });
    return {
      hostname,
      healthChecks: Object.fromEntries(targets.map((t) => [t.stamp.region, dns.healthCheck.id])),
      routing: dns.record.id,
    };
  };
}

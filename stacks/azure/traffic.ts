import { TrafficManagerFailover } from "../../components/azure/trafficManager";
import type { BuiltPorts, LinkContext, LinkPorts, TrafficPort } from "../../ports/links";
import type { Link } from "../../topology/types";
import type { AzureHandles } from "./links";
import type { AzureProviders } from "./network";
import { parseDnsZoneId, relativeRecordName } from "./trafficZone";

type TrafficLink = Extract<Link, { kind: "traffic" }>;

/**
 * `regional`: one region's own load balancer, which the operator's record points at (cloud-native leaves the
 * domain's record to the operator), so nothing is built. `failover`: Traffic Manager priority routing over the
 * targets' ingress addresses, in `dalp:traffic.zone`, under the stack's global component.
 */
export function trafficPort(providers: AzureProviders, tags: Record<string, string>): NonNullable<LinkPorts<AzureHandles>["traffic"]> {
  return {
    routings: ["regional", "failover"],
    build(link: TrafficLink, targets: BuiltPorts<AzureHandles>[], ctx: LinkContext): TrafficPort | undefined {
      if (link.routing === "regional") return undefined;
      if (link.routing !== "failover") throw new Error(`Azure does not build ${link.routing} traffic routing`);
      const zone = ctx.config.traffic.zone ? parseDnsZoneId(ctx.config.traffic.zone) : undefined;
      const hostname = ctx.config.charts.domain;
      const recordName = zone ? relativeRecordName(hostname, zone.name) : undefined;
      // discover() has refused both already; this guards a port called without it.
      if (!zone || recordName === undefined) throw new Error(`dalp:traffic.zone must be an Azure DNS zone id holding ${hostname}`);
      const failover = new TrafficManagerFailover("traffic", {
        resourceGroupName: zone.resourceGroupName,
        zoneName: zone.name,
        recordName,
        hostname,
        targets: targets.map((t) => {
          if (!t.ingress) throw new Error(`traffic target ${t.stamp.region} has no ingress`);
          return { region: t.stamp.region, address: t.ingress.addresses.apply((a) => a[0]) };
        }),
        ttlSeconds: ctx.config.traffic.ttlSeconds,
        healthCheck: ctx.config.traffic.healthCheck,
        tags,
      }, { parent: ctx.global, providers: [providers.forGlobal(zone.subscriptionId), ...ctx.sharedProviders] });
      return { hostname, healthChecks: failover.endpointIds, routing: failover.profile.id };
    },
  };
}

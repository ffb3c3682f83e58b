import * as pulumi from "@pulumi/pulumi";
import { FailoverDns } from "../../components/aws/failoverDns";
import type { BuiltPorts, LinkContext, LinkPorts, TrafficPort } from "../../ports/links";
import type { Link } from "../../topology/types";
import type { AwsHandles } from "./links";
import { AwsProviders, ROUTE53_REGION } from "./network";

type TrafficLink = Extract<Link, { kind: "traffic" }>;

/**
 * Health-checked Route 53 failover routing of `charts.domain` in `dalp:traffic.zone`, under the global
 * component: the records and checks belong to no region, so a failover with one region down can target them.
 * The first target is PRIMARY, the second SECONDARY. A flip updates the PRIMARY record in place to the new
 * active region's addresses and check, and removes the SECONDARY record (components/aws/failoverDns.ts says why
 * the records are named by place).
 */
export function buildFailoverRouting(link: TrafficLink, targets: BuiltPorts<AwsHandles>[], ctx: LinkContext, providers: AwsProviders): TrafficPort {
  const zone = ctx.config.traffic.zone;
  if (!zone) throw new Error("failover routing needs dalp:traffic.zone, which the configuration check requires for this pattern");
  const hostname = ctx.config.charts.domain;
  const dns = new FailoverDns("traffic", {
    zoneId: zone,
    hostname,
    ttlSeconds: ctx.config.traffic.ttlSeconds,
    healthCheck: ctx.config.traffic.healthCheck,
    targets: targets.map((t) => {
      if (!t.ingress) throw new Error(`traffic target ${t.stamp.region} has no ingress`);
      return { region: t.stamp.region, addresses: t.ingress.addresses, count: t.ctx.zones.length };
    }),
  }, { parent: ctx.global, providers: [providers.for(ROUTE53_REGION)] });
  const regions = link.targets.map((r) => dns.regions[r]);
  return {
    hostname,
    healthChecks: Object.fromEntries(link.targets.map((r) => [r, dns.regions[r].healthCheck.id])),
    routing: pulumi.all(regions.map((r) => r.record.id)).apply((ids) => ids.join(",")),
  };
}

/**
 * `regional` is one region's own load balancer: DNS for the domain stays the operator's (cloud-native), so it
 * builds nothing. `failover` is the multi-region routing above.
 */
export function awsTraffic(providers: AwsProviders): NonNullable<LinkPorts<AwsHandles>["traffic"]> {
  return {
    routings: ["regional", "failover"],
    build: (link, targets, ctx) => (link.routing === "failover" ? buildFailoverRouting(link, targets, ctx, providers) : undefined),
  };
}

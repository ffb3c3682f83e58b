import * as compute from "@pulumi/gcp/compute";
import * as dns from "@pulumi/gcp/dns";
import * as organizations from "@pulumi/gcp/organizations";
import type { Provider } from "@pulumi/gcp/provider";
import { ConfigError, ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { leftBehindZones, resolveZones } from "../../topology/zones";
import { LINK_SERVICES, providerServiceLookup, REQUIRED_SERVICES, serviceIssues } from "./services";
import * as sql from "@pulumi/gcp/sql";
import { reseededReplicaIssues } from "../../config/reseedChecks";
import { firstLine } from "../../lib/errorText";
import { databaseComponentName } from "../../topology/databaseIdentity";
import { gcpLabelKey, gcpLabelValue } from "./labels";

export interface GcpFacts extends CloudFacts {
  /** The project number; Google's service agents are named after it. */
  projectNumber: string;
}

/**
 * Checks that the project has the APIs the stack calls, reads the zones that are up in every region and the
 * project, and resolves each region's zone setting. A missing API, a region without enough zones, or a zone it
 * does not have, is a configuration error raised before any resource.
 */
export async function discoverGcp(
  config: DalpConfig,
  topology: Topology,
  project: string,
  providerFor: (region: string) => Provider,
  globalProvider: () => Provider,
): Promise<GcpFacts> {
  // Zones and the project are read through these APIs, so a disabled one is reported before their lookups fail.
  const services = [...REQUIRED_SERVICES, ...LINK_SERVICES.filter((s) => topology.links.some((l) => s.links.includes(linkKey(l))))];
  const missing = await serviceIssues(project, providerServiceLookup(project, providerFor(topology.primaryRegion)), services);
  if (missing.length > 0) throw new ConfigError(missing);
  if (topology.links.some((l) => l.kind === "traffic" && l.routing === "failover")) {
    const zoneIssues = await trafficZoneIssues(config, project, globalProvider());
    if (zoneIssues.length > 0) throw new ConfigError(zoneIssues);
  }
  const available: Record<string, string[]> = {};
  await Promise.all(
    config.regions.map(async (region) => {
      const leftBehind = leftBehindZones(region, topology);
      if (leftBehind) {
        available[region.name] = leftBehind;
        return;
      }
      // Zones under maintenance or down are left out, as a new node pool could not be placed there.
      const found = await compute.getZones({ region: region.name, status: "UP" }, { provider: providerFor(region.name) });
      available[region.name] = found.names;
    }),
  );
  const { zones, issues } = resolveZones(config, available);
  if (issues.length > 0) throw new ConfigError(issues);
  const replicaIssues = await reseededReplicaIssues(topology, (region) => findReseeded(config, project, region, providerFor(region)));
  if (replicaIssues.length > 0) throw new ConfigError(replicaIssues);
  const found = await organizations.getProject({ projectId: project }, { provider: providerFor(topology.primaryRegion) });
  return { zones, account: found.projectId ?? project, projectNumber: found.number };
}

/**
 * The region's re-seeded Cloud SQL instance, or why there is none. Its name is generated (the logical name and
 * seven hex characters, pulumi-gcp autonaming), so it is found by that shape and the stack's label, which
 * another stack's instance of the same region does not carry.
 */
async function findReseeded(config: DalpConfig, project: string, region: string, provider: Provider): Promise<string | undefined> {
  const shape = new RegExp(`^${databaseComponentName(region, { kind: "reseeded", source: "" })}-instance-[0-9a-f]{7}$`);
  const stackLabel = gcpLabelValue(config.stack);
  try {
    const listed = await sql.getDatabaseInstances({ project, region }, { provider });
    if (listed.instances.some((i) => shape.test(i.name) && i.settings.some((s) => s.userLabels?.[gcpLabelKey("dalp:stack")] === stackLabel))) return undefined;
    return `Cloud SQL in ${region} has no instance of stack ${config.stack} named ${shape.source}`;
  } catch (err) {
    return `Cloud SQL in ${region} could not be listed (${firstLine(err).slice(0, 300)})`;
  }
}

/** A link as the services it needs are keyed: its kind, and the routing of traffic. */
function linkKey(link: Topology["links"][number]): string {
  return link.kind === "traffic" ? `traffic (${link.routing})` : link.kind;
}

/**
 * The managed zone `dalp:traffic.zone` names, read (never changed): it must exist in the project, be public and
 * hold `charts.domain`, or the failover record could not be written, or would answer nobody.
 */
async function trafficZoneIssues(config: DalpConfig, project: string, provider: Provider): Promise<ConfigIssue[]> {
  const zone = config.traffic.zone as string;
  const domain = config.charts.domain.toLowerCase().replace(/\.$/, "");
  const refuse = (allowed: string): ConfigIssue[] => [{ key: "dalp:traffic.zone", given: renderValue(zone), allowed }];
  let found: dns.GetManagedZoneResult;
  try {
    found = await dns.getManagedZone({ name: zone, project }, { provider });
  } catch (e) {
    const reason = firstLine(e).slice(0, 300);
    return refuse(`the name of a Cloud DNS managed zone in project ${project} that holds ${domain} (dns.managedZones.get failed: ${reason})`);
  }
  const zoneName = found.dnsName.toLowerCase().replace(/\.$/, "");
  if (found.visibility && found.visibility !== "public") return refuse(`a public Cloud DNS managed zone holding ${domain}: ${zone} is ${found.visibility}, which resolvers on the internet never ask`);
  if (domain !== zoneName && !domain.endsWith(`.${zoneName}`)) return refuse(`a Cloud DNS managed zone that holds ${domain}: ${zone} is ${found.dnsName}`);
  return [];
}

import * as compute from "@pulumi/gcp/compute";
import * as organizations from "@pulumi/gcp/organizations";
import type { Provider } from "@pulumi/gcp/provider";
import { ConfigError } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { resolveZones } from "../../topology/zones";
import { providerServiceLookup, serviceIssues } from "./services";

export interface GcpFacts extends CloudFacts {
  /** The project number; Google's service agents are named after it. */
  projectNumber: string;
}

/**
 * Checks that the project has the APIs the stack calls, reads the zones that are up in every region and the
 * project, and resolves each region's zone setting. A missing API, a region without enough zones, or a zone it
 * does not have, is a configuration error raised before any resource.
 */
export async function discoverGcp(config: DalpConfig, topology: Topology, project: string, providerFor: (region: string) => Provider): Promise<GcpFacts> {
  // Zones and the project are read through these APIs, so a disabled one is reported before their lookups fail.
  const missing = await serviceIssues(project, providerServiceLookup(project, providerFor(topology.primaryRegion)));
  if (missing.length > 0) throw new ConfigError(missing);
  const available: Record<string, string[]> = {};
  await Promise.all(
    config.regions.map(async (region) => {
      if (!topology.stamps.some((s) => s.region === region.name)) throw new Error(`region ${region.name} has no stamp in the topology`);
      // Zones under maintenance or down are left out, as a new node pool could not be placed there.
      const found = await compute.getZones({ region: region.name, status: "UP" }, { provider: providerFor(region.name) });
      available[region.name] = found.names;
    }),
  );
  const { zones, issues } = resolveZones(config, available);
  if (issues.length > 0) throw new ConfigError(issues);
  const found = await organizations.getProject({ projectId: project }, { provider: providerFor(topology.primaryRegion) });
  return { zones, account: found.projectId ?? project, projectNumber: found.number };
}

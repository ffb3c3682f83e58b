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
  /** For each region whose database is restored (hot-cold's rebuild), the backup restored there. */
  restores?: Record<string, RestoreSource>;
}

/** A backup run of the home primary, as Cloud SQL reported it before anything was declared. */
export interface RestoreSource {
  /** The instance the backup was taken of. */
  instance: string;
  backupId: number;
  /** When the backup started (RFC 3339, UTC): the restored database holds the data of about then. */
  startTime: string;
  /** Where the backup is stored: a region or a multi-region. */
  location: string;
  /**
   * The restored instance exists already: the backup it was restored from is in the state, and what is passed
   * here is not read (the restore inputs are ignored once created, components/gcp/cloudSqlPostgres.ts).
   */
  alreadyRestored?: true;
}

/** What the lookup of a restore found: the backup, or a sentence saying why there is none to restore. */
export type RestoreLookup = { found: RestoreSource } | { problem: string };

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
  const restores = await restoreSources(config, topology, async (region, source) => (await findRestored(config, project, region, providerFor(region))) ?? findRestoreSource(config, project, source, providerFor(region)));
  if ("issues" in restores) throw new ConfigError(restores.issues);
  const found = await organizations.getProject({ projectId: project }, { provider: providerFor(topology.primaryRegion) });
  return { zones, account: found.projectId ?? project, projectNumber: found.number, ...(Object.keys(restores.found).length > 0 ? { restores: restores.found } : {}) };
}

/**
 * The backup each restored database is built from (hot-cold's rebuild), looked up by `find` through the
 * provider of the region being rebuilt, which is up, before anything is declared; a stamp without one is refused
 * under `dalp:recover`. Cloud SQL restores a backup into an instance of another region from wherever the backup is
 * stored ("About Cloud SQL backups": "Set up Disaster Recovery (DR) by creating a new instance using a backup in a
 * different region or zone", read 2026-12-01), but restores a point in time only as a clone in the source's own
 * region, from logs kept there (validate.ts), so the latest backup is what the copies hold.
 */
export async function restoreSources(
  config: DalpConfig,
  topology: Topology,
  find: (region: string, source: string) => Promise<RestoreLookup>,
): Promise<{ found: Record<string, RestoreSource> } | { issues: ConfigIssue[] }> {
  const restored = topology.stamps.flatMap((s) => (s.database.kind === "restored" ? [{ region: s.region, source: s.database.source }] : []));
  const looked = await Promise.all(restored.map(async (r) => ({ ...r, lookup: await find(r.region, r.source) })));
  const issues = looked.flatMap(({ region, source, lookup }) =>
    "problem" in lookup
      ? [{ key: "dalp:recover", given: renderValue(config.recover), allowed: `a rebuild of ${region} from a backup of ${source}'s database that Cloud SQL holds outside ${source}, which it has not: ${lookup.problem}` }]
      : [],
  );
  if (issues.length > 0) return { issues };
  return { found: Object.fromEntries(looked.flatMap(({ region, lookup }) => ("found" in lookup ? [[region, lookup.found]] : []))) };
}

/**
 * The latest backup of the home primary. Its name is generated (the logical name and seven hex characters,
 * pulumi-gcp autonaming), so it is found by that shape and the stack's label, as the re-seeded replica is. Both
 * calls go to the Cloud SQL Admin API (sqladmin.googleapis.com, a global endpoint) through the provider of the
 * region being rebuilt: `instances.list` filtered on the home region, and `backupRuns.list`, whose first run
 * `getBackupRun` returns with `mostRecent` ("in the reverse chronological order of the backup initiation time",
 * on-demand runs included: Cloud SQL Admin API backupRuns.list; hashicorp/terraform-provider-google data_source_sql_backup_run.go, commit e03b762, both read
 * 2026-12-01).
 */
async function findRestoreSource(config: DalpConfig, project: string, source: string, provider: Provider): Promise<RestoreLookup> {
  const shape = new RegExp(`^${databaseComponentName(source, { kind: "primary" })}-instance-[0-9a-f]{7}$`);
  const stackLabel = gcpLabelValue(config.stack);
  let instances: sql.GetDatabaseInstancesResult["instances"];
  try {
    instances = (await sql.getDatabaseInstances({ project, region: source }, { provider })).instances;
  } catch (err) {
    return { problem: `Cloud SQL's instances in ${source} could not be listed (${firstLine(err).slice(0, 300)})` };
  }
  const ours = instances.filter((i) => shape.test(i.name) && i.settings.some((s) => s.userLabels?.[gcpLabelKey("dalp:stack")] === stackLabel));
  if (ours.length !== 1) return { problem: `Cloud SQL lists ${ours.length === 0 ? "no" : ours.length} instance${ours.length === 1 ? "" : "s"} of stack ${config.stack} in ${source} named ${shape.source}` };
  const instance = ours[0].name;
  try {
    return judgeBackupRun(source, await sql.getBackupRun({ project, instance, mostRecent: true }, { provider }));
  } catch (err) {
    return { problem: `no backup run of ${instance} could be read (${firstLine(err).slice(0, 300)})` };
  }
}

/**
 * The restored instance, once a rebuild has created it: every later update (dalp:recover stays set) must not
 * depend on the home primary's latest backup run, which may be running, failed, or gone with the instance.
 * Found by its generated name's shape and the stack's label, through the same global Admin API. A lookup that
 * fails says nothing: the backup lookup then decides.
 */
async function findRestored(config: DalpConfig, project: string, region: string, provider: Provider): Promise<RestoreLookup | undefined> {
  const shape = new RegExp(`^${databaseComponentName(region, { kind: "restored", source: "" })}-instance-[0-9a-f]{7}$`);
  try {
    const { instances } = await sql.getDatabaseInstances({ project, region }, { provider });
    const found = instances.find((i) => shape.test(i.name) && i.settings.some((s) => s.userLabels?.[gcpLabelKey("dalp:stack")] === gcpLabelValue(config.stack)));
    return found ? { found: { instance: found.name, backupId: 0, startTime: "", location: region, alreadyRestored: true } } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the latest backup run can be restored elsewhere: finished, and stored outside the failed region (a run
 * Cloud SQL reports in progress or failed is not restorable, and the lookup reads only the latest).
 */
export function judgeBackupRun(source: string, run: Pick<sql.GetBackupRunResult, "instance" | "backupId" | "status" | "startTime" | "location">): RestoreLookup {
  const what = `the latest backup run of ${run.instance} (id ${run.backupId}, started ${run.startTime || "never"}, stored in ${run.location || "an unknown location"})`;
  if (run.status !== "SUCCESSFUL") {
    return {
      problem: `${what} is ${run.status}, and only a SUCCESSFUL one is restored; wait for a run in progress to end, or restore an earlier backup by hand (gcloud sql backups list --instance ${run.instance}; docs/gcp.md, Hot-cold rebuild)`,
    };
  }
  if (run.location === source) return { problem: `${what} is stored in ${source} itself, where the rebuild cannot read it` };
  return { found: { instance: run.instance, backupId: run.backupId, startTime: run.startTime, location: run.location } };
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

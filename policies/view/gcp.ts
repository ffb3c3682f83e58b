import type { PolicyResource } from "@pulumi/policy";
import { get, ofTypes, regionOf } from "../rules/kit";
import { T } from "../rules/types";
import type { Bucket, Cluster, Container, Database, DatabaseSettings, Props, Reader, TrafficRoute } from "./model";
import { knownNames, listOf, minorOf, names, numberOr, present } from "./values";

function database(type: string, p: Props): DatabaseSettings | undefined {
  if (type !== T.gcp.sql) return undefined;
  const availability = get(p, "settings.availabilityType");
  const backup = get(p, "settings.backupConfiguration") ?? {};
  const source = present(() => p.masterInstanceName);
  const replica = source ? String(source) : p.instanceType === "READ_REPLICA_INSTANCE" ? "(primary instance)" : undefined;
  return {
    cloud: "gcp",
    service: "Cloud SQL",
    ha: availability === "REGIONAL" ? { mode: "zone-redundant" } : { mode: "none", problem: `settings.availabilityType is ${JSON.stringify(availability ?? "ZONAL")}, not "REGIONAL".` },
    replicaOf: replica,
    // Promotion and DR switchover remove masterInstanceName in place (the provider's Switchover steps); the
    // inputs keep nothing that says the instance was a replica.
    streams: replica !== undefined,
    backups: {
      // Cloud SQL takes no backups of a read replica; promotion turns backups and PITR on (the provider's
      // switchover guide for PostgreSQL, hashicorp/terraform-provider-google
      // website/docs/guides/sql_instance_switchover.html.markdown, read 2026-12-01).
      ownBackups: replica === undefined,
      retentionDays: numberOr(backup.transactionLogRetentionDays),
      retentionSetting: "settings.backupConfiguration.transactionLogRetentionDays",
      retentionRaw: backup.transactionLogRetentionDays,
      pitr: backup.enabled === true && backup.pointInTimeRecoveryEnabled === true,
      problems: [
        ...(backup.enabled !== true ? ["settings.backupConfiguration.enabled is not true."] : []),
        ...(backup.pointInTimeRecoveryEnabled !== true ? ["settings.backupConfiguration.pointInTimeRecoveryEnabled is not true."] : []),
      ],
    },
    encryption: "always",
    publicAccess: get(p, "settings.ipConfiguration.ipv4Enabled") !== false ? "settings.ipConfiguration.ipv4Enabled is not false: the instance has a public IP." : undefined,
  };
}

function databases(resources: PolicyResource[]): Database[] {
  return ofTypes(resources, [T.gcp.sql]).map((r) => {
    const p = r.props;
    const region = regionOf(r);
    const ip = get(p, "settings.ipConfiguration") ?? {};
    const backupLocation = get(p, "settings.backupConfiguration.location");
    return {
      ...(database(r.type, p) as DatabaseSettings),
      resource: r,
      urn: r.urn,
      region,
      // A custom backup location (a region or multi-region) other than the instance's own.
      // Without a location Cloud SQL keeps backups in the multi-region nearest the instance, which outlives the
      // region ("Custom backup locations": the default is a multi-region location, cloud.google.com/sql/docs/
      // postgres/locations, read 2026-12-01).
      backupCopyRegions: typeof backupLocation === "string" ? (backupLocation !== region ? [backupLocation] : []) : ["the nearest multi-region (Cloud SQL's default)"],
      protect: r.opts.protect === true,
      deletionProblems: [
        ...(p.deletionProtection === false ? ["deletionProtection is false (Pulumi side)."] : []),
        ...(get(p, "settings.deletionProtectionEnabled") !== true ? ["settings.deletionProtectionEnabled is not true (API side)."] : []),
      ],
      tlsProblem:
        !["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(ip.sslMode) && ip.requireSsl !== true
          ? `settings.ipConfiguration.sslMode is ${JSON.stringify(ip.sslMode ?? "ALLOW_UNENCRYPTED_AND_ENCRYPTED")}.`
          : undefined,
    };
  });
}

/** A bucket location that is one region (europe-west1), not a dual- or multi-region (EU, EUR4, US). */
const isSingleRegion = (location: string) => /^[a-z]+-[a-z]+\d+$/i.test(location);

function buckets(resources: PolicyResource[]): Bucket[] {
  // Storage Transfer Service event-driven replication (replicationSpec) copies every new object of a source
  // bucket into a sink bucket.
  const jobs = ofTypes(resources, [T.gcp.transferJob]).filter((j) => j.props.status !== "DISABLED" && j.props.status !== "DELETED");
  return ofTypes(resources, [T.gcp.bucket]).map((b) => {
    const p = b.props;
    const name = String(present(() => p.name) ?? b.name);
    const ids = knownNames(() => p.name, () => p.id, () => p.url);
    const location = typeof p.location === "string" ? p.location : undefined;
    const dataLocations = (get(p, "customPlacementConfig.dataLocations") as string[] | undefined) ?? [];
    const sinks = jobs.filter((j) => ids.includes(present(() => get(j.props, "replicationSpec.gcsDataSource.bucketName")) as string)).map((j) => present(() => get(j.props, "replicationSpec.gcsDataSink.bucketName")));
    return {
      resource: b,
      urn: b.urn,
      cloud: "gcp",
      label: `bucket ${name}`,
      name,
      ids,
      region: location && isSingleRegion(location) ? location.toLowerCase() : regionOf(b)?.toLowerCase(),
      purpose: get(p, "labels.purpose"),
      versioning: get(p, "versioning.enabled") === true,
      noncurrentExpiries: ((p.lifecycleRules as any[]) ?? [])
        .filter((rule) => get(rule, "action.type") === "Delete" && get(rule, "condition.daysSinceNoncurrentTime") !== undefined)
        .map((rule) => ({ days: Number(get(rule, "condition.daysSinceNoncurrentTime")), where: `a lifecycle rule of ${p.name ?? b.name}`, urn: b.urn })),
      replicatesTo: names(...sinks),
      encryption: "service",
      encryptedWith: get(p, "encryption.defaultKmsKeyName"),
      publicAccessProblems: [
        ...(p.publicAccessPrevention !== "enforced" ? [{ message: `bucket ${p.name ?? b.name}: publicAccessPrevention is not enforced.`, urn: b.urn }] : []),
        ...(p.uniformBucketLevelAccess !== true ? [{ message: `bucket ${p.name ?? b.name}: uniformBucketLevelAccess is not true.`, urn: b.urn }] : []),
      ],
      geoRedundant: dataLocations.length >= 2 || (location !== undefined && !isSingleRegion(location)),
      protect: b.opts.protect === true,
    };
  });
}

/**
 * Whether a routing policy's targets are health-checked. Cloud DNS health-checks internal load balancers
 * itself and external endpoints only through the policy's `healthCheck` (Cloud DNS, DNS routing policies
 * and health checks, read 2026-12-01: "Health checks can only be applied to internal load balancers and
 * external endpoints"; the provider: healthCheck is "used with external endpoints"); plain rrdatas are not
 * checked at all.
 */
function healthChecked(policy: Record<string, any>): boolean {
  const groups = [get(policy, "primaryBackup.primary"), ...((get(policy, "primaryBackup.backupGeos") as any[]) ?? []).map((g) => g.healthCheckedTargets), ...((policy.wrrs as any[]) ?? []).map((w) => w.healthCheckedTargets), ...((policy.geos as any[]) ?? []).map((g) => g.healthCheckedTargets)].filter(
    (g) => g !== undefined && g !== null,
  );
  const ilbs = groups.some((g) => ((g.internalLoadBalancers as unknown[]) ?? []).length > 0);
  const external = groups.some((g) => ((g.externalEndpoints as unknown[]) ?? []).length > 0);
  const primary = get(policy, "primaryBackup.primary");
  // In a failover policy it is the primary's health that decides; the backups answer when it fails.
  if (primary) return ((primary.internalLoadBalancers as unknown[]) ?? []).length > 0 || (((primary.externalEndpoints as unknown[]) ?? []).length > 0 && Boolean(present(() => policy.healthCheck)));
  return ilbs || (external && Boolean(present(() => policy.healthCheck)));
}

function targetsOf(policy: Record<string, any>): unknown[] {
  const fromGroup = (g: any) => (g ? [...listOf(() => g.externalEndpoints), ...((g.internalLoadBalancers as any[]) ?? []).map((l) => present(() => l.ipAddress))] : []);
  return [
    ...fromGroup(get(policy, "primaryBackup.primary")),
    ...((get(policy, "primaryBackup.backupGeos") as any[]) ?? []).flatMap((g) => [...listOf(() => g.rrdatas), ...fromGroup(g.healthCheckedTargets)]),
    ...((policy.wrrs as any[]) ?? []).flatMap((w) => [...listOf(() => w.rrdatas), ...fromGroup(w.healthCheckedTargets)]),
    ...((policy.geos as any[]) ?? []).flatMap((g) => [...listOf(() => g.rrdatas), ...fromGroup(g.healthCheckedTargets)]),
  ];
}

function routes(resources: PolicyResource[]): TrafficRoute[] {
  return ofTypes(resources, [T.gcp.dnsRecordSet]).flatMap((r): TrafficRoute[] => {
    const policy = r.props.routingPolicy as Record<string, any> | undefined;
    if (policy === undefined || policy === null) return [];
    const routing: TrafficRoute["routing"] = policy.primaryBackup ? "failover" : policy.wrrs ? "weighted" : policy.geos ? "geo" : "other";
    return [{ resource: r, urn: r.urn, cloud: "gcp", name: String(r.props.name ?? r.name), routing, ttlSeconds: numberOr(r.props.ttl), healthChecked: healthChecked(policy), targets: names(...targetsOf(policy)) }];
  });
}

function clusters(resources: PolicyResource[]): Cluster[] {
  return ofTypes(resources, [T.gcp.gke]).map((c) => ({ resource: c, urn: c.urn, cloud: "gcp", region: regionOf(c), version: c.props.minMasterVersion, minor: minorOf(c.props.minMasterVersion) }));
}

const containers = (resources: PolicyResource[]): Container[] => buckets(resources).map((b) => ({ resource: b.resource, urn: b.urn, cloud: "gcp", name: b.name }));

export const gcpReader: Reader = { cloud: "gcp", database, databaseTypes: [T.gcp.sql], databases, buckets, containers, routes, clusters };

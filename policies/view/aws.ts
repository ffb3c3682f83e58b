import type { PolicyResource } from "@pulumi/policy";
import { get, ofTypes, regionOf } from "../rules/kit";
import { T } from "../rules/types";
import type { Bucket, Cluster, Container, Database, DatabaseSettings, Props, Reader, TrafficRoute } from "./model";
import { knownNames, listOf, minorOf, names, numberOr, present } from "./values";

/** The S3 setting resources (versioning, lifecycle, ...) that point at a bucket, by its name or id. */
export function settingsOf(bucket: PolicyResource, resources: PolicyResource[], type: string): PolicyResource[] {
  const ids = knownNames(() => bucket.props.id, () => bucket.props.bucket);
  return resources.filter((r) => r.type === type && ids.includes(present(() => r.props.bucket) as string));
}

function database(type: string, p: Props): DatabaseSettings | undefined {
  if (type !== T.aws.rdsInstance) return undefined;
  const source = present(() => p.replicateSourceDb);
  const replica = source ? String(source) : undefined;
  const retention = p.backupRetentionPeriod;
  return {
    cloud: "aws",
    service: "RDS PostgreSQL",
    ha: p.multiAz === true ? { mode: "zone-redundant" } : { mode: "none", problem: "multiAz is not true: a zone failure takes the database down until a restore." },
    replicaOf: replica,
    // RDS promotes a replica in place when replicateSourceDb is removed; nothing in the inputs remembers it.
    streams: replica !== undefined,
    backups: {
      // A read replica inherits its source's backups until it is promoted.
      ownBackups: replica === undefined,
      retentionDays: numberOr(retention),
      retentionSetting: "backupRetentionPeriod",
      retentionRaw: retention,
      pitr: Number(retention) > 0,
      problems: [],
    },
    encryption: { on: p.storageEncrypted === true, problem: p.storageEncrypted === true ? undefined : "storageEncrypted is not true." },
    publicAccess: p.publiclyAccessible === true ? "publiclyAccessible is true." : undefined,
  };
}

function databases(resources: PolicyResource[]): Database[] {
  const copies = ofTypes(resources, [T.aws.rdsBackupsReplication]);
  return ofTypes(resources, [T.aws.rdsInstance]).map((r) => {
    const p = r.props;
    const ids = knownNames(() => p.arn, () => p.id, () => p.identifier, () => p.resourceId);
    const region = regionOf(r);
    const group = resources.find((g) => g.type === T.aws.rdsParameterGroup && g.props.name === p.parameterGroupName);
    const forced = ((group?.props.parameters as Array<{ name: string; value: string }> | undefined) ?? []).some((x) => x.name === "rds.force_ssl" && String(x.value) === "1");
    return {
      ...(database(r.type, p) as DatabaseSettings),
      resource: r,
      urn: r.urn,
      region,
      // The replication resource is created with the destination region's provider; its source is the ARN.
      backupCopyRegions: copies
        .filter((c) => ids.includes(present(() => c.props.sourceDbInstanceArn) as string))
        .map((c) => regionOf(c))
        .filter((x): x is string => x !== undefined && x !== region),
      protect: r.opts.protect === true,
      deletionProblems: [
        ...(p.deletionProtection !== true ? ["deletionProtection is not true."] : []),
        ...(p.skipFinalSnapshot === true ? ["skipFinalSnapshot is true: deleting the instance would leave no final snapshot."] : []),
      ],
      tlsProblem: forced ? undefined : `parameter group ${JSON.stringify(p.parameterGroupName ?? "default")} does not set rds.force_ssl = 1.`,
    };
  });
}

const PUBLIC_ACCESS_SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

function buckets(resources: PolicyResource[]): Bucket[] {
  const replications = ofTypes(resources, [T.aws.bucketReplication]);
  return ofTypes(resources, [T.aws.bucket]).map((b) => {
    const p = b.props;
    const name = String(present(() => p.bucket ?? p.name) ?? b.name);
    const ids = knownNames(() => p.id, () => p.bucket, () => p.arn);
    const versioned =
      get(p, "versioning.enabled") === true || settingsOf(b, resources, T.aws.bucketVersioning).some((v) => get(v.props, "versioningConfiguration.status") === "Enabled");
    const noncurrentExpiries = settingsOf(b, resources, T.aws.bucketLifecycle).flatMap((lc) =>
      ((lc.props.rules as any[]) ?? [])
        .filter((rule) => rule.status === "Enabled" && get(rule, "noncurrentVersionExpiration.noncurrentDays") !== undefined)
        .map((rule) => ({ days: Number(get(rule, "noncurrentVersionExpiration.noncurrentDays")), where: `lifecycle rule ${rule.id} of ${p.bucket ?? b.name}`, urn: lc.urn })),
    );
    const sse = settingsOf(b, resources, T.aws.bucketEncryption).flatMap((e) => (e.props.rules as any[]) ?? []);
    const declared = sse.some((r) => ["aws:kms", "aws:kms:dsse", "AES256"].includes(get(r, "applyServerSideEncryptionByDefault.sseAlgorithm")));
    const blocks = settingsOf(b, resources, T.aws.bucketPublicAccess);
    const open = PUBLIC_ACCESS_SETTINGS.filter((s) => !blocks.some((blk) => blk.props[s] === true));
    // A replication configuration names its source by bucket name and each destination by ARN.
    const rules = replications.filter((c) => ids.includes(present(() => c.props.bucket) as string)).flatMap((c) => ((c.props.rules as any[]) ?? []).filter((x) => x.status !== "Disabled"));
    return {
      resource: b,
      urn: b.urn,
      cloud: "aws",
      label: `bucket ${name}`,
      name,
      ids,
      region: regionOf(b),
      purpose: get(p, "tags.purpose"),
      versioning: versioned,
      noncurrentExpiries,
      replicatesTo: names(...rules.map((x) => present(() => get(x, "destination.bucket")))),
      encryption: declared ? "declared" : "none",
      encryptedWith: rules.map((x) => present(() => get(x, "destination.encryptionConfiguration.replicaKmsKeyId")) as string | undefined).find((k) => k !== undefined),
      publicAccessProblems: open.length > 0 ? [{ message: `bucket ${p.bucket ?? b.name} does not set ${open.join(", ")}.`, urn: b.urn }] : [],
      geoRedundant: false,
      protect: b.opts.protect === true,
    };
  });
}

const ROUTING: Array<[string, TrafficRoute["routing"]]> = [
  ["failoverRoutingPolicies", "failover"],
  ["latencyRoutingPolicies", "latency"],
  ["weightedRoutingPolicies", "weighted"],
  ["geolocationRoutingPolicies", "geo"],
  ["geoproximityRoutingPolicies", "geo"],
];

function routes(resources: PolicyResource[]): TrafficRoute[] {
  return ofTypes(resources, [T.aws.route53Record]).flatMap((r): TrafficRoute[] => {
    const routing = ROUTING.find(([k]) => ((r.props[k] as unknown[] | undefined) ?? []).length > 0)?.[1];
    if (!routing) return [];
    const aliases = (r.props.aliases as any[] | undefined) ?? [];
    return [
      {
        resource: r,
        urn: r.urn,
        cloud: "aws",
        name: String(r.props.name ?? r.name),
        routing,
        // An alias record has no TTL of its own: resolvers use the target's.
        ttlSeconds: numberOr(r.props.ttl),
        healthChecked: Boolean(r.props.healthCheckId) || aliases.some((a) => a.evaluateTargetHealth === true),
        targets: names(...listOf(() => r.props.records), ...aliases.map((a) => present(() => a.name))),
      },
    ];
  });
}

function clusters(resources: PolicyResource[]): Cluster[] {
  return ofTypes(resources, [T.aws.eksCluster]).map((c) => ({ resource: c, urn: c.urn, cloud: "aws", region: regionOf(c), version: c.props.version, minor: minorOf(c.props.version) }));
}

const containers = (resources: PolicyResource[]): Container[] => buckets(resources).map((b) => ({ resource: b.resource, urn: b.urn, cloud: "aws", name: b.name }));

export const awsReader: Reader = { cloud: "aws", database, databaseTypes: [T.aws.rdsInstance], databases, buckets, containers, routes, clusters };

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config/errors";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffResult } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { STATEFUL } from "../policies/rules/types";
import { inputsOf, ofType, only, outputsOf, placeOf, planChanged, plannedChange, providerOf, referencePlan } from "./helpers/stacks";

const STACK = "aws-hot-warm";
const HOME = "eu-central-1";
const STANDBY = "eu-west-1";

let plan: Plan;
let flipped: Plan;
beforeAll(async () => {
  plan = await referencePlan(STACK);
  flipped = await planned((c) => (c["dalp:primaryRegion"] = STANDBY));
});

const planned = (change: (config: Record<string, unknown>) => void): Promise<Plan> => plannedChange(STACK, change);

const byUrn = (p: Plan) => new Map(p.resources.map((r) => [r.urn, r]));
/** The stamp (region) or `global` a resource sits under. */
const rootOf = placeOf;
const providerRegion = (p: Plan, r: PlannedResource) => {
  const provider = providerOf(p, r);
  return provider ? inputsOf(provider).region : undefined;
};
const inStamp = (p: Plan, type: string, region: string) => ofType(p, type).filter((r) => rootOf(p, r) === region);
const db = (p: Plan, region: string) => only(p, "aws:rds/instance:Instance", `${region}-postgres-db`);
const kmsArn = (p: Plan, region: string) => outputsOf(only(p, "aws:kms/key:Key", `${region}-kms-key`)).arn;
const bucket = (p: Plan, region: string, purpose: string) => only(p, "aws:s3/bucket:Bucket", `${region}-${purpose}-bucket`);
const release = (p: Plan, region: string, chart: string) => only(p, "kubernetes:helm.sh/v3:Release", `${region}-dalp-${chart}`);
/** The stateful resources whose loss a flip must never cause, by the pack's own list. */
const STATEFUL_TYPES = new Set<string>([...STATEFUL, "aws:ec2/eip:Eip"]);
const lossesOf = (d: DiffResult) => d.changes.filter((c) => STATEFUL_TYPES.has(c.type) && (c.op === "replace" || c.op === "delete"));
const changeOf = (d: DiffResult, r: PlannedResource) => d.changes.find((c) => c.urn === r.urn);

describe("aws-hot-warm: two stamps", () => {
  it("builds a full stamp in each region, the standby's cluster, cache and buckets beside the active's", () => {
    for (const region of [HOME, STANDBY]) {
      for (const type of ["aws:eks/cluster:Cluster", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup"]) {
        expect({ region, type, n: inStamp(plan, type, region).length }).toEqual({ region, type, n: 1 });
      }
      expect(inStamp(plan, "aws:s3/bucket:Bucket", region)).toHaveLength(2);
    }
    const roles = Object.fromEntries(ofType(plan, "dalp:pattern:Stamp").map((s) => [s.name, inputsOf(s).role]));
    expect(roles).toEqual({ [HOME]: "active", [STANDBY]: "standby" });
  });

  it("reserves one protected Elastic IP per zone in each region and puts the NLB on them", () => {
    for (const region of [HOME, STANDBY]) {
      const eips = inStamp(plan, "aws:ec2/eip:Eip", region).filter((e) => e.name.startsWith(`${region}-ingress-`));
      expect(eips).toHaveLength(3);
      expect(eips.every((e) => e.protect)).toBe(true);
      expect(eips.every((e) => providerRegion(plan, e) === region)).toBe(true);
      const annotations = inputsOf(release(plan, region, "support")).values["ingress-nginx"].controller.service.annotations;
      expect(annotations["service.beta.kubernetes.io/aws-load-balancer-eip-allocations"].split(",").sort()).toEqual(eips.map((e) => outputsOf(e).allocationId).sort());
      const addresses = (plan.outputs.regions as Record<string, { ingressAddresses: string[] }>)[region].ingressAddresses;
      expect([...addresses].sort()).toEqual(eips.map((e) => outputsOf(e).publicIp).sort());
    }
  });
});

describe("aws-hot-warm: database", () => {
  it("places a Multi-AZ cross-region read replica of the primary in the standby region, encrypted with that region's key", () => {
    const replica = inputsOf(db(plan, STANDBY));
    expect(providerRegion(plan, db(plan, STANDBY))).toBe(STANDBY);
    expect(replica.replicateSourceDb).toBe(outputsOf(db(plan, HOME)).arn);
    expect(replica.kmsKeyId).toBe(kmsArn(plan, STANDBY));
    expect(replica.storageEncrypted).toBe(true);
    expect(replica.multiAz).toBe(true);
    expect(replica.backupRetentionPeriod).toBe(30);
    expect(replica.deletionProtection).toBe(true);
    expect(db(plan, STANDBY).protect).toBe(true);
    // A replica inherits these from its source; RDS refuses them on CreateDBInstanceReadReplica.
    for (const inherited of ["dbName", "username", "password"]) expect(replica).not.toHaveProperty(inherited);
    // Its subnet group and parameter group are the standby region's own.
    const subnets = only(plan, "aws:rds/subnetGroup:SubnetGroup", `${STANDBY}-postgres-subnets`);
    expect(replica.dbSubnetGroupName).toBe(outputsOf(subnets).name);
    expect(inputsOf(db(plan, HOME)).replicateSourceDb).toBeUndefined();
  });

  it("copies the primary's automated backups into the standby region with its key, for the PITR window", () => {
    const copy = only(plan, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
    expect(rootOf(plan, copy)).toBe(STANDBY);
    expect(providerRegion(plan, copy)).toBe(STANDBY);
    expect(inputsOf(copy)).toMatchObject({ sourceDbInstanceArn: outputsOf(db(plan, HOME)).arn, kmsKeyId: kmsArn(plan, STANDBY), retentionPeriod: 30 });
  });

  it("points the standby's DALP at the replica's endpoint, with the source's password", () => {
    const regions = plan.outputs.regions as Record<string, { postgres: { host: string } }>;
    expect(regions[STANDBY].postgres.host).toBe(outputsOf(db(plan, STANDBY)).address);
    const secret = ofType(plan, "kubernetes:core/v1:Secret").filter((s) => rootOf(plan, s) === STANDBY).map((s) => JSON.stringify(inputsOf(s)));
    expect(secret.some((s) => s.includes(outputsOf(db(plan, STANDBY)).address))).toBe(true);
    // The deployment's one password, which the replica inherits from its source.
    const password = outputsOf(only(plan, "random:index/randomPassword:RandomPassword", "postgres-password")).result;
    expect(secret.some((s) => s.includes(encodeURIComponent(password)) || s.includes(password))).toBe(true);
  });
});

describe("aws-hot-warm: bucket replication", () => {
  const replication = () => ofType(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");

  it("replicates the active region's app and backup buckets into the standby's, KMS re-encrypted, delete markers and RTC on", () => {
    expect(replication()).toHaveLength(2);
    for (const purpose of ["app", "backup"]) {
      const config = only(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", `-${purpose}`);
      expect(rootOf(plan, config)).toBe(HOME);
      expect(providerRegion(plan, config)).toBe(HOME);
      const c = inputsOf(config);
      expect(c.bucket).toBe(outputsOf(bucket(plan, HOME, purpose)).bucket);
      const [rule] = c.rules;
      expect(rule).toMatchObject({
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
          bucket: outputsOf(bucket(plan, STANDBY, purpose)).arn,
          encryptionConfiguration: { replicaKmsKeyId: kmsArn(plan, STANDBY) },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
      });
      // S3 refuses the configuration until versioning is on, on both sides.
      const deps = config.dependencies;
      for (const region of [HOME, STANDBY]) expect(deps).toContain(only(plan, "aws:s3/bucketVersioning:BucketVersioning", `${region}-${purpose}-versioning`).urn);
    }
  });

  it("gives S3 a role that reads the source buckets and writes the replicas only, each key only through S3 of its region", () => {
    const role = only(plan, "aws:iam/role:Role", "-replication-eu-west-1-role");
    const trust = JSON.parse(inputsOf(role).assumeRolePolicy);
    expect(trust.Statement).toEqual([expect.objectContaining({ Principal: { Service: "s3.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })]);
    expect(replication().every((r) => inputsOf(r).role === outputsOf(role).arn)).toBe(true);
    const policy = JSON.parse(inputsOf(only(plan, "aws:iam/rolePolicy:RolePolicy", "-replication-eu-west-1-policy")).policy);
    const arns = (region: string) => ["app", "backup"].map((p) => outputsOf(bucket(plan, region, p)).arn);
    const statement = (sid: string) => policy.Statement.find((s: { Sid: string }) => s.Sid === sid);
    expect(statement("ReadReplicationConfig").Resource).toEqual(arns(HOME));
    expect(statement("ReadSourceVersions").Resource).toEqual(arns(HOME).map((a) => `${a}/*`));
    expect(statement("WriteReplicas").Resource).toEqual(arns(STANDBY).map((a) => `${a}/*`));
    expect(statement("DecryptSource")).toMatchObject({ Action: "kms:Decrypt", Resource: kmsArn(plan, HOME), Condition: { StringEquals: { "kms:ViaService": `s3.${HOME}.amazonaws.com` } } });
    expect(statement("EncryptReplicas")).toMatchObject({ Resource: kmsArn(plan, STANDBY), Condition: { StringEquals: { "kms:ViaService": `s3.${STANDBY}.amazonaws.com` } } });
    // Nothing wildcard: no action of a whole service, no resource "*".
    const all = policy.Statement.flatMap((s: { Action: string | string[]; Resource: string | string[] }) => [...[s.Action].flat(), ...[s.Resource].flat()]);
    expect(all.filter((x: string) => x === "*" || x.endsWith(":*"))).toEqual([]);
  });
});

describe("aws-hot-warm: traffic", () => {
  const record = (p: Plan, place: string) => only(p, "aws:route53/record:Record", `traffic-${place}`);

  it("routes charts.domain by Route 53 failover records in the configured zone: the active region PRIMARY, the standby SECONDARY", () => {
    const primary = inputsOf(record(plan, "primary"));
    const secondary = inputsOf(record(plan, "secondary"));
    const addresses = (region: string) => (plan.outputs.regions as Record<string, { ingressAddresses: string[] }>)[region].ingressAddresses;
    expect(primary).toMatchObject({ zoneId: "Z0123456789ABCDEFGHIJ", name: "dalp.example.com", type: "A", ttl: 60, failoverRoutingPolicies: [{ type: "PRIMARY" }], records: addresses(HOME) });
    expect(secondary).toMatchObject({ failoverRoutingPolicies: [{ type: "SECONDARY" }], records: addresses(STANDBY), ttl: 60 });
    expect(primary.healthCheckId).toBe(outputsOf(only(plan, "aws:route53/healthCheck:HealthCheck", `traffic-${HOME}`)).id);
    expect(secondary.healthCheckId).toBe(outputsOf(only(plan, "aws:route53/healthCheck:HealthCheck", `traffic-${STANDBY}`)).id);
  });

  it("health-checks every ingress address over HTTPS with the domain as Host and SNI, and each region over its addresses", () => {
    for (const region of [HOME, STANDBY]) {
      const checks = ofType(plan, "aws:route53/healthCheck:HealthCheck").filter((c) => c.name.startsWith(`traffic-${region}-`));
      expect(checks).toHaveLength(3);
      const ips = (plan.outputs.regions as Record<string, { ingressAddresses: string[] }>)[region].ingressAddresses;
      expect(checks.map((c) => inputsOf(c).ipAddress).sort()).toEqual([...ips].sort());
      for (const c of checks) {
        expect(inputsOf(c)).toMatchObject({ type: "HTTPS", port: 443, fqdn: "dalp.example.com", enableSni: true, resourcePath: "/", requestInterval: 30, failureThreshold: 3 });
      }
      const calculated = inputsOf(only(plan, "aws:route53/healthCheck:HealthCheck", `traffic-${region}`));
      expect(calculated).toMatchObject({ type: "CALCULATED", childHealthThreshold: 1 });
      expect([...calculated.childHealthchecks].sort()).toEqual(checks.map((c) => outputsOf(c).id).sort());
    }
  });

  it("puts the records and checks under the global component, on a provider no failover changes", () => {
    for (const r of [...ofType(plan, "aws:route53/record:Record"), ...ofType(plan, "aws:route53/healthCheck:HealthCheck")]) {
      expect(rootOf(plan, r)).toBe("global");
      expect(providerRegion(plan, r)).toBe("us-east-1");
    }
    expect(plan.outputs.traffic).toMatchObject({ hostname: "dalp.example.com", ttlSeconds: 60 });
  });

  it("follows the configured TTL and probe", async () => {
    const p = await planned((c) => (c["dalp:traffic"] = { zone: "Z0123456789ABCDEFGHIJ", ttlSeconds: 30, healthCheck: { path: "/api/health", intervalSeconds: 10, failureThreshold: 2 } }));
    expect(inputsOf(record(p, "primary")).ttl).toBe(30);
    expect(inputsOf(only(p, "aws:route53/healthCheck:HealthCheck", `traffic-${HOME}-0`))).toMatchObject({ resourcePath: "/api/health", requestInterval: 10, failureThreshold: 2 });
  });

  it("refuses a hosted zone that does not hold charts.domain, naming dalp:traffic.zone", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:charts"] as Record<string, unknown>).domain = "dalp.example.org"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect((result.error as ConfigError).message).toMatch(/dalp:traffic\.zone: got "Z0123456789ABCDEFGHIJ"; expected a hosted zone that holds dalp:charts\.domain dalp\.example\.org/);
  });
});

describe("aws-hot-warm: failover to the standby region", () => {
  let diff: DiffResult;
  beforeAll(() => {
    diff = diffAgainstState(flipped, stateOfPlan(plan));
  });

  it("promotes the replica in place: an update of exactly replicateSourceDb, to none", () => {
    expect(changeOf(diff, db(flipped, STANDBY))).toMatchObject({ op: "update", keys: ["replicateSourceDb"] });
    expect(inputsOf(db(flipped, STANDBY)).replicateSourceDb).toBeUndefined();
    // The former primary is left exactly as it was: the failover needs nothing of its region's API.
    expect(changeOf(diff, db(flipped, HOME))?.op).toBe("same");
  });

  it("moves the traffic primary to the standby region and stops answering with the old one", () => {
    const primary = only(flipped, "aws:route53/record:Record", "traffic-primary");
    expect(changeOf(diff, primary)).toMatchObject({ op: "update" });
    expect(inputsOf(primary).records).toEqual((flipped.outputs.regions as Record<string, { ingressAddresses: string[] }>)[STANDBY].ingressAddresses);
    expect(inputsOf(primary).healthCheckId).toBe(outputsOf(only(flipped, "aws:route53/healthCheck:HealthCheck", `traffic-${STANDBY}`)).id);
    expect(ofType(flipped, "aws:route53/record:Record").map((r) => r.name)).toEqual(["traffic-primary"]);
  });

  it("writes nothing toward the failed region: its bucket replication goes, in its own stamp", () => {
    expect(ofType(flipped, "aws:s3/bucketReplicationConfig:BucketReplicationConfig")).toEqual([]);
    // What the failover changes or removes in the failed region is only what it owns there itself.
    const touched = diff.changes.filter((c) => c.op !== "same" && c.op !== "create");
    const homeCloud = touched.filter((c) => c.type.startsWith("aws:")).filter((c) => {
      const r = byUrn(plan).get(c.urn) ?? byUrn(flipped).get(c.urn);
      return r && rootOf(plan, r) === HOME;
    });
    expect(homeCloud.map((c) => c.type).sort()).toEqual([
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    ]);
  });

  it("keeps the copy of the former primary's automated backups exactly as it was: deleting it waits on the source's region", () => {
    // The provider's Delete polls the source instance through a client of the source's region (up to 75 min):
    // with that region down the failover would fail on it. Unchanged, the update makes no call for it.
    const copy = only(flipped, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
    expect(copy.urn).toBe(only(plan, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication").urn);
    expect(changeOf(diff, copy)?.op).toBe("same");
    expect(rootOf(flipped, copy)).toBe(STANDBY);
    expect(providerRegion(flipped, copy)).toBe(STANDBY);
    expect(inputsOf(copy)).toMatchObject({ sourceDbInstanceArn: outputsOf(db(flipped, HOME)).arn, kmsKeyId: kmsArn(flipped, STANDBY), retentionPeriod: 30 });
  });

  it("configures the left region's provider with STS of the active region, in place, and every other provider as it was", () => {
    // The engine configures every declared provider, targeted or not, and the AWS provider asks STS for the
    // account when it is configured: the left region's must not ask that region.
    const providers = (p: Plan) => new Map(ofType(p, "pulumi:providers:aws").map((r) => [r.name, inputsOf(r)]));
    for (const [name, inputs] of providers(plan)) expect({ name, sts: inputs.stsRegion }).toEqual({ name, sts: inputs.region });
    const after = providers(flipped);
    expect(after.get(`aws-${HOME}`)).toMatchObject({ region: HOME, stsRegion: STANDBY });
    const changed = diff.changes.filter((c) => c.type === "pulumi:providers:aws" && c.op !== "same");
    expect(changed.map((c) => ({ name: c.urn.split("::").pop(), op: c.op, keys: c.keys }))).toEqual([{ name: `aws-${HOME}`, op: "update", keys: ["stsRegion"] }]);
  });

  it("moves the PRIMARY record in place: the record's replace-forcing properties (name, zone) are unchanged", () => {
    const primary = only(flipped, "aws:route53/record:Record", "traffic-primary");
    const change = changeOf(diff, primary);
    expect(change?.op).toBe("update");
    expect(change?.keys.sort()).toEqual(["healthCheckId", "records"]);
    // The rule is live: another hosted zone is a new record.
    const moved = diffAgainstState(
      { ...flipped, resources: flipped.resources.map((r) => (r.urn === primary.urn ? { ...r, inputs: { ...r.inputs, zoneId: "Z0OTHERZONE" } } : r)) },
      stateOfPlan(plan),
    );
    expect(changeOf(moved, primary)?.op).toBe("replace");
  });

  it("with the former primary's region down, the targets docs/aws.md gives take every change outside it and nothing in it", () => {
    // pulumi/pulumi#8883 URN globs: `**` matches anything, `*` anything but ':'.
    const glob = (g: string) => new RegExp(`^${g.split("**").map((part) => part.split("*").map((t) => t.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^:]*")).join(".*")}$`);
    const docs = readFileSync(join(__dirname, "..", "docs", "aws.md"), "utf8");
    const command = docs.match(/`pulumi up (--target '[^']+' ?)+`/);
    expect(command).not.toBeNull();
    const targets = [...command![0].matchAll(/--target '([^']+)'/g)].map((m) => glob(m[1].replace(/eu-west-1/g, STANDBY)));
    const targeted = (urn: string) => targets.some((t) => t.test(urn));
    const resourceOf = (urn: string) => byUrn(flipped).get(urn) ?? byUrn(plan).get(urn)!;
    const changed = diff.changes.filter((c) => c.op !== "same" && !c.type.startsWith("pulumi:providers:"));
    const outside = changed.filter((c) => rootOf(byUrn(flipped).has(c.urn) ? flipped : plan, resourceOf(c.urn)) !== HOME);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((c) => !targeted(c.urn)).map((c) => c.urn)).toEqual([]);
    // Nothing targeted lives in the failed region or is managed through its providers.
    const home = new Set([...ofType(plan, "pulumi:providers:aws"), ...ofType(plan, "pulumi:providers:kubernetes")].filter((p) => rootOf(plan, p) === HOME || inputsOf(p).region === HOME).map((p) => `${p.urn}::${p.id}`));
    const hit = [...plan.resources, ...flipped.resources].filter((r) => targeted(r.urn) && (rootOf(byUrn(flipped).has(r.urn) ? flipped : plan, r) === HOME || (r.provider !== undefined && home.has(r.provider))));
    expect(hit.map((r) => r.urn)).toEqual([]);
  });

  it("points the promoted region's DALP at the promoted database", () => {
    const regions = flipped.outputs.regions as Record<string, { postgres: { host: string }; role: string }>;
    expect(regions[STANDBY]).toMatchObject({ role: "active", postgres: { host: outputsOf(db(flipped, STANDBY)).address } });
    expect(regions[HOME].role).toBe("cold");
  });
});

describe("aws-hot-warm: returning to the original configuration", () => {
  it("cannot demote the promoted database in place: the provider refuses that update, and nothing is replaced or lost (the return is dalp:reseed)", () => {
    const back = diffAgainstState(plan, stateOfPlan(flipped));
    expect(lossesOf(back)).toEqual([]);
    expect(back.blocked.map((b) => ({ urn: b.urn, op: b.op, keys: b.keys }))).toEqual([{ urn: db(plan, STANDBY).urn, op: "update", keys: ["replicateSourceDb"] }]);
    expect(back.blocked[0].reason).toMatch(/the provider refuses this update when it is applied: .*cannot demote/);
  });
});

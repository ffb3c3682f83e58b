import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config/errors";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffResult } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { STATEFUL } from "../policies/rules/types";
import { callsInto, descendants, inputsOf, ofType, only, outputsOf, placeOf, planChanged, plannedChange, providerOf, referencePlan } from "./helpers/stacks";
import { utcSecond } from "../lib/utcSecond";

const STACK = "aws-hot-cold";
const HOME = "eu-central-1";
const RECOVERY = "eu-west-1";
const DAY = 24 * 3600 * 1000;
const HOME_DB = `dalp-${STACK}-${HOME}`;

let plan: Plan;
let rebuilt: Plan;
let diff: DiffResult;
beforeAll(async () => {
  plan = await referencePlan(STACK);
  // The rebuild to the latest the copies hold. The stack file names both regions' zones, so planning it asks the
  // home region nothing about them.
  rebuilt = await plannedChange(STACK, (c) => (c["dalp:recover"] = { region: RECOVERY }));
  diff = diffAgainstState(rebuilt, stateOfPlan(plan));
});

const iso = utcSecond;
/** The oldest automated snapshot the planner's recovery region holds (planner/mocks/aws.ts): 29 days ago, 00:45 UTC. */
const oldestSnapshot = () => {
  const today = new Date();
  today.setUTCHours(0, 45, 0, 0);
  return today.getTime() - 29 * DAY;
};
const stamp = (p: Plan, region: string) => ofType(p, "dalp:pattern:Stamp").find((s) => s.name === region) as PlannedResource;
const inStamp = (p: Plan, region: string, type: string) => ofType(p, type).filter((r) => placeOf(p, r) === region);
const providerRegion = (p: Plan, r: PlannedResource) => {
  const provider = providerOf(p, r);
  return provider ? inputsOf(provider).region : undefined;
};
const COPY = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
const DB = "aws:rds/instance:Instance";
const copyOf = (p: Plan) => only(p, COPY);
const homeDb = (p: Plan) => only(p, DB, `${HOME}-postgres-db`);
const restoredDb = (p: Plan) => only(p, DB, `${RECOVERY}-postgres-restored-db`);
const kmsArn = (p: Plan, region: string) => outputsOf(only(p, "aws:kms/key:Key", `${region}-kms-key`)).arn;
const bucket = (p: Plan, region: string, purpose: string) => only(p, "aws:s3/bucket:Bucket", `${region}-${purpose}-bucket`);
const op = (d: DiffResult, urn: string) => d.changes.find((c) => c.urn === urn)?.op;
const statefulTypes = new Set<string>([...STATEFUL, "aws:ec2/eip:Eip"]);
const rebuildWith = (recover: Record<string, unknown>) => plannedChange(STACK, (c) => (c["dalp:recover"] = recover));

describe("aws-hot-cold: the recovery region holds only copies", () => {
  it("builds the home region as a full stamp and the recovery region as a vault holding a backup copy", () => {
    expect(ofType(plan, "dalp:pattern:Stamp").map((s) => [s.name, s.inputs.role, s.inputs.workloads])).toEqual([
      [HOME, "active", "serving"],
      [RECOVERY, "recovery", "none"],
    ]);
    expect(plan.outputs.regions).toMatchObject({ [RECOVERY]: { role: "recovery", database: { kind: "backup-copy", source: HOME } } });
  });

  it("declares there its key, the two buckets and the copy of the database's backups, and nothing else", () => {
    const there = descendants(plan, stamp(plan, RECOVERY)).filter((r) => r.custom);
    const bucketParts = [
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
    ];
    expect(there.map((r) => r.type).sort()).toEqual([COPY, "aws:kms/alias:Alias", "aws:kms/key:Key", ...bucketParts, ...bucketParts].sort());
    // Nothing that bills by the hour: no network with NAT, no endpoint, no cluster, no database server, no cache.
    for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:eks/cluster:Cluster", DB, "aws:elasticache/replicationGroup:ReplicationGroup"]) {
      expect({ type, count: inStamp(plan, RECOVERY, type).length }).toEqual({ type, count: 0 });
    }
    expect(ofType(plan, "pulumi:providers:kubernetes").filter((k) => placeOf(plan, k) === RECOVERY)).toEqual([]);
  });

  it("pins all of it to the recovery region's provider, and protects the key and the buckets", () => {
    for (const r of descendants(plan, stamp(plan, RECOVERY)).filter((x) => x.custom)) expect({ urn: r.urn, region: providerRegion(plan, r) }).toEqual({ urn: r.urn, region: RECOVERY });
    expect(only(plan, "aws:kms/key:Key", `${RECOVERY}-kms-key`).protect).toBe(true);
    for (const purpose of ["app", "backup"]) {
      expect(bucket(plan, RECOVERY, purpose).protect).toBe(true);
      const sse = inputsOf(only(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${RECOVERY}-${purpose}-encryption`));
      expect(JSON.stringify(sse)).toContain(kmsArn(plan, RECOVERY));
    }
  });
});

describe("aws-hot-cold: the copy of the database's automated backups", () => {
  it("replicates the home primary's automated backups into the recovery region, with its key, for the PITR window", () => {
    const copy = copyOf(plan);
    expect(placeOf(plan, copy)).toBe(RECOVERY);
    expect(providerRegion(plan, copy)).toBe(RECOVERY);
    expect(copy.parent).toBe(stamp(plan, RECOVERY).urn);
    expect(inputsOf(copy)).toMatchObject({ sourceDbInstanceArn: outputsOf(homeDb(plan)).arn, kmsKeyId: kmsArn(plan, RECOVERY), retentionPeriod: 30 });
    // The first copy of a large source's snapshots takes as long as a replica's create.
    expect(copy.customTimeouts).toMatchObject({ create: "6h" });
    // What is copied exists: the source keeps 30 days of automated backups of its own.
    expect(inputsOf(homeDb(plan)).backupRetentionPeriod).toBe(30);
  });

  it("documents the copy's RPO with its source", () => {
    const docs = readFileSync(join(__dirname, "..", "docs", "aws.md"), "utf8");
    const section = docs.slice(docs.indexOf("## Hot-cold"));
    expect(section).toMatch(/RPO/);
    expect(section).toMatch(/5.30 minutes/);
    expect(section).toMatch(/rds-pitr-snapshot/);
  });
});

describe("aws-hot-cold: bucket replication into the vault", () => {
  it("replicates the home app and backup buckets into the vault's, KMS re-encrypted with its key, under RTC 15 minutes", () => {
    const configs = ofType(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    expect(configs).toHaveLength(2);
    for (const purpose of ["app", "backup"]) {
      const config = only(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", `-${purpose}`);
      expect(placeOf(plan, config)).toBe(HOME);
      expect(providerRegion(plan, config)).toBe(HOME);
      const c = inputsOf(config);
      expect(c.bucket).toBe(outputsOf(bucket(plan, HOME, purpose)).bucket);
      expect(c.rules[0]).toMatchObject({
        status: "Enabled",
        deleteMarkerReplication: { status: "Enabled" },
        destination: {
          bucket: outputsOf(bucket(plan, RECOVERY, purpose)).arn,
          encryptionConfiguration: { replicaKmsKeyId: kmsArn(plan, RECOVERY) },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
        },
      });
      // S3 refuses the configuration until versioning is on, on both sides: the vault's bucket versioning too.
      expect(config.dependencies).toContain(only(plan, "aws:s3/bucketVersioning:BucketVersioning", `${RECOVERY}-${purpose}-versioning`).urn);
    }
  });
});

describe("aws-hot-cold: the rebuild, dalp:recover = {region: eu-west-1}", () => {
  it("makes the recovery region a full active stamp, the home region cold", () => {
    expect(ofType(rebuilt, "dalp:pattern:Stamp").map((s) => [s.name, s.inputs.role, s.inputs.workloads])).toEqual([
      [HOME, "cold", "isolated"],
      [RECOVERY, "active", "serving"],
    ]);
    for (const type of ["aws:eks/cluster:Cluster", "aws:elasticache/replicationGroup:ReplicationGroup", DB, "aws:ec2/vpc:Vpc"]) {
      expect({ type, count: inStamp(rebuilt, RECOVERY, type).length }).toEqual({ type, count: 1 });
    }
  });

  describe("the restored database", () => {
    let restored: PlannedResource;
    beforeAll(() => {
      restored = restoredDb(rebuilt);
    });

    it("is a new instance with its own identifier, under a URN nothing of the home region has", () => {
      expect(restored.urn).toMatch(new RegExp(`\\$dalp:aws:RdsPostgres\\$aws:rds/instance:Instance::${RECOVERY}-postgres-restored-db$`));
      expect(plan.resources.map((r) => r.urn)).not.toContain(restored.urn);
      expect(op(diff, restored.urn)).toBe("create");
      expect(inputsOf(restored).identifier).toBe(`dalp-${STACK}-${RECOVERY}-restored`);
      expect(placeOf(rebuilt, restored)).toBe(RECOVERY);
      expect(providerRegion(rebuilt, restored)).toBe(RECOVERY);
    });

    it("is restored from the copy, by the replicated backups' ARN, to the latest time they hold", () => {
      expect(inputsOf(restored).restoreToPointInTime).toEqual({ sourceDbInstanceAutomatedBackupsArn: outputsOf(copyOf(rebuilt)).id, useLatestRestorableTime: true });
      expect(outputsOf(copyOf(rebuilt)).id).toMatch(new RegExp(`^arn:aws:rds:${RECOVERY}:\\d{12}:auto-backup:`));
      expect(restored.dependencies).toContain(copyOf(rebuilt).urn);
      expect(inputsOf(restored).replicateSourceDb).toBeUndefined();
    });

    it("has a primary's settings: Multi-AZ, the recovery region's key, 30 days of backups, deletion protection, protect", () => {
      const [p, r] = [inputsOf(homeDb(rebuilt)), inputsOf(restored)];
      for (const key of ["engine", "engineVersion", "instanceClass", "storageType", "maxAllocatedStorage", "multiAz", "storageEncrypted", "backupRetentionPeriod", "deletionProtection", "skipFinalSnapshot", "publiclyAccessible", "engineLifecycleSupport", "enabledCloudwatchLogsExports"]) {
        expect({ key, value: r[key] }).toEqual({ key, value: p[key] });
      }
      expect(r).toMatchObject({ multiAz: true, storageEncrypted: true, kmsKeyId: kmsArn(rebuilt, RECOVERY), backupRetentionPeriod: 30, deletionProtection: true, finalSnapshotIdentifier: `dalp-${STACK}-${RECOVERY}-restored-postgres-final` });
      expect(restored.protect).toBe(true);
    });

    it("sits in the recovery region's own network: its data subnets, a security group open to its cluster only, TLS forced", () => {
      const subnets = only(rebuilt, "aws:rds/subnetGroup:SubnetGroup", `${RECOVERY}-postgres-restored-subnets`);
      expect(inputsOf(restored).dbSubnetGroupName).toBe(outputsOf(subnets).name);
      const data = inStamp(rebuilt, RECOVERY, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-data-"));
      expect([...inputsOf(subnets).subnetIds].sort()).toEqual(data.map((s) => outputsOf(s).id).sort());
      const sg = only(rebuilt, "aws:ec2/securityGroup:SecurityGroup", `${RECOVERY}-postgres-restored-sg`);
      expect(inputsOf(sg).vpcId).toBe(outputsOf(only(rebuilt, "aws:ec2/vpc:Vpc", `${RECOVERY}-network-vpc`)).id);
      expect(inputsOf(sg).ingress[0].securityGroups).toEqual([outputsOf(only(rebuilt, "aws:eks/cluster:Cluster", `${RECOVERY}-eks-cluster`)).vpcConfig.clusterSecurityGroupId]);
      const params = only(rebuilt, "aws:rds/parameterGroup:ParameterGroup", `${RECOVERY}-postgres-restored-params`);
      expect(inputsOf(params).parameters).toContainEqual({ name: "rds.force_ssl", value: "1" });
      expect(inputsOf(restored).parameterGroupName).toBe(outputsOf(params).name);
    });

    it("takes the databases and master user from the backups and sets the deployment's password, which DALP uses", () => {
      const r = inputsOf(restored);
      // Create-only inputs RDS takes from the backups: left out, read back without a diff.
      for (const inherited of ["dbName", "username", "allocatedStorage"]) expect(r).not.toHaveProperty(inherited);
      const password = outputsOf(only(rebuilt, "random:index/randomPassword:RandomPassword", "postgres-password")).result as string;
      expect(r.password).toBe(password);
      const secrets = ofType(rebuilt, "kubernetes:core/v1:Secret").filter((s) => placeOf(rebuilt, s) === RECOVERY).map((s) => JSON.stringify(inputsOf(s)));
      expect(secrets.some((s) => s.includes(outputsOf(restored).address))).toBe(true);
      expect(secrets.some((s) => s.includes(encodeURIComponent(password)) || s.includes(password))).toBe(true);
      expect(secrets.some((s) => s.includes(outputsOf(homeDb(rebuilt)).address))).toBe(false);
    });

    it("ignores its restore input, so a later edit of the point in time never replaces it, and waits hours for the restore", () => {
      expect(restored.ignoreChanges).toEqual(expect.arrayContaining(["restoreToPointInTime", "allocatedStorage"]));
      // The provider's default is 40 minutes.
      expect(restored.customTimeouts).toMatchObject({ create: "6h" });
    });
  });

  it("keeps what the vault declared under the same URNs and inputs: the key, the buckets, the copy", () => {
    for (const type of ["aws:kms/key:Key", "aws:kms/alias:Alias", "aws:s3/bucket:Bucket", "aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", COPY]) {
      const before = inStamp(plan, RECOVERY, type);
      expect(before.length).toBeGreaterThan(0);
      for (const r of before) {
        const after = rebuilt.resources.find((x) => x.urn === r.urn);
        expect({ urn: r.urn, inputs: after && inputsOf(after), parent: after?.parent, op: op(diff, r.urn) }).toEqual({ urn: r.urn, inputs: inputsOf(r), parent: r.parent, op: "same" });
      }
    }
    // The copy still names the home primary, which the rebuild leaves exactly as it was.
    expect(inputsOf(copyOf(rebuilt)).sourceDbInstanceArn).toBe(outputsOf(homeDb(rebuilt)).arn);
    expect(op(diff, homeDb(plan).urn)).toBe("same");
  });

  it("replaces nothing and creates only under the recovery region's stamp", () => {
    const byUrn = new Map(rebuilt.resources.map((r) => [r.urn, r]));
    const created = diff.changes.filter((c) => c.op === "create").map((c) => byUrn.get(c.urn)!);
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((r) => placeOf(rebuilt, r) !== RECOVERY && placeOf(rebuilt, r) !== "global").map((r) => r.urn)).toEqual([]);
    expect(diff.changes.filter((c) => c.op === "replace")).toEqual([]);
    expect(diff.blocked).toEqual([]);
  });

  it("deletes only what replicated out of the home region and the isolated region's disruption budgets, nothing that holds data", () => {
    const deleted = diff.changes.filter((c) => c.op === "delete");
    const resourceOf = (urn: string) => plan.resources.find((r) => r.urn === urn)!;
    expect(deleted.filter((c) => placeOf(plan, resourceOf(c.urn)) !== HOME).map((c) => c.urn)).toEqual([]);
    expect(deleted.filter((c) => statefulTypes.has(c.type) || resourceOf(c.urn).protect).map((c) => c.urn)).toEqual([]);
    expect(deleted.map((c) => c.type).sort()).toEqual(
      [
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "dalp:aws:BucketReplication",
        "kubernetes:policy/v1:PodDisruptionBudget",
        "kubernetes:policy/v1:PodDisruptionBudget",
      ].sort(),
    );
  });

  it("asks nothing of the home region, and points the home region's provider at the recovery region's STS, in place", () => {
    expect(rebuilt.invokes.length).toBeGreaterThan(0);
    expect(callsInto(rebuilt, HOME)).toEqual([]);
    const provider = ofType(rebuilt, "pulumi:providers:aws").find((p) => p.name === `aws-${HOME}`)!;
    expect(inputsOf(provider)).toMatchObject({ region: HOME, stsRegion: RECOVERY });
    expect(diff.changes.filter((c) => c.type === "pulumi:providers:aws" && c.op !== "same").map((c) => [c.urn.split("::").pop(), c.op, c.keys])).toEqual([[`aws-${HOME}`, "update", ["stsRegion"]]]);
  });

  it("with the home region down, the targets docs/aws.md gives take every create and nothing of the home region", () => {
    // pulumi/pulumi#8883 URN globs: `**` matches anything, `*` anything but ':'.
    const glob = (g: string) => new RegExp(`^${g.split("**").map((part) => part.split("*").map((t) => t.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^:]*")).join(".*")}$`);
    const docs = readFileSync(join(__dirname, "..", "docs", "aws.md"), "utf8");
    const command = docs.slice(docs.indexOf("## Hot-cold")).match(/`pulumi up (--target '[^']+' ?)+`/);
    expect(command).not.toBeNull();
    const targets = [...command![0].matchAll(/--target '([^']+)'/g)].map((m) => glob(m[1]));
    const targeted = (urn: string) => targets.some((t) => t.test(urn));
    const creates = diff.changes.filter((c) => c.op === "create");
    expect(creates.filter((c) => !targeted(c.urn)).map((c) => c.urn)).toEqual([]);
    const home = [...plan.resources, ...rebuilt.resources].filter((r) => placeOf(rebuilt.resources.includes(r) ? rebuilt : plan, r) === HOME);
    expect(home.filter((r) => targeted(r.urn)).map((r) => r.urn)).toEqual([]);
  });

  it("points the rebuilt region's DALP at the restored database", () => {
    const regions = rebuilt.outputs.regions as Record<string, { postgres: { host: string }; role: string }>;
    expect(regions[RECOVERY]).toMatchObject({ role: "active", postgres: { host: outputsOf(restoredDb(rebuilt)).address } });
    expect(regions[HOME].role).toBe("cold");
  });
});

describe("aws-hot-cold: the rebuild to a point in time", () => {
  it("restores to dalp:recover.pointInTime instead of the latest time", async () => {
    const at = iso(Date.now() - 2 * DAY);
    const p = await rebuildWith({ region: RECOVERY, pointInTime: at });
    expect(inputsOf(restoredDb(p)).restoreToPointInTime).toEqual({ sourceDbInstanceAutomatedBackupsArn: outputsOf(copyOf(p)).id, restoreTime: at });
    expect(restoredDb(p).urn).toBe(restoredDb(rebuilt).urn);
  });

  it("never replaces the restored database when the point in time is edited later, and would without the ignore", async () => {
    const first = await rebuildWith({ region: RECOVERY, pointInTime: iso(Date.now() - 2 * DAY) });
    const later = await rebuildWith({ region: RECOVERY, pointInTime: iso(Date.now() - DAY) });
    const d = diffAgainstState(later, stateOfPlan(first));
    expect(op(d, restoredDb(later).urn)).toBe("same");
    expect(diffAgainstState(rebuilt, stateOfPlan(first)).changes.find((c) => c.urn === restoredDb(rebuilt).urn)?.op).toBe("same");
    // The rule is live: restoreToPointInTime forces a new instance, so without the ignore the edit is a replacement.
    const unguarded = { ...later, resources: later.resources.map((r) => (r.urn === restoredDb(later).urn ? { ...r, ignoreChanges: r.ignoreChanges.filter((k) => k !== "restoreToPointInTime") } : r)) };
    expect(op(diffAgainstState(unguarded, stateOfPlan(first)), restoredDb(later).urn)).toBe("replace");
  });

  it("looks the copies up before declaring anything, through the recovery region's provider, only for a point in time", async () => {
    const lookups = (p: Plan) => p.invokes.filter((i) => i.token === "aws:rds/getSnapshots:getSnapshots");
    expect(lookups(plan)).toEqual([]);
    expect(lookups(rebuilt)).toEqual([]);
    const p = await rebuildWith({ region: RECOVERY, pointInTime: iso(Date.now() - 2 * DAY) });
    const provider = ofType(p, "pulumi:providers:aws").find((x) => x.name === `aws-${RECOVERY}`)!;
    expect(lookups(p).map((i) => [i.provider, i.args])).toEqual([[`${provider.urn}::${provider.id}`, { snapshotType: "automated", filters: [{ name: "db-instance-id", values: [HOME_DB] }] }]]);
    expect(callsInto(p, HOME)).toEqual([]);
  });

  it("refuses a point in time before the oldest snapshot the copies hold, naming dalp:recover.pointInTime and the window", async () => {
    const oldest = oldestSnapshot();
    // Inside the configuration's 30-day window, outside the copies'.
    const at = iso(oldest - 10 * 60 * 1000);
    const result = await planChanged(STACK, (c) => (c["dalp:recover"] = { region: RECOVERY, pointInTime: at }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    const issues = (result.error as ConfigError).issues;
    expect(issues.map((i) => i.key)).toEqual(["dalp:recover.pointInTime"]);
    expect(issues[0].given).toBe(JSON.stringify(at));
    expect(issues[0].allowed).toContain(`from ${iso(oldest)}, the oldest automated snapshot of ${HOME_DB} kept there`);
    expect(issues[0].allowed).toMatch(/remove the key: it is read only when the database is created/);
    // The oldest snapshot itself is inside the window.
    await expect(rebuildWith({ region: RECOVERY, pointInTime: iso(oldest) })).resolves.toBeDefined();
  });
});

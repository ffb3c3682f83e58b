import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { RULES } from "../policies/rules";
import { anHourAgo } from "./helpers/drill";
import { descendants, inputsOf, ofType, only, outputsOf, plannedChange, referencePlan } from "./helpers/stacks";
import { utcSecond } from "../lib/utcSecond";

/**
 * The restore drill on AWS (stacks/aws/drill.ts), on the cloud-native reference stack with `dalp:drill.enabled`:
 * production's database restored to a new, disposable RDS instance, a one-node cache of its own and a Pod
 * Identity role that only reads the application bucket, all below the Drill component.
 */
const STACK = "aws-cloud-native";
const REGION = "eu-central-1";
const NAMESPACE = "dalp-drill";
const DB = "aws:rds/instance:Instance";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const POLICY = "aws:iam/rolePolicy:RolePolicy";


let off: Plan;
let on: Plan;
let at: Plan;
let pointInTime: string;
beforeAll(async () => {
  off = await referencePlan(STACK);
  on = await plannedChange(STACK, (c) => (c["dalp:drill"] = { enabled: true }));
  pointInTime = anHourAgo();
  at = await plannedChange(STACK, (c) => (c["dalp:drill"] = { enabled: true, pointInTime }));
});

const drillComponent = (p: Plan) => only(p, "dalp:pattern:Drill", `${REGION}-drill`);
const inDrill = (p: Plan) => descendants(p, drillComponent(p));
const drillOf = (p: Plan, type: string) => inDrill(p).filter((r) => r.type === type);
const one = <T extends object>(list: T[]): T => {
  if (list.length !== 1) throw new Error(`expected one, found ${list.length}: ${JSON.stringify(list.map((r) => ("urn" in r ? r.urn : r)))}`);
  return list[0];
};
const drillDb = (p: Plan) => one(drillOf(p, DB));
const productionDb = (p: Plan) => only(p, DB, `${REGION}-postgres-db`);
const kmsArn = (p: Plan) => outputsOf(only(p, "aws:kms/key:Key", `${REGION}-kms-key`)).arn;
const bucketArn = (p: Plan, purpose: string) => outputsOf(only(p, "aws:s3/bucket:Bucket", `${REGION}-${purpose}-bucket`)).arn as string;

describe("aws drill: the restored database", () => {
  it("restores production's instance, by its resource id, to the latest restorable time when no point in time is set", () => {
    expect(inputsOf(drillDb(on)).restoreToPointInTime).toEqual({ sourceDbiResourceId: outputsOf(productionDb(on)).resourceId, useLatestRestorableTime: true });
    expect(drillDb(on).dependencies).toContain(productionDb(on).urn);
  });

  it("restores to dalp:drill.pointInTime when set, under the same URN", () => {
    expect(inputsOf(drillDb(at)).restoreToPointInTime).toEqual({ sourceDbiResourceId: outputsOf(productionDb(at)).resourceId, restoreTime: pointInTime });
    expect(drillDb(at).urn).toBe(drillDb(on).urn);
  });

  it("ignores its restore input, so a later edit of the point in time never replaces it, and waits hours for the restore", async () => {
    expect(drillDb(on).ignoreChanges).toEqual(expect.arrayContaining(["restoreToPointInTime"]));
    // The provider's default is 40 minutes.
    expect(drillDb(on).customTimeouts).toMatchObject({ create: "6h" });
    const later = await plannedChange(STACK, (c) => (c["dalp:drill"] = { enabled: true, pointInTime: utcSecond(Date.now() - 1800_000) }));
    expect(diffAgainstState(later, stateOfPlan(at)).changes.find((c) => c.urn === drillDb(later).urn)?.op).toBe("same");
    // The rule is live: restoreToPointInTime forces a new instance, so without the ignore the edit is a replacement.
    const unguarded = { ...later, resources: later.resources.map((r) => (r.urn === drillDb(later).urn ? { ...r, ignoreChanges: r.ignoreChanges.filter((k) => k !== "restoreToPointInTime") } : r)) };
    expect(diffAgainstState(unguarded, stateOfPlan(at)).changes.find((c) => c.urn === drillDb(later).urn)?.op).toBe("replace");
  });

  it("is not protected: no protect, no deletion protection, no final snapshot, its backups deleted with it", () => {
    const db = drillDb(on);
    expect(db.protect).toBe(false);
    expect(inputsOf(db)).toMatchObject({ deletionProtection: false, skipFinalSnapshot: true, deleteAutomatedBackups: true, multiAz: false, applyImmediately: true });
    expect(inputsOf(db)).not.toHaveProperty("finalSnapshotIdentifier");
    // Production keeps all of it.
    expect(productionDb(on).protect).toBe(true);
    expect(inputsOf(productionDb(on))).toMatchObject({ deletionProtection: true, skipFinalSnapshot: false, deleteAutomatedBackups: false, multiAz: true });
    // Nothing below the drill is protected or kept when it goes.
    expect(inDrill(on).filter((r) => r.protect || r.retainOnDelete).map((r) => r.urn)).toEqual([]);
  });

  it("is encrypted with the region's key, private, behind TLS, in the data subnets and open to the cluster only", () => {
    const db = inputsOf(drillDb(on));
    expect(db).toMatchObject({ storageEncrypted: true, kmsKeyId: kmsArn(on), publiclyAccessible: false, engine: "postgres", engineVersion: "17" });
    const params = one(drillOf(on, "aws:rds/parameterGroup:ParameterGroup"));
    expect(inputsOf(params).parameters).toContainEqual({ name: "rds.force_ssl", value: "1" });
    expect(db.parameterGroupName).toBe(outputsOf(params).name);
    const subnets = one(drillOf(on, "aws:rds/subnetGroup:SubnetGroup"));
    expect(db.dbSubnetGroupName).toBe(outputsOf(subnets).name);
    const data = ofType(on, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-data-"));
    expect([...inputsOf(subnets).subnetIds].sort()).toEqual(data.map((s) => outputsOf(s).id).sort());
    const sg = one(drillOf(on, "aws:ec2/securityGroup:SecurityGroup").filter((s) => s.name.includes("postgres")));
    expect(db.vpcSecurityGroupIds).toEqual([outputsOf(sg).id]);
    expect(inputsOf(sg).ingress).toEqual([expect.objectContaining({ fromPort: 5432, toPort: 5432, securityGroups: [outputsOf(only(on, "aws:eks/cluster:Cluster", `${REGION}-eks-cluster`)).vpcConfig.clusterSecurityGroupId] })]);
    expect(inputsOf(sg).ingress[0]).not.toHaveProperty("cidrBlocks");
  });

  it("declares only what the restore applies: no windows, CA, Performance Insights, size, database or user of its own", () => {
    const db = inputsOf(drillDb(on));
    for (const key of ["backupWindow", "maintenanceWindow", "caCertIdentifier", "performanceInsightsEnabled", "databaseInsightsMode", "allocatedStorage", "dbName", "username"]) {
      expect({ key, declared: key in db }).toEqual({ key, declared: false });
    }
    // The retention the restore inherits from production, declared as it reads back.
    expect(db.backupRetentionPeriod).toBe(inputsOf(productionDb(on)).backupRetentionPeriod);
  });

  it("uses the deployment's password, and the drill's DALP connects to it, not to production", () => {
    const password = outputsOf(only(on, "random:index/randomPassword:RandomPassword", "postgres-password")).result as string;
    expect(inputsOf(drillDb(on)).password).toBe(password);
    const secrets = drillOf(on, "kubernetes:core/v1:Secret").map((s) => JSON.stringify(inputsOf(s)));
    expect(secrets.some((s) => s.includes(outputsOf(drillDb(on)).address))).toBe(true);
    expect(secrets.some((s) => s.includes(outputsOf(productionDb(on)).address))).toBe(false);
  });

  it("has names of its own: identifier, log groups and URNs that production never has", () => {
    expect(inputsOf(drillDb(on)).identifier).toBe(`dalp-${STACK}-${REGION}-drill`);
    expect(inputsOf(drillDb(on)).identifier).not.toBe(inputsOf(productionDb(on)).identifier);
    const logs = drillOf(on, "aws:cloudwatch/logGroup:LogGroup").map((l) => inputsOf(l).name);
    expect(logs.sort()).toEqual([`/aws/rds/instance/dalp-${STACK}-${REGION}-drill/postgresql`, `/aws/rds/instance/dalp-${STACK}-${REGION}-drill/upgrade`]);
    // The URN and the physical names, given or auto-named (the planner answers auto-names as the provider would).
    const names = (r: PlannedResource) =>
      [r.urn, ...["identifier", "name", "replicationGroupId"].flatMap((k) => [inputsOf(r)[k], outputsOf(r)[k]])].filter((x): x is string => typeof x === "string");
    const productionNames = new Set(off.resources.flatMap(names));
    // AWS names are unique per account and region; Kubernetes ones per namespace, which the drill has its own of.
    for (const r of inDrill(on).filter((x) => x.type.startsWith("aws:"))) {
      for (const name of names(r)) expect({ urn: r.urn, name, taken: productionNames.has(name) }).toEqual({ urn: r.urn, name, taken: false });
    }
    // Every resource of the drill is below its component, under the region's stamp.
    expect(drillComponent(on).parent).toBe(only(on, "dalp:pattern:Stamp", REGION).urn);
  });
});

describe("aws drill: the cache", () => {
  it("is one node of its own: no replica, so no automatic failover or Multi-AZ, with TLS required and an AUTH token", () => {
    const cache = one(drillOf(on, CACHE));
    const production = only(on, CACHE, `${REGION}-cache-group`);
    expect(cache.urn).not.toBe(production.urn);
    expect(inputsOf(cache)).toMatchObject({
      engine: "valkey",
      nodeType: "cache.t4g.small",
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      multiAzEnabled: false,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      atRestEncryptionEnabled: true,
      kmsKeyId: kmsArn(on),
      snapshotRetentionLimit: 0,
    });
    expect(inputsOf(cache).preferredCacheClusterAzs).toHaveLength(1);
    expect(typeof inputsOf(cache).authToken).toBe("string");
    expect(inputsOf(cache).authToken).not.toBe(inputsOf(production).authToken);
    expect(inputsOf(production)).toMatchObject({ numCacheClusters: 3, automaticFailoverEnabled: true, multiAzEnabled: true });
  });

  it("is not protected and takes no final snapshot", () => {
    const cache = one(drillOf(on, CACHE));
    expect(cache.protect).toBe(false);
    expect(inputsOf(cache)).not.toHaveProperty("finalSnapshotIdentifier");
    expect(only(on, CACHE, `${REGION}-cache-group`).protect).toBe(true);
  });

  it("is the one the drill's DALP uses, not production's", () => {
    const secrets = drillOf(on, "kubernetes:core/v1:Secret").map((s) => JSON.stringify(inputsOf(s)));
    expect(secrets.some((s) => s.includes(outputsOf(one(drillOf(on, CACHE))).primaryEndpointAddress))).toBe(true);
    expect(secrets.some((s) => s.includes(outputsOf(only(on, CACHE, `${REGION}-cache-group`)).primaryEndpointAddress))).toBe(false);
  });
});

describe("aws drill: the read-only identity", () => {
  const statements = (p: Plan) => JSON.parse(inputsOf(one(drillOf(p, POLICY))).policy).Statement as Array<{ Effect: string; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, unknown>> }>;

  it("binds the drill namespace's dalp service account through Pod Identity, with a role of its own", () => {
    const association = one(drillOf(on, "aws:eks/podIdentityAssociation:PodIdentityAssociation"));
    expect(inputsOf(association)).toMatchObject({ namespace: NAMESPACE, serviceAccount: "dalp", clusterName: `dalp-${STACK}-${REGION}` });
    const production = only(on, "aws:eks/podIdentityAssociation:PodIdentityAssociation", `${REGION}-app-identity-association`);
    expect(inputsOf(association).roleArn).not.toBe(inputsOf(production).roleArn);
  });

  it("lists and reads the application bucket and its versions, and nothing else", () => {
    const s = statements(on);
    expect(s.every((x) => x.Effect === "Allow")).toBe(true);
    const actions = s.flatMap((x) => x.Action).sort();
    expect(actions).toEqual(["kms:Decrypt", "s3:GetBucketLocation", "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions"].sort());
    // No write, delete, multipart upload or wildcard, and no key use that encrypts.
    expect(actions.filter((a) => /Put|Delete|Abort|Multipart|Replicate|Restore|\*|Encrypt|GenerateDataKey/.test(a))).toEqual([]);
    const app = bucketArn(on, "app");
    const s3Resources = s.filter((x) => x.Action.some((a) => a.startsWith("s3:"))).flatMap((x) => x.Resource);
    expect([...new Set(s3Resources)].sort()).toEqual([app, `${app}/*`].sort());
  });

  it("grants nothing on the backup bucket", () => {
    const backup = bucketArn(on, "backup");
    expect(JSON.stringify(statements(on))).not.toContain(backup);
  });

  it("decrypts only through S3 in the region and only the application bucket's data keys", () => {
    const kms = one(statements(on).filter((x) => x.Action.includes("kms:Decrypt")));
    const app = bucketArn(on, "app");
    expect(kms.Resource).toEqual([kmsArn(on)]);
    expect(kms.Condition).toEqual({
      StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` },
      StringLike: { "kms:EncryptionContext:aws:s3:arn": [app, `${app}/*`] },
    });
  });

  it("leaves production's identity as it was: read-write on the application bucket", () => {
    const production = JSON.parse(inputsOf(only(on, POLICY, `${REGION}-app-identity-policy`)).policy).Statement.flatMap((x: { Action: string[] }) => x.Action);
    expect(production).toEqual(expect.arrayContaining(["s3:PutObject", "s3:DeleteObject", "kms:GenerateDataKey*"]));
  });
});

describe("aws drill: the stack around it", () => {
  it("changes nothing of production: every resource outside the drill plans as it does with the drill off", () => {
    const offByUrn = new Map(off.resources.map((r) => [r.urn, r]));
    const drillUrns = new Set([drillComponent(on).urn, ...inDrill(on).map((r) => r.urn)]);
    const outside = on.resources.filter((r) => !drillUrns.has(r.urn));
    expect(outside.filter((r) => !offByUrn.has(r.urn)).map((r) => r.urn)).toEqual([]);
    expect(off.resources.filter((r) => !on.resources.some((x) => x.urn === r.urn)).map((r) => r.urn)).toEqual([]);
    const d = diffAgainstState(on, stateOfPlan(off));
    expect(d.changes.filter((c) => c.op !== "same" && !drillUrns.has(c.urn)).map((c) => [c.urn, c.op])).toEqual([]);
    expect(d.changes.filter((c) => c.op === "create").length).toBe(drillUrns.size);
  });

  it("is a stack dalp-ha check finds nothing mandatory wrong with", async () => {
    const result = await runRules(fromPlan(on, STACK), RULES);
    expect(result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    // The pack still looks at the drill's database and cache for what applies to them.
    const drillUrns = new Set([drillDb(on).urn, one(drillOf(on, CACHE)).urn]);
    expect(result.violations.filter((v) => v.urn && drillUrns.has(v.urn))).toEqual([]);
  });
});

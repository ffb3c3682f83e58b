import { REPLICATION_DESTINATION_ROLES } from "../components/gcp/bucketReplication";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffResult } from "../planner/diff/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { STATEFUL } from "../policies/rules/types";
import { judgeBackupRun, restoreSources } from "../stacks/gcp/discover";
import { validateGcp } from "../stacks/gcp/validate";
import { topologyOfNames } from "../topology/topology";
import { referenceValues, validateValues } from "./helpers/config";
import { callsInto, descendants, inputsOf, ofType, only, outputsOf, placeOf, planChanged, plannedChange, referencePlan } from "./helpers/stacks";
import { utcSecond } from "../lib/utcSecond";

const STACK = "gcp-hot-cold";
const PROJECT = "dalp-prod-123456";
const HOME = "europe-west1";
const RECOVERY = "europe-west4";

let plan: Plan;
let rebuilt: Plan;
let diff: DiffResult;
beforeAll(async () => {
  plan = await referencePlan(STACK);
  // The rebuild. The stack file names both regions' zones, so planning it asks the home region nothing of them.
  rebuilt = await plannedChange(STACK, (c) => (c["dalp:recover"] = { region: RECOVERY }));
  diff = diffAgainstState(rebuilt, stateOfPlan(plan));
});

const stamp = (p: Plan, region: string) => ofType(p, "dalp:pattern:Stamp").find((s) => s.name === region) as PlannedResource;
const inStamp = (p: Plan, region: string, type: string) => descendants(p, stamp(p, region)).filter((r) => r.type === type);
const oneInStamp = (p: Plan, region: string, type: string) => {
  const found = inStamp(p, region, type);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${region}, found ${found.length}`);
  return found[0];
};
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const sql = (p: Plan, region: string) => oneInStamp(p, region, SQL);
const bucketOf = (p: Plan, region: string, purpose: "app" | "backup") =>
  inStamp(p, region, "gcp:storage/bucket:Bucket").find((b) => inputsOf(b).labels.purpose === `dalp-${purpose}`) as PlannedResource;
const op = (urn: string) => diff.changes.find((c) => c.urn === urn)?.op;
const statefulTypes = new Set<string>(STATEFUL);
const isStateful = (r: { type: string }, p: Plan) => statefulTypes.has(r.type) || p.resources.some((x) => x.type === r.type && x.protect);
const providerNamed = (p: Plan, name: string) => ofType(p, "pulumi:providers:gcp").find((x) => x.name === name) as PlannedResource;
const providerRef = (r: PlannedResource) => `${r.urn}::${r.id}`;

describe("gcp-hot-cold: the recovery region holds only copies", () => {
  it("builds the home region as a full stamp and the recovery region as a vault with a backup copy", () => {
    expect(ofType(plan, "dalp:pattern:Stamp").map((s) => [s.name, s.inputs.role, s.inputs.workloads])).toEqual([
      [HOME, "active", "serving"],
      [RECOVERY, "recovery", "none"],
    ]);
    expect(plan.outputs.regions).toMatchObject({ [RECOVERY]: { role: "recovery", database: { kind: "backup-copy", source: HOME } } });
  });

  it("declares there its key ring and key, the two buckets and the transfer agent's grants on them, and nothing else", () => {
    const there = descendants(plan, stamp(plan, RECOVERY)).filter((r) => r.custom);
    expect(there.map((r) => r.type).sort()).toEqual(
      [
        "gcp:kms/keyRing:KeyRing",
        "gcp:kms/cryptoKey:CryptoKey",
        "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
        "gcp:storage/bucket:Bucket",
        "gcp:storage/bucket:Bucket",
        "gcp:storage/bucketIAMMember:BucketIAMMember",
        "gcp:storage/bucketIAMMember:BucketIAMMember",
      ].sort(),
    );
    // No subnet, router, NAT, cluster, database server or cache: nothing that bills by the hour.
    for (const type of ["gcp:compute/subnetwork:Subnetwork", "gcp:compute/router:Router", "gcp:compute/routerNat:RouterNat", "gcp:container/cluster:Cluster", SQL, "gcp:redis/instance:Instance"]) {
      expect({ type, count: inStamp(plan, RECOVERY, type).length }).toEqual({ type, count: 0 });
    }
    expect(descendants(plan, stamp(plan, RECOVERY)).filter((r) => r.type.startsWith("kubernetes:"))).toEqual([]);
  });

  it("pins what it declares to the recovery region's own provider, the key ring to the region, the buckets to the region", () => {
    const provider = providerNamed(plan, `gcp-${RECOVERY}`);
    expect(inputsOf(provider)).toMatchObject({ project: PROJECT, region: RECOVERY });
    for (const r of descendants(plan, stamp(plan, RECOVERY)).filter((x) => x.custom)) expect({ urn: r.urn, provider: r.provider }).toEqual({ urn: r.urn, provider: providerRef(provider) });
    expect(inputsOf(oneInStamp(plan, RECOVERY, "gcp:kms/keyRing:KeyRing")).location).toBe(RECOVERY);
    for (const purpose of ["app", "backup"] as const) {
      expect(inputsOf(bucketOf(plan, RECOVERY, purpose))).toMatchObject({ location: "EUROPE-WEST4", versioning: { enabled: true }, publicAccessPrevention: "enforced", deletionPolicy: "PREVENT" });
      expect(bucketOf(plan, RECOVERY, purpose).protect).toBe(true);
    }
  });

  it("has the home stamp allocate the recovery region's private services range on the one VPC from the first run", () => {
    const ranges = ofType(plan, "gcp:compute/globalAddress:GlobalAddress");
    expect(ranges.every((r) => placeOf(plan, r) === HOME)).toBe(true);
    expect(ranges.map((r) => `${inputsOf(r).address}/${inputsOf(r).prefixLength}`)).toEqual(["10.40.32.0/20", "10.41.32.0/20"]);
    expect(inputsOf(only(plan, "gcp:servicenetworking/connection:Connection")).reservedPeeringRanges).toEqual(ranges.map((r) => outputsOf(r).name));
  });
});

describe("the database copy: the home primary's backups, written into the recovery region", () => {
  it("sets the home primary's backup location to the recovery region, with daily backups and 35 days of PITR there", () => {
    expect(inputsOf(sql(plan, HOME)).settings.backupConfiguration).toMatchObject({
      enabled: true,
      location: RECOVERY,
      startTime: "00:00",
      pointInTimeRecoveryEnabled: true,
      transactionLogRetentionDays: 35,
      backupRetentionSettings: { retainedBackups: 36, retentionUnit: "COUNT" },
    });
    expect(inputsOf(sql(plan, HOME)).settings).toMatchObject({ retainBackupsOnDelete: true, finalBackupConfig: { enabled: true, retentionDays: 30 } });
  });

  it("changes no backup location on the hot-warm stack, whose backups stay in Cloud SQL's default multi-region", async () => {
    const hotWarm = await referencePlan("gcp-hot-warm");
    for (const r of ofType(hotWarm, SQL)) expect(inputsOf(r).settings.backupConfiguration.location).toBeUndefined();
  });
});

describe("bucket replication into the vault", () => {
  const jobs = (p: Plan) => ofType(p, "gcp:storage/transferJob:TransferJob");

  it("replicates the home app bucket, and the home region's prefix of its backup bucket, into the recovery region's", () => {
    const name = (region: string, purpose: "app" | "backup") => outputsOf(bucketOf(plan, region, purpose)).name;
    expect(jobs(plan).map((j) => inputsOf(j).replicationSpec)).toEqual([
      { gcsDataSource: { bucketName: name(HOME, "app") }, gcsDataSink: { bucketName: name(RECOVERY, "app") } },
      { gcsDataSource: { bucketName: name(HOME, "backup") }, gcsDataSink: { bucketName: name(RECOVERY, "backup") }, objectConditions: { includePrefixes: [`${HOME}/`] } },
    ]);
    expect(jobs(plan).every((j) => placeOf(plan, j) === HOME)).toBe(true);
  });

  it("grants the transfer agent only the destination role on the recovery buckets, from the recovery stamp", () => {
    const grants = inStamp(plan, RECOVERY, "gcp:storage/bucketIAMMember:BucketIAMMember").map(inputsOf);
    expect(grants.map((g) => g.role)).toEqual([...REPLICATION_DESTINATION_ROLES, ...REPLICATION_DESTINATION_ROLES]);
    expect(grants.map((g) => g.bucket).sort()).toEqual([outputsOf(bucketOf(plan, RECOVERY, "app")).name, outputsOf(bucketOf(plan, RECOVERY, "backup")).name].sort());
  });
});

describe("the rebuild: dalp:recover = {region: europe-west4}", () => {
  it("makes the recovery region a full active stamp with a restored database, and the home region cold", () => {
    expect(ofType(rebuilt, "dalp:pattern:Stamp").map((s) => [s.name, s.inputs.role, s.inputs.workloads])).toEqual([
      [HOME, "cold", "isolated"],
      [RECOVERY, "active", "serving"],
    ]);
    for (const type of ["gcp:container/cluster:Cluster", "gcp:redis/instance:Instance", SQL, "gcp:compute/routerNat:RouterNat"]) {
      expect({ type, count: inStamp(rebuilt, RECOVERY, type).length }).toEqual({ type, count: 1 });
    }
  });

  describe("the restored database", () => {
    let restored: PlannedResource;
    beforeAll(() => {
      restored = sql(rebuilt, RECOVERY);
    });

    it("is a new instance, under a URN nothing of the home region has", () => {
      expect(restored.urn).toMatch(new RegExp(`::${RECOVERY}-postgres-restored-instance$`));
      expect(plan.resources.map((r) => r.urn)).not.toContain(restored.urn);
      expect(op(restored.urn)).toBe("create");
    });

    it("is restored from the latest backup of the home primary that discovery found, the home instance by its name", () => {
      expect(inputsOf(restored).restoreBackupContext).toEqual({ backupRunId: Date.parse("2026-11-30T00:07:12.345Z"), instanceId: outputsOf(sql(rebuilt, HOME)).name, project: PROJECT });
      expect(inputsOf(restored).clone).toBeUndefined();
    });

    it("has a primary's settings: the same version, edition and tier, regional, backups and PITR on, deletion protection", () => {
      const [p, r] = [inputsOf(sql(plan, HOME)), inputsOf(restored)];
      expect(r.region).toBe(RECOVERY);
      expect(r.databaseVersion).toBe(p.databaseVersion);
      for (const key of ["edition", "tier", "availabilityType", "diskType", "diskSize", "diskAutoresize", "diskAutoresizeLimit", "deletionProtectionEnabled", "retainBackupsOnDelete"]) {
        expect({ key, value: r.settings[key] }).toEqual({ key, value: p.settings[key] });
      }
      expect(r.settings.availabilityType).toBe("REGIONAL");
      expect(r.settings.locationPreference).toEqual({ zone: `${RECOVERY}-a`, secondaryZone: `${RECOVERY}-b` });
      const { location: _homeLocation, ...homeBackups } = p.settings.backupConfiguration;
      // Its own backups go to Cloud SQL's default, the multi-region that holds europe-west4.
      expect(r.settings.backupConfiguration).toEqual(homeBackups);
      expect(r.deletionProtection).toBe(true);
      expect(restored.protect).toBe(true);
      expect(r.encryptionKeyName).toBeUndefined();
    });

    it("has a private address only, from the recovery region's range on the stack's one VPC", () => {
      const vpc = only(rebuilt, "gcp:compute/network:Network");
      const range = ofType(rebuilt, "gcp:compute/globalAddress:GlobalAddress").find((g) => inputsOf(g).address === "10.41.32.0") as PlannedResource;
      expect(inputsOf(restored).settings.ipConfiguration).toMatchObject({ ipv4Enabled: false, privateNetwork: outputsOf(vpc).id, allocatedIpRange: outputsOf(range).name, sslMode: "ENCRYPTED_ONLY" });
    });

    it("ignores its restore input and what Cloud SQL changes by itself, and waits hours for the restore", () => {
      expect(restored.ignoreChanges).toEqual(expect.arrayContaining(["restoreBackupContext", "settings.diskSize", "settings.locationPreference.zone", "settings.locationPreference.secondaryZone"]));
      // The provider awaits the restore with the update timeout (sqlDatabaseInstanceRestoreFromBackup).
      expect(restored.customTimeouts).toMatchObject({ create: "6h", update: "6h" });
    });

    it("creates no user or database: the restore brings the home primary's, and DALP uses the deployment's password", () => {
      for (const type of ["gcp:sql/user:User", "gcp:sql/database:Database"]) expect({ type, count: inStamp(rebuilt, RECOVERY, type).length }).toEqual({ type, count: 0 });
      const secret = JSON.stringify(inStamp(rebuilt, RECOVERY, "kubernetes:core/v1:Secret").map(inputsOf));
      expect(secret).toContain(outputsOf(restored).privateIpAddress);
      expect(secret).not.toContain(outputsOf(sql(rebuilt, HOME)).privateIpAddress);
      const password = outputsOf(only(rebuilt, "random:index/randomPassword:RandomPassword")).result as string;
      expect(secret).toContain(encodeURIComponent(password).slice(0, 8));
      expect(inputsOf(only(rebuilt, "gcp:sql/user:User")).password).toBe(password);
    });

    it("is never restored again: a later run that finds a newer backup changes nothing of it", () => {
      const state = stateOfPlan(rebuilt);
      const old = state.resources.find((r) => r.urn === restored.urn)!;
      (old.inputs as any).restoreBackupContext = { ...(old.inputs as any).restoreBackupContext, backupRunId: 1700000000000 };
      expect(diffAgainstState(rebuilt, state).changes.find((c) => c.urn === restored.urn)?.op).toBe("same");
    });
  });

  it("keeps the copies the vault declared under their URNs and inputs: the key, the buckets", () => {
    for (const type of ["gcp:kms/keyRing:KeyRing", "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "gcp:storage/bucket:Bucket"]) {
      const before = inStamp(plan, RECOVERY, type);
      expect(before.length).toBeGreaterThan(0);
      for (const r of before) {
        const after = rebuilt.resources.find((x) => x.urn === r.urn);
        expect({ urn: r.urn, inputs: after && inputsOf(after), op: op(r.urn) }).toEqual({ urn: r.urn, inputs: inputsOf(r), op: "same" });
      }
    }
  });

  it("joins the recovery region to the one VPC with its own subnets, router and NAT, writing nothing new in the home region", () => {
    const vpc = only(rebuilt, "gcp:compute/network:Network");
    expect(placeOf(rebuilt, vpc)).toBe(HOME);
    const subnets = inStamp(rebuilt, RECOVERY, "gcp:compute/subnetwork:Subnetwork").map(inputsOf);
    expect(subnets.map((s) => [s.region, s.network, s.ipCidrRange.startsWith("10.41.")])).toEqual([
      [RECOVERY, outputsOf(vpc).id, true],
      [RECOVERY, outputsOf(vpc).id, true],
    ]);
    expect(inStamp(rebuilt, RECOVERY, "gcp:compute/routerNat:RouterNat").map((r) => inputsOf(r).region)).toEqual([RECOVERY]);
    const network = ["gcp:compute/network:Network", "gcp:servicenetworking/connection:Connection", "gcp:compute/globalAddress:GlobalAddress"];
    expect(diff.changes.filter((c) => network.includes(c.type)).map((c) => c.op)).toEqual(["same", "same", "same", "same"]);
  });

  it("creates only under the recovery region's stamp, and replaces nothing", () => {
    const byUrn = new Map(rebuilt.resources.map((r) => [r.urn, r]));
    const created = diff.changes.filter((c) => c.op === "create").map((c) => byUrn.get(c.urn)!);
    expect(created.length).toBeGreaterThan(0);
    const elsewhere = created.filter((r) => placeOf(rebuilt, r) !== RECOVERY && !(r.type.startsWith("pulumi:providers:") && r.name.startsWith(RECOVERY)));
    expect(elsewhere.map((r) => r.urn)).toEqual([]);
    expect(diff.changes.filter((c) => c.op === "replace")).toEqual([]);
    expect(diff.blocked).toEqual([]);
  });

  it("updates nothing of the cloud in the home region, and deletes only the replication out of it, nothing that holds data", () => {
    const homeCloud = diff.changes.filter((c) => c.op !== "same" && c.type.startsWith("gcp:")).filter((c) => {
      const r = rebuilt.resources.find((x) => x.urn === c.urn) ?? plan.resources.find((x) => x.urn === c.urn)!;
      return placeOf(rebuilt.resources.includes(r) ? rebuilt : plan, r) === HOME;
    });
    expect(homeCloud.every((c) => c.op === "delete" && ["gcp:storage/transferJob:TransferJob", "gcp:storage/bucketIAMMember:BucketIAMMember"].includes(c.type))).toBe(true);
    // The replication's grants on the recovery buckets and the agents' project roles go with the link: a home
    // region that comes back must not write into the rebuilt region's buckets. The global provider goes with them.
    const deleted = diff.changes.filter((c) => c.op === "delete" && c.type.startsWith("gcp:"));
    expect(deleted.every((c) => /BucketReplication|ReplicationAgents|-to-europe-west4-/.test(c.urn))).toBe(true);
    expect(diff.changes.filter((c) => c.op === "delete" && isStateful(c, plan))).toEqual([]);
  });

  it("leaves the home primary exactly as it was, backup location included", () => {
    expect(sql(rebuilt, HOME).urn).toBe(sql(plan, HOME).urn);
    expect(op(sql(plan, HOME).urn)).toBe("same");
    expect(inputsOf(sql(rebuilt, HOME)).settings.backupConfiguration.location).toBe(RECOVERY);
  });

  it("finds the backup before declaring anything, through the recovery region's provider, and looks nothing else up about the home region", () => {
    const lookups = (p: Plan) => p.invokes.filter((i) => /sql\/getDatabaseInstances|sql\/getBackupRun/.test(i.token));
    expect(lookups(plan)).toEqual([]);
    const provider = providerRef(providerNamed(rebuilt, `gcp-${RECOVERY}`));
    // First whether the restored instance exists already (then the home primary's backups are not asked again),
    // then the home instance and its latest backup.
    expect(lookups(rebuilt).map((i) => [i.token, i.provider, (i.args as { region?: string }).region])).toEqual([
      ["gcp:sql/getDatabaseInstances:getDatabaseInstances", provider, RECOVERY],
      ["gcp:sql/getDatabaseInstances:getDatabaseInstances", provider, HOME],
      ["gcp:sql/getBackupRun:getBackupRun", provider, undefined],
    ]);
    // The two lookups name the home instance (its name starts with the region) and go to the Cloud SQL Admin API;
    // nothing else asks about the home region.
    expect(callsInto({ ...rebuilt, invokes: rebuilt.invokes.filter((i) => !lookups(rebuilt).includes(i)) }, HOME)).toEqual([]);
  });
});

describe("what the copies cannot restore", () => {
  it("refuses a point in time on GCP, naming why: Cloud SQL restores one only as a clone in the failed region", async () => {
    const at = utcSecond(Date.now() - 3600_000);
    const result = await planChanged(STACK, (c) => (c["dalp:recover"] = { region: RECOVERY, pointInTime: at }));
    expect(result.ok).toBe(false);
    expect(String(!result.ok && result.error)).toMatch(/dalp:recover\.pointInTime: got ".*"; expected not set on gcp: Cloud SQL restores a point in time only as a clone in the failed region/);
    const values = referenceValues(STACK);
    expect(validateGcp(validateValues(values, (v) => (v.recover = { region: RECOVERY })))).toEqual([]);
    expect(validateGcp(validateValues(values, (v) => (v.recover = { region: RECOVERY, pointInTime: at }))).map((i) => i.key)).toEqual(["dalp:recover.pointInTime"]);
  });

  it("takes only a finished backup stored outside the failed region", () => {
    const run = { instance: `${HOME}-postgres-instance-1a2b3c4`, backupId: 42, startTime: "2026-11-30T00:07:12Z", location: RECOVERY };
    expect(judgeBackupRun(HOME, { ...run, status: "SUCCESSFUL" })).toEqual({ found: run });
    expect(judgeBackupRun(HOME, { ...run, status: "RUNNING" })).toEqual({ problem: expect.stringMatching(/is RUNNING, and only a SUCCESSFUL one is restored/) });
    expect(judgeBackupRun(HOME, { ...run, status: "FAILED" })).toEqual({ problem: expect.stringMatching(/is FAILED.*gcloud sql backups list --instance europe-west1-postgres-instance-1a2b3c4/) });
    expect(judgeBackupRun(HOME, { ...run, status: "SUCCESSFUL", location: HOME })).toEqual({ problem: expect.stringMatching(/stored in europe-west1 itself/) });
    // A backup in the multi-region is as good as one in the recovery region.
    expect(judgeBackupRun(HOME, { ...run, status: "SUCCESSFUL", location: "eu" })).toEqual({ found: { ...run, location: "eu" } });
  });

  it("refuses the rebuild before anything is declared when there is no backup to restore, naming dalp:recover", async () => {
    const topology = topologyOfNames("hot-cold", [HOME, RECOVERY], RECOVERY, undefined, { region: RECOVERY });
    const config = { recover: { region: RECOVERY } } as any;
    const found = { instance: "i", backupId: 1, startTime: "t", location: RECOVERY };
    expect(await restoreSources(config, topology, async () => ({ found }))).toEqual({ found: { [RECOVERY]: found } });
    expect(await restoreSources(config, topologyOfNames("hot-cold", [HOME, RECOVERY]), async () => ({ found }))).toEqual({ found: {} });
    expect(await restoreSources(config, topology, async (region, source) => ({ problem: `asked in ${region} about ${source}` }))).toEqual({
      issues: [{ key: "dalp:recover", given: `{"region":"${RECOVERY}"}`, allowed: expect.stringMatching(/a rebuild of europe-west4 from a backup of europe-west1's database .*: asked in europe-west4 about europe-west1$/) }],
    });
  });
});

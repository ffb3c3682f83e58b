import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { SIGN_BLOB_PERMISSIONS } from "../components/gcp/storageRoles";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { RULES } from "../policies/rules";
import { OBJECT_READER_PERMISSIONS, OBJECT_READER_ROLE } from "../stacks/gcp/identity";
import { validateGcp } from "../stacks/gcp/validate";
import { referenceValues, validateValues } from "./helpers/config";
import { anHourAgo, drillOf, inDrillOf, oneInDrill } from "./helpers/drill";
import { inputsOf, ofType, only, outputsOf, plannedChange, referencePlan } from "./helpers/stacks";

const STACK = "gcp-cloud-native";
const PROJECT = "dalp-prod-123456";
const REGION = "europe-west1";
const DRILL_NAMESPACE = "dalp-drill";
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const REDIS = "gcp:redis/instance:Instance";
const ACCOUNT = "gcp:serviceaccount/account:Account";

const AN_HOUR_AGO = anHourAgo();

let off: Plan;
let latest: Plan;
let atTime: Plan;
beforeAll(async () => {
  off = await referencePlan(STACK);
  latest = await plannedChange(STACK, (c) => (c["dalp:drill"] = { enabled: true }));
  atTime = await plannedChange(STACK, (c) => (c["dalp:drill"] = { enabled: true, pointInTime: AN_HOUR_AGO }));
});

const drill = drillOf;
const inDrill = inDrillOf;
/** The region's own resource of a type, outside the drill. */
const production = (p: Plan, type: string) => {
  const drilled = new Set(inDrill(p).map((r) => r.urn));
  const found = ofType(p, type).filter((r) => !drilled.has(r.urn));
  if (found.length !== 1) throw new Error(`expected one production ${type}, found ${found.length}`);
  return found[0];
};
const drillSecrets = (p: Plan) => JSON.stringify(inDrill(p).filter((r) => r.type === "kubernetes:core/v1:Secret").map(inputsOf));

describe("gcp-cloud-native with dalp:drill.enabled: everything of the drill under its component", () => {
  it("builds the drill under the active region's stamp, with its own database, cache and identity", () => {
    const d = drill(latest);
    expect(d.name).toBe(`${REGION}-drill`);
    expect(d.parent).toBe(only(latest, "dalp:pattern:Stamp").urn);
    expect(inputsOf(d)).toMatchObject({ region: REGION, namespace: DRILL_NAMESPACE });
    const cloud = inDrill(latest).filter((r) => r.custom && r.type.startsWith("gcp:")).map((r) => r.type).sort();
    expect(cloud).toEqual(
      [
        SQL,
        REDIS,
        ACCOUNT,
        "gcp:serviceaccount/iAMMember:IAMMember",
        "gcp:serviceaccount/iAMMember:IAMMember",
        "gcp:storage/bucketIAMMember:BucketIAMMember",
      ].sort(),
    );
  });

  it("turning it on creates only below the drill's component and changes nothing of production", () => {
    const diff = diffAgainstState(latest, stateOfPlan(off));
    const drilled = new Set(inDrill(latest).map((r) => r.urn));
    expect(diff.changes.filter((c) => c.op !== "same" && c.op !== "create")).toEqual([]);
    expect(diff.changes.filter((c) => c.op === "create" && !drilled.has(c.urn) && c.urn !== drill(latest).urn).map((c) => c.urn)).toEqual([]);
    expect(diff.blocked).toEqual([]);
  });

  it("turning it off deletes exactly the drill, and nothing the drill holds is protected", () => {
    const diff = diffAgainstState(off, stateOfPlan(latest));
    const drilled = new Set([drill(latest).urn, ...inDrill(latest).map((r) => r.urn)]);
    expect(diff.changes.filter((c) => c.op === "delete").map((c) => c.urn).sort()).toEqual([...drilled].sort());
    expect(diff.changes.filter((c) => c.op !== "same" && c.op !== "delete")).toEqual([]);
    expect(diff.blocked).toEqual([]);
    expect(inDrill(latest).filter((r) => r.protect).map((r) => r.urn)).toEqual([]);
  });
});

describe("the drill's database: a Cloud SQL clone of the region's instance", () => {
  let clone: PlannedResource;
  let source: PlannedResource;
  beforeAll(() => {
    clone = oneInDrill(latest, SQL);
    source = production(latest, SQL);
  });

  it("clones the region's instance by its name, to its current state, its address from the region's range", () => {
    const range = only(latest, "gcp:compute/globalAddress:GlobalAddress");
    expect(inputsOf(clone).clone).toEqual({ sourceInstanceName: outputsOf(source).name, allocatedIpRange: outputsOf(range).name });
  });

  it("clones to dalp:drill.pointInTime when it is set, in the first configured zone", () => {
    const clonedAt = oneInDrill(atTime, SQL);
    const zone = inputsOf(clonedAt).settings.locationPreference.zone;
    expect(zone).toMatch(new RegExp(`^${REGION}-[a-z]$`));
    expect(inputsOf(clonedAt).clone).toEqual({
      sourceInstanceName: outputsOf(production(atTime, SQL)).name,
      allocatedIpRange: outputsOf(only(atTime, "gcp:compute/globalAddress:GlobalAddress")).name,
      pointInTime: AN_HOUR_AGO,
      preferredZone: zone,
    });
    expect(inputsOf(drill(atTime)).pointInTime).toBe(AN_HOUR_AGO);
  });

  it("is a new instance with a name and a URN of its own", () => {
    expect(clone.urn).toMatch(new RegExp(`::${REGION}-drill-postgres-instance$`));
    expect(outputsOf(clone).name).toMatch(new RegExp(`^${REGION}-drill-postgres-instance-[0-9a-f]{7}$`));
    expect(outputsOf(clone).name).not.toBe(outputsOf(source).name);
    expect(off.resources.map((r) => r.urn)).not.toContain(clone.urn);
  });

  it("is not protected: no protect, neither deletion protection, no final backup, no backups kept or taken", () => {
    const i = inputsOf(clone);
    expect(clone.protect).toBe(false);
    expect(i.deletionProtection).toBe(false);
    expect(i.settings.deletionProtectionEnabled).toBe(false);
    expect(i.settings).toMatchObject({ retainBackupsOnDelete: false, finalBackupConfig: { enabled: false } });
    expect(i.settings.backupConfiguration).toEqual({ enabled: false, pointInTimeRecoveryEnabled: false });
    // Production keeps every one of them.
    expect(source.protect).toBe(true);
    expect(inputsOf(source)).toMatchObject({ deletionProtection: true, settings: { deletionProtectionEnabled: true, retainBackupsOnDelete: true } });
  });

  it("runs in one zone, in the same region, with the region's version, edition and tier", () => {
    const [c, s] = [inputsOf(clone), inputsOf(source)];
    expect(c.region).toBe(REGION);
    expect(c.databaseVersion).toBe(s.databaseVersion);
    for (const key of ["edition", "tier", "diskType", "diskAutoresize", "diskAutoresizeLimit"]) expect({ key, value: c.settings[key] }).toEqual({ key, value: s.settings[key] });
    expect(c.settings.availabilityType).toBe("ZONAL");
    expect(c.settings.locationPreference).toEqual({ zone: s.settings.locationPreference.zone });
    // The clone keeps its source's disk, grown or not: the program sends no size that could ask to shrink it.
    expect(c.settings.diskSize).toBeUndefined();
  });

  it("is reachable only on the stack's VPC, over TLS, encrypted at rest as production is", () => {
    const [c, s] = [inputsOf(clone), inputsOf(source)];
    expect(c.settings.ipConfiguration).toEqual(s.settings.ipConfiguration);
    expect(c.settings.ipConfiguration).toMatchObject({ ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY" });
    expect(c.encryptionKeyName).toBe(s.encryptionKeyName);
    expect(outputsOf(clone).privateIpAddress).not.toBe(outputsOf(source).privateIpAddress);
  });

  it("ignores its clone context and what Cloud SQL changes by itself, and waits hours for the clone", () => {
    expect(clone.ignoreChanges).toEqual(expect.arrayContaining(["clone", "settings.diskSize", "settings.locationPreference.zone"]));
    expect(clone.customTimeouts).toMatchObject({ create: "6h", update: "6h" });
  });

  it("never replaces or changes the clone when dalp:drill.pointInTime is edited later", () => {
    const diff = diffAgainstState(atTime, stateOfPlan(latest));
    expect(diff.changes.find((c) => c.urn === clone.urn)?.op).toBe("same");
  });

  it("creates no user or database: the clone brought them, and DALP connects with the deployment's password", () => {
    for (const type of ["gcp:sql/user:User", "gcp:sql/database:Database"]) expect(inDrill(latest).filter((r) => r.type === type)).toEqual([]);
    const secrets = drillSecrets(latest);
    expect(secrets).toContain(outputsOf(clone).privateIpAddress);
    expect(secrets).not.toContain(outputsOf(source).privateIpAddress);
    const password = outputsOf(only(latest, "random:index/randomPassword:RandomPassword")).result as string;
    expect(secrets).toContain(encodeURIComponent(password).slice(0, 8));
    expect(inputsOf(only(latest, "gcp:sql/user:User")).password).toBe(password);
  });

  it("reports the clone as the drill's database", () => {
    expect(latest.outputs.drill).toMatchObject({ running: true, region: REGION, namespace: DRILL_NAMESPACE, pointInTime: "latest restorable" });
    expect(JSON.stringify(latest.outputs.drill)).toContain(outputsOf(clone).connectionName);
  });
});

describe("the drill's cache: a Memorystore instance of its own", () => {
  let cache: PlannedResource;
  let prod: PlannedResource;
  beforeAll(() => {
    cache = oneInDrill(latest, REDIS);
    prod = production(latest, REDIS);
  });

  it("is Basic Tier, 1 GB, one node in the region's first zone, under a name of its own", () => {
    const i = inputsOf(cache);
    expect(i).toMatchObject({ tier: "BASIC", memorySizeGb: 1, region: REGION, locationId: inputsOf(prod).locationId, redisVersion: inputsOf(prod).redisVersion });
    for (const key of ["alternativeLocationId", "readReplicasMode", "replicaCount"]) expect({ key, value: i[key] }).toEqual({ key, value: undefined });
    expect(i.name).toBe(`dalp-${STACK}-${REGION}-drill`);
    expect(i.name).not.toBe(inputsOf(prod).name);
    expect(i.name.length).toBeLessThanOrEqual(40);
  });

  it("has TLS and AUTH like production's, on the same network and range", () => {
    for (const key of ["transitEncryptionMode", "authEnabled", "connectMode", "authorizedNetwork", "reservedIpRange"]) {
      expect({ key, value: inputsOf(cache)[key] }).toEqual({ key, value: inputsOf(prod)[key] });
    }
    expect(inputsOf(cache)).toMatchObject({ transitEncryptionMode: "SERVER_AUTHENTICATION", authEnabled: true });
  });

  it("is not protected and keeps no snapshots", () => {
    expect(cache.protect).toBe(false);
    expect(inputsOf(cache)).toMatchObject({ deletionProtection: false, persistenceConfig: { persistenceMode: "DISABLED" } });
  });

  it("is the only cache the drill's DALP is given", () => {
    const secrets = drillSecrets(latest);
    expect(secrets).toContain(outputsOf(cache).host);
    expect(secrets).not.toContain(outputsOf(prod).host);
    expect(secrets).toContain(outputsOf(cache).authString);
    expect(secrets).not.toContain(outputsOf(prod).authString);
  });
});

describe("the drill's identity: reads the application bucket and nothing else", () => {
  let account: PlannedResource;
  let email: string;
  beforeAll(() => {
    account = oneInDrill(latest, ACCOUNT);
    email = outputsOf(account).email;
  });
  const bucket = (purpose: "app" | "backup") => ofType(latest, "gcp:storage/bucket:Bucket").find((b) => inputsOf(b).labels.purpose === `dalp-${purpose}`) as PlannedResource;
  /** Every grant in the plan whose member is the drill's account, wherever it is declared. */
  const grantsTo = (member: string) =>
    latest.resources
      .filter((r) => /iAMMember|IAMMember|iAMBinding|iAMPolicy/.test(r.type) && JSON.stringify(inputsOf(r)).includes(member))
      .map((r): Record<string, any> => ({ type: r.type, ...inputsOf(r) }));

  it("is a Google service account of its own, for exactly the drill namespace's dalp service account", () => {
    const prodAccount = ofType(latest, ACCOUNT).find((a) => a.name === `${REGION}-app-identity-account`) as PlannedResource;
    expect(inputsOf(account).accountId).toMatch(/^dalp-app-reader-[0-9a-f]{8}$/);
    expect(inputsOf(account).accountId).not.toBe(inputsOf(prodAccount).accountId);
    const impersonation = inDrill(latest).filter((r) => r.type === "gcp:serviceaccount/iAMMember:IAMMember").map(inputsOf).find((g) => g.role === "roles/iam.workloadIdentityUser");
    expect(impersonation).toMatchObject({ serviceAccountId: outputsOf(account).name, member: `serviceAccount:${PROJECT}.svc.id.goog[${DRILL_NAMESPACE}/dalp]` });
    const ksa = inDrill(latest).find((r) => r.type === "kubernetes:core/v1:ServiceAccount" && inputsOf(r).metadata.namespace === DRILL_NAMESPACE) as PlannedResource;
    expect(inputsOf(ksa).metadata.annotations["iam.gke.io/gcp-service-account"]).toBe(email);
  });

  it("is granted only object reads on the application bucket, and signing as itself", () => {
    const self = `serviceAccount:${email}`;
    const signBlob = ofType(latest, "gcp:projects/iAMCustomRole:IAMCustomRole").find((r) => r.name.endsWith("-sign-blob")) as PlannedResource;
    expect(grantsTo(self).map((g) => [g.type, g.role, g.bucket ?? g.serviceAccountId]).sort()).toEqual(
      [
        ["gcp:serviceaccount/iAMMember:IAMMember", outputsOf(signBlob).name, outputsOf(account).name],
        ["gcp:storage/bucketIAMMember:BucketIAMMember", OBJECT_READER_ROLE, outputsOf(bucket("app")).name],
      ].sort(),
    );
    expect(grantsTo(self).some((g) => g.bucket === outputsOf(bucket("backup")).name)).toBe(false);
  });

  it("holds no permission that writes, deletes or changes access: the read role's and the signing role's", () => {
    const signBlob = ofType(latest, "gcp:projects/iAMCustomRole:IAMCustomRole").find((r) => r.name.endsWith("-sign-blob")) as PlannedResource;
    expect(inputsOf(signBlob).permissions).toEqual([...SIGN_BLOB_PERMISSIONS]);
    const held = [...OBJECT_READER_PERMISSIONS, ...SIGN_BLOB_PERMISSIONS];
    expect(held.filter((p) => !/\.(get|list|signBlob)$/.test(p))).toEqual([]);
    expect(held).toEqual(expect.arrayContaining(["storage.objects.get", "storage.objects.list"]));
  });

  it("leaves production's identities as they were: read/write on the app bucket for DALP, the backup bucket for Velero", () => {
    const readWrite = ofType(latest, "gcp:projects/iAMCustomRole:IAMCustomRole").find((r) => r.name.endsWith("-object-read-write")) as PlannedResource;
    const outside = ofType(latest, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((r) => !inDrill(latest).includes(r)).map(inputsOf);
    expect(outside.map((g) => g.role)).toEqual([outputsOf(readWrite).name, outputsOf(readWrite).name]);
  });
});

describe("checks with the drill on", () => {
  it("is a stack the policy pack finds nothing mandatory wrong with, with and without a point in time", async () => {
    for (const plan of [latest, atTime]) {
      const result = await runRules(fromPlan(plan, STACK), RULES);
      expect(result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    }
  });

  it("refuses a point in time while point-in-time recovery is off, naming the key", () => {
    const values = referenceValues(STACK);
    const issues = (change: (v: Record<string, any>) => void) => validateGcp(validateValues(values, change)).map((i) => i.key);
    expect(issues((v) => (v.drill = { enabled: true, pointInTime: AN_HOUR_AGO }))).toEqual([]);
    expect(issues((v) => ((v.drill = { enabled: true }), (v.postgres.pointInTimeRecovery = false)))).toEqual([]);
    expect(issues((v) => ((v.drill = { enabled: true, pointInTime: AN_HOUR_AGO }), (v.postgres.pointInTimeRecovery = false)))).toEqual(["dalp:drill.pointInTime"]);
  });
});

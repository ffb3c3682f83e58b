import { REPLICATION_DESTINATION_ROLES, REPLICATION_SOURCE_ROLES } from "../components/gcp/bucketReplication";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffResult } from "../planner/diff/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { plannedProjectNumber } from "../planner/mocks/gcp";
import { STATEFUL } from "../policies/rules/types";
import { probeRegions } from "../stacks/gcp/traffic";
import { descendants, inputsOf, ofType, only, outputsOf, planChanged, plannedChange, referencePlan } from "./helpers/stacks";

const STACK = "gcp-hot-warm";
const PROJECT = "dalp-prod-123456";
const HOME = "europe-west1";
const STANDBY = "europe-west4";
const DOMAIN = "dalp.example.com";

let plan: Plan;
let flipped: Plan;
beforeAll(async () => {
  plan = await referencePlan(STACK);
  // The failover. The stack file names the home region's zones, so planning it asks that region nothing.
  flipped = await changed((c) => (c["dalp:primaryRegion"] = STANDBY));
});

const changed = (change: (config: Record<string, any>) => void): Promise<Plan> => plannedChange(STACK, change);

const stamp = (p: Plan, region: string) => ofType(p, "dalp:pattern:Stamp").find((s) => s.name === region) as PlannedResource;
const inStamp = (p: Plan, region: string, type: string) => descendants(p, stamp(p, region)).filter((r) => r.type === type);
const oneInStamp = (p: Plan, region: string, type: string) => {
  const found = inStamp(p, region, type);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${region}, found ${found.length}`);
  return found[0];
};
const sql = (p: Plan, region: string) => oneInStamp(p, region, "gcp:sql/databaseInstance:DatabaseInstance");
const release = (p: Plan, region: string, name: string) => inStamp(p, region, "kubernetes:helm.sh/v3:Release").find((r) => inputsOf(r).name === name) as PlannedResource;
const secretsOf = (p: Plan, region: string) => inStamp(p, region, "kubernetes:core/v1:Secret").map(inputsOf);
const global = (p: Plan) => only(p, "dalp:pattern:Global");
const record = (p: Plan) => only(p, "gcp:dns/recordSet:RecordSet");
const healthCheck = (p: Plan) => only(p, "gcp:compute/healthCheck:HealthCheck");
const address = (p: Plan, region: string) => outputsOf(oneInStamp(p, region, "gcp:compute/address:Address")).address as string;
const statefulTypes = new Set<string>(STATEFUL);
const isStateful = (r: { type: string }, p: Plan) => statefulTypes.has(r.type) || p.resources.some((x) => x.type === r.type && x.protect);

describe("gcp-hot-warm: two stamps", () => {
  it("builds a full stamp in each region, the home one active and the other a warm standby", () => {
    expect(ofType(plan, "dalp:pattern:Stamp").map((s) => [s.name, s.inputs.role, s.inputs.workloads, s.inputs.validators])).toEqual([
      [HOME, "active", "serving", "on"],
      [STANDBY, "standby", "warm", "off"],
    ]);
    for (const region of [HOME, STANDBY]) {
      for (const type of ["gcp:container/cluster:Cluster", "gcp:redis/instance:Instance", "gcp:sql/databaseInstance:DatabaseInstance", "gcp:compute/address:Address"]) {
        expect({ region, type, count: inStamp(plan, region, type).length }).toEqual({ region, type, count: 1 });
      }
      expect(inStamp(plan, region, "gcp:storage/bucket:Bucket").map((b) => inputsOf(b).labels.purpose).sort()).toEqual(["dalp-app", "dalp-backup"]);
    }
  });

  it("gives each region its own provider, pinned to the project and region, and the global resources a provider of their own", () => {
    const providers = ofType(plan, "pulumi:providers:gcp").map((p) => [p.name, inputsOf(p).project, inputsOf(p).region]);
    expect(providers).toEqual(expect.arrayContaining([[`gcp-${HOME}`, PROJECT, HOME], [`gcp-${STANDBY}`, PROJECT, STANDBY], ["gcp-global", PROJECT, undefined]]));
    const globalProvider = ofType(plan, "pulumi:providers:gcp").find((p) => p.name === "gcp-global") as PlannedResource;
    for (const r of descendants(plan, global(plan)).filter((x) => x.custom && x.type.startsWith("gcp:"))) expect({ urn: r.urn, provider: r.provider?.startsWith(globalProvider.urn) }).toEqual({ urn: r.urn, provider: true });
  });
});

describe("one VPC for both regions", () => {
  const vpc = (p: Plan) => only(p, "gcp:compute/network:Network");

  it("is created once, by the home stamp, with global routing; each region adds its own subnets, router and NAT", () => {
    expect(descendants(plan, stamp(plan, HOME))).toContain(vpc(plan));
    expect(inputsOf(vpc(plan))).toMatchObject({ autoCreateSubnetworks: false, routingMode: "GLOBAL" });
    for (const [region, cidr] of [[HOME, "10.40"], [STANDBY, "10.41"]]) {
      const subnets = inStamp(plan, region, "gcp:compute/subnetwork:Subnetwork").map(inputsOf);
      expect(subnets.map((s) => [s.region, s.network, s.ipCidrRange.startsWith(`${cidr}.`)])).toEqual([
        [region, outputsOf(vpc(plan)).id, true],
        [region, outputsOf(vpc(plan)).id, true],
      ]);
      expect(inStamp(plan, region, "gcp:compute/router:Router").map((r) => [inputsOf(r).region, inputsOf(r).network])).toEqual([[region, outputsOf(vpc(plan)).id]]);
      expect(inStamp(plan, region, "gcp:compute/routerNat:RouterNat")).toHaveLength(1);
    }
  });

  it("has one private services connection listing a range from each region's /16, and each region's data services use their own", () => {
    const connection = only(plan, "gcp:servicenetworking/connection:Connection");
    const ranges = ofType(plan, "gcp:compute/globalAddress:GlobalAddress");
    expect(ranges.map((r) => [inputsOf(r).network, `${inputsOf(r).address}/${inputsOf(r).prefixLength}`])).toEqual([
      [outputsOf(vpc(plan)).id, "10.40.32.0/20"],
      [outputsOf(vpc(plan)).id, "10.41.32.0/20"],
    ]);
    expect(inputsOf(connection).reservedPeeringRanges).toEqual(ranges.map((r) => outputsOf(r).name));
    const rangeOf = (cidr: string) => outputsOf(ranges.find((r) => inputsOf(r).address === cidr) as PlannedResource).name;
    for (const [region, base] of [[HOME, "10.40.32.0"], [STANDBY, "10.41.32.0"]]) {
      expect(inputsOf(oneInStamp(plan, region, "gcp:redis/instance:Instance"))).toMatchObject({ authorizedNetwork: outputsOf(vpc(plan)).id, reservedIpRange: rangeOf(base) });
      expect(inputsOf(sql(plan, region)).settings.ipConfiguration).toMatchObject({ privateNetwork: outputsOf(vpc(plan)).id, allocatedIpRange: rangeOf(base) });
      expect(inputsOf(oneInStamp(plan, region, "gcp:container/cluster:Cluster")).network).toBe(outputsOf(vpc(plan)).id);
    }
  });

  it("peers the VPC with a private runner network once, not once per region (two networks take one peering)", async () => {
    const result = await planChanged(STACK, (c: any) => {
      c["dalp:cluster"].apiAccess = { mode: "private", runnerNetwork: { id: "projects/ops-net/global/networks/runners", cidr: "10.200.0.0/16" } };
    });
    if (!result.ok) throw result.error;
    const peerings = ofType(result.plan, "gcp:compute/networkPeering:NetworkPeering").map(inputsOf);
    expect(peerings.map((p) => p.name)).toEqual([`dalp-${STACK}-${HOME}-runner`, `dalp-${STACK}-${HOME}`]);
  });
});

describe("the standby's database: a cross-region Cloud SQL replica", () => {
  it("is a read replica of the home primary, in the standby region, on its primary's VPC network with an address from the standby's range", () => {
    const primary = sql(plan, HOME);
    const replica = inputsOf(sql(plan, STANDBY));
    expect(replica).toMatchObject({ region: STANDBY, instanceType: "READ_REPLICA_INSTANCE", masterInstanceName: outputsOf(primary).name, deletionProtection: true });
    expect(inputsOf(primary).masterInstanceName).toBeUndefined();
    expect(inputsOf(primary).instanceType).toBeUndefined();
    // A cross-region replica with a private address must be on its primary's network (docs/gcp.md, Hot-warm).
    expect(replica.settings.ipConfiguration).toMatchObject({ ipv4Enabled: false, privateNetwork: inputsOf(primary).settings.ipConfiguration.privateNetwork, sslMode: "ENCRYPTED_ONLY" });
    expect(replica.settings.ipConfiguration.privateNetwork).toBe(outputsOf(only(plan, "gcp:compute/network:Network")).id);
    const range = ofType(plan, "gcp:compute/globalAddress:GlobalAddress").find((r) => outputsOf(r).name === replica.settings.ipConfiguration.allocatedIpRange) as PlannedResource;
    expect(`${inputsOf(range).address}/${inputsOf(range).prefixLength}`).toBe("10.41.32.0/20");
    expect(sql(plan, STANDBY).protect).toBe(true);
  });

  it("takes the primary's edition, tier, version and storage, and is regional so a promotion needs no restart for a standby", () => {
    const [p, r] = [inputsOf(sql(plan, HOME)), inputsOf(sql(plan, STANDBY))];
    expect(r.databaseVersion).toBe(p.databaseVersion);
    for (const key of ["edition", "tier", "availabilityType", "diskType", "diskSize", "diskAutoresizeLimit", "deletionProtectionEnabled"]) expect({ key, value: r.settings[key] }).toEqual({ key, value: p.settings[key] });
    expect(r.settings.locationPreference).toEqual({ zone: `${STANDBY}-a`, secondaryZone: `${STANDBY}-b` });
    // Google-managed encryption at rest on both, in each instance's own region: neither names a key.
    expect(p.encryptionKeyName).toBeUndefined();
    expect(r.encryptionKeyName).toBeUndefined();
  });

  it("keeps no backups of its own while it replicates (Cloud SQL takes none of a replica), and the primary keeps its 35 days", () => {
    expect(inputsOf(sql(plan, STANDBY)).settings.backupConfiguration).toEqual({ enabled: false, pointInTimeRecoveryEnabled: false });
    expect(inputsOf(sql(plan, STANDBY)).settings.finalBackupConfig).toBeUndefined();
    expect(inputsOf(sql(plan, HOME)).settings.backupConfiguration).toMatchObject({ enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 35 });
  });

  it("creates no user, password or database of its own: replication brings the primary's", () => {
    // The password is the deployment's, under the global component (test/referenceStacks.test.ts), in neither stamp.
    for (const type of ["gcp:sql/user:User", "gcp:sql/database:Database"]) {
      expect({ type, home: inStamp(plan, HOME, type).length, standby: inStamp(plan, STANDBY, type).length }).toEqual({ type, home: 1, standby: 0 });
    }
  });

  it("is what the standby's DALP reads: its address, with the primary's user and password", () => {
    const replicaIp = outputsOf(sql(plan, STANDBY)).privateIpAddress;
    const primaryIp = outputsOf(sql(plan, HOME)).privateIpAddress;
    expect(replicaIp).not.toBe(primaryIp);
    const text = (region: string) => JSON.stringify(secretsOf(plan, region));
    expect(text(STANDBY)).toContain(replicaIp);
    expect(text(STANDBY)).not.toContain(primaryIp);
    expect(text(HOME)).toContain(primaryIp);
    const password = outputsOf(only(plan, "random:index/randomPassword:RandomPassword")).result as string;
    expect(text(STANDBY)).toContain(encodeURIComponent(password).slice(0, 8));
  });
});

describe("bucket replication", () => {
  const jobs = (p: Plan) => ofType(p, "gcp:storage/transferJob:TransferJob").map(inputsOf);
  const bucketName = (p: Plan, region: string, purpose: string) =>
    outputsOf(inStamp(p, region, "gcp:storage/bucket:Bucket").find((b) => inputsOf(b).labels.purpose === `dalp-${purpose}`) as PlannedResource).name;

  it("replicates the home app bucket, and the home region's prefix of its backup bucket, into the standby's", () => {
    expect(jobs(plan).map((j) => j.replicationSpec)).toEqual([
      { gcsDataSource: { bucketName: bucketName(plan, HOME, "app") }, gcsDataSink: { bucketName: bucketName(plan, STANDBY, "app") } },
      { gcsDataSource: { bucketName: bucketName(plan, HOME, "backup") }, gcsDataSink: { bucketName: bucketName(plan, STANDBY, "backup") }, objectConditions: { includePrefixes: [`${HOME}/`] } },
    ]);
    // Replication jobs take no custom name, and a delete option would be refused.
    for (const j of jobs(plan)) {
      expect(j.name).toBeUndefined();
      expect(j.replicationSpec.transferOptions).toBeUndefined();
      expect(j.status).toBe("ENABLED");
    }
  });

  it("grants the Storage Transfer service agent only the replication roles, on exactly the two buckets of each job", () => {
    const agent = `serviceAccount:project-${plannedProjectNumber(PROJECT)}@storage-transfer-service.iam.gserviceaccount.com`;
    const grants = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").map(inputsOf).filter((g) => g.member === agent);
    const expected = ["app", "backup"].flatMap((purpose) => [
      ...REPLICATION_SOURCE_ROLES.map((role) => ({ bucket: bucketName(plan, HOME, purpose), role })),
      ...REPLICATION_DESTINATION_ROLES.map((role) => ({ bucket: bucketName(plan, STANDBY, purpose), role })),
    ]);
    expect(grants.map((g) => ({ bucket: g.bucket, role: g.role })).sort((a, b) => `${a.bucket}${a.role}`.localeCompare(`${b.bucket}${b.role}`))).toEqual(
      expected.sort((a, b) => `${a.bucket}${a.role}`.localeCompare(`${b.bucket}${b.role}`)),
    );
    expect(grants.some((g) => /admin/i.test(g.role))).toBe(false);
    const projectRoles = ofType(plan, "gcp:projects/iAMMember:IAMMember").map(inputsOf).filter((m) => /pubsub/.test(m.role));
    expect(projectRoles.map((m) => [m.role, m.member])).toEqual([
      ["roles/pubsub.editor", agent],
      ["roles/pubsub.publisher", `serviceAccount:service-${plannedProjectNumber(PROJECT)}@gs-project-accounts.iam.gserviceaccount.com`],
    ]);
  });

  it("keeps each part with the region it touches: source grants and jobs with home, destination grants with the standby", () => {
    const job = ofType(plan, "gcp:storage/transferJob:TransferJob");
    expect(job.every((j) => descendants(plan, stamp(plan, HOME)).includes(j))).toBe(true);
    const standbyGrants = inStamp(plan, STANDBY, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((g) => /storage-transfer/.test(inputsOf(g).member));
    expect(standbyGrants.map((g) => inputsOf(g).role)).toEqual(["roles/storage.legacyBucketWriter", "roles/storage.legacyBucketWriter"]);
  });
});

describe("traffic: Cloud DNS failover", () => {
  it("reserves one regional external address per stamp and puts the ingress load balancer on it", () => {
    for (const region of [HOME, STANDBY]) {
      const a = oneInStamp(plan, region, "gcp:compute/address:Address");
      expect(inputsOf(a)).toMatchObject({ region, addressType: "EXTERNAL", networkTier: "PREMIUM", deletionPolicy: "PREVENT" });
      expect(a.protect).toBe(true);
      const values = inputsOf(release(plan, region, "support")).values;
      expect(JSON.stringify(values)).toContain(address(plan, region));
    }
  });

  it("answers dalp.example.com from the home region's address only: the warm standby joins the record at the flip", () => {
    const r = inputsOf(record(plan));
    expect(r).toMatchObject({ project: PROJECT, managedZone: "example-com", name: `${DOMAIN}.`, type: "A", ttl: 60 });
    expect(r.rrdatas).toBeUndefined();
    expect(r.routingPolicy).toEqual({
      healthCheck: outputsOf(healthCheck(plan)).id,
      primaryBackup: {
        primary: { externalEndpoints: [address(plan, HOME)] },
        // Cloud DNS serves the backup whenever the primary is unhealthy, healthy or not: the backup is the same
        // region's address, so losing the region before the failover never sends users to the unpromoted standby.
        backupGeos: [{ location: HOME, rrdatas: [address(plan, HOME)] }],
        trickleRatio: 0,
        enableGeoFencingForBackups: false,
      },
    });
  });

  it("probes HTTPS 443 on the configured path with the domain as Host, every 30 s, from three regions of the same area", () => {
    expect(inputsOf(healthCheck(plan))).toMatchObject({
      checkIntervalSec: 30,
      unhealthyThreshold: 3,
      httpsHealthCheck: { port: 443, requestPath: "/", host: DOMAIN },
      sourceRegions: [HOME, STANDBY, "europe-central2"],
    });
    expect(probeRegions(["us-east1", "us-west1"])).toEqual(["us-east1", "us-west1", "us-central1"]);
  });

  it("puts the record and the health check under the global component, and reports them in the outputs", () => {
    const below = descendants(plan, global(plan));
    expect(below).toEqual(expect.arrayContaining([record(plan), healthCheck(plan)]));
    const traffic = (plan.outputs.traffic as { value: any }).value ?? plan.outputs.traffic;
    expect(JSON.stringify(traffic)).toContain(DOMAIN);
  });

  it("is refused with a 10-second probe interval, which Cloud DNS health checks cannot do", async () => {
    const result = await planChanged(STACK, (c: any) => (c["dalp:traffic"].healthCheck.intervalSeconds = 10));
    expect(result.ok).toBe(false);
    expect(String(!result.ok && result.error)).toContain("dalp:traffic.healthCheck.intervalSeconds");
  });

  it("is refused when the managed zone does not hold the domain", async () => {
    const result = await planChanged(STACK, (c: any) => (c["dalp:traffic"].zone = "example-org"));
    expect(result.ok).toBe(false);
    expect(String(!result.ok && result.error)).toMatch(/dalp:traffic\.zone[\s\S]*example\.org\./);
  });
});

/** The changes of a diff that are not `same`, by the resource's logical name. */
const changes = (d: DiffResult) => d.changes.filter((c) => c.op !== "same");
const byName = (p: Plan, old: Plan) => (urn: string) => [...p.resources, ...old.resources].find((r) => r.urn === urn)?.name;

describe("failover: dalp:primaryRegion = europe-west4", () => {
  let diff: DiffResult;
  beforeAll(() => {
    diff = diffAgainstState(flipped, stateOfPlan(plan));
  });

  // What a failover must not lose on any cloud is in test/failover.test.ts; on GCP nothing at all is replaced.
  it("replaces nothing", () => {
    expect(diff.changes.filter((c) => c.op === "replace")).toEqual([]);
  });

  it("promotes the replica in place: the same URN, an update of exactly its replication and the backups a primary keeps", () => {
    const replica = sql(plan, STANDBY);
    expect(sql(flipped, STANDBY).urn).toBe(replica.urn);
    const change = diff.changes.find((c) => c.urn === replica.urn);
    expect(change?.op).toBe("update");
    expect([...(change?.keys ?? [])].sort()).toEqual(
      [
        "instanceType",
        "masterInstanceName",
        "settings.backupConfiguration.backupRetentionSettings.retainedBackups",
        "settings.backupConfiguration.backupRetentionSettings.retentionUnit",
        "settings.backupConfiguration.enabled",
        "settings.backupConfiguration.pointInTimeRecoveryEnabled",
        "settings.backupConfiguration.startTime",
        "settings.backupConfiguration.transactionLogRetentionDays",
        "settings.finalBackupConfig.enabled",
        "settings.finalBackupConfig.retentionDays",
        "settings.retainBackupsOnDelete",
      ].sort(),
    );
    expect(inputsOf(sql(flipped, STANDBY))).toMatchObject({ instanceType: "CLOUD_SQL_INSTANCE" });
    expect(inputsOf(sql(flipped, STANDBY)).masterInstanceName).toBeUndefined();
    expect(inputsOf(sql(flipped, STANDBY)).settings.backupConfiguration).toEqual(inputsOf(sql(plan, HOME)).settings.backupConfiguration);
  });

  it("leaves the one VPC, its private services connection and both regions' ranges, subnets and routers as they are", () => {
    const network = ["gcp:compute/network:Network", "gcp:servicenetworking/connection:Connection", "gcp:compute/globalAddress:GlobalAddress", "gcp:compute/subnetwork:Subnetwork", "gcp:compute/router:Router", "gcp:compute/routerNat:RouterNat"];
    const touched = diff.changes.filter((c) => network.includes(c.type));
    expect(touched.length).toBe(1 + 1 + 2 + 4 + 2 + 2);
    expect(touched.filter((c) => c.op !== "same")).toEqual([]);
  });

  it("leaves the former primary's database and every other resource of its region's data untouched", () => {
    const home = descendants(plan, stamp(plan, HOME)).filter((r) => r.custom && isStateful(r, plan));
    for (const r of home) expect({ urn: r.urn, op: diff.changes.find((c) => c.urn === r.urn)?.op }).toEqual({ urn: r.urn, op: "same" });
  });

  it("moves the traffic primary to the standby's address, on the same record set and health check", () => {
    const rec = diff.changes.find((c) => c.urn === record(plan).urn);
    expect(rec?.op).toBe("update");
    expect(record(flipped).urn).toBe(record(plan).urn);
    expect(diff.changes.find((c) => c.urn === healthCheck(plan).urn)?.op).toBe("same");
    expect(inputsOf(record(flipped)).routingPolicy.primaryBackup).toMatchObject({
      primary: { externalEndpoints: [address(plan, STANDBY)] },
      backupGeos: [{ location: STANDBY, rrdatas: [address(plan, STANDBY)] }],
    });
  });

  it("stops writing toward the failed region: the replication jobs and their grants go, and nothing else", () => {
    const name = byName(flipped, plan);
    // The isolated DALP's disruption budgets go too (scaled to zero, nothing to protect); that is the pattern's, not GCP's.
    const deleted = diff.changes.filter((c) => c.op === "delete" && c.type.startsWith("gcp:"));
    expect(deleted.every((c) => ["gcp:storage/transferJob:TransferJob", "gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:projects/iAMMember:IAMMember"].includes(c.type))).toBe(true);
    expect(deleted.filter((c) => c.type === "gcp:storage/transferJob:TransferJob").map((c) => name(c.urn))).toHaveLength(2);
    expect(diff.changes.filter((c) => c.op === "create")).toEqual([]);
  });

  it("changes no GCP resource's provider or parent: every URN of the original is still planned or deliberately removed", () => {
    const kept = new Set(flipped.resources.map((r) => r.urn));
    const gone = plan.resources.filter((r) => !kept.has(r.urn) && (r.type.startsWith("gcp:") || r.type.startsWith("dalp:gcp:")));
    expect(gone.every((r) => /BucketReplication|ReplicationAgents|transferJob|bucketIAMMember|projects\/iAMMember/.test(r.urn))).toBe(true);
    expect(changes(diff).length).toBeGreaterThan(0);
  });
});

describe("return: dalp:primaryRegion back to europe-west1 from the failed-over state", () => {
  let diff: DiffResult;
  beforeAll(() => {
    diff = diffAgainstState(plan, stateOfPlan(flipped));
  });

  it("cannot demote the promoted database in place: exactly that instance would be replaced, and protect stops it", () => {
    // Cloud SQL turns a standalone instance back into a replica only on the old primary's side of a switchover,
    // which the promotion was not; setting masterInstanceName again forces a new instance (re-seed).
    const replaced = diff.changes.filter((c) => c.op === "replace" && c.type.startsWith("gcp:"));
    expect(replaced.map((c) => [c.urn, c.keys])).toEqual([[sql(plan, STANDBY).urn, ["masterInstanceName"]]]);
    // Beyond it, only what reads its outputs (the standby's database Secret, whose address would be unknown).
    const dependents = diff.changes.filter((c) => c.op === "replace" && !c.type.startsWith("gcp:"));
    expect(dependents.map((c) => c.urn)).toEqual([expect.stringMatching(new RegExp(`::${STANDBY}-dalp-postgres-secret$`))]);
    expect(diff.blocked.map((b) => b.urn)).toEqual([sql(plan, STANDBY).urn]);
  });

  it("replaces or deletes nothing else that holds data", () => {
    const lost = diff.changes.filter((c) => (c.op === "replace" || c.op === "delete") && isStateful(c, plan) && c.urn !== sql(plan, STANDBY).urn);
    expect(lost).toEqual([]);
  });
});

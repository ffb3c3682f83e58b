import { ConfigError } from "../config/errors";
import { isolatedPlaceholder } from "../components/azure/regionValue";
import { FAILOVER_PROMOTION } from "../components/azure/postgresFlexibleServer";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffResult } from "../planner/diff";
import { flexibleServerCreateProblems } from "../planner/mocks/azure";
import type { Plan, PlannedResource } from "../planner/model";
import { STATEFUL } from "../policies/rules/types";
import { runbookForStack } from "../runbook/forStack";
import type { FailoverRunbook } from "../runbook/model";
import { inputsOf, ofType, only, outputsOf, placeOf, planChanged, plannedChange, providerOf, referencePlan } from "./helpers/stacks";

const STACK = "azure-hot-warm";
const HOME = "westeurope";
const STANDBY = "northeurope";
const ZONE_ID = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/dalp-dns/providers/Microsoft.Network/dnszones/example.com";

const T = {
  server: "azure-native:dbforpostgresql:Server",
  database: "azure-native:dbforpostgresql:Database",
  peering: "azure-native:network:VirtualNetworkPeering",
  vnet: "azure-native:network:VirtualNetwork",
  vnetLink: "azure-native:privatedns:VirtualNetworkLink",
  privateZone: "azure-native:privatedns:PrivateZone",
  account: "azure-native:storage:StorageAccount",
  blobService: "azure-native:storage:BlobServiceProperties",
  container: "azure-native:storage:BlobContainer",
  objectReplication: "azure-native:storage:ObjectReplicationPolicy",
  publicIp: "azure-native:network:PublicIPAddress",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  profile: "azure-native:trafficmanager:Profile",
  record: "azure-native:dns:RecordSet",
  provider: "pulumi:providers:azure-native",
  stash: "pulumi:index:Stash",
} as const;

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
const inStamp = (p: Plan, type: string, region: string) => ofType(p, type).filter((r) => rootOf(p, r) === region);
const server = (p: Plan, region: string) => only(p, T.server, `${region}-postgres-server`);
const account = (p: Plan, region: string) => only(p, T.account, `${region}-storage-account`);
const ingressIp = (p: Plan, region: string) => only(p, T.publicIp, `${region}-ingress-ip`);
const release = (p: Plan, region: string, chart: string) => only(p, "kubernetes:helm.sh/v3:Release", `${region}-dalp-${chart}`);
const profile = (p: Plan) => only(p, T.profile, "traffic-profile");
const idOf = (r: PlannedResource) => outputsOf(r).id as string;
const regions = (p: Plan) => p.outputs.regions as Record<string, { role: string; ingressAddresses: string[]; postgres: { host: string } }>;
/** The stateful resources whose loss a flip must never cause, by the pack's own list, and the ingress addresses DNS points at. */
const STATEFUL_TYPES = new Set<string>([...STATEFUL, T.publicIp]);
const lossesOf = (d: DiffResult) => d.changes.filter((c) => STATEFUL_TYPES.has(c.type) && (c.op === "replace" || c.op === "delete"));
const changeOf = (d: DiffResult, r: PlannedResource) => d.changes.find((c) => c.urn === r.urn);

describe("azure-hot-warm: two stamps", () => {
  it("builds a full stamp in each region, each with its own provider, the standby's cluster, cache and storage beside the active's", () => {
    for (const region of [HOME, STANDBY]) {
      for (const type of ["azure-native:containerservice:ManagedCluster", T.server, "azure-native:redisenterprise:RedisEnterprise", T.account]) {
        const found = inStamp(plan, type, region);
        expect({ region, type, n: found.length }).toEqual({ region, type, n: 1 });
        expect(inputsOf(providerOf(plan, found[0])!).location).toBe(region);
      }
    }
    const roles = Object.fromEntries(ofType(plan, "dalp:pattern:Stamp").map((s) => [s.name, inputsOf(s).role]));
    expect(roles).toEqual({ [HOME]: "active", [STANDBY]: "standby" });
  });

  it("makes the standby's database a geo read replica of the primary, in the standby region's own network and zone", () => {
    const replica = inputsOf(server(plan, STANDBY));
    expect(replica).toMatchObject({
      createMode: "Replica",
      sourceServerResourceId: idOf(server(plan, HOME)),
      location: STANDBY,
      sku: inputsOf(server(plan, HOME)).sku,
      storage: inputsOf(server(plan, HOME)).storage,
      version: inputsOf(server(plan, HOME)).version,
      network: { publicNetworkAccess: "Disabled" },
      // Azure refuses both on a replica.
      highAvailability: { mode: "Disabled" },
      backup: { geoRedundantBackup: "Disabled", backupRetentionDays: 30 },
    });
    expect(replica.network.delegatedSubnetResourceId).toMatch(new RegExp(`/resourceGroups/${STANDBY}-rg[^/]*/.*/subnets/postgres$`));
    expect(replica.network.privateDnsZoneArmResourceId).toBe(idOf(only(plan, T.privateZone, `${STANDBY}-dns-postgres`)));
    // It inherits the administrator and the data: no login, no password, no database resource of its own.
    expect(replica.administratorLogin).toBeUndefined();
    expect(replica.administratorLoginPassword).toBeUndefined();
    expect(inStamp(plan, T.database, STANDBY)).toEqual([]);
    expect(server(plan, STANDBY).protect).toBe(true);
    expect(server(plan, STANDBY).ignoreChanges).toEqual(expect.arrayContaining(["sourceServerResourceId", "createMode"]));
    // The primary keeps zone-redundant HA.
    expect(inputsOf(server(plan, HOME)).highAvailability).toMatchObject({ mode: "ZoneRedundant" });
  });

  it("peers the two networks both ways and links each PostgreSQL zone to the other network before the replica is created", () => {
    const vnet = (region: string) => only(plan, T.vnet, `${region}-network-vnet`);
    const toSource = only(plan, T.peering, `${STANDBY}-peer-${HOME}-vnet`);
    const toReplica = only(plan, T.peering, `${HOME}-peer-${STANDBY}-vnet`);
    expect(inputsOf(toSource)).toMatchObject({ remoteVirtualNetwork: { id: idOf(vnet(HOME)) }, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false });
    expect(inputsOf(toReplica)).toMatchObject({ remoteVirtualNetwork: { id: idOf(vnet(STANDBY)) } });
    // Each half lives in its own region's stamp, written by that region's provider.
    expect(rootOf(plan, toSource)).toBe(STANDBY);
    expect(rootOf(plan, toReplica)).toBe(HOME);
    expect(inputsOf(providerOf(plan, toReplica)!).location).toBe(HOME);
    const link = only(plan, T.vnetLink, `${HOME}-peer-${STANDBY}-postgres-dns`);
    expect(inputsOf(link)).toMatchObject({ privateZoneName: outputsOf(only(plan, T.privateZone, `${HOME}-dns-postgres`)).name, virtualNetwork: { id: idOf(vnet(STANDBY)) } });
    expect(server(plan, STANDBY).dependencies).toEqual(expect.arrayContaining([toSource.urn, toReplica.urn]));
  });

  it("points the standby's DALP at its own region's replica, with the primary's credentials", () => {
    expect(regions(plan)[STANDBY].postgres.host).toBe(outputsOf(server(plan, STANDBY)).fullyQualifiedDomainName);
    expect(regions(plan)[HOME].postgres.host).toBe(outputsOf(server(plan, HOME)).fullyQualifiedDomainName);
  });

  it("reserves a protected, zone-redundant ingress address per region and reports it", () => {
    for (const region of [HOME, STANDBY]) {
      expect(inputsOf(ingressIp(plan, region))).toMatchObject({ publicIPAllocationMethod: "Static", sku: { name: "Standard" }, zones: ["1", "2", "3"], location: region });
      expect(ingressIp(plan, region).protect).toBe(true);
      expect(regions(plan)[region].ingressAddresses).toEqual([outputsOf(ingressIp(plan, region)).ipAddress]);
      expect(inputsOf(release(plan, region, "support")).values["ingress-nginx"].controller.service.annotations["service.beta.kubernetes.io/azure-pip-name"]).toBe(outputsOf(ingressIp(plan, region)).name);
    }
  });
});

describe("azure-hot-warm: object replication", () => {
  const policies = (p: Plan) => ofType(p, T.objectReplication);
  const destination = () => only(plan, T.objectReplication, "-objects-destination");
  const source = () => only(plan, T.objectReplication, "-objects-source");

  it("replicates the application container into the standby's and the backups into a container of their own, with existing blobs", () => {
    expect(policies(plan)).toHaveLength(2);
    const rules = inputsOf(destination()).rules.map((r: Record<string, unknown>) => [r.sourceContainer, r.destinationContainer]);
    expect(rules).toEqual([
      ["dalp-app", "dalp-app"],
      ["dalp-backup", "dalp-backup-replica"],
    ]);
    for (const r of inputsOf(destination()).rules) expect(r.filters).toEqual({ minCreationTime: "1601-01-01T00:00:00Z" });
    expect(inputsOf(destination())).toMatchObject({ sourceAccount: idOf(account(plan, HOME)), destinationAccount: idOf(account(plan, STANDBY)), objectReplicationPolicyId: "default", metrics: { enabled: true } });
  });

  it("creates the destination half first in the standby account, then the source half with its policy and rule ids", () => {
    expect(rootOf(plan, destination())).toBe(STANDBY);
    expect(rootOf(plan, source())).toBe(HOME);
    expect(inputsOf(destination()).accountName).toBe(outputsOf(account(plan, STANDBY)).name);
    expect(inputsOf(source()).accountName).toBe(outputsOf(account(plan, HOME)).name);
    expect(inputsOf(source()).objectReplicationPolicyId).toBe(outputsOf(destination()).policyId);
    expect(inputsOf(source()).rules.map((r: Record<string, unknown>) => r.ruleId)).toEqual(outputsOf(destination()).rules.map((r: Record<string, unknown>) => r.ruleId));
    expect(destination().ignoreChanges).toEqual(expect.arrayContaining(["objectReplicationPolicyId", "rules[*].ruleId"]));
  });

  it("has versioning on both accounts and the change feed, kept as long as the versions, on the source", () => {
    for (const region of [HOME, STANDBY]) {
      const blob = only(plan, T.blobService, `${region}-storage-blob-service`);
      expect(inputsOf(blob)).toMatchObject({ isVersioningEnabled: true, changeFeed: { enabled: true, retentionInDays: 90 } });
    }
  });

  it("lets the standby's Velero restore from the replicated backups, which writes the restore's log beside them, and nothing more", () => {
    const replicaContainer = only(plan, T.container, `${STANDBY}-storage-dalp-backup-replica`);
    const grants = ofType(plan, T.roleAssignment).filter((a) => inputsOf(a).scope === idOf(replicaContainer));
    expect(grants).toHaveLength(1);
    // Storage Blob Data Contributor: a restore uploads its log and results into the location it restores from.
    expect(inputsOf(grants[0]).roleDefinitionId).toMatch(/\/ba92f5b4-2d11-453d-a403-e96b0029c9fe$/);
    expect(replicaContainer.protect).toBe(true);
  });
});

describe("azure-hot-warm: traffic", () => {

  it("routes by priority over both regions' ingress addresses, home first, probed over HTTPS with the domain as Host", () => {
    const inputs = inputsOf(profile(plan));
    expect(inputs).toMatchObject({
      location: "global",
      trafficRoutingMethod: "Priority",
      resourceGroupName: "dalp-dns",
      dnsConfig: { ttl: 60 },
      monitorConfig: {
        protocol: "HTTPS",
        port: 443,
        path: "/",
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        toleratedNumberOfFailures: 2,
        customHeaders: [{ name: "host", value: "dalp.example.com" }],
        expectedStatusCodeRanges: [{ min: 200, max: 399 }],
      },
    });
    expect(inputs.endpoints.map((e: Record<string, unknown>) => [e.name, e.priority, e.target])).toEqual([
      [HOME, 1, outputsOf(ingressIp(plan, HOME)).ipAddress],
      [STANDBY, 2, outputsOf(ingressIp(plan, STANDBY)).ipAddress],
    ]);
    expect(rootOf(plan, profile(plan))).toBe("global");
  });

  it("points the domain at the profile in the configured zone, with the configured TTL", () => {
    const record = only(plan, T.record, "traffic-record");
    expect(inputsOf(record)).toMatchObject({ zoneName: "example.com", resourceGroupName: "dalp-dns", relativeRecordSetName: "dalp", recordType: "CNAME", ttl: 60, cnameRecord: { cname: outputsOf(profile(plan)).dnsConfig.fqdn } });
    expect(rootOf(plan, record)).toBe("global");
  });

  it("follows the configured TTL and probe", async () => {
    const p = await planned((c) => (c["dalp:traffic"] = { zone: ZONE_ID, ttlSeconds: 30, healthCheck: { path: "/api/health", intervalSeconds: 10, failureThreshold: 2 } }));
    expect(inputsOf(profile(p))).toMatchObject({ dnsConfig: { ttl: 30 }, monitorConfig: { path: "/api/health", intervalInSeconds: 10, timeoutInSeconds: 9, toleratedNumberOfFailures: 1 } });
  });

  it("refuses a zone that does not hold charts.domain, or is not a DNS zone id, naming dalp:traffic.zone", async () => {
    const other = await planChanged(STACK, (c) => ((c["dalp:charts"] as Record<string, unknown>).domain = "dalp.example.org"));
    expect(other.ok).toBe(false);
    if (!other.ok) expect((other.error as ConfigError).message).toMatch(/dalp:traffic\.zone: .*an Azure DNS zone that holds charts\.domain dalp\.example\.org/);
    const shape = await planChanged(STACK, (c) => ((c["dalp:traffic"] as Record<string, unknown>).zone = "example.com"));
    expect(shape.ok).toBe(false);
    if (!shape.ok) {
      expect(shape.error).toBeInstanceOf(ConfigError);
      expect((shape.error as ConfigError).message).toMatch(/dalp:traffic\.zone: .*the resource id of an Azure public DNS zone/);
    }
  });
});

describe("azure-hot-warm: failover to the standby region", () => {
  let diff: DiffResult;
  beforeAll(() => {
    diff = diffAgainstState(flipped, stateOfPlan(plan));
  });

  it("promotes the replica in place: an update of exactly the write-only promotion, Standalone and Forced, keeping every create-time input", () => {
    expect(changeOf(diff, server(flipped, STANDBY))).toMatchObject({ op: "update", keys: ["replica.promoteMode", "replica.promoteOption"] });
    expect(inputsOf(server(flipped, STANDBY)).replica).toEqual(FAILOVER_PROMOTION);
    expect(inputsOf(server(flipped, STANDBY))).toMatchObject({ createMode: "Replica", sourceServerResourceId: inputsOf(server(plan, STANDBY)).sourceServerResourceId });
    expect(outputsOf(server(flipped, STANDBY)).replicationRole).toBe("None");
    // The former primary is left exactly as it was: the failover needs nothing of its region's API.
    expect(changeOf(diff, server(flipped, HOME))?.op).toBe("same");
  });

  it("leaves the promoted server's HA to the request Azure takes only after promotion, and keeps it once set", async () => {
    // A replica refuses HA, so the promotion declares none; the runbook's promotion step switches it on.
    expect(inputsOf(server(flipped, STANDBY)).highAvailability).toMatchObject({ mode: "Disabled" });
    expect(server(flipped, STANDBY).ignoreChanges).toContain("highAvailability");
    expect(server(plan, STANDBY).ignoreChanges).not.toContain("highAvailability");
    const runbook = await runbookForStack({ stack: STACK });
    const promote = (runbook as FailoverRunbook).steps.find((s) => s.number === 3)!;
    expect(promote.commands.map((c) => c.run)).toContainEqual(expect.stringMatching(/^az postgres flexible-server update .*--high-availability ZoneRedundant$/));
  });

  it("moves the traffic primary to the promoted region and drops the failed one from the profile", () => {
    expect(changeOf(diff, profile(flipped))).toMatchObject({ op: "update", keys: ["endpoints"] });
    expect(inputsOf(profile(flipped)).endpoints.map((e: Record<string, unknown>) => [e.name, e.priority])).toEqual([[STANDBY, 1]]);
    expect(changeOf(diff, only(flipped, T.record, "traffic-record"))?.op).toBe("same");
  });

  it("writes nothing new toward the failed region: in its stamp only the half of the replication policy it owns goes", () => {
    expect(ofType(flipped, T.objectReplication)).toEqual([]);
    const touched = diff.changes.filter((c) => c.op !== "same" && c.op !== "create" && c.type.startsWith("azure-native:"));
    const inHome = touched.filter((c) => {
      const r = byUrn(plan).get(c.urn) ?? byUrn(flipped).get(c.urn);
      return r && rootOf(plan, r) === HOME;
    });
    expect(inHome.map((c) => [c.type, c.op])).toEqual([[T.objectReplication, "delete"]]);
    // The peering stays: the promoted server was built on it and keeps its URN and inputs.
    for (const p of ofType(plan, T.peering)) expect(changeOf(diff, p)?.op).toBe("same");
  });

  it("points the promoted region's DALP at the promoted database", () => {
    expect(regions(flipped)[STANDBY]).toMatchObject({ role: "active", postgres: { host: outputsOf(server(flipped, STANDBY)).fullyQualifiedDomainName } });
    expect(regions(flipped)[HOME].role).toBe("cold");
  });
});

describe("azure-hot-warm: the failed region's API values, kept in the state", () => {
  const ca = (p: Plan, region: string) => only(p, T.stash, `${region}-aks-ca`);
  const key = (p: Plan, region: string) => only(p, T.stash, `${region}-cache-access-key`);
  const kubeconfigOf = (p: Plan, region: string) => inputsOf(only(p, "pulumi:providers:kubernetes", `${region}-k8s`)).kubeconfig as string;
  const redisSecret = (p: Plan, region: string) =>
    ofType(p, "kubernetes:core/v1:Secret").find((s) => rootOf(p, s) === region && JSON.stringify(inputsOf(s)).includes(String(inputsOf(key(p, region)).input)));

  it("reads the AKS CA and the cache key from each active region's API into a Stash the consumers read, the key as a secret", () => {
    for (const region of [HOME, STANDBY]) {
      expect(ca(plan, region).ignoreChanges).toEqual([]);
      expect(key(plan, region).ignoreChanges).toEqual([]);
      expect(String(inputsOf(ca(plan, region)).input)).not.toMatch(/^isolated-region/);
      expect(kubeconfigOf(plan, region)).toContain(String(inputsOf(ca(plan, region)).input));
      expect(key(plan, region).additionalSecretOutputs).toEqual(["input", "output"]);
      expect(JSON.stringify(key(plan, region).inputs.input)).toMatch(/4dabf18193072939515e22adb298388d/);
      expect(redisSecret(plan, region)).toBeDefined();
    }
  });

  it("flipped, keeps the failed region's CA and key as the state records them and never asks that region for them", () => {
    for (const [stash, name] of [[ca(flipped, HOME), `${HOME}-aks-ca`], [key(flipped, HOME), `${HOME}-cache-access-key`]] as const) {
      expect(stash.ignoreChanges).toEqual(["input"]);
      expect(inputsOf(stash).input).toBe(isolatedPlaceholder(name));
    }
    expect(flipped.invokes.filter((c) => /listManagedClusterUserCredentials|listDatabaseKeys/.test(c.token)).map((c) => JSON.stringify(c.args))).toEqual([
      expect.stringContaining(STANDBY),
      expect.stringContaining(STANDBY),
    ]);
    // The surviving region still reads its own.
    expect(ca(flipped, STANDBY).ignoreChanges).toEqual([]);
    const diff = diffAgainstState(flipped, stateOfPlan(plan));
    for (const r of [ca(flipped, HOME), key(flipped, HOME)]) expect(changeOf(diff, r)?.op).toBe("same");
    expect(changeOf(diff, only(flipped, "pulumi:providers:kubernetes", `${HOME}-k8s`))?.op).toBe("same");
  });
});

describe("azure-hot-warm: returning to the original configuration", () => {
  it("replaces nothing, but the only database change is dropping the write-only promotion, which cannot demote the server", () => {
    const back = diffAgainstState(plan, stateOfPlan(flipped));
    expect(lossesOf(back)).toEqual([]);
    expect(back.blocked).toEqual([]);
    // Azure cannot turn a standalone server back into a replica ("An existing server can't be made into a
    // replica", concepts-read-replicas): this update sends nothing that resumes replication. The return is a
    // re-seed of the former primary, which this configuration alone does not express.
    expect(changeOf(back, server(plan, STANDBY))).toMatchObject({ op: "update", keys: ["replica"] });
    expect(changeOf(back, server(plan, HOME))?.op).toBe("same");
  });
});

describe("Flexible Server replica requests the mocks refuse as Azure does", () => {
  it("refuses high availability, geo backup, an administrator and a missing source on a replica", () => {
    expect(flexibleServerCreateProblems({ createMode: "Replica", sourceServerResourceId: "/x", highAvailability: { mode: "Disabled" } })).toEqual([]);
    expect(flexibleServerCreateProblems({ createMode: "Replica", highAvailability: { mode: "ZoneRedundant" }, backup: { geoRedundantBackup: "Enabled" }, administratorLogin: "dalp" })).toEqual([
      "createMode Replica without sourceServerResourceId",
      'a replica with highAvailability.mode "ZoneRedundant"',
      "a replica with geo-redundant backup",
      "a replica with an administrator of its own",
    ]);
    expect(flexibleServerCreateProblems({ highAvailability: { mode: "ZoneRedundant" }, administratorLogin: "dalp" })).toEqual([]);
  });
});

import { ConfigError } from "../config/errors";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffResult, DiffState } from "../planner/diff";
import { flexibleServerCreateProblems } from "../planner/mocks/azure";
import type { Plan, PlannedResource } from "../planner/model";
import { STATEFUL } from "../policies/rules/types";
import { geoRestoreRegion, hotColdRegionPairs } from "../stacks/azure/regions";
import { callsInto, descendants, inputsOf, ofType, only, outputsOf, placeOf, planChanged, plannedChange, providerOf, referencePlan } from "./helpers/stacks";
import { utcSecond } from "../lib/utcSecond";

const STACK = "azure-hot-cold";
const HOME = "westeurope";
const RECOVERY = "northeurope";

const T = {
  stamp: "dalp:pattern:Stamp",
  server: "azure-native:dbforpostgresql:Server",
  database: "azure-native:dbforpostgresql:Database",
  configuration: "azure-native:dbforpostgresql:Configuration",
  lock: "azure-native:authorization:ManagementLockByScope",
  account: "azure-native:storage:StorageAccount",
  blobService: "azure-native:storage:BlobServiceProperties",
  container: "azure-native:storage:BlobContainer",
  objectReplication: "azure-native:storage:ObjectReplicationPolicy",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  privateZone: "azure-native:privatedns:PrivateZone",
  password: "random:index/randomPassword:RandomPassword",
} as const;

/** What a region holding only copies must never have: anything that runs or bills by the hour. */
const RUNNING = [
  "azure-native:network:VirtualNetwork",
  "azure-native:network:Subnet",
  "azure-native:network:NatGateway",
  "azure-native:network:PublicIPAddress",
  "azure-native:network:PrivateEndpoint",
  "azure-native:containerservice:ManagedCluster",
  "azure-native:dbforpostgresql:Server",
  "azure-native:redisenterprise:RedisEnterprise",
];

let plan: Plan;
let rebuilt: Plan;
let rebuiltDiff: DiffResult;
const rebuild = (c: Record<string, unknown>) => (c["dalp:recover"] = { region: RECOVERY });
beforeAll(async () => {
  plan = await referencePlan(STACK);
  rebuilt = await plannedChange(STACK, rebuild);
  rebuiltDiff = diffAgainstState(rebuilt, stateOfPlan(plan));
});

const inStamp = (p: Plan, region: string) => p.resources.filter((r) => r.custom && placeOf(p, r) === region);
const typesIn = (p: Plan, region: string) => [...new Set(inStamp(p, region).map((r) => r.type))].sort();
const server = (p: Plan, name: string) => only(p, T.server, `${name}-server`);
const account = (p: Plan, region: string) => only(p, T.account, `${region}-storage-account`);
const idOf = (r: PlannedResource) => outputsOf(r).id as string;
const regions = (p: Plan) => p.outputs.regions as Record<string, Record<string, any>>;
const changeOf = (d: DiffResult, r: PlannedResource) => d.changes.find((c) => c.urn === r.urn);
const errorOf = async (change: (c: Record<string, any>) => void): Promise<string> => {
  const result = await planChanged(STACK, change);
  if (result.ok) throw new Error("expected the configuration to be refused");
  expect(result.error).toBeInstanceOf(ConfigError);
  return (result.error as ConfigError).message;
};

describe("azure-hot-cold: the recovery region holds only copies", () => {
  it("builds the full stamp at home and, in the recovery region, a resource group and a storage account with its containers and nothing that runs", () => {
    const roles = Object.fromEntries(ofType(plan, T.stamp).map((s) => [s.name, inputsOf(s).role]));
    expect(roles).toEqual({ [HOME]: "active", [RECOVERY]: "recovery" });
    expect(typesIn(plan, RECOVERY)).toEqual([
      T.lock,
      "azure-native:resources:ResourceGroup",
      T.blobService,
      T.container,
      "azure-native:storage:ManagementPolicy",
      T.objectReplication,
      T.account,
      "random:index/randomId:RandomId",
    ].sort());
    for (const type of RUNNING) expect({ type, n: inStamp(plan, RECOVERY).filter((r) => r.type === type).length }).toEqual({ type, n: 0 });
    expect(ofType(plan, "pulumi:providers:kubernetes").map((p) => p.name)).toEqual([`${HOME}-k8s`]);
    for (const r of inStamp(plan, RECOVERY).filter((x) => x.type.startsWith("azure-native:"))) expect(inputsOf(providerOf(plan, r)!).location).toBe(RECOVERY);
  });

  it("keeps the recovery account zone-redundant, private, versioned and protected, with the containers replication writes into", () => {
    const a = account(plan, RECOVERY);
    // Object replication is the cross-region copy; GZRS would only copy the copies back to the home region.
    expect(inputsOf(a)).toMatchObject({ location: RECOVERY, sku: { name: "Standard_ZRS" }, publicNetworkAccess: "Disabled", allowSharedKeyAccess: false, networkRuleSet: { defaultAction: "Deny" } });
    expect(inputsOf(account(plan, HOME)).sku).toEqual({ name: "Standard_ZRS" });
    expect(a.protect).toBe(true);
    expect(ofType(plan, T.lock).filter((l) => inputsOf(l).scope === idOf(a))).toHaveLength(1);
    const containers = ofType(plan, T.container).filter((c) => placeOf(plan, c) === RECOVERY);
    expect(containers.map((c) => inputsOf(c).containerName).sort()).toEqual(["dalp-app", "dalp-backup", "dalp-backup-replica"]);
    for (const c of containers) expect(c.protect).toBe(true);
    expect(inputsOf(only(plan, T.blobService, `${RECOVERY}-storage-blob-service`))).toMatchObject({ isVersioningEnabled: true, changeFeed: { enabled: true, retentionInDays: 90 } });
    expect(regions(plan)[RECOVERY]).toMatchObject({ role: "recovery", workloads: "none", database: { kind: "backup-copy", source: HOME } });
  });

  it("needs no key there: no Key Vault anywhere, the stacks encrypt with platform-managed keys", () => {
    expect(plan.resources.filter((r) => r.type.startsWith("azure-native:keyvault:"))).toEqual([]);
    expect(inputsOf(server(plan, `${HOME}-postgres`)).dataEncryption).toBeUndefined();
  });
});

describe("azure-hot-cold: the copies", () => {
  it("copies the home server's backups to the recovery region by geo-redundant backup, on a zone-redundant primary", () => {
    expect(inputsOf(server(plan, `${HOME}-postgres`))).toMatchObject({
      location: HOME,
      backup: { geoRedundantBackup: "Enabled", backupRetentionDays: 30 },
      highAvailability: { mode: "ZoneRedundant" },
      network: { publicNetworkAccess: "Disabled" },
    });
    expect(geoRestoreRegion(HOME)).toEqual({ region: RECOVERY });
  });

  it("replicates the application objects and the backups into the recovery account, its half created first in its own stamp", () => {
    const destination = only(plan, T.objectReplication, "-objects-destination");
    const source = only(plan, T.objectReplication, "-objects-source");
    expect(placeOf(plan, destination)).toBe(RECOVERY);
    expect(placeOf(plan, source)).toBe(HOME);
    expect(inputsOf(providerOf(plan, destination)!).location).toBe(RECOVERY);
    expect(inputsOf(destination)).toMatchObject({ sourceAccount: idOf(account(plan, HOME)), destinationAccount: idOf(account(plan, RECOVERY)), objectReplicationPolicyId: "default" });
    expect(inputsOf(destination).rules.map((r: Record<string, unknown>) => [r.sourceContainer, r.destinationContainer])).toEqual([
      ["dalp-app", "dalp-app"],
      ["dalp-backup", "dalp-backup-replica"],
    ]);
    expect(inputsOf(source).objectReplicationPolicyId).toBe(outputsOf(destination).policyId);
    // The destination containers exist before either half: a rule cannot name a container that does not.
    const containers = ofType(plan, T.container).filter((c) => placeOf(plan, c) === RECOVERY && ["dalp-app", "dalp-backup-replica"].includes(inputsOf(c).containerName));
    for (const half of [destination, source]) expect(half.dependencies).toEqual(expect.arrayContaining(containers.map((c) => c.urn)));
  });

  it("refuses hot-cold without geo-redundant backup, naming the key", async () => {
    const message = await errorOf((c) => (c["dalp:postgres"].geoRedundantBackup = false));
    expect(message).toMatch(/dalp:postgres\.geoRedundantBackup: got false; expected true for hot-cold on azure: .*only be chosen when the server is created/);
  });

  it("refuses a recovery region that is not the home region's pair, naming the pair", async () => {
    const message = await errorOf((c) => (c["dalp:regions"][1] = { name: "swedencentral", zones: ["1", "2", "3"], cidr: "10.41.0.0/16" }));
    expect(message).toMatch(/dalp:regions\[1\]\.name: got "swedencentral"; expected northeurope, the paired region of westeurope: Flexible Server geo-restores/);
  });

  it("refuses a home region whose database cannot be geo-restored into a zonal pair, listing the ones that can", async () => {
    const home = (name: string) => (c: Record<string, any>) => (c["dalp:regions"][0] = { name, zones: ["1", "2", "3"], cidr: "10.40.0.0/16" });
    expect(await errorOf(home("germanywestcentral"))).toMatch(/dalp:regions\[0\]\.name: got "germanywestcentral"; .*its paired region germanynorth has no availability zones/);
    expect(await errorOf(home("italynorth"))).toMatch(/dalp:regions\[0\]\.name: got "italynorth"; .*italynorth has no paired region/);
    expect(await errorOf(home("japaneast"))).toMatch(/no zone-redundant high availability in its paired region japanwest.*westeurope \(recovery northeurope\)/);
    expect(hotColdRegionPairs()).toEqual(expect.arrayContaining([[HOME, RECOVERY], [RECOVERY, HOME], ["eastus2", "centralus"], ["japanwest", "japaneast"]]));
  });
});

describe("azure-hot-cold: the rebuild (dalp:recover)", () => {
  const restored = () => server(rebuilt, `${RECOVERY}-postgres-restored`);

  it("geo-restores the home server's latest geo-backup into a new server of the recovery region, in its own network", () => {
    const r = inputsOf(restored());
    const home = inputsOf(server(rebuilt, `${HOME}-postgres`));
    expect(r).toMatchObject({
      createMode: "GeoRestore",
      sourceServerResourceId: idOf(server(rebuilt, `${HOME}-postgres`)),
      location: RECOVERY,
      sku: home.sku,
      version: home.version,
      availabilityZone: "1",
      network: { publicNetworkAccess: "Disabled", privateDnsZoneArmResourceId: idOf(only(rebuilt, T.privateZone, `${RECOVERY}-dns-postgres`)) },
      // Restored single; its paired region, the failed home, cannot take geo-backups while it is down.
      highAvailability: { mode: "Disabled" },
      backup: { backupRetentionDays: 30, geoRedundantBackup: "Disabled" },
      storage: { storageSizeGB: 128, autoGrow: "Enabled" },
    });
    expect(r.network.delegatedSubnetResourceId).toMatch(new RegExp(`/resourceGroups/${RECOVERY}-rg[^/]*/.*/subnets/postgres$`));
    // The latest: the time of the run, which Azure replaces by the last geo-backup it holds.
    expect(Math.abs(Date.parse(r.pointInTimeUTC) - Date.now())).toBeLessThan(10 * 60 * 1000);
    expect(r.pointInTimeUTC).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(flexibleServerCreateProblems(r)).toEqual([]);
  });

  it("takes the source's administrator and data: no login, password or database of its own, and DALP keeps the deployment's password", () => {
    const r = inputsOf(restored());
    expect(r.administratorLogin).toBeUndefined();
    expect(r.administratorLoginPassword).toBeUndefined();
    const component = rebuilt.resources.find((x) => !x.custom && x.name === `${RECOVERY}-postgres-restored`)!;
    expect(descendants(rebuilt, component).filter((x) => x.type === T.database)).toEqual([]);
    // The home server was created with the deployment's password, which the restore carries over.
    const password = outputsOf(only(rebuilt, T.password, "postgres-password")).result as string;
    expect(inputsOf(server(rebuilt, `${HOME}-postgres`)).administratorLoginPassword).toBe(password);
    const secrets = ofType(rebuilt, "kubernetes:core/v1:Secret").filter((s) => placeOf(rebuilt, s) === RECOVERY && JSON.stringify(inputsOf(s)).includes(password));
    expect(secrets.length).toBeGreaterThan(0);
    expect(JSON.stringify(secrets.map(inputsOf))).toContain(outputsOf(restored()).fullyQualifiedDomainName);
    expect(regions(rebuilt)[RECOVERY]).toMatchObject({ role: "active", postgres: { host: outputsOf(restored()).fullyQualifiedDomainName } });
  });

  it("protects it as a primary: protect, a CanNotDelete lock, TLS enforced, the maintenance window", () => {
    const s = restored();
    expect(s.protect).toBe(true);
    expect(ofType(rebuilt, T.lock).filter((l) => inputsOf(l).scope === idOf(s)).map((l) => l.protect)).toEqual([true]);
    const settings = ofType(rebuilt, T.configuration).filter((c) => inputsOf(c).serverName === outputsOf(s).name);
    expect(settings.map((c) => [inputsOf(c).configurationName, inputsOf(c).value]).sort()).toEqual([
      ["require_secure_transport", "on"],
      ["ssl_min_protocol_version", "TLSv1.2"],
    ]);
    expect(inputsOf(s).maintenanceWindow).toEqual(inputsOf(server(rebuilt, `${HOME}-postgres`)).maintenanceWindow);
  });

  it("reads its restore inputs once: ignored afterwards, so a later run or edit never replaces it; a long create", () => {
    const s = restored();
    expect(s.ignoreChanges).toEqual(expect.arrayContaining(["createMode", "sourceServerResourceId", "pointInTimeUTC", "highAvailability", "availabilityZone", "storage.storageSizeGB"]));
    expect(s.customTimeouts).toEqual({ create: "12h" });
    const state = stateOfPlan(rebuilt);
    const later: DiffState = {
      ...state,
      resources: state.resources.map((r) =>
        r.urn === s.urn ? { ...r, inputs: { ...r.inputs, pointInTimeUTC: "2026-11-01T00:00:00Z", sourceServerResourceId: `${String(r.inputs.sourceServerResourceId)}-recorded` } } : r,
      ),
    };
    const again = diffAgainstState(rebuilt, later);
    expect(changeOf(again, s)?.op).toBe("same");
    expect(again.blocked).toEqual([]);
  });

  it("is a new resource: its URN and name are nobody's in the home region", () => {
    const s = restored();
    expect(s.urn).not.toBe(server(rebuilt, `${HOME}-postgres`).urn);
    expect(s.urn).toContain(`::${RECOVERY}-postgres-restored-server`);
    expect(plan.resources.some((r) => r.urn === s.urn)).toBe(false);
    expect(changeOf(rebuiltDiff, s)?.op).toBe("create");
  });

  it("keeps every copy where it landed, same URN and inputs, and adds the account's private endpoint beside it", () => {
    const vault = inStamp(plan, RECOVERY).filter((r) => r.type !== T.objectReplication);
    expect(vault.length).toBeGreaterThan(0);
    for (const r of vault) expect({ urn: r.urn, op: changeOf(rebuiltDiff, r)?.op }).toEqual({ urn: r.urn, op: "same" });
    const endpoint = only(rebuilt, T.privateEndpoint, `${RECOVERY}-storage-private-endpoint`);
    expect(inputsOf(endpoint).privateLinkServiceConnections[0]).toMatchObject({ privateLinkServiceId: idOf(account(rebuilt, RECOVERY)), groupIds: ["blob"] });
    expect(changeOf(rebuiltDiff, endpoint)?.op).toBe("create");
  });

  it("replaces nothing, deletes nothing stateful, in the recovery region only the replication policy, and creates only there or globally", () => {
    expect(rebuiltDiff.changes.filter((c) => c.op === "replace")).toEqual([]);
    expect(rebuiltDiff.blocked).toEqual([]);
    const deleted = rebuiltDiff.changes.filter((c) => c.op === "delete");
    expect(deleted.filter((c) => STATEFUL.includes(c.type as (typeof STATEFUL)[number]))).toEqual([]);
    const placed = (urn: string) => placeOf(plan, plan.resources.find((r) => r.urn === urn)!);
    // Deleting the recovery half needs only the recovery region and makes its containers writable for the
    // rebuilt DALP. What goes at home (the source half, the isolated DALP's disruption budgets) waits for the run
    // that finds the home region up again: the rebuild's targeted update leaves that stamp alone.
    expect(deleted.filter((c) => placed(c.urn) === RECOVERY).map((c) => c.urn)).toEqual([only(plan, T.objectReplication, "-objects-destination").urn]);
    expect(deleted.filter((c) => placed(c.urn) !== RECOVERY).every((c) => placed(c.urn) === HOME)).toBe(true);
    const created = rebuiltDiff.changes.filter((c) => c.op === "create").map((c) => rebuilt.resources.find((r) => r.urn === c.urn)!);
    expect(created.filter((r) => r.custom && ![RECOVERY, "global"].includes(placeOf(rebuilt, r) ?? "root")).map((r) => r.urn)).toEqual([]);
    expect(created.some((r) => r.type === "azure-native:containerservice:ManagedCluster")).toBe(true);
  });

  it("asks nothing of the failed home region: every call goes to the recovery region", () => {
    expect(callsInto(rebuilt, HOME)).toEqual([]);
    expect(callsInto(rebuilt, RECOVERY).length).toBeGreaterThan(0);
  });

  it("refuses a point in time: geo-restore restores only the latest geo-backup", async () => {
    const at = utcSecond(Date.now() - 60 * 60 * 1000);
    const message = await errorOf((c) => {
      rebuild(c);
      c["dalp:recover"] = { region: RECOVERY, pointInTime: at };
    });
    expect(message).toMatch(new RegExp(`dalp:recover\\.pointInTime: got "${at}"; expected not set on azure: geo-restore restores the latest data copied to the paired region.*PITR of geo-redundant backups isn't available`));
  });
});

describe("Flexible Server geo-restore requests the mocks refuse as Azure does", () => {
  it("needs a source and a time, and takes no HA, geo backup or administrator of its own", () => {
    const ok = { createMode: "GeoRestore", sourceServerResourceId: "/x", pointInTimeUTC: "2026-12-01T00:00:00Z", highAvailability: { mode: "Disabled" }, backup: { geoRedundantBackup: "Disabled" } };
    expect(flexibleServerCreateProblems(ok)).toEqual([]);
    expect(
      flexibleServerCreateProblems({ createMode: "GeoRestore", highAvailability: { mode: "ZoneRedundant" }, backup: { geoRedundantBackup: "Enabled" }, administratorLoginPassword: "x" }),
    ).toEqual([
      "createMode GeoRestore without sourceServerResourceId",
      "createMode GeoRestore without an ISO 8601 pointInTimeUTC",
      'a geo-restore with highAvailability.mode "ZoneRedundant"',
      "a geo-restore with geo-redundant backup",
      "a geo-restore with an administrator of its own (it has the source's)",
    ]);
  });
});

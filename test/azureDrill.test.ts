import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { BUILT_IN_ROLES } from "../components/azure/roles";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { DiffState } from "../planner/diff";
import { rulesFor } from "../planner/diff/rules";
import { flexibleServerCreateProblems, PLANNED_AZURE } from "../planner/mocks/azure";
import type { Plan, PlannedResource } from "../planner/model";
import { RULES } from "../policies/rules";
import { AZURE_DEFAULTS } from "../stacks/azure/defaults";
import { drillCacheName } from "../stacks/azure/names";
import { anHourAgo, drillOf, inDrillOf, oneInDrill } from "./helpers/drill";
import { inputsOf, ofType, only, outputsOf, plannedChange, referencePlan } from "./helpers/stacks";

const STACK = "azure-cloud-native";
const REGION = "westeurope";
const DRILL_NAMESPACE = "dalp-drill";

const T = {
  server: "azure-native:dbforpostgresql:Server",
  database: "azure-native:dbforpostgresql:Database",
  configuration: "azure-native:dbforpostgresql:Configuration",
  lock: "azure-native:authorization:ManagementLockByScope",
  cache: "azure-native:redisenterprise:RedisEnterprise",
  cacheDatabase: "azure-native:redisenterprise:Database",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  federation: "azure-native:managedidentity:FederatedIdentityCredential",
  grant: "azure-native:authorization:RoleAssignment",
  account: "azure-native:storage:StorageAccount",
  container: "azure-native:storage:BlobContainer",
  subnet: "azure-native:network:Subnet",
  privateZone: "azure-native:privatedns:PrivateZone",
  cluster: "azure-native:containerservice:ManagedCluster",
  password: "random:index/randomPassword:RandomPassword",
} as const;

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
/** The region's own resource of a type (optionally whose name ends with `suffix`), outside the drill. */
const production = (p: Plan, type: string, suffix = "") => {
  const drilled = new Set(inDrill(p).map((r) => r.urn));
  const found = ofType(p, type).filter((r) => !drilled.has(r.urn) && r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one production ${type} named *${suffix}, found ${found.length}`);
  return found[0];
};
const idOf = (r: PlannedResource) => outputsOf(r).id as string;
const secretIn = (p: Plan, name: string) => {
  const found = inDrill(p).filter((r) => r.type === "kubernetes:core/v1:Secret" && inputsOf(r).metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one drill Secret ${name}, found ${found.length}`);
  return inputsOf(found[0]).stringData as Record<string, string>;
};

describe("azure-cloud-native with dalp:drill.enabled: everything of the drill under its component", () => {
  it("builds the drill under the active region's stamp: a restored server, a cache, an identity, and nothing else of Azure", () => {
    const d = drill(latest);
    expect(d.name).toBe(`${REGION}-drill`);
    expect(d.parent).toBe(only(latest, "dalp:pattern:Stamp").urn);
    expect(inputsOf(d)).toMatchObject({ region: REGION, namespace: DRILL_NAMESPACE });
    const azure = inDrill(latest).filter((r) => r.custom && r.type.startsWith("azure-native:")).map((r) => r.type).sort();
    expect(azure).toEqual(
      [
        T.server,
        T.configuration,
        T.configuration,
        T.cache,
        T.cacheDatabase,
        T.privateEndpoint,
        "azure-native:network:PrivateDnsZoneGroup",
        T.identity,
        T.federation,
        T.grant,
      ].sort(),
    );
    for (const r of inDrill(latest).filter((x) => x.type.startsWith("azure-native:"))) expect(inputsOf(r).location ?? REGION).toBe(REGION);
  });

  it("turning it on creates only below the drill's component and changes nothing of production", () => {
    const diff = diffAgainstState(latest, stateOfPlan(off));
    const drilled = new Set([drill(latest).urn, ...inDrill(latest).map((r) => r.urn)]);
    expect(diff.changes.filter((c) => c.op === "create" && !drilled.has(c.urn)).map((c) => c.urn)).toEqual([]);
    expect(diff.changes.filter((c) => c.op !== "same" && c.op !== "create" && !c.urn.includes("dalp:pattern:Global")).map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    expect(diff.blocked).toEqual([]);
  });

  it("turning it off deletes exactly the drill, and nothing the drill holds is protected or locked", () => {
    const diff = diffAgainstState(off, stateOfPlan(latest));
    const drilled = new Set([drill(latest).urn, ...inDrill(latest).map((r) => r.urn)]);
    expect(diff.changes.filter((c) => c.op === "delete").map((c) => c.urn).sort()).toEqual([...drilled].sort());
    expect(diff.blocked).toEqual([]);
    expect(inDrill(latest).filter((r) => r.protect).map((r) => r.urn)).toEqual([]);
    expect(inDrill(latest).filter((r) => r.type === T.lock)).toEqual([]);
  });
});

describe("the drill's database: a point-in-time restore of the region's server", () => {
  let restored: PlannedResource;
  let source: PlannedResource;
  beforeAll(() => {
    restored = oneInDrill(latest, T.server);
    source = production(latest, T.server);
  });

  it("restores the region's server in its region, delegated subnet and private DNS zone, to the time of the run", () => {
    const r = inputsOf(restored);
    expect(r).toMatchObject({
      createMode: "PointInTimeRestore",
      sourceServerResourceId: idOf(source),
      location: REGION,
      version: inputsOf(source).version,
      sku: inputsOf(source).sku,
      storage: { storageSizeGB: inputsOf(source).storage.storageSizeGB, autoGrow: "Enabled" },
      availabilityZone: "1",
      network: {
        delegatedSubnetResourceId: inputsOf(source).network.delegatedSubnetResourceId,
        privateDnsZoneArmResourceId: idOf(only(latest, T.privateZone, `${REGION}-dns-postgres`)),
        publicNetworkAccess: "Disabled",
      },
    });
    expect(r.network.delegatedSubnetResourceId).toMatch(/\/subnets\/postgres$/);
    // The latest: the time of this run, which Azure recovers to the last transaction archived by then.
    expect(r.pointInTimeUTC).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(r.pointInTimeUTC) - Date.now())).toBeLessThan(10 * 60 * 1000);
    expect(flexibleServerCreateProblems(r)).toEqual([]);
    expect(inputsOf(drill(latest)).pointInTime).toBeUndefined();
  });

  it("restores to dalp:drill.pointInTime when it is set", () => {
    const r = inputsOf(oneInDrill(atTime, T.server));
    expect(r).toMatchObject({ createMode: "PointInTimeRestore", sourceServerResourceId: idOf(production(atTime, T.server)), pointInTimeUTC: AN_HOUR_AGO });
    expect(inputsOf(drill(atTime)).pointInTime).toBe(AN_HOUR_AGO);
  });

  it("is single, without geo-redundant backup, and takes production's administrator: no login, password or database of its own", () => {
    const r = inputsOf(restored);
    expect(r.highAvailability).toMatchObject({ mode: "Disabled" });
    expect(r.backup).toEqual({ backupRetentionDays: inputsOf(source).backup.backupRetentionDays, geoRedundantBackup: "Disabled" });
    expect(r.administratorLogin).toBeUndefined();
    expect(r.administratorLoginPassword).toBeUndefined();
    expect(inDrill(latest).filter((x) => x.type === T.database)).toEqual([]);
  });

  it("is not protected and has no deletion protection: no protect, no CanNotDelete lock on it", () => {
    expect(restored.protect).toBe(false);
    expect(ofType(latest, T.lock).filter((l) => inputsOf(l).scope === idOf(restored))).toEqual([]);
    // Production's server keeps both.
    expect(source.protect).toBe(true);
    expect(ofType(latest, T.lock).filter((l) => inputsOf(l).scope === idOf(source))).toHaveLength(1);
  });

  it("enforces TLS as production does: a restore does not carry server parameters over", () => {
    const settings = ofType(latest, T.configuration).filter((c) => inputsOf(c).serverName === outputsOf(restored).name);
    expect(settings.map((c) => [inputsOf(c).configurationName, inputsOf(c).value]).sort()).toEqual([
      ["require_secure_transport", "on"],
      ["ssl_min_protocol_version", "TLSv1.2"],
    ]);
  });

  it("reads its restore inputs once: ignored afterwards, so a later run or an edit of the point in time never replaces it; a long create", () => {
    expect(restored.ignoreChanges).toEqual(expect.arrayContaining(["createMode", "sourceServerResourceId", "pointInTimeUTC", "highAvailability", "availabilityZone", "storage.storageSizeGB"]));
    expect(restored.customTimeouts).toEqual({ create: "12h" });
    const state = stateOfPlan(latest);
    const earlier: DiffState = {
      ...state,
      resources: state.resources.map((r) => (r.urn === restored.urn ? { ...r, inputs: { ...r.inputs, pointInTimeUTC: "2026-11-01T00:00:00Z" } } : r)),
    };
    const later = diffAgainstState(atTime, earlier);
    expect(later.changes.find((c) => c.urn === restored.urn)?.op).toBe("same");
    expect(later.blocked).toEqual([]);
  });

  it("has a name and a URN of its own, apart from production's", () => {
    expect(restored.urn).toMatch(new RegExp(`::${REGION}-drill-postgres-server$`));
    expect(outputsOf(restored).name).toMatch(new RegExp(`^${REGION}-drill-postgres-server`));
    expect(outputsOf(restored).name).not.toBe(outputsOf(source).name);
    expect(off.resources.map((r) => r.urn)).not.toContain(restored.urn);
  });

  it("is what the drill's DALP connects to, with the deployment's password", () => {
    const pg = secretIn(latest, "dalp-postgresql");
    const password = outputsOf(only(latest, T.password, "postgres-password")).result as string;
    expect(inputsOf(source).administratorLoginPassword).toBe(password);
    expect(pg).toMatchObject({ host: outputsOf(restored).fullyQualifiedDomainName, username: inputsOf(source).administratorLogin, password, sslmode: "require" });
    expect(pg.host).not.toBe(outputsOf(source).fullyQualifiedDomainName);
  });
});

describe("the drill's cache: its own Azure Managed Redis, the smallest, one node, TLS and an access key", () => {
  let cache: PlannedResource;
  beforeAll(() => {
    cache = oneInDrill(latest, T.cache);
  });

  it("is Balanced_B0 without high availability, TLS 1.2 only, private, and neither protected nor locked", () => {
    expect(inputsOf(cache)).toMatchObject({ sku: { name: AZURE_DEFAULTS.drillCacheSku }, highAvailability: "Disabled", minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", location: REGION });
    expect(AZURE_DEFAULTS.drillCacheSku).toBe("Balanced_B0");
    expect(cache.protect).toBe(false);
    expect(ofType(latest, T.lock).filter((l) => inputsOf(l).scope === idOf(cache))).toEqual([]);
    const db = oneInDrill(latest, T.cacheDatabase);
    expect(inputsOf(db)).toMatchObject({ clientProtocol: "Encrypted", accessKeysAuthentication: "Enabled", port: 10000 });
    expect(inputsOf(db).persistence).toBeUndefined();
    expect(db.protect).toBe(false);
    const endpoint = oneInDrill(latest, T.privateEndpoint);
    expect(inputsOf(endpoint).subnet.id).toBe(inputsOf(production(latest, T.privateEndpoint, "-cache-private-endpoint")).subnet.id);
    expect(inputsOf(endpoint).privateLinkServiceConnections[0]).toMatchObject({ privateLinkServiceId: idOf(cache), groupIds: ["redisEnterprise"] });
  });

  it("is named apart from production's, short enough for any region, and is what the drill's DALP uses", () => {
    const name = drillCacheName(PLANNED_AZURE.subscriptionId, "dalp-ha", STACK, REGION);
    // A random part of its own per drill: Azure may hold a deleted cache's name for a while.
    expect(inputsOf(cache).clusterName).toMatch(new RegExp(`^${name}-[a-z0-9]{6}$`));
    expect(name.length + 7).toBeLessThan(45);
    expect(drillCacheName(PLANNED_AZURE.subscriptionId, "dalp-ha", "a-stack-name-much-longer-than-any-reference-stack", "germanywestcentral").length + 7).toBeLessThan(45);
    const prod = production(latest, T.cache);
    expect(outputsOf(cache).name).not.toBe(outputsOf(prod).name);
    const redis = secretIn(latest, "dalp-redis");
    expect(JSON.stringify(redis)).toContain(outputsOf(cache).hostName);
    expect(JSON.stringify(redis)).not.toContain(outputsOf(prod).hostName);
  });
});

describe("the drill's identity: reads the application container, nothing else", () => {
  it("federates the drill namespace's dalp service account with the cluster's issuer", () => {
    const federation = oneInDrill(latest, T.federation);
    expect(inputsOf(federation)).toMatchObject({
      subject: `system:serviceaccount:${DRILL_NAMESPACE}:dalp`,
      issuer: outputsOf(only(latest, T.cluster)).oidcIssuerProfile.issuerURL,
      audiences: ["api://AzureADTokenExchange"],
    });
    const sa = inDrill(latest).find((r) => r.type === "kubernetes:core/v1:ServiceAccount")!;
    expect(inputsOf(sa).metadata).toMatchObject({ name: "dalp", namespace: DRILL_NAMESPACE, annotations: { "azure.workload.identity/client-id": outputsOf(oneInDrill(latest, T.identity)).clientId } });
  });

  it("holds one grant: Storage Blob Data Reader, held to the application container, and not on the locked account", () => {
    const grants = inDrill(latest).filter((r) => r.type === T.grant).map(inputsOf);
    expect(grants).toHaveLength(1);
    const [grant] = grants;
    const accountRes = production(latest, T.account);
    const app = production(latest, T.container, "-storage-dalp-app");
    expect(grant.roleDefinitionId).toBe(`/subscriptions/${PLANNED_AZURE.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES.storageBlobDataReader}`);
    expect(grant.principalId).toBe(outputsOf(oneInDrill(latest, T.identity)).principalId);
    // The account's resource group: the account and its containers are under its CanNotDelete lock, which would
    // refuse to delete the grant when the drill is turned off.
    expect(grant.scope).toBe(idOf(accountRes).replace(/\/providers\/.*$/, ""));
    expect(ofType(latest, T.lock).filter((l) => grant.scope.toLowerCase().startsWith(String(inputsOf(l).scope).toLowerCase()))).toEqual([]);
    expect(ofType(latest, T.lock).filter((l) => inputsOf(l).scope === idOf(accountRes))).toHaveLength(1);
    expect(grant.conditionVersion).toBe("2.0");
    expect(grant.condition).toBe(
      `((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts:name] StringEquals '${outputsOf(accountRes).name}' AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals '${inputsOf(app).containerName}'))`,
    );
    expect(grant.condition).not.toContain("dalp-backup");
    // No write, delete or delegation role of the production identity's.
    expect([BUILT_IN_ROLES.storageBlobDataContributor, BUILT_IN_ROLES.storageBlobDelegator].some((role) => grant.roleDefinitionId.endsWith(role))).toBe(false);
  });

  it("leaves production's application identity as it was: read-write on the container", () => {
    const prodGrants = ofType(latest, T.grant).filter((g) => g.name.startsWith(`${REGION}-app-identity-grant-`)).map(inputsOf);
    expect(prodGrants.map((g) => g.roleDefinitionId.split("/").pop()).sort()).toEqual([BUILT_IN_ROLES.storageBlobDataContributor, BUILT_IN_ROLES.storageBlobDelegator].sort());
  });
});

describe("dalp-ha check with the drill on", () => {
  it("finds no mandatory violation", async () => {
    for (const plan of [latest, atTime]) {
      const result = await runRules(fromPlan(plan, STACK), RULES);
      expect(result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    }
  });
});

describe("Flexible Server point-in-time restores and cache changes the mocks and diff refuse as Azure does", () => {
  it("needs a source and a time not in the future, and takes no HA or administrator of its own", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    const ok = { createMode: "PointInTimeRestore", sourceServerResourceId: "/x", pointInTimeUTC: "2026-12-01T11:00:00Z", highAvailability: { mode: "Disabled" } };
    expect(flexibleServerCreateProblems(ok, now)).toEqual([]);
    expect(flexibleServerCreateProblems({ ...ok, pointInTimeUTC: "2026-12-01T12:30:00Z" }, now)).toEqual(["a point-in-time restore to 2026-12-01T12:30:00Z, which is in the future"]);
    expect(flexibleServerCreateProblems({ createMode: "PointInTimeRestore", highAvailability: { mode: "ZoneRedundant" }, administratorLogin: "dalp" }, now)).toEqual([
      "createMode PointInTimeRestore without sourceServerResourceId",
      "createMode PointInTimeRestore without an ISO 8601 pointInTimeUTC",
      'a point-in-time restore with highAvailability.mode "ZoneRedundant"',
      "a point-in-time restore with an administrator of its own (it has the source's)",
    ]);
  });

  it("a cache's high availability goes on in place, never off", () => {
    const rule = rulesFor(T.cache, {}, {}).find((r) => r.path === "highAvailability")!;
    const change = (old: unknown, next: unknown) => rule.when!({ old, new: next, newInputs: {}, oldInputs: {}, oldOutputs: {}, providerInputs: {} });
    expect(rule.effect).toBe("refused");
    expect(change("Enabled", "Disabled")).toBe(true);
    expect(change(undefined, "Disabled")).toBe(true);
    expect(change("Disabled", "Enabled")).toBe(false);
  });
});

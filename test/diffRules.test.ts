import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { diffAgainstState, type DiffState } from "../planner/diff";
import { differences } from "../planner/diff/compare";
import type { ResourceChange } from "../planner/diff/diff";
import { formatPropertyPath, matchPath, parsePropertyPath, PropertyPathError, resetPath } from "../planner/diff/propertyPath";
import { azureApiVersionOf, looksAutoNamed } from "../planner/diff/providerCheck";
import { hasTypeRules, rulesFor, TYPE_RULES, unreadOf } from "../planner/diff/rules";
import { AZURE_NATIVE_NOT_READ } from "../planner/diff/rules/azureNative";
import { createUrn, parseUrn } from "../planner/diff/urn";
import { secretValue, type Plan, type PlannedResource } from "../planner/model";
import { STATEFUL } from "../policies/rules/types";

describe("property paths, as ignoreChanges spells them", () => {
  it.each([
    ["a.b", ["a", "b"]],
    ["a[0]", ["a", 0]],
    ["a[*].count", ["a", "*", "count"]],
    ['a["k.with.dots"]', ["a", "k.with.dots"]],
    ['["root key"].nested', ["root key"].concat("nested")],
    ['metadata.annotations["pulumi.com/autonamed"]', ["metadata", "annotations", "pulumi.com/autonamed"]],
    ['a["say \\"hi\\""]', ["a", 'say "hi"']],
  ])("%s", (text, parsed) => {
    expect(parsePropertyPath(text)).toEqual(parsed);
    expect(parsePropertyPath(formatPropertyPath(parsePropertyPath(text)))).toEqual(parsed);
  });

  it.each([".a", "a.", "a[", 'a["x', "a[x]"])("refuses %s", (text) => {
    expect(() => parsePropertyPath(text)).toThrow(PropertyPathError);
  });

  it("resets a path to the old value, as the engine does before the provider sees the inputs", () => {
    const oldInputs = { storage: { storageSizeGB: 256, tier: "P15" }, zones: ["1", "2"], pools: [{ count: 5 }, { count: 7 }] };
    const next = { storage: { storageSizeGB: 128, tier: "P10" }, zones: ["1", "3"], pools: [{ count: 1 }, { count: 1 }] };
    expect(resetPath(parsePropertyPath("storage.storageSizeGB"), oldInputs, next)).toBe(true);
    expect(resetPath(parsePropertyPath("zones[1]"), oldInputs, next)).toBe(true);
    expect(resetPath(parsePropertyPath("pools[*].count"), oldInputs, next)).toBe(true);
    expect(next).toEqual({ storage: { storageSizeGB: 256, tier: "P10" }, zones: ["1", "2"], pools: [{ count: 5 }, { count: 7 }] });
  });

  it("removes a path the old inputs lack, and reports a path into an element that was added", () => {
    const next: Record<string, unknown> = { tags: { a: "1" }, pools: [{ count: 1 }, { count: 2 }] };
    expect(resetPath(parsePropertyPath("tags"), {}, next)).toBe(true);
    expect(next.tags).toBeUndefined();
    expect(resetPath(parsePropertyPath("pools[1].count"), { pools: [{ count: 1 }] }, next)).toBe(false);
  });

  it("reaches inside secrets", () => {
    const next = { settings: secretValue({ password: "new", size: 1 }) };
    expect(resetPath(parsePropertyPath("settings.size"), { settings: { password: "old", size: 9 } }, next)).toBe(true);
    expect((next.settings as { value: { size: number } }).value.size).toBe(9);
  });

  it("expands wildcards to the concrete paths they meet", () => {
    expect(matchPath({ a: [{ b: 1 }, { b: 2 }] }, parsePropertyPath("a[*].b")).map((m) => formatPropertyPath(m.path))).toEqual(["a[0].b", "a[1].b"]);
  });
});

describe("comparing new inputs with a state", () => {
  const bridged = { against: "outputs" as const, scalarArraysAsSets: true };
  const azure = { against: "inputs" as const, scalarArraysAsSets: false };

  it("a bridged provider compares with the old outputs and ignores what only the outputs hold", () => {
    expect(differences({ size: 100 }, { size: 100 }, { size: 150, arn: "x" }, bridged).paths).toEqual([["size"]]);
    expect(differences({ size: 100 }, { size: 100 }, { size: 100, arn: "x" }, bridged).paths).toEqual([]);
  });

  it("azure-native compares with the old inputs", () => {
    expect(differences({ size: 100 }, { size: 100 }, { size: 150 }, azure).paths).toEqual([]);
  });

  it("a key the old inputs held and the new ones drop is a change", () => {
    expect(differences({}, { tags: { a: "1" } }, { tags: { a: "1" } }, bridged).paths).toEqual([["tags"]]);
  });

  it("Terraform sets compare without order; Kubernetes and azure-native lists keep it", () => {
    expect(differences({ ids: ["b", "a"] }, { ids: ["a", "b"] }, { ids: ["a", "b"] }, bridged).paths).toEqual([]);
    expect(differences({ ids: ["b", "a"] }, { ids: ["a", "b"] }, {}, azure).paths).toEqual([["ids", 0], ["ids", 1]]);
  });

  it("two spellings of one JSON document are the same value", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] });
    const normalised = '{"Statement":[{"Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}';
    expect(differences({ policy }, { policy: normalised }, { policy: normalised }, bridged).paths).toEqual([]);
    expect(differences({ policy }, { policy: normalised.replace("GetObject", "PutObject") }, {}, bridged).paths).toEqual([["policy"]]);
  });

  it("does not compare secrets it cannot read, and counts them", () => {
    const found = differences({ password: secretValue("p") }, { password: "[secret: encrypted in the state file]" }, {}, azure);
    expect(found).toEqual({ paths: [], secretsSkipped: 1 });
  });
});

describe("auto-names", () => {
  it.each([
    ["eu-central-1-app-bucket-1a2b3c4", "eu-central-1-app-bucket", true],
    ["westeurope-postgres-server05ee1d39", "westeurope-postgres-server", true],
    ["dalp-aws-cloud-native-eu-central-1-postgres", "eu-central-1-postgres-db", false],
    ["eu-central-1-app-bucket", "eu-central-1-app-bucket", false],
  ])("%s of %s: %s", (value, name, expected) => {
    expect(looksAutoNamed(value, name)).toBe(expected);
  });
});

describe("URNs", () => {
  it("forms a child's URN from the parent's qualified type, without the root stack", () => {
    const stack = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
    const component = createUrn("db", "dalp:aws:RdsPostgres", stack, "p", "s");
    expect(component).toBe("urn:pulumi:s::p::dalp:aws:RdsPostgres::db");
    expect(createUrn("db-instance", "aws:rds/instance:Instance", component, "p", "s")).toBe("urn:pulumi:s::p::dalp:aws:RdsPostgres$aws:rds/instance:Instance::db-instance");
    expect(parseUrn("urn:pulumi:s::p::a:b:C$d:e:F::name::with::colons")).toMatchObject({ type: "d:e:F", name: "name::with::colons" });
  });
});

/** The .d.ts and `Args` interface of a resource type token, in the installed provider SDK. */
function sdkArgs(type: string): { file: string; args: string } | undefined {
  const root = path.join(__dirname, "..", "node_modules", "@pulumi");
  const [pkg, module, name] = type.split(":");
  const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);
  let file: string;
  if (pkg === "azure-native") file = path.join(root, pkg, module, `${lowerFirst(name)}.d.ts`);
  else if (pkg === "kubernetes") {
    const [group, version] = module.split("/");
    const dir = { core: "core", "storage.k8s.io": "storage", "helm.sh": "helm", "rbac.authorization.k8s.io": "rbac" }[group] ?? group;
    file = path.join(root, pkg, dir, version, `${lowerFirst(name)}.d.ts`);
  } else {
    const [mod, base] = module.split("/");
    file = mod === "index" ? path.join(root, pkg, `${base}.d.ts`) : path.join(root, pkg, mod, `${base}.d.ts`);
  }
  return fs.existsSync(file) ? { file, args: `${name}Args` } : undefined;
}

describe("the replace-forcing tables", () => {
  it("cover every stateful type, or say which are not read yet", () => {
    const missing = STATEFUL.filter((type) => !hasTypeRules(type) && !AZURE_NATIVE_NOT_READ[type]);
    expect(missing).toEqual([]);
  });

  it("cite a source and the date it was read for every rule", () => {
    const undated = TYPE_RULES.flatMap((t) => t.rules.filter((r) => !/read \d{4}-\d{2}-\d{2}/.test(r.source)).map((r) => `${t.type} ${r.path}`));
    expect(undated).toEqual([]);
  });

  it("name properties that exist in the installed provider SDKs", () => {
    const withSdk = TYPE_RULES.map((t) => ({ ...t, sdk: sdkArgs(t.type) }));
    const crds = withSdk.filter((t) => !t.sdk).map((t) => t.type);
    expect(crds).toEqual(["kubernetes:postgresql.cnpg.io/v1:Cluster"]);

    const program = ts.createProgram(
      withSdk.flatMap((t) => (t.sdk ? [t.sdk.file] : [])),
      { noEmit: true, skipLibCheck: true, types: [] },
    );
    const checker = program.getTypeChecker();
    const unwrap = (type: ts.Type): ts.Type => {
      const t = checker.getNonNullableType(type);
      if (!t.isUnion()) return t;
      const plain = t.types.filter((p) => !["Promise", "OutputInstance", "Output"].includes(p.getSymbol()?.getName() ?? ""));
      return plain.find((p) => checker.isArrayType(p) || p.getProperties().length > 0) ?? plain[0] ?? t;
    };
    const resolves = (root: ts.Type, rulePath: string) => {
      let t: ts.Type | undefined = root;
      for (const segment of parsePropertyPath(rulePath)) {
        if (!t) return false;
        t = unwrap(t);
        if (segment === "*" || typeof segment === "number") {
          if (checker.isArrayType(t)) t = checker.getTypeArguments(t as ts.TypeReference)[0];
          else if (!checker.getIndexInfosOfType(t).length) return false;
          continue;
        }
        // A map (`{[key: string]: ...}`) accepts any key.
        const property = t.getProperty(segment);
        if (!property) return checker.getIndexInfosOfType(t).length > 0;
        t = checker.getTypeOfSymbol(property);
      }
      return true;
    };
    const unknown: string[] = [];
    for (const t of withSdk) {
      if (!t.sdk) continue;
      const source = program.getSourceFile(t.sdk.file) as ts.SourceFile;
      const symbol = checker.getSymbolAtLocation(source)?.exports?.get(t.sdk.args as ts.__String);
      if (!symbol) {
        unknown.push(`${t.type}: no ${t.sdk.args} in ${t.sdk.file}`);
        continue;
      }
      const args = checker.getDeclaredTypeOfSymbol(symbol);
      for (const rule of t.rules) if (!resolves(args, rule.path)) unknown.push(`${t.type} ${rule.path}`);
    }
    expect(unknown).toEqual([]);
  });

  it("add location and the ARM path parameters to every azure-native resource", () => {
    const rules = rulesFor(
      "azure-native:dbforpostgresql:Database",
      { resourceGroupName: "rg1", serverName: "srv1", databaseName: "dalp", charset: "UTF8" },
      { id: "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.DBforPostgreSQL/flexibleServers/srv1/databases/dalp" },
    );
    expect(rules.filter((r) => r.effect === "replace").map((r) => r.path).sort()).toEqual(["databaseName", "location", "resourceGroupName", "serverName"]);
  });
});

/** One resource diffed through the whole pipeline (provider check, comparison, rules) against one old record. */
function diffOne(type: string, next: Record<string, unknown>, old: { inputs: Record<string, unknown>; outputs?: Record<string, unknown> }): ResourceChange {
  const urn = `urn:pulumi:s::p::${type}::r`;
  const planned: PlannedResource = {
    urn,
    type,
    name: "r",
    custom: true,
    id: "r-id",
    protect: true,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: {},
    additionalSecretOutputs: [],
    dependencies: [],
    propertyDependencies: {},
    inputs: next,
    outputs: {},
  };
  const state: DiffState = {
    project: "p",
    stack: "s",
    resources: [
      { urn, type, name: "r", custom: true, inputs: old.inputs, outputs: old.outputs ?? old.inputs, protect: true, ignoreChanges: [], additionalSecretOutputs: [], dependencies: [], propertyDependencies: {} },
    ],
  };
  const plan: Plan = { project: "p", stack: "s", config: {}, resources: [planned], outputs: {}, invokes: [], notes: [] };
  return diffAgainstState(plan, state).changes[0];
}

const opOf = (c: ResourceChange) => `${c.op} [${c.keys.join(", ")}]`;

describe("aws: RDS instance", () => {
  const RDS = "aws:rds/instance:Instance";
  const replacing = (type: string) => rulesFor(type, {}, {}).filter((r) => r.effect === "replace" && !r.when).map((r) => r.path);

  it("renames in place (identifier lost ForceNew in v5) and replaces for a new backup target", () => {
    expect(replacing(RDS)).not.toEqual(expect.arrayContaining(["identifier"]));
    expect(replacing(RDS)).not.toEqual(expect.arrayContaining(["identifierPrefix"]));
    expect(opOf(diffOne(RDS, { identifier: "ledger-eu" }, { inputs: { identifier: "dalp-eu" } }))).toBe("update [identifier]");
    expect(opOf(diffOne(RDS, { identifierPrefix: "ledger-" }, { inputs: { identifierPrefix: "dalp-" } }))).toBe("update [identifierPrefix]");
    expect(opOf(diffOne(RDS, { backupTarget: "region" }, { inputs: { backupTarget: "outposts" } }))).toBe("replace [backupTarget]");
  });
});

describe("azure-native: how calculateDetailedDiff reaches", () => {
  it("names no forceNewMap property deeper than one level below the top (deeper ones are never checked)", () => {
    const deep = TYPE_RULES.filter((t) => t.type.startsWith("azure-native:")).flatMap((t) =>
      t.rules.filter((r) => parsePropertyPath(r.path).filter((s) => s !== "*").length > 2).map((r) => `${t.type} ${r.path}`),
    );
    expect(deep).toEqual([]);
    const cluster = rulesFor("azure-native:containerservice:ManagedCluster", {}, {}).map((r) => r.path);
    expect(cluster.some((p) => p.includes("nodePublicIPTags"))).toBe(false);
    expect(rulesFor("azure-native:containerservice:AgentPool", {}, {}).map((r) => r.path)).toContain("networkProfile.nodePublicIPTags");
  });

  it("replaces a node pool for a new public IP tag (one level down) but not a cluster's inline pool for one (two levels down)", () => {
    const pool = "azure-native:containerservice:AgentPool";
    const tags = (tag: string) => ({ networkProfile: { nodePublicIPTags: [{ ipTagType: "RoutingPreference", tag }] } });
    expect(diffOne(pool, tags("Internet"), { inputs: tags("Microsoft") }).op).toBe("replace");
    const cluster = "azure-native:containerservice:ManagedCluster";
    const inline = (tag: string) => ({ agentPoolProfiles: [{ name: "system1", ...tags(tag) }] });
    expect(diffOne(cluster, inline("Internet"), { inputs: inline("Microsoft") }).op).toBe("update");
  });

  it("treats location in another case or with spaces, and a resource group name in another case, as the same", () => {
    const server = "azure-native:dbforpostgresql:Server";
    const id = "/subscriptions/s/resourceGroups/rg-EU/providers/Microsoft.DBforPostgreSQL/flexibleServers/srv1";
    expect(diffOne(server, { location: "westeurope", resourceGroupName: "rg-eu", serverName: "srv1" }, { inputs: { location: "West Europe", resourceGroupName: "rg-EU", serverName: "srv1" }, outputs: { id } }).op).toBe("same");
    expect(opOf(diffOne(server, { location: "northeurope", resourceGroupName: "rg-eu", serverName: "srv1" }, { inputs: { location: "West Europe", resourceGroupName: "rg-EU", serverName: "srv1" }, outputs: { id } }))).toBe("replace [location]");
  });

  it("treats the AKS sku spellings Basic/Base and Paid/Standard as the same", () => {
    const cluster = "azure-native:containerservice:ManagedCluster";
    expect(diffOne(cluster, { sku: { name: "Base", tier: "Standard" } }, { inputs: { sku: { name: "Basic", tier: "Paid" } } }).op).toBe("same");
    expect(opOf(diffOne(cluster, { sku: { name: "Base", tier: "Premium" } }, { inputs: { sku: { name: "Base", tier: "Standard" } } }))).toBe("update [sku.tier]");
  });

  it("replaces an extension resource whose scope changes: the scope is a path parameter, not a …Name", () => {
    const scope = "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/cache1";
    const rules = rulesFor("azure-native:authorization:PolicyAssignment", { scope, policyAssignmentName: "pa1" }, { id: `${scope}/providers/Microsoft.Authorization/policyAssignments/pa1` });
    expect(rules.filter((r) => r.effect === "replace").map((r) => r.path).sort()).toEqual(["location", "policyAssignmentName", "resourceGroupName", "scope"]);
    const lock = "azure-native:authorization:ManagementLockByScope";
    const other = scope.replace("cache1", "cache2");
    expect(opOf(diffOne(lock, { scope: other, level: "CanNotDelete" }, { inputs: { scope, level: "CanNotDelete", lockName: "lk" }, outputs: { id: `${scope}/providers/Microsoft.Authorization/locks/lk` } }))).toBe("replace [scope]");
  });

  it("takes azureApiVersion from the installed SDK, so a v3 state's own key is no removal and a new API version is an update", () => {
    const cluster = "azure-native:containerservice:ManagedCluster";
    const version = azureApiVersionOf(cluster);
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(azureApiVersionOf("azure-native:containerservice/v20240702preview:ManagedCluster")).toBe("2024-07-02-preview");
    expect(diffOne(cluster, { dnsPrefix: "dalp" }, { inputs: { dnsPrefix: "dalp", azureApiVersion: version } }).op).toBe("same");
    expect(opOf(diffOne(cluster, { dnsPrefix: "dalp" }, { inputs: { dnsPrefix: "dalp", azureApiVersion: "2023-04-01" } }))).toBe("update [azureApiVersion]");
  });

  it("says which tables hold azure-native's forceNewMap only, and diff repeats it on an update", () => {
    for (const type of ["azure-native:containerservice:ManagedCluster", "azure-native:containerservice:AgentPool"]) expect(unreadOf(type)).toMatch(/forceNewMap only.*managedClusters\.json/);
    expect(unreadOf("azure-native:dbforpostgresql:Server")).toBeUndefined();
  });
});

describe("gcp: the provider's own suppressions and conditional replacements", () => {
  const CLUSTER = "gcp:container/cluster:Cluster";
  const POOL = "gcp:container/nodePool:NodePool";
  const SUBNET = "projects/p1/regions/europe-west1/subnetworks/control-plane";

  it.each([
    [`https://www.googleapis.com/compute/v1/${SUBNET}`, SUBNET, "same"],
    [SUBNET, "control-plane", "same"],
    [SUBNET, `https://www.googleapis.com/compute/v1/${SUBNET}`, "same"],
    [SUBNET, "projects/p1/regions/europe-west1/subnetworks/other", "replace"],
    [SUBNET, "other", "replace"],
  ])("a private endpoint subnetwork the state records as %s, the program sets as %s: %s", (recorded, configured, op) => {
    const config = (subnet: string) => ({ privateClusterConfig: { enablePrivateNodes: true, privateEndpointSubnetwork: subnet } });
    expect(diffOne(CLUSTER, config(configured), { inputs: config(SUBNET), outputs: config(recorded) }).op).toBe(op);
  });

  it("a private endpoint subnetwork the program leaves unset beside a master CIDR block is the one the API chose", () => {
    const config = (extra: Record<string, unknown>) => ({ privateClusterConfig: { enablePrivateNodes: true, ...extra } });
    const old = { inputs: config({ masterIpv4CidrBlock: "172.16.0.0/28", privateEndpointSubnetwork: SUBNET }) };
    expect(diffOne(CLUSTER, config({ masterIpv4CidrBlock: "172.16.0.0/28" }), old).op).toBe("same");
    expect(diffOne(CLUSTER, config({}), { inputs: config({ privateEndpointSubnetwork: SUBNET }) }).op).toBe("replace");
  });

  it.each([CLUSTER, POOL])("%s: OAuth scope short names are the scopes they stand for", (type) => {
    const scopes = (s: string[]) => ({ nodeConfig: { oauthScopes: s } });
    const full = ["https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/devstorage.read_only"];
    expect(diffOne(type, scopes(["cloud-platform", "storage-ro"]), { inputs: scopes(full) }).op).toBe("same");
    expect(diffOne(type, scopes(["cloud-platform", "storage-rw"]), { inputs: scopes(full) }).op).toBe("replace");
  });

  it.each([CLUSTER, POOL])("%s: an accelerator type as a name or a self link is the same type", (type) => {
    const gpus = (t: string) => ({ nodeConfig: { guestAccelerators: [{ type: t, count: 1 }] } });
    const recorded = { inputs: gpus("nvidia-l4"), outputs: gpus("https://www.googleapis.com/compute/v1/projects/p1/zones/europe-west1-b/acceleratorTypes/nvidia-l4") };
    expect(diffOne(type, gpus("nvidia-l4"), recorded).op).toBe("same");
    expect(opOf(diffOne(type, gpus("nvidia-t4"), recorded))).toBe("replace [nodeConfig.guestAccelerators[0].type]");
  });

  it.each([
    [CLUSTER, "confidentialNodes"],
    [CLUSTER, "nodeConfig.confidentialNodes"],
    [POOL, "nodeConfig.confidentialNodes"],
  ])("%s %s: the default SEV type the API reports is no change while confidential nodes are on", (type, at) => {
    const nest = (value: Record<string, unknown>) => at.split(".").reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value);
    expect(diffOne(type, nest({ enabled: true }), { inputs: nest({ enabled: true, confidentialInstanceType: "SEV" }) }).op).toBe("same");
    expect(diffOne(type, nest({ enabled: true, confidentialInstanceType: "TDX" }), { inputs: nest({ enabled: true, confidentialInstanceType: "SEV" }) }).op).toBe("replace");
  });

  it("a bucket's hierarchical namespace block removed while it was off is no change; while on, a replacement", () => {
    const BUCKET = "gcp:storage/bucket:Bucket";
    expect(diffOne(BUCKET, { name: "b" }, { inputs: { name: "b", hierarchicalNamespace: { enabled: false } } }).op).toBe("same");
    expect(diffOne(BUCKET, { name: "b" }, { inputs: { name: "b", hierarchicalNamespace: { enabled: true } } }).op).toBe("replace");
  });

  it.each([
    ["enableL4IlbSubsetting", true, false, "replace"],
    ["enableL4IlbSubsetting", false, true, "update"],
    ["enableFqdnNetworkPolicy", true, undefined, "replace"],
    ["enableFqdnNetworkPolicy", true, false, "replace"],
    ["enableFqdnNetworkPolicy", false, true, "update"],
  ])("%s from %s to %s: %s", (key, before, after, op) => {
    expect(diffOne(CLUSTER, after === undefined ? {} : { [key]: after }, { inputs: { [key]: before } }).op).toBe(op);
  });

  it("a beta API once enabled cannot be disabled: removing one replaces the cluster, adding one updates it", () => {
    const apis = (list: string[]) => ({ enableK8sBetaApis: { enabledApis: list } });
    const two = ["resource.k8s.io/v1beta1/deviceclasses", "resource.k8s.io/v1beta1/resourceclaims"];
    expect(diffOne(CLUSTER, apis(two.slice(0, 1)), { inputs: apis(two) }).op).toBe("replace");
    expect(diffOne(CLUSTER, {}, { inputs: apis(two) }).op).toBe("replace");
    expect(diffOne(CLUSTER, apis(two), { inputs: apis(two.slice(0, 1)) }).op).toBe("update");
  });

  it("Cloud SQL: a new primary replaces the instance unless this is the old primary's side of a switchover", () => {
    const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
    const primary = {
      inputs: { name: "db-a", databaseVersion: "POSTGRES_16" },
      outputs: { name: "db-a", databaseVersion: "POSTGRES_16", instanceType: "CLOUD_SQL_INSTANCE", replicaNames: ["db-b"], masterInstanceName: "" },
    };
    const becomeReplicaOf = (master: string) => ({
      name: "db-a",
      databaseVersion: "POSTGRES_16",
      instanceType: "READ_REPLICA_INSTANCE",
      masterInstanceName: master,
      replicaNames: [],
      replicaConfiguration: { cascadableReplica: false },
    });
    const switchover = diffOne(SQL, becomeReplicaOf("db-b"), primary);
    expect(switchover.op).toBe("update");
    expect(switchover.keys).toContain("masterInstanceName");
    expect(diffOne(SQL, becomeReplicaOf("db-c"), primary)).toMatchObject({ op: "replace", keys: expect.arrayContaining(["masterInstanceName"]) });
    expect(diffOne(SQL, { ...becomeReplicaOf("db-b"), instanceType: "CLOUD_SQL_INSTANCE" }, primary).op).toBe("replace");
  });
});

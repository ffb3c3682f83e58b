import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { differences } from "../planner/diff/compare";
import { formatPropertyPath, matchPath, parsePropertyPath, PropertyPathError, resetPath } from "../planner/diff/propertyPath";
import { looksAutoNamed } from "../planner/diff/providerCheck";
import { hasTypeRules, rulesFor, TYPE_RULES } from "../planner/diff/rules";
import { AZURE_NATIVE_NOT_READ } from "../planner/diff/rules/azureNative";
import { createUrn, parseUrn } from "../planner/diff/urn";
import { secretValue } from "../planner/model";
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

import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../config/errors";
import { isSecretValue, SECRET_SIG, SECRET_SIG_KEY } from "../planner/model";
import { executePlan, planStack } from "../planner/plan";
import { MAX_STACK_FILE_BYTES, readStackConfig, referenceStacks, RUNNER_PLACEHOLDER, StackFileError, stackFilePath } from "../planner/stackFiles";
import { toStackExport } from "../planner/stackExport";
import { componentRows, renderPlan } from "../planner/summary";
import { planChanged, referenceDoc, referencePlan, writeStackFile } from "./helpers/stacks";

const STACK = "aws-cloud-native";

describe("a bad configuration declares nothing", () => {
  it("stops on a schema error before the first resource", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:postgres"] as any).backupRetentionDays = 40));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect(String((result.error as Error).message)).toMatch(/dalp:postgres\.backupRetentionDays: got 40; expected an integer from 1 to 35 on aws/);
    expect(result.declared).toEqual([]);
  });

  it("stops on a cloud-specific error (an instance class AWS does not spell that way)", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:postgres"] as any).instanceClass = "m7g.large"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as Error).message).toMatch(/dalp:postgres\.instanceClass: got "m7g\.large"; expected an instance class starting with "db\."/);
    expect(result.declared).toEqual([]);
  });

  it("stops on a zone the region does not have, with only the provider declared for the lookup", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:regions"] = [{ name: "eu-central-1", zones: ["eu-central-1a", "eu-central-1d"] }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as Error).message).toMatch(/dalp:regions\[0\]\.zones: got \["eu-central-1d"\]; expected zones of eu-central-1: eu-central-1a, eu-central-1b, eu-central-1c/);
    expect(result.declared.map((r) => r.type)).toEqual(["pulumi:providers:aws"]);
  });

  it("stops when a region has fewer zones than asked for", async () => {
    const result = await planChanged(STACK, (c) => {
      c["dalp:regions"] = [{ name: "us-west-1", zones: 3 }];
      c["aws:region"] = "us-west-1";
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as Error).message).toMatch(/dalp:regions\[0\]\.zones: got 3; expected at most 2: us-west-1 has 2 zones/);
  });

  it("refuses a pattern whose database placements or links the cloud does not build, naming them", async () => {
    const result = await planChanged(STACK, (c) => {
      c["dalp:pattern"] = "hot-hot-public";
      c["dalp:regions"] = ["eu-central-1", "eu-west-1"];
      c["dalp:traffic"] = { zone: "Z0123456789ABCDEFGHIJ" };
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as Error).message).toMatch(/dalp:pattern: got "hot-hot-public"; expected a pattern this version builds on aws: cloud-native, hot-warm, hot-cold \(hot-hot-public needs [^)]*traffic \(latency\)/);
    expect(result.declared).toEqual([]);
  });
});

describe("the Pulumi entry point (index.ts)", () => {
  /** Evaluates index.ts afresh, as the Pulumi language host does once per run. */
  const entryPoint = () => {
    let exported: Promise<Record<string, unknown>> | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point must be evaluated afresh
      exported = require("../index");
    });
    return exported as Promise<Record<string, unknown>>;
  };

  it("declares the same graph as the planner's direct call of deploy()", async () => {
    const viaIndex = await planStack({ stack: STACK, program: entryPoint });
    const direct = await referencePlan(STACK);
    expect(viaIndex.resources.map((r) => r.urn)).toEqual(direct.resources.map((r) => r.urn));
  });

  it("reports a configuration error as a RunError, which Pulumi prints without a stack trace", async () => {
    const doc = referenceDoc(STACK);
    (doc.config["dalp:postgres"] as any).backupRetentionDays = 40;
    const result = await executePlan({ stack: STACK, configFile: writeStackFile(STACK, doc), program: entryPoint });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(pulumi.RunError.isInstance(result.error)).toBe(true);
    expect((result.error as Error).message).toMatch(/dalp:postgres\.backupRetentionDays: got 40/);
  });
});

describe("stack files", () => {
  it("finds the reference stacks next to Pulumi.yaml", () => {
    expect(referenceStacks()).toContain(STACK);
  });

  it("hands structured values to the program as JSON and scalars as strings", () => {
    const config = readStackConfig(writeStackFile("t", referenceDoc(STACK)));
    expect(config.values["dalp:cloud"]).toBe("aws");
    expect(JSON.parse(config.values["dalp:regions"])).toEqual([{ name: "eu-central-1", zones: 3 }]);
  });

  it("plans encrypted values and missing required secrets with marked placeholders", () => {
    const doc = referenceDoc(STACK);
    doc.config["dalp:registryPassword"] = { secure: "v1:AAAA" };
    const config = readStackConfig(writeStackFile("t", doc));
    expect(config.secretKeys).toEqual(["dalp:registryPassword"]);
    expect(config.notes).toContain("dalp:registryPassword is encrypted in the stack file; planned with a placeholder secret");
    expect(config.notes.some((n) => n.startsWith("dalp:registryPassword is not in the stack file"))).toBe(false);

    const bare = readStackConfig(writeStackFile("t", referenceDoc(STACK)));
    expect(bare.notes[0]).toMatch(/dalp:registryPassword is not in the stack file \(set it with pulumi config set --secret\)/);
  });

  it("rejects a key without a namespace and YAML that does not parse", () => {
    const doc = referenceDoc(STACK);
    doc.config.cloud = "aws";
    expect(() => readStackConfig(writeStackFile("t", doc))).toThrow(/config key "cloud" has no namespace; write it as dalp:cloud/);
    const file = writeStackFile("t", referenceDoc(STACK));
    fs.writeFileSync(file, "config: [unclosed");
    expect(() => readStackConfig(file)).toThrow(StackFileError);
  });
});

describe("stack files that are something else", () => {
  const fileWith = (name: string, content: string | Buffer) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-file-")), name);
    fs.writeFileSync(file, content);
    return file;
  };
  const SHAPE = /expected a Pulumi stack file \(Pulumi\.<stack>\.yaml\): UTF-8 YAML whose config: map holds namespaced keys/;
  const reference = fs.readFileSync(stackFilePath(STACK), "utf8");

  it.each([
    ["a file without a config: map", "Pulumi.x.yaml", "foo: bar\n", /Pulumi\.x\.yaml has no config: map \(its top-level keys are foo; a stack file's are config, secretsprovider/],
    ["an empty file", "Pulumi.x.yaml", "", /Pulumi\.x\.yaml is empty/],
    ["an empty config: map", "Pulumi.x.yaml", "config: {}\n", /its config: map has no dalp: keys \(it is empty\)/],
    ["keys at the top instead of under config:", "Pulumi.x.yaml", "dalp:cloud: aws\n", /dalp:cloud at the top of the file; indent it under config:/],
    ["a list", "Pulumi.x.yaml", "- a\n- b\n", /holds a list at the top/],
    ["a Pulumi project file", "Pulumi.yaml", "name: dalp-ha\nruntime: nodejs\n", /is a Pulumi project file \(Pulumi\.yaml\), not a stack file/],
    ["a stack export", "state.json", JSON.stringify({ version: 3, deployment: { resources: [] } }), /is a pulumi stack export \(a state\), not a stack file: check it with dalp-ha check --state/],
    ["a PNG image", "Pulumi.x.yaml", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /is not a text file \(a NUL byte at offset 8: it is a PNG image\)/],
    ["UTF-16 with a byte-order mark", "Pulumi.x.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(reference, "utf16le")]), /is UTF-16 text; save it as UTF-8/],
    ["UTF-16 without a byte-order mark", "Pulumi.x.yaml", Buffer.from(reference, "utf16le"), /looks like UTF-16 text without a byte-order mark/],
    ["Latin-1 text", "Pulumi.x.yaml", Buffer.from("config:\n  dalp:cloud: caf\xe9\n", "latin1"), /is not UTF-8 text/],
  ])("names the file and the shape expected for %s", (_label, name, content, pattern) => {
    const file = fileWith(name, content);
    let error: unknown;
    try {
      readStackConfig(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StackFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(pattern);
    if (!/project file|config: map has|top of the file|is empty|a list/.test(pattern.source)) expect((error as Error).message).toMatch(SHAPE);
  });

  it("reads a UTF-8 file with a byte-order mark, as editors on Windows write it", () => {
    const file = fileWith("Pulumi.x.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(reference)]));
    expect(readStackConfig(file).values["dalp:cloud"]).toBe("aws");
  });

  it("refuses a key that appears twice, with its line", () => {
    expect(() => readStackConfig(fileWith("Pulumi.x.yaml", "config:\n  dalp:cloud: aws\n  dalp:cloud: gcp\n"))).toThrow(/the key "dalp:cloud" appears twice in the same map \(line 3\)/);
  });

  it("refuses a file too large to install, at once and without reading it", () => {
    const file = fileWith("Pulumi.big.yaml", "");
    fs.truncateSync(file, 6 * 1024 * 1024);
    const started = Date.now();
    expect(() => readStackConfig(file)).toThrow(new RegExp(`is 6\\.0 MiB; a stack file is at most ${MAX_STACK_FILE_BYTES / 1024 / 1024} MiB: Helm stores each release with its values in a Kubernetes Secret`));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reads a large map of chart values within the bound", () => {
    const doc = referenceDoc(STACK);
    const extra = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { a: "x".repeat(40) }]));
    (doc.config["dalp:charts"] as any).values = { extra };
    const config = readStackConfig(writeStackFile("big", doc));
    expect(Object.keys(JSON.parse(config.values["dalp:charts"]).values.extra)).toHaveLength(10_000);
  });

  it("plans nested encrypted values with placeholders and holds the key as a secret", () => {
    const doc = referenceDoc(STACK);
    (doc.config["dalp:charts"] as any).supportValues = { smtp: { password: { secure: "v1:AAAA" } } };
    const config = readStackConfig(writeStackFile("t", doc));
    expect(config.secretKeys).toContain("dalp:charts");
    expect(JSON.parse(config.values["dalp:charts"]).supportValues.smtp.password).toBe("planned-secret-placeholder");
    expect(config.notes).toContain("dalp:charts holds encrypted values; planned with placeholder secrets in their place");
  });
});

describe("the README's first commands and the first pulumi up", () => {
  it("plans the committed AWS stack with a documentation address standing in for the runner's", () => {
    const config = readStackConfig(stackFilePath(STACK));
    expect(JSON.parse(config.values["dalp:cluster"]).apiAccess).toEqual({ mode: "public", cidrs: [RUNNER_PLACEHOLDER] });
    expect(config.notes.join("\n")).toMatch(/dalp:cluster\.apiAccess\.cidrs is not in the stack file: .*pulumi up refuses to start without it/);
  });

  it("refuses a real run of the committed stack file until the runner's address is set, naming the key and the ways out", async () => {
    // What `pulumi up` hands the program: the committed file as it is, with no stand-in address.
    const committed = referenceDoc(STACK).config["dalp:cluster"];
    const program = async () => {
      const all = pulumi.runtime.allConfig();
      pulumi.runtime.setAllConfig({ ...all, "dalp:cluster": JSON.stringify(committed) }, ["dalp:registryPassword"]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program module, as the entry point loads it
      return (require("../patterns/program") as typeof import("../patterns/program")).deploy();
    };
    const result = await executePlan({ stack: STACK, program });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    const message = (result.error as Error).message;
    expect(message).toMatch(/dalp:cluster\.apiAccess\.cidrs: got nothing \(the key is not set\); expected the public addresses allowed to the API/);
    expect(message).toContain("pulumi config set --path 'dalp:cluster.apiAccess.cidrs[0]'");
    expect(message).toMatch(/; or \{mode: private, runnerNetwork: \{id: vpc-/);
    expect(result.declared).toEqual([]);
  });
});

describe("plans", () => {
  it("are deterministic: the same stack file gives the same graph", async () => {
    const a = await planStack({ stack: STACK });
    const b = await referencePlan(STACK);
    expect(a.resources).toEqual(b.resources);
  });

  it("run several stacks in one process without sharing state", async () => {
    const [a, b] = await Promise.all([
      referencePlan(STACK),
      executePlan({ stack: "other", configFile: writeStackFile("other", referenceDoc(STACK)) }),
    ]);
    if (!b.ok) throw b.error;
    expect(b.plan.resources.length).toBe(a.resources.length);
    expect(b.plan.resources.every((r) => r.urn.startsWith("urn:pulumi:other::dalp-ha::"))).toBe(true);
  });

  it("group the resources by component in the text rendering", async () => {
    const plan = await referencePlan(STACK);
    const rows = componentRows(plan);
    expect(rows[0]).toMatchObject({ depth: 0, type: "pulumi:pulumi:Stack", total: plan.resources.filter((r) => r.custom).length });
    const network = rows.find((r) => r.type === "dalp:aws:Network");
    expect(network).toMatchObject({ depth: 2, counts: expect.objectContaining({ "aws:ec2/subnet:Subnet": 9, "aws:ec2/natGateway:NatGateway": 3 }), total: 32 });
    const text = renderPlan(plan);
    expect(text).toMatch(new RegExp(`^Plan of dalp-ha/${STACK}: ${rows[0].total} resources in \\d+ components \\(9 protected\\), offline`));
    expect(text).toMatch(/│ +aws:Network +│[^\n]*\n│ +eu-central-1-network +│/);
    expect(text).toContain("ec2.Subnet x9");
  });
});

describe("the stack export", () => {
  it("has the shape of `pulumi stack export` (deployment version 3)", async () => {
    const plan = await referencePlan(STACK);
    const exported = toStackExport(plan, "2026-11-22T00:00:00.000Z");
    expect(exported.version).toBe(3);
    expect(exported.deployment.manifest).toMatchObject({ time: "2026-11-22T00:00:00.000Z", magic: expect.any(String), version: expect.stringContaining("@pulumi/pulumi") });
    expect(exported.deployment.manifest.plugins).toContainEqual({ name: "aws", type: "resource", version: expect.stringMatching(/^7\./) });
    const [stack, ...rest] = exported.deployment.resources;
    expect(stack).toMatchObject({ urn: `urn:pulumi:${STACK}::dalp-ha::pulumi:pulumi:Stack::dalp-ha-${STACK}`, custom: false, type: "pulumi:pulumi:Stack" });
    expect(stack.outputs).toHaveProperty("recoveryObjectives");
    for (const r of rest) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(["urn", "custom", "type", "outputs", "dependencies", "propertyDependencies"]));
      if (r.custom && !r.type.startsWith("pulumi:providers:")) expect(Object.keys(r)).toEqual(expect.arrayContaining(["id", "inputs", "provider"]));
    }
  });

  it("refers only to resources that come earlier in the export", async () => {
    const exported = toStackExport(await referencePlan(STACK));
    const seen = new Set<string>();
    for (const r of exported.deployment.resources) {
      if (r.parent) expect(seen.has(r.parent)).toBe(true);
      for (const d of r.dependencies ?? []) expect(seen.has(d)).toBe(true);
      for (const deps of Object.values(r.propertyDependencies ?? {})) for (const d of deps) expect(seen.has(d)).toBe(true);
      if (r.provider) expect(seen.has(r.provider.slice(0, r.provider.lastIndexOf("::")))).toBe(true);
      seen.add(r.urn);
    }
  });

  it("writes secrets as ciphertext markers, never their values", async () => {
    const plan = await referencePlan(STACK);
    const text = JSON.stringify(toStackExport(plan));
    const secretValues = plan.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword").map((r) => (r.outputs.result as { value: string }).value);
    expect(secretValues).toHaveLength(2);
    for (const s of secretValues) expect(text).not.toContain(s);
    expect(text).not.toContain("planned-secret-placeholder");
    expect(text).toContain(`"${SECRET_SIG_KEY}":"${SECRET_SIG}","ciphertext"`);
    expect(isSecretValue(plan.outputs.kubeconfig)).toBe(true);
  });
});

/* eslint-disable @typescript-eslint/no-require-imports */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { fromPlan } from "../checker/fromPlan";
import type { CheckInput, CheckResource } from "../checker/model";
import { runRules } from "../checker/runner";
import { RULES } from "../policies/rules";
import { T } from "../policies/rules/types";
import { PROJECT_ROOT } from "../planner/stackFiles";
import { referencePlan } from "./helpers/stacks";

const grpc = require("@grpc/grpc-js");
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const structProto = require("google-protobuf/google/protobuf/struct_pb");

/**
 * Runs the real policy pack (policies/index.ts) as the Pulumi CLI does, a gRPC analyzer server in its own
 * process, and sends it the resources of a planned stack through `Analyze` and `AnalyzeStack`. Its verdicts
 * must equal the offline checker's, which proves the pack works and that `dalp-ha check` judges like the
 * engine.
 */
describe("the policy pack served over gRPC", () => {
  let server: ChildProcess;
  let client: any;

  beforeAll(async () => {
    server = spawn(process.execPath, ["--require", "@swc-node/register", "index.ts"], {
      cwd: path.join(PROJECT_ROOT, "policies"),
      env: { ...process.env, SWC_NODE_SOURCE_MAP_MODE: "inline" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await new Promise<string>((resolve, reject) => {
      let errors = "";
      server.stderr?.on("data", (d) => (errors += d));
      server.stdout?.on("data", (d) => resolve(String(d).trim()));
      server.on("exit", (code) => reject(new Error(`policy pack exited ${code}: ${errors}`)));
    });
    client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }, 60_000);

  afterAll(() => {
    client?.close();
    server?.kill();
  });

  const call = (method: string, request: unknown) =>
    new Promise<any>((resolve, reject) => client[method](request, (err: Error | null, res: any) => (err ? reject(err) : resolve(res))));

  const options = (r: CheckResource) => {
    const o = new analyzerProto.AnalyzerResourceOptions();
    o.setProtect(r.protect);
    o.setIgnorechangesList(r.ignoreChanges);
    o.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
    if (r.parent) o.setParent(r.parent);
    return o;
  };
  const struct = (value: unknown) => structProto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})));

  /** The resource's provider as the engine sends it: its type, inputs, URN and name (a provider reference is `urn::id`). */
  const providerOf = (input: CheckInput, r: CheckResource) => {
    if (!r.provider) return undefined;
    const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
    const p = input.resources.find((x) => x.urn === urn);
    if (!p) return undefined;
    const message = new analyzerProto.AnalyzerProviderResource();
    message.setType(p.type);
    message.setProperties(struct(p.inputs));
    message.setUrn(p.urn);
    message.setName(p.name);
    return message;
  };

  /** The analyzer's verdicts: every resource through Analyze (inputs), then the stack through AnalyzeStack (outputs). */
  async function analyze(input: CheckInput): Promise<string[]> {
    const found: string[] = [];
    // A resource rule's diagnostic leaves the URN to the engine, which knows which resource it asked about.
    const collect = (res: any, urn = "") => {
      for (const d of res.getDiagnosticsList()) found.push(`${d.getPolicyname()} ${d.getEnforcementlevel() === analyzerProto.EnforcementLevel.MANDATORY ? "mandatory" : "advisory"} ${d.getUrn() || urn}`);
    };
    for (const r of input.resources) {
      const req = new analyzerProto.AnalyzeRequest();
      req.setType(r.type);
      req.setProperties(struct(r.inputs));
      req.setUrn(r.urn);
      req.setName(r.name);
      req.setOptions(options(r));
      const provider = providerOf(input, r);
      if (provider) req.setProvider(provider);
      collect(await call("analyze", req), r.urn);
    }
    const stackReq = new analyzerProto.AnalyzeStackRequest();
    stackReq.setResourcesList(
      input.resources.map((r) => {
        const a = new analyzerProto.AnalyzerResource();
        a.setType(r.type);
        a.setProperties(struct(r.outputs));
        a.setUrn(r.urn);
        a.setName(r.name);
        a.setOptions(options(r));
        if (r.parent) a.setParent(r.parent);
        a.setDependenciesList(r.dependencies);
        const provider = providerOf(input, r);
        if (provider) a.setProvider(provider);
        return a;
      }),
    );
    collect(await call("analyzeStack", stackReq));
    return found.sort();
  }

  async function offline(input: CheckInput): Promise<string[]> {
    const { violations } = await runRules(input, RULES);
    const stackUrn = input.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
    // The engine leaves the URN of a stack-wide finding empty; the offline report names the stack.
    return violations.map((v) => `${v.policy} ${v.enforcementLevel} ${v.urn === stackUrn ? "" : v.urn}`).sort();
  }

  it("finds nothing on the reference stack, like the offline checker", async () => {
    const input = fromPlan(await referencePlan("aws-cloud-native"), "Pulumi.aws-cloud-native.yaml");
    expect(await analyze(input)).toEqual(await offline(input));
    // The one advisory every reference stack has: no restore drill recorded (a stack file cannot know the date).
    expect(await offline(input)).toEqual(["dalp-backup-drill-restores advisory urn:pulumi:aws-cloud-native::dalp-ha::dalp:pattern:Global::global"]);
  }, 60_000);

  it("reports the same violations as the offline checker on a broken stack", async () => {
    const input = structuredClone(fromPlan(await referencePlan("aws-cloud-native"), "Pulumi.aws-cloud-native.yaml"));
    for (const r of input.resources) {
      if (r.type === T.aws.rdsInstance) for (const p of [r.inputs, r.outputs] as Array<Record<string, unknown>>) Object.assign(p, { multiAz: false, backupRetentionPeriod: 7 });
      if (r.type === T.k8s.release && String((r.inputs as { chart?: string }).chart).endsWith("dalp")) for (const p of [r.inputs, r.outputs] as any[]) p.values.dapp.replicaCount = 1;
      if (r.type === T.aws.eksNodeGroup) for (const p of [r.inputs, r.outputs] as any[]) Object.assign(p, { scalingConfig: { ...p.scalingConfig, minSize: 0 }, version: "1.30" });
      // Resource rules read the options too: the analyzer must see the same ignoreChanges as the checker.
      if (r.type === T.aws.rdsInstance) r.ignoreChanges = [];
      if (r.type === T.aws.subnet) for (const p of [r.inputs, r.outputs] as any[]) p.tags = Object.fromEntries(Object.entries(p.tags ?? {}).map(([k, v]) => [k.replace(/^kubernetes\.io\/cluster\/.*/, "kubernetes.io/cluster/another"), v]));
    }
    const engine = await analyze(input);
    expect(engine).toEqual(await offline(input));
    expect(engine.map((e) => e.split(" ").slice(0, 2).join(" "))).toEqual(
      expect.arrayContaining([
        "dalp-postgres-require-ha mandatory",
        "dalp-postgres-require-pitr mandatory",
        "dalp-app-require-replicas advisory",
        "dalp-cluster-spread-node-zones advisory",
        "dalp-deploy-align-node-versions mandatory",
        "dalp-deploy-match-subnet-cluster-tags mandatory",
      ]),
    );
  }, 60_000);
});

import { execFileSync } from "child_process";
import * as pulumi from "@pulumi/pulumi";
import { run } from "../cli/main";
import type { Plan } from "../planner/model";
import { stateOfPlan } from "../planner/diff";
import { buildRunbook } from "../runbook/build";
import { commandsFor } from "../runbook/commands";
import { failoverPlans } from "../runbook/forStack";
import { namesFromPlan } from "../runbook/fromPlan";
import type { FailoverRunbook, Runbook, TargetSet } from "../runbook/model";
import { runbookOutput } from "../runbook/output";
import { render } from "../runbook/render";
import { providerUrnOf, scopesOf } from "../runbook/scope";
import { EVIDENCE } from "../runbook/sequence";
import { stackConfig } from "../runbook/stackConfig";
import { multiRegionReferenceStacks } from "../runbook/stacks";
import { targetedSet, targetsOfStep } from "../runbook/targets";
import { stackFilePath } from "../planner/stackFiles";
import { untargetedDependentDeletes } from "./helpers/stacks";
import { planTopology } from "../topology/topology";

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["node", "dalp-ha", "runbook", ...args], (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

// The failover's runbook; hot-cold's rebuild has its own (test/rebuildRunbook.test.ts).
const STACKS = multiRegionReferenceStacks().filter((s) => s.endsWith("-hot-warm"));

describe("dalp-ha runbook: what it refuses, before planning", () => {
  const hotWarm = STACKS.find((s) => s.startsWith("aws-")) ?? STACKS[0];

  it("refuses a region that is not configured, naming the option and the allowed region (exit 2)", async () => {
    const { code, err } = await cli(hotWarm, "--failover-to", "mars-north-1");
    const config = stackConfig(stackFilePath(hotWarm), hotWarm);
    const standby = config.regions.map((r) => r.name).find((r) => r !== config.primaryRegion)!;
    expect(code).toBe(2);
    expect(err).toContain('--failover-to "mars-north-1" is not a region of this stack');
    expect(err).toContain(`allowed: ${standby}`);
  });

  it("refuses the current primary (exit 2)", async () => {
    const config = stackConfig(stackFilePath(hotWarm), hotWarm);
    const { code, err } = await cli(hotWarm, "--failover-to", config.primaryRegion);
    expect(code).toBe(2);
    expect(err).toContain("is the current primary (dalp:primaryRegion)");
  });

  it("refuses an unknown format and a missing stack (exit 2)", async () => {
    expect((await cli(hotWarm, "--format", "html")).err).toContain("--format must be one of text, markdown, json");
    expect((await cli()).code).toBe(2);
  });

  it("a single-region stack has no regional failover: it says so and points to the zone and backup procedures", async () => {
    const { code, out } = await cli("aws-cloud-native");
    expect(code).toBe(0);
    expect(out).toContain("No regional failover");
    expect(out).toContain("Cloud-native high availability, Recovery expectations");
    expect(out).toContain("Backup and recovery, Recovery checks");
    const refused = await cli("aws-cloud-native", "--failover-to", "eu-west-1");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("there is no region to fail over to");
  });
});

describe("the runbook as a stack output (pure, from names as Inputs)", () => {
  const stack = STACKS.find((s) => s.startsWith("aws-")) ?? STACKS[0];
  const config = stackConfig(stackFilePath(stack), stack);
  const topology = planTopology(config);
  const [home, other] = config.regions.map((r) => r.name);
  const region = (r: string) => ({
    cluster: pulumi.output(`cluster-${r}`),
    namespace: "dalp",
    postgres: { identifier: pulumi.output(`db-${r}`), host: `db-${r}.example` },
    buckets: { app: `app-${r}`, backup: `backup-${r}` },
    ingressAddresses: [pulumi.output("198.51.100.7")],
    alertRules: ["DalpReplicationLagHigh"],
  });

  it("is a note, never a failed update, for a pattern without a runbook or a stack with no standby", async () => {
    const resolve = (o: pulumi.Output<unknown>) => new Promise<unknown>((r) => o.apply(r));
    const names = { project: config.project, stack, regions: { [home]: region(home), [other]: region(other) } };
    const hotHot = planTopology({ ...config, pattern: "hot-hot-public" });
    expect(await resolve(runbookOutput({ ...config, pattern: "hot-hot-public" }, hotHot, names))).toMatchObject({ note: expect.stringMatching(/no generated runbook yet/) });
    const failedOver = planTopology({ ...config, primaryRegion: other });
    expect(await resolve(runbookOutput({ ...config, primaryRegion: other }, failedOver, names))).toMatchObject({ note: expect.stringMatching(/no region stands by/) });
  });

  it("resolves the Inputs into the eight steps with the deployed names and no lookups", async () => {
    const output = runbookOutput(config, topology, {
      project: config.project,
      stack,
      regions: { [home]: region(home), [other]: region(other) },
      traffic: { hostname: "dalp.example.com", routing: pulumi.output("routing-id"), healthChecks: { [home]: "hc-home", [other]: pulumi.output("hc-other") } },
    });
    const runbook = (await new Promise<Runbook | { note: string }>((resolve) => output.apply(resolve))) as FailoverRunbook;
    expect(runbook.kind).toBe("failover");
    expect([runbook.from, runbook.to]).toEqual([config.primaryRegion, other]);
    expect(runbook.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const text = render(runbook, "text");
    expect(text).toContain(`db-${other}`);
    expect(text).toContain("hc-other");
    expect(text).not.toContain("named at deploy time");
    // Without a plan the URNs come from the CLI, run on the stack file.
    expect(text).toContain(`npx dalp-ha runbook --config Pulumi.${stack}.yaml --failover-to ${other} --format json`);
  });
});

describe.each(STACKS)("%s: the failover's targeted update set", (stack) => {
  let original: Plan;
  let flipped: Plan;
  let set: TargetSet;
  let runbook: FailoverRunbook;
  const config = stackConfig(stackFilePath(stack), stack);
  const failed = config.primaryRegion;
  const survivor = config.regions.map((r) => r.name).find((r) => r !== failed)!;

  beforeAll(async () => {
    ({ original, flipped } = await failoverPlans({ stack }, failed, survivor));
    set = targetedSet(flipped, stateOfPlan(original), { failed, survivor, databaseModules: commandsFor(config.cloud).databaseModules });
    runbook = buildRunbook({ config, topology: planTopology(config), names: namesFromPlan(original), failoverTo: survivor, targetSet: set }) as FailoverRunbook;
  }, 120000);

  it("leaves no step an update the engine refuses: what the flip drops and a step's targets reach is targeted by then, or removed from the state first if it is the failed region's", () => {
    expect(untargetedDependentDeletes(original, flipped, set)).toEqual([]);
    expect(set.warnings).toEqual([]);
    const scopes = scopesOf(original.resources);
    for (const urn of set.stateDeletes) expect([urn, scopes.get(urn)]).toEqual([urn, { kind: "stamp", region: failed }]);
    // Not vacuous: the flip drops the replication out of the failed region, which names the survivor's buckets.
    expect(set.stateDeletes.length + set.targets.filter((t) => t.scope === "dependent").length).toBeGreaterThan(0);
    // Removed before the first targeted update, each as a command of its own.
    const first = runbook.steps.find((s) => s.commands.some((c) => c.run.startsWith("pulumi preview")))!;
    for (const urn of set.stateDeletes) expect(first.commands.map((c) => c.run)).toContain(`pulumi state delete '${urn}' --stack ${stack} --yes`);
  });

  it("touches no resource of the failed region: no URN under its stamp, no provider only it uses", () => {
    const scopes = new Map([...scopesOf(original.resources), ...scopesOf(flipped.resources)]);
    // Only what the flip drops and the engine must delete with a target, each without a call there (above).
    const underFailed = set.targets.filter((t) => {
      const s = scopes.get(t.urn);
      return s?.kind === "stamp" && s.region === failed && !(t.scope === "dependent" && t.type === "gcp:storage/transferJob:TransferJob");
    });
    expect(underFailed).toEqual([]);
    const users = new Map<string, string[]>();
    for (const r of [...original.resources, ...flipped.resources]) {
      const p = providerUrnOf(r.provider);
      if (p) users.set(p, [...(users.get(p) ?? []), r.urn]);
    }
    for (const t of set.targets.filter((x) => x.type.startsWith("pulumi:providers:"))) {
      const regions = new Set((users.get(t.urn) ?? []).map((u) => scopes.get(u)).map((s) => (s?.kind === "stamp" ? s.region : s?.kind)));
      expect([t.urn, [...regions].some((r) => r !== failed)]).toEqual([t.urn, true]);
    }
  });

  it("holds every resource of the surviving stamp and of the global component, each in one of steps 3 to 6", () => {
    const scopes = scopesOf(flipped.resources);
    const expected = flipped.resources
      .filter((r) => {
        const s = scopes.get(r.urn);
        return s?.kind === "global" || (s?.kind === "stamp" && s.region === survivor);
      })
      .map((r) => r.urn);
    const urns = set.targets.map((t) => t.urn);
    expect(expected.filter((u) => !urns.includes(u))).toEqual([]);
    const byStep = [3, 4, 5, 6].flatMap((n) => targetsOfStep(set, n));
    expect(new Set(byStep)).toEqual(new Set(urns));
    // The promotion is step 3's, and no targeted database, bucket, key or volume is replaced or deleted.
    const database = set.targets.find((t) => t.op === "update" && t.steps.includes(3) && /(rds\/instance:Instance|dbforpostgresql:Server|sql\/databaseInstance:DatabaseInstance)$/.test(t.type));
    expect(database).toBeDefined();
    expect(set.targets.filter((t) => t.op === "replace")).toEqual([]);
  });

  it("lists what to reconcile when the failed region returns: its own changes only, none of them targeted", () => {
    const stateScopes = scopesOf(original.resources);
    const planScopes = scopesOf(flipped.resources);
    expect(set.reconcile.length).toBeGreaterThan(0);
    for (const c of set.reconcile) {
      const s = (c.op === "delete" ? stateScopes : planScopes).get(c.urn);
      expect([c.urn, s?.kind === "stamp" ? s.region : s?.kind]).toEqual([c.urn, failed]);
    }
    expect(set.targetDependents).toBe(false);
  });

  it("the runbook's evidence covers the page's whole compliance list, and every step has an owner, a stop and a source", () => {
    expect(runbook.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const items = new Set(runbook.steps.flatMap((s) => s.evidence.map((e) => e.item)));
    expect(EVIDENCE.map((e) => e.item).filter((i) => !items.has(i))).toEqual([]);
    for (const s of runbook.steps) {
      expect([s.number, s.owner.length > 0, s.stop.length > 20, s.source]).toEqual([s.number, true, true, `Hot-warm active-standby, Manual failover sequence, step ${s.number}`]);
    }
    for (const n of [3, 5, 7]) expect(runbook.steps[n - 1].stop).toContain("stop the failover and follow the backup-recovery runbook");
  });

  it("step 3 changes the configuration, then updates only its targets; no command targets the failed region", () => {
    const promote = runbook.steps[2];
    expect(promote.commands.some((c) => c.run === `pulumi config set dalp:primaryRegion ${survivor} --stack ${stack}`)).toBe(true);
    const up = promote.commands.find((c) => c.run.startsWith(`pulumi up --yes --stack ${stack}`))!;
    for (const urn of targetsOfStep(set, 3)) expect(up.run).toContain(`--target '${urn}'`);
    const targeted = runbook.steps.flatMap((s) => s.commands).flatMap((c) => [...c.run.matchAll(/--target '([^']+)'/g)].map((m) => m[1]));
    const scopes = new Map([...scopesOf(original.resources), ...scopesOf(flipped.resources)]);
    // GCP's transfer jobs are deleted through Storage Transfer's global API.
    const dependents = new Set(set.targets.filter((t) => t.scope === "dependent" && t.type === "gcp:storage/transferJob:TransferJob").map((t) => t.urn));
    expect(targeted.filter((u) => {
      const sc = scopes.get(u);
      return sc?.kind === "stamp" && sc.region === failed && !dependents.has(u);
    })).toEqual([]);
    for (const format of ["text", "markdown", "json"] as const) expect(render(runbook, format)).toContain(targetsOfStep(set, 3)[0]);
  });
});

describe("the return's bucket copies", () => {
  // A bucket name as the runbook gives it before deployment: a lookup of the stack output, quotes and all.
  const lookup = (region: string) => `$(pulumi stack output regions --json --stack s | jq -r '.["${region}"].buckets.app')`;
  // Stand-ins for the CLIs: `pulumi` answers the lookup, the cloud CLI prints the argument after `flag`.
  const stubs = (flag: string) =>
    `pulumi() { echo '{"eu-west-1":{"buckets":{"app":"bkt-app"}}}'; }; jq() { python3 -c 'import json,sys; f=sys.argv[1]; d=json.load(sys.stdin); print(d["eu-west-1"]["buckets"]["app"])' "$2"; }; ` +
    `aws() { prev=; for a in "$@"; do [ "$prev" = "${flag}" ] && printf '%s' "$a"; prev="$a"; done; }; gcloud() { printf '%s\\n' "$@"; }; `;
  const sh = (script: string) => execFileSync("bash", ["-c", script], { encoding: "utf8" });

  it("AWS: the Batch Replication manifest is valid JSON naming the active region's bucket once the shell expands it", () => {
    const c = commandsFor("aws").backfillBucket!({ region: "eu-west-1", name: lookup("eu-west-1") }, { region: "eu-central-1", name: "b" }, "eu-west-1/");
    const manifest = JSON.parse(sh(stubs("--manifest-generator") + c.run));
    expect(manifest.S3JobManifestGenerator).toMatchObject({ SourceBucket: "arn:aws:s3:::bkt-app", Filter: { EligibleForReplication: true, KeyNameConstraint: { MatchAnyPrefix: ["eu-west-1/"] } } });
  });

  it("GCP: the one-time transfer reads the active region's bucket into the returned one's", () => {
    const c = commandsFor("gcp").backfillBucket!({ region: "eu-west-1", name: lookup("eu-west-1"), project: "p" }, { region: "x", name: "dst" });
    expect(sh(stubs("") + c.run).split("\n").slice(0, 4)).toEqual(["transfer", "jobs", "create", "gs://bkt-app/"]);
  });

  it("Azure: none, because its object replication copies the blobs that already exist", () => {
    expect(commandsFor("azure").backfillBucket).toBeUndefined();
  });
});

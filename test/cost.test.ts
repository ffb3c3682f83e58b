import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { fromPlan } from "../checker/fromPlan";
import type { CheckInput } from "../checker/model";
import { run } from "../cli/main";
import { estimateCost, freeReason, PRICING, UnpricedTypesError } from "../cost/estimate";
import { HOURS_PER_MONTH, type CostEstimate } from "../cost/model";
import { PRICED_CLOUDS, priceBook, UnknownPriceError, type PricedCloud } from "../cost/priceBook";
import { defaultUsage, usageFor, type Usage } from "../cost/usage";
import type { Plan } from "../planner/model";
import { writeStackExport } from "../planner/stackExport";
import { referenceStacks } from "../planner/stackFiles";
import { stackOf, res } from "./helpers/checkInput";
import { plannedChange, referenceDoc, referencePlan, writeStackFile } from "./helpers/stacks";

const H = HOURS_PER_MONTH;
const price = (cloud: PricedCloud, key: string, region: string, sku?: string) => priceBook(cloud).price(key, region, sku).usd;
const inputOf = (plan: Plan) => fromPlan(plan, `Pulumi.${plan.stack}.yaml`);
const estimate = (plan: Plan, usage: Usage = defaultUsage()) => estimateCost(inputOf(plan), { usage });
const linesOf = (e: CostEstimate, type: string) => e.resources.filter((r) => r.type === type).flatMap((r) => r.components);
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.011);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(["node", "dalp-ha", ...argv], (t) => (out += `${t}\n`), (t) => (err += `${t}\n`));
  return { code, out, err };
}

describe("price books", () => {
  it.each(PRICED_CLOUDS)("%s prices every entry in three regions, each with a source and a date", (cloud) => {
    const book = priceBook(cloud);
    expect(book.regions().length).toBeGreaterThanOrEqual(3);
    for (const e of book.entries) {
      expect(e.source).toMatch(/^https:\/\//);
      expect(e.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("refuses a price the book does not hold, naming the key, the SKU or region, and what it does hold", () => {
    const book = priceBook("aws");
    expect(() => book.price("ec2.instance", "eu-central-1", "x9.huge")).toThrow(/no aws price for ec2\.instance "x9\.huge" in eu-central-1: .*SKU m7i\.xlarge/);
    expect(() => book.price("eks.cluster", "ap-southeast-2")).toThrow(/no aws price for eks\.cluster in ap-southeast-2: .*region eu-central-1/);
    expect(() => book.price("eks.cluster", "ap-southeast-2")).toThrow(UnknownPriceError);
  });
});

describe("every billable type any reference stack creates has a price", () => {
  it.each(referenceStacks())("%s: each resource type is priced or known to cost nothing", async (stack) => {
    const plan = await referencePlan(stack);
    const cloud = plan.outputs.cloud as PricedCloud;
    const unpriced = [...new Set(plan.resources.filter((r) => r.custom).map((r) => r.type))].filter((t) => !PRICING[cloud].priced[t] && freeReason(cloud, t) === undefined);
    expect(unpriced).toEqual([]);
    const e = estimate(plan);
    expect(e.totalMonthlyCost).toBeGreaterThan(0);
    // Every priced line has a price from the book: a positive unit price with its source.
    for (const c of e.resources.flatMap((r) => r.components)) {
      expect(c.source).toMatch(/^https:\/\//);
      expect(c.unitPrice).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(PRICED_CLOUDS)("%s: the reference stacks price in each of the book's regions", async (cloud) => {
    const book = priceBook(cloud);
    for (const stack of referenceStacks().filter((s) => s.startsWith(`${cloud}-`))) {
      const e = estimate(await referencePlan(stack));
      const used = new Set(e.resources.flatMap((r) => r.components.map((c) => c.price)));
      for (const id of used) {
        const [key, ...sku] = id.split(":");
        for (const region of book.regions()) expect(() => book.price(key, region, sku.length > 0 ? sku.join(":") : undefined)).not.toThrow();
      }
    }
  });

  it("a type with neither an estimator nor a reason to be free stops the estimate, naming the type", () => {
    const input = stackOf(res("aws:eks/cluster:Cluster", { name: "c" }), res("aws:sagemaker/domain:Domain", {}));
    expect(() => estimateCost(input, { usage: defaultUsage() })).toThrow(UnpricedTypesError);
    expect(() => estimateCost(input, { usage: defaultUsage() })).toThrow(/aws:sagemaker\/domain:Domain/);
  });
});

describe("the total equals the hand computation from the price book", () => {
  it("aws-cloud-native", async () => {
    const r = "eu-central-1";
    const p = (key: string, sku?: string) => price("aws", key, r, sku);
    const u = defaultUsage();
    const expected =
      H * p("eks.cluster") +
      3 * H * p("ec2.instance", "m7i.xlarge") + // three node groups, one node each at the floor
      3 * 100 * p("ebs.gp2") + // their 100 GB root volumes
      3 * H * p("vpc.nat-gateway") +
      u.natGb * p("vpc.nat-gateway-data") +
      6 * H * p("vpc.public-ipv4") + // three NAT and three ingress addresses
      2 * H * p("rds.postgres-instance", "db.m7g.large") + // Multi-AZ: primary and standby
      2 * 100 * p("rds.storage-gp3") +
      (u.databaseBackupGb - 100) * p("rds.backup-storage") + // beyond the provisioned 100 GB
      3 * H * p("elasticache.node", "valkey:cache.m7g.large") + // primary and two replicas
      u.cacheDatasetGb * (7 - 1) * p("elasticache.backup-storage") + // seven snapshots kept, one free
      (u.bucketStoredGb.app + u.bucketStoredGb.backup) * p("s3.standard-storage") +
      3 * p("kms.key") + // the key and the two billed rotations it reaches
      p("secretsmanager.secret") +
      u.logIngestionGb * p("cloudwatch.logs-ingestion") +
      u.logIngestionGb * 0.15 * (365 / 30) * p("cloudwatch.logs-storage") + // a year kept in each group, stored compressed to 15 %
      H * p("elb.nlb") +
      u.loadBalancerCapacityUnits * H * p("elb.nlb-lcu") +
      (u.internetEgressGb - 100) * p("transfer.internet-out"); // beyond the free 100 GB a month
    near(estimate(await referencePlan("aws-cloud-native")).totalMonthlyCost, expected);
  });

  it("azure-cloud-native", async () => {
    const r = "westeurope";
    const p = (key: string, sku?: string) => price("azure", key, r, sku);
    const u = defaultUsage();
    const expected =
      H * p("aks.standard-tier") +
      (3 * 1 + 3 * 2) * (H * p("vm.linux", "Standard_D4s_v5") + p("managed-disk.premium-ssd", "P10")) + // three system pools of one, three user pools of two
      3 * H * p("nat-gateway") +
      u.natGb * p("nat-gateway-data") +
      4 * H * p("public-ip.standard-static") + // three NAT addresses and the ingress address
      2 * H * p("postgres-flexible.compute", "Standard_D2ds_v5") + // zone-redundant HA: primary and standby
      2 * 128 * p("postgres-flexible.storage") +
      (u.databaseBackupGb - 128) * p("postgres-flexible.backup-storage-lrs") +
      H * p("managed-redis", "Balanced_B5") +
      2 * H * p("private-endpoint") + // the cache's and the storage account's
      u.privateEndpointGb * p("private-endpoint-data") +
      3 * p("private-dns.zone") +
      (u.bucketStoredGb.app + u.bucketStoredGb.backup) * p("blob.hot-zrs") +
      H * p("load-balancer.standard-rules") +
      u.loadBalancerGb * p("load-balancer.standard-data") +
      (u.internetEgressGb - 100) * p("bandwidth.internet-out"); // beyond the free 100 GB a month
    near(estimate(await referencePlan("azure-cloud-native")).totalMonthlyCost, expected);
  });

  it("gcp-cloud-native", async () => {
    const r = "europe-west1";
    const p = (key: string, sku?: string) => price("gcp", key, r, sku);
    const u = defaultUsage();
    const vcpu = 2;
    const memory = 16; // db-perf-optimized-N-2
    const expected =
      H * p("gke.cluster-management") + // regional: no free-tier credit
      3 * H * p("compute.instance", "n2-standard-4") + // one node in each of three zones at the floor
      3 * 100 * p("compute.pd-balanced") +
      3 * H * p("cloudnat.gateway") + // billed per VM using it
      H * p("compute.external-ip") + // the NAT gateway's own address (the ingress address, held by a forwarding rule, is free)
      u.natGb * p("cloudnat.data") +
      vcpu * H * p("cloudsql.enterprise-plus-vcpu-ha") +
      memory * H * p("cloudsql.enterprise-plus-memory-ha") +
      100 * p("cloudsql.storage-ssd-ha") +
      375 * p("cloudsql.enterprise-plus-data-cache-ha") + // the tier's fixed data cache
      Math.max(0, u.logIngestionGb - 50) * p("logging.ingestion") + // within the free 50 GiB
      u.databaseBackupGb * p("cloudsql.backup") +
      5 * H * 1.5 * p("memorystore.redis-standard", "M2") + // 5 GB, three nodes at half the two-node Standard rate each
      (u.bucketStoredGb.app + u.bucketStoredGb.backup) * p("gcs.standard") +
      Math.ceil(365 / 90) * p("kms.key-version") + // a year of 90-day rotations
      H * p("networklb.forwarding-rule") +
      u.loadBalancerGb * p("networklb.data") +
      u.internetEgressGb * p("network.internet-out");
    near(estimate(await referencePlan("gcp-cloud-native")).totalMonthlyCost, expected);
  });
});

describe("what the estimator models", () => {
  it("shows node pools at both ends of their autoscaling range", async () => {
    const e = estimate(await referencePlan("aws-cloud-native"));
    const nodes = linesOf(e, "aws:eks/nodeGroup:NodeGroup").filter((c) => c.price === "ec2.instance:m7i.xlarge");
    expect(nodes.map((c) => [c.quantity, c.maxQuantity])).toEqual([
      [H, 3 * H],
      [H, 3 * H],
      [H, 3 * H],
    ]);
    expect(e.totalMonthlyCostMax).toBeGreaterThan(e.totalMonthlyCost);
  });

  it("RDS Multi-AZ doubles instance and storage", async () => {
    const multi = estimate(await referencePlan("aws-cloud-native"));
    const input = inputOf(await referencePlan("aws-cloud-native"));
    const db = input.resources.find((r) => r.type === "aws:rds/instance:Instance") as CheckInput["resources"][number];
    const flipped: CheckInput = { ...input, resources: input.resources.map((r) => (r === db ? { ...r, inputs: { ...r.inputs, multiAz: false } } : r)) };
    const once = linesOf(estimateCost(flipped, { usage: defaultUsage() }), "aws:rds/instance:Instance");
    const twice = linesOf(multi, "aws:rds/instance:Instance");
    expect(twice[0].monthlyCost).toBeCloseTo(2 * once[0].monthlyCost, 6);
    expect(twice[1].monthlyCost).toBeCloseTo(2 * once[1].monthlyCost, 6);
  });

  it("a cross-region replica pays the source region's inter-region transfer for its WAL", async () => {
    const e = estimate(await referencePlan("aws-hot-warm"));
    const replica = e.resources.find((r) => r.type === "aws:rds/instance:Instance" && r.region === "eu-west-1");
    const transfer = replica?.components.find((c) => c.price === "transfer.inter-region");
    expect(transfer).toMatchObject({ region: "eu-central-1", quantity: defaultUsage().databaseReplicationGb, usage: "databaseReplicationGb" });
  });

  it("a two-region stack costs more than its one-region counterpart on every cloud", async () => {
    for (const cloud of PRICED_CLOUDS) {
      const one = estimate(await referencePlan(`${cloud}-cloud-native`)).totalMonthlyCost;
      const two = estimate(await referencePlan(`${cloud}-hot-warm`)).totalMonthlyCost;
      expect(two).toBeGreaterThan(1.5 * one);
    }
  });

  it("a bucket that receives replication is priced for what it receives as well as its own", async () => {
    const e = estimate(await referencePlan("aws-hot-warm"));
    const stored = (region: string) => linesOf(e, "aws:s3/bucket:Bucket").filter((c) => c.region === region).map((c) => c.quantity).sort((a, b) => a - b);
    const u = defaultUsage();
    expect(stored("eu-central-1")).toEqual([u.bucketStoredGb.app, u.bucketStoredGb.backup]);
    expect(stored("eu-west-1")).toEqual([2 * u.bucketStoredGb.app, 2 * u.bucketStoredGb.backup]);
  });

  it("an AKS node's default OS disk follows its VM's vCPUs", async () => {
    const e = estimateCost(inputOf(await plannedChange("azure-cloud-native", (c) => (c["dalp:cluster"].nodeType = "Standard_D8s_v5"))), { usage: defaultUsage() });
    const disks = linesOf(e, "azure-native:containerservice:ManagedCluster").filter((c) => c.price.startsWith("managed-disk"));
    // The user pools take dalp:cluster.nodeType (8 vCPUs: P15); the system pools keep their own 4-vCPU size (P10).
    expect(new Set(disks.filter((c) => c.name.includes("user")).map((c) => c.price))).toEqual(new Set(["managed-disk.premium-ssd:P15"]));
    expect(new Set(disks.filter((c) => c.name.includes("system")).map((c) => c.price))).toEqual(new Set(["managed-disk.premium-ssd:P10"]));
  });

  it("a GKE ingress address held by its forwarding rule costs nothing; the NAT gateway's own address does", async () => {
    const e = estimate(await referencePlan("gcp-cloud-native"));
    expect(e.resources.filter((r) => r.type === "gcp:compute/address:Address")).toEqual([]);
    expect(linesOf(e, "gcp:compute/routerNat:RouterNat").map((c) => c.price)).toContain("compute.external-ip");
  });

  it("usage overrides change the lines that read them, and only those", async () => {
    const plan = await referencePlan("aws-hot-warm");
    const base = estimate(plan);
    const more = estimate(plan, { ...defaultUsage(), natGb: defaultUsage().natGb + 1000 });
    const changed = more.resources.flatMap((r) => r.components).filter((c, i) => c.monthlyCost !== base.resources.flatMap((x) => x.components)[i].monthlyCost);
    expect(new Set(changed.map((c) => c.usage))).toEqual(new Set(["natGb"]));
    // 1000 GB more in each of two regions, at each region's NAT data price.
    near(more.totalMonthlyCost - base.totalMonthlyCost, 1000 * (price("aws", "vpc.nat-gateway-data", "eu-central-1") + price("aws", "vpc.nat-gateway-data", "eu-west-1")));
  });

  it("a usage file's stack section wins over its defaults, which win over the built-in ones", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-usage-"));
    const file = path.join(dir, "usage.yaml");
    fs.writeFileSync(file, stringify({ version: 1, defaults: { natGb: 10, bucketStoredGb: { app: 1 } }, stacks: { "aws-hot-warm": { natGb: 20 } } }));
    expect(usageFor("aws-hot-warm", file)).toMatchObject({ natGb: 20, bucketStoredGb: { app: 1, backup: defaultUsage().bucketStoredGb.backup } });
    expect(usageFor("other", file).natGb).toBe(10);
    fs.writeFileSync(file, stringify({ version: 1, defaults: { natGB: 10 } }));
    expect(() => usageFor("x", file)).toThrow(/defaults: Unrecognized key: "natGB"[\s\S]*keys bucketStoredGb, .*natGb/);
  });

  it("an unpriced SKU or region in a stack file is an error naming it, never a zero", async () => {
    const sku = inputOf(await plannedChange("aws-cloud-native", (c) => (c["dalp:cluster"].nodeType = "m5.24xlarge")));
    expect(() => estimateCost(sku, { usage: defaultUsage() })).toThrow(/no aws price for ec2\.instance "m5\.24xlarge" in eu-central-1/);
    const region = inputOf(
      await plannedChange("aws-cloud-native", (c) => {
        c["aws:region"] = "ap-southeast-2";
        c["dalp:regions"] = [{ name: "ap-southeast-2", zones: 3 }];
      }),
    );
    expect(() => estimateCost(region, { usage: defaultUsage() })).toThrow(/no aws price for .* in ap-southeast-2/);
  });
});

describe("dalp-ha cost", () => {
  it("prints the breakdown tree by region and resource, and the total", async () => {
    const { code, out } = await cli("cost", "aws-hot-warm");
    expect(code).toBe(0);
    const total = estimate(await referencePlan("aws-hot-warm")).totalMonthlyCost;
    expect(out).toMatch(/dalp-ha cost: aws-hot-warm \(aws, Pulumi\.aws-hot-warm\.yaml\)/);
    expect(out).toMatch(/eu-central-1[\s\S]*eu-central-1-eks-cluster \(aws:eks\/cluster:Cluster\)[\s\S]*EKS control plane[\s\S]*eu-west-1/);
    expect(out).toContain(`Total`);
    expect(out).toContain(total.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  });

  it("--format json gives {currency, totalMonthlyCost, resources: [{urn, type, components}]}", async () => {
    const { code, out } = await cli("cost", "gcp-hot-warm", "--format", "json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ currency: "USD", cloud: "gcp", totalMonthlyCost: estimate(await referencePlan("gcp-hot-warm")).totalMonthlyCost });
    const cluster = json.resources.find((r: { type: string }) => r.type === "gcp:container/cluster:Cluster");
    expect(cluster.urn).toMatch(/^urn:pulumi:gcp-hot-warm::/);
    expect(cluster.components[0]).toMatchObject({ name: expect.stringContaining("regional"), unit: "hours", quantity: H, price: "gke.cluster-management", source: expect.stringMatching(/^https:/) });
    expect(Object.keys(cluster.components[0])).toEqual(expect.arrayContaining(["name", "unit", "quantity", "unitPrice", "monthlyCost", "source"]));
  });

  it("--state prices a stack export the same as the plan it came from", async () => {
    const plan = await referencePlan("azure-hot-warm");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-cost-")), "state.json");
    writeStackExport(plan, file);
    const { code, out } = await cli("cost", "--state", file, "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(out).totalMonthlyCost).toBe(estimate(plan).totalMonthlyCost);
  });

  it("--diff OLD NEW shows what a change adds per month, resource by resource", async () => {
    const doc = referenceDoc("aws-cloud-native");
    (doc.config["dalp:cluster"] as Record<string, unknown>).nodeType = "m7i.2xlarge";
    const bigger = writeStackFile("aws-cloud-native", doc);
    const { code, out } = await cli("cost", "--diff", "aws-cloud-native", bigger, "--format", "json");
    expect(code).toBe(0);
    const d = JSON.parse(out);
    expect(new Set(d.resources.map((r: { type: string }) => r.type))).toEqual(new Set(["aws:eks/nodeGroup:NodeGroup"]));
    near(d.delta, 3 * H * (price("aws", "ec2.instance", "eu-central-1", "m7i.2xlarge") - price("aws", "ec2.instance", "eu-central-1", "m7i.xlarge")));
    const text = await cli("cost", "--diff", "aws-cloud-native", bigger);
    expect(text.out).toMatch(/eu-central-1-eks-nodes-eu-central-1a[\s\S]*changed[\s\S]*Total.*\+/);
  });

  it("--preview prices a pulumi preview --json and what the previewed update changes", async () => {
    const before = await referencePlan("aws-cloud-native");
    const after = await plannedChange("aws-cloud-native", (c) => (c["dalp:cache"].replicas = 1));
    const state = (r: Plan["resources"][number]) => ({ urn: r.urn, type: r.type, custom: r.custom, inputs: r.inputs, outputs: r.outputs, parent: r.parent, provider: r.provider });
    const old = new Map(before.resources.map((r) => [r.urn, r]));
    const steps = after.resources.map((r) => ({ op: !old.has(r.urn) ? "create" : JSON.stringify(old.get(r.urn)?.inputs) === JSON.stringify(r.inputs) ? "same" : "update", urn: r.urn, oldState: old.has(r.urn) ? state(old.get(r.urn) as Plan["resources"][number]) : undefined, newState: state(r) }));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-preview-")), "preview.json");
    fs.writeFileSync(file, JSON.stringify({ steps, changeSummary: { update: steps.length } }));
    const { code, out } = await cli("cost", "--preview", file, "--format", "json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.totalMonthlyCost).toBe(estimate(after).totalMonthlyCost);
    expect(json.change.resources.map((r: { type: string }) => r.type)).toEqual(["aws:elasticache/replicationGroup:ReplicationGroup"]);
    near(json.change.delta, -H * price("aws", "elasticache.node", "eu-central-1", "valkey:cache.m7g.large"));
    // Without --show-sames the CLI leaves the unchanged resources out: such a preview is refused, not priced in part.
    const changedOnly = steps.filter((step) => step.op !== "same" && step.urn.includes("cache"));
    fs.writeFileSync(file, JSON.stringify({ steps: changedOnly, changeSummary: { same: steps.length - changedOnly.length, update: changedOnly.length } }));
    expect(await cli("cost", "--preview", file)).toMatchObject({ code: 2, err: expect.stringContaining("run pulumi preview --json --show-sames") });
  });

  it("refuses bad usage with a message and exit 2, naming what to fix", async () => {
    expect(await cli("cost")).toMatchObject({ code: 2, err: expect.stringContaining("name what to price") });
    expect(await cli("cost", "aws-cloud-native", "--format", "xml")).toMatchObject({ code: 2, err: expect.stringContaining("--format must be one of table, json") });
    expect(await cli("cost", "--diff", "aws-cloud-native")).toMatchObject({ code: 2, err: expect.stringContaining("--diff takes two stacks") });
    expect(await cli("cost", "aws-cloud-native", "--usage", "/nonexistent.yaml")).toMatchObject({ code: 2, err: expect.stringContaining("--usage /nonexistent.yaml: no such file") });
    const doc = referenceDoc("aws-cloud-native");
    (doc.config["dalp:cluster"] as Record<string, unknown>).nodeType = "m5.24xlarge";
    const unpriced = await cli("cost", "--config", writeStackFile("aws-cloud-native", doc));
    expect(unpriced).toMatchObject({ code: 2, err: expect.stringContaining('no aws price for ec2.instance "m5.24xlarge"') });
  });
});

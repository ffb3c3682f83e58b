import * as fs from "fs";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { fromPlan } from "../checker/fromPlan";
import type { CheckInput } from "../checker/model";
import { runRules } from "../checker/runner";
import { stackRule } from "../policies/rules/kit";
import { T } from "../policies/rules/types";
import { databaseSettings, streaming, viewOf, type View } from "../policies/view";
import { res, stackOf } from "./helpers/checkInput";
import { referencePlan } from "./helpers/stacks";

/** The view of a stack as a stack rule sees it: through the same runner, parents and proxies included. */
async function viewOfStack(input: CheckInput): Promise<View> {
  let seen: View | undefined;
  const probe = stackRule({ name: "dalp-test-read-view", description: "Reads the view.", severity: "low", enforcementLevel: "advisory", source: "test source", remediationSteps: "nothing to remediate here" }, (args) => {
    const view = viewOf(args.resources);
    // Read every part while the resources are in scope.
    void [view.databases, view.buckets, view.containers, view.routes, view.clusters, view.stamps, view.validators, view.secrets, view.regions];
    seen = view;
  });
  await runRules(input, [probe]);
  return seen as View;
}

describe("the view", () => {
  it("is computed once per resources array", () => {
    const resources = [{ type: T.aws.rdsInstance, props: { multiAz: true }, urn: "urn:x", name: "db", opts: {} }] as unknown as PolicyResource[];
    expect(viewOf(resources)).toBe(viewOf(resources));
    expect(viewOf([...resources])).not.toBe(viewOf(resources));
  });

  it("reads a database the same way on every cloud", () => {
    const rdsReplica = databaseSettings(T.aws.rdsInstance, { multiAz: true, replicateSourceDb: "arn:src", backupRetentionPeriod: 0 });
    const azureReplica = databaseSettings(T.azure.postgres, { createMode: "Replica", sourceServerResourceId: "/x/flexibleServers/pg" });
    const azurePromoted = databaseSettings(T.azure.postgres, { createMode: "Replica", sourceServerResourceId: "/x/flexibleServers/pg", replica: { promoteMode: "Standalone" } });
    const sqlReplica = databaseSettings(T.gcp.sql, { masterInstanceName: "primary", settings: { availabilityType: "REGIONAL" } });
    expect([rdsReplica, azureReplica, sqlReplica].map((d) => [d?.replicaOf, d?.streams, d?.backups.ownBackups])).toEqual([
      ["arn:src", true, false],
      ["/x/flexibleServers/pg", true, false],
      ["primary", true, false],
    ]);
    expect(azureReplica?.ha.unsupported).toMatch(/no high availability on a read replica/);
    expect([azurePromoted?.promoted, azurePromoted?.streams, azurePromoted?.replicaOf]).toEqual([true, false, undefined]);
    expect(databaseSettings(T.k8s.release, {})).toBeUndefined();
  });

  it("reads replication, traffic and stamp membership from the graph", async () => {
    const active = res(T.dalp.stamp, { role: "active", workloads: "serving", validators: "on", database: { kind: "primary" } }, { name: "eu-central-1", custom: false });
    const standby = res(T.dalp.stamp, { role: "standby", workloads: "warm", validators: "off", database: { kind: "replica", source: "eu-central-1" } }, { name: "eu-west-1", custom: false });
    const component = { ...res("dalp:aws:SecureBucket", {}, { custom: false }), parent: standby.urn };
    const view = await viewOfStack(
      stackOf(
        active,
        standby,
        component,
        { ...res(T.aws.bucket, { bucket: "a", id: "a", arn: "arn:aws:s3:::a", region: "eu-central-1" }), parent: active.urn },
        { ...res(T.aws.bucket, { bucket: "b", id: "b", region: "eu-west-1" }), parent: component.urn },
        res(T.aws.bucketReplication, { bucket: "a", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::b", encryptionConfiguration: { replicaKmsKeyId: "arn:key" } } }] }),
        res(T.azure.storageAccount, { name: "acct", resourceGroupName: "rg", sku: { name: "Standard_GZRS" } }),
        res(T.azure.objectReplication, { accountName: "dest", resourceGroupName: "rg", sourceAccount: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct", destinationAccount: "dest" }),
        res(T.gcp.bucket, { name: "g", location: "EUR4" }),
        res(T.gcp.dnsRecordSet, { name: "d.", ttl: 30, routingPolicy: { healthCheck: "hc", primaryBackup: { primary: { externalEndpoints: ["203.0.113.1"] }, backupGeos: [{ location: "europe-west4", rrdatas: ["203.0.113.2"] }] } } }),
        res(T.azure.trafficManagerEndpoint, { profileName: "p", resourceGroupName: "rg", target: "b.example.com" }),
        res(T.azure.trafficManager, { profileName: "p", resourceGroupName: "rg", trafficRoutingMethod: "Priority", dnsConfig: { ttl: 60 } }),
      ),
    );
    const bucket = (name: string) => view.buckets.find((b) => b.name === name);
    expect([bucket("a")?.replicatesTo, bucket("a")?.encryptedWith]).toEqual([["arn:aws:s3:::b"], "arn:key"]);
    expect(bucket("acct")?.replicatesTo).toEqual(["dest"]);
    expect([bucket("acct")?.geoRedundant, bucket("g")?.geoRedundant, bucket("a")?.geoRedundant]).toEqual([true, true, false]);
    expect(view.stampOf(bucket("b")?.urn as string)?.region).toBe("eu-west-1");
    expect(view.stampOf(bucket("acct")?.urn as string)).toBeUndefined();
    expect(view.routes.map((r) => [r.cloud, r.routing, r.ttlSeconds, r.healthChecked, r.targets])).toEqual([
      ["azure", "failover", 60, false, ["b.example.com"]],
      ["gcp", "failover", 30, true, ["203.0.113.1", "203.0.113.2"]],
    ]);
  });

  it("reads a validator release's replicas where the add-on or a wrapper chart puts them", async () => {
    const stamp = res(T.dalp.stamp, { role: "standby" }, { name: "r", custom: false });
    const addon = { ...res(T.dalp.validators, {}, { custom: false }), parent: stamp.urn };
    const view = await viewOfStack(
      stackOf(
        stamp,
        addon,
        { ...res(T.k8s.release, { chart: "oci://r/any-chart", values: { replicaCount: 0 } }), parent: addon.urn },
        res(T.k8s.release, { chart: "besu-validator", values: JSON.stringify({ validators: { replicaCount: 2 } }) }),
        res(T.k8s.release, { chart: "dalp", values: { dapp: { replicaCount: 2 } } }),
      ),
    );
    expect(view.validators.map((v) => [v.replicas, v.readFrom, view.stampOf(v.urn)?.region])).toEqual([
      [0, "values.replicaCount", "r"],
      [2, "values.validators.replicaCount", undefined],
    ]);
  });

  it("treats a value the cloud has not computed yet as set: a replica whose source is unknown is still a replica", async () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const view = await viewOfStack(stackOf(res(T.aws.rdsInstance, { multiAz: true, replicateSourceDb: UNKNOWN, arn: UNKNOWN, backupRetentionPeriod: 0 })));
    expect(streaming(view).length).toBe(1);
  });
});

const HOT_WARM = ["aws", "azure", "gcp"].map((c) => `${c}-hot-warm`).filter((s) => fs.existsSync(path.join(__dirname, "..", `Pulumi.${s}.yaml`)));

(HOT_WARM.length > 0 ? describe.each(HOT_WARM) : describe.skip.each(["none"]))("the view of %s", (stack) => {
  let view: View;
  beforeAll(async () => {
    view = await viewOfStack(fromPlan(await referencePlan(stack), `Pulumi.${stack}.yaml`));
  });

  it("has an active and a standby stamp, each with its cluster and database", () => {
    expect(view.stamps.map((s) => s.role).sort()).toEqual(["active", "standby"]);
    for (const s of view.stamps) {
      expect(view.clusters.filter((c) => view.stampOf(c.urn)?.urn === s.urn)).toHaveLength(1);
      expect(view.databases.filter((d) => view.stampOf(d.urn)?.urn === s.urn)).toHaveLength(1);
    }
  });

  it("reads the standby's database as a streaming replica and the active's as a primary", () => {
    const standby = view.stamps.find((s) => s.role === "standby");
    const [replica] = streaming(view);
    expect(streaming(view)).toHaveLength(1);
    expect(view.stampOf(replica.urn)?.urn).toBe(standby?.urn);
    expect(replica.replicaOf).toBeTruthy();
  });

  it("reads every bucket of the active region as replicated into a bucket of the standby region", () => {
    const active = view.stamps.find((s) => s.role === "active");
    const sources = view.buckets.filter((b) => view.stampOf(b.urn)?.urn === active?.urn);
    expect(sources.length).toBeGreaterThan(0);
    for (const b of sources) expect(b.replicatesTo.length).toBeGreaterThan(0);
  });

  it("reads one health-checked failover route with a TTL", () => {
    expect(view.routes.length).toBeGreaterThan(0);
    for (const r of view.routes) expect([r.routing, r.healthChecked, r.ttlSeconds]).toEqual(["failover", true, 60]);
  });
});

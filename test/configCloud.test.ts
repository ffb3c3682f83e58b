import { ConfigError } from "../config/errors";
import { kubernetesVersionIssues, supportedMinors, type KubernetesCalendar } from "../config/kubernetesVersionSupport";
import type { DalpConfig } from "../config/types";
import { validateConfig } from "../config/validate";
import { AWS_DEFAULTS } from "../stacks/aws/defaults";
import { EKS_CALENDAR } from "../stacks/aws/kubernetesVersions";
import { AWS_PER_RESOURCE_TAGS, validateAws } from "../stacks/aws/validate";
import { AZURE_DEFAULTS } from "../stacks/azure/defaults";
import { AKS_CALENDAR } from "../stacks/azure/kubernetesVersions";
import { validateAzure } from "../stacks/azure/validate";
import { GCP_DEFAULTS } from "../stacks/gcp/defaults";
import { GKE_CALENDAR } from "../stacks/gcp/kubernetesVersions";
import { validateGcp } from "../stacks/gcp/validate";
import { stackTags } from "../patterns/tags";
import { planChanged, referenceDoc, referencePlan } from "./helpers/stacks";

/** A valid configuration of a reference stack, changed; validated as the program does before the cloud's checks. */
function configOf(stack: string, change: (v: Record<string, any>) => void = () => {}): DalpConfig {
  const values: Record<string, any> = {};
  for (const [k, v] of Object.entries(referenceDoc(stack).config)) if (k.startsWith("dalp:")) values[k.slice(5)] = structuredClone(v);
  if (values.cluster.apiAccess.mode === "public") values.cluster.apiAccess.cidrs = ["198.51.100.7/32"];
  values.registryPassword = "token";
  change(values);
  return validateConfig({ values, secretKeys: new Set(["registryPassword"]), stack: "t", project: "dalp-ha" });
}

const CLOUDS = {
  aws: { stack: "aws-cloud-native", validate: (c: DalpConfig) => validateAws(c), calendar: EKS_CALENDAR, defaultVersion: AWS_DEFAULTS.kubernetesVersion },
  azure: { stack: "azure-cloud-native", validate: (c: DalpConfig) => validateAzure(c, stackTags(c)), calendar: AKS_CALENDAR, defaultVersion: AZURE_DEFAULTS.kubernetesVersion },
  gcp: { stack: "gcp-cloud-native", validate: (c: DalpConfig) => validateGcp(c), calendar: GKE_CALENDAR, defaultVersion: GCP_DEFAULTS.kubernetesVersion },
};
const issuesOf = (cloud: keyof typeof CLOUDS, change: (v: Record<string, any>) => void) => CLOUDS[cloud].validate(configOf(CLOUDS[cloud].stack, change));
const textOf = (cloud: keyof typeof CLOUDS, change: (v: Record<string, any>) => void) => issuesOf(cloud, change).map((i) => `${i.key}: got ${i.given}; expected ${i.allowed}`).join("\n");

describe("regions are the cloud's own, with a did-you-mean", () => {
  it.each([
    ["aws", "us-moon-1", /dalp:regions\[0\]\.name: got "us-moon-1"; expected an AWS region such as eu-central-1; the regions are those of @pulumi\/aws's Region list/],
    ["aws", "eu-centrl-1", /expected an AWS region such as eu-central-1; did you mean "eu-central-1"\?/],
    ["aws", "westeurope", /expected an AWS region such as eu-central-1 \(that is an Azure region\)/],
    ["aws", "cn-north-1", /expected a region of the commercial aws partition: cn-north-1 is in aws-cn \(AWS China\), where the ARNs this stack writes \(arn:aws:\.\.\.\) do not exist/],
    ["gcp", "europe-wst1", /dalp:regions\[0\]\.name: got "europe-wst1"; expected a Google Cloud region such as europe-west1; did you mean "europe-west1"\?/],
    ["gcp", "eu-central-1", /expected a Google Cloud region such as europe-west1 \(eu-central-1 is spelt like an AWS region\); did you mean "europe-central2"\?/],
    ["azure", "westeurpe", /dalp:regions\[0\]\.name: got "westeurpe"; expected an Azure region name such as westeurope; did you mean "westeurope"\?/],
    ["azure", "westus", /expected an Azure region with availability zones: westus has none/],
  ] as const)("%s refuses %s", (cloud, region, pattern) => {
    expect(textOf(cloud, (v) => (v.regions = [{ name: region, zones: 3 }]))).toMatch(pattern);
  });

  it.each(Object.keys(CLOUDS) as Array<keyof typeof CLOUDS>)("%s accepts its reference stack", (cloud) => {
    expect(issuesOf(cloud, () => {})).toEqual([]);
  });

  it("takes the AWS list from the provider, so a region the provider adds is known", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the provider's own enum, as the list is built from it
    const { Region } = require("@pulumi/aws/types/enums") as { Region: Record<string, string> };
    expect(issuesOf("aws", (v) => (v.regions = [{ name: Region.MXCentral1, zones: 3 }]))).toEqual([]);
  });
});

describe("Kubernetes versions in standard support", () => {
  it.each(Object.entries(CLOUDS))("%s refuses an end-of-life minor, with the calendar's date", (cloud, c) => {
    const text = textOf(cloud as keyof typeof CLOUDS, (v) => (v.cluster.kubernetesVersion = "1.20"));
    expect(text).toMatch(new RegExp(`dalp:cluster\\.kubernetesVersion: got "1\\.20"; expected one of ${supportedMinors(c.calendar).join(", ").replace(/\./g, "\\.")} \\(`));
    expect(text).toMatch(/is out of standard support/);
  });

  it.each(Object.entries(CLOUDS))("%s refuses a minor newer than its table, saying which file to update", (cloud, c) => {
    expect(textOf(cloud as keyof typeof CLOUDS, (v) => (v.cluster.kubernetesVersion = "1.99"))).toMatch(
      new RegExp(`1\\.99 is newer than this version's table of .* minors, read ${c.calendar.readOn}; once .* offers it, add it .* to ${c.calendar.file.replace(/\./g, "\\.")}`),
    );
  });

  it("names the date a listed minor left standard support", () => {
    expect(kubernetesVersionIssues(AKS_CALENDAR, "1.34")[0].allowed).toMatch(/standard support for 1\.34 ended on 2026-11-30 \(AKS Kubernetes release calendar/);
  });

  it.each(Object.entries(CLOUDS))("%s: the default and the reference stack's version are in support", (_cloud, c) => {
    expect(supportedMinors(c.calendar)).toContain(c.defaultVersion);
    const version = (referenceDoc(c.stack).config["dalp:cluster"] as { kubernetesVersion: string }).kubernetesVersion;
    expect(kubernetesVersionIssues(c.calendar, version)).toEqual([]);
  });

  it("judges against the day each table was read, not the clock, so the result does not change with time", () => {
    const later: KubernetesCalendar = { ...EKS_CALENDAR, readOn: "2030-01-01" };
    expect(supportedMinors(EKS_CALENDAR)).toEqual(["1.34", "1.35", "1.36", "1.37"]);
    expect(supportedMinors(later)).toEqual([]);
    for (const c of Object.values(CLOUDS)) {
      expect(c.calendar.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const m of c.calendar.minors) expect([m.minor, m.endOfStandardSupport, m.source.length > 20]).toEqual([m.minor, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), true]);
    }
  });
});

describe("tags within the cloud's limits", () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`tag${i}`, "v"]));

  it("refuses more AWS tags than a resource takes with the stack's own, and accepts the most that fit", () => {
    // 50 per resource, minus the 4 stack tags and the 3 a subnet adds.
    expect(textOf("aws", (v) => (v.tags = tags(44)))).toMatch(/dalp:tags: got 44 tags; expected at most 43 on aws: a resource takes 50 tags .*tagging\.html/);
    expect(issuesOf("aws", (v) => (v.tags = tags(43)))).toEqual([]);
  });

  it("refuses AWS tag keys AWS or its cloud controller reserve, and characters AWS refuses", () => {
    const text = textOf("aws", (v) => (v.tags = { "aws:owner": "x", "kubernetes.io/cluster/other": "owned", "cost#center": "1" }));
    expect(text).toMatch(/dalp:tags\.aws:owner: got "aws:owner"; expected a tag key not starting with aws:: AWS reserves it/);
    expect(text).toMatch(/dalp:tags\.kubernetes\.io\/cluster\/other: .*the AWS cloud controller reads kubernetes\.io\/cluster\/<name>/);
    expect(text).toMatch(/dalp:tags\.cost#center: got "cost#center"; expected a tag key of letters, digits, spaces and/);
  });

  it("keeps the AWS reserve for per-resource tags in step with the planned graph", async () => {
    const plan = await referencePlan("aws-cloud-native");
    const stack = Object.keys(stackTags({ project: "dalp-ha", stack: "aws-cloud-native", pattern: "cloud-native", tags: (referenceDoc("aws-cloud-native").config["dalp:tags"] as Record<string, string>) }));
    const extra = plan.resources.map((r) => Object.keys((r.inputs.tags as Record<string, string> | undefined) ?? {}).filter((k) => !stack.includes(k)).length);
    expect(Math.max(...extra)).toBeGreaterThan(0);
    expect(Math.max(...extra)).toBeLessThanOrEqual(AWS_PER_RESOURCE_TAGS);
  });

  it("refuses GCP label keys and values that would be cut, and Azure tag keys that become one", () => {
    expect(textOf("gcp", (v) => (v.tags = { team: "x".repeat(64) }))).toMatch(/dalp:tags\.team: got "x+"; expected a value of at most 63 characters: a GCP label value is cut there/);
    expect(textOf("azure", (v) => (v.tags = { "cost center": "a", "cost_center": "b" }))).toMatch(/dalp:tags: got \["cost center","cost_center"\]; expected tag keys that stay distinct on Azure, where both are spelt cost_center/);
  });
});

describe("the program reports the schema's and the cloud's problems in one round", () => {
  it("lists a schema error, a cross-key error and cloud errors together, and declares nothing", async () => {
    const result = await planChanged("aws-cloud-native", (c) => {
      (c["dalp:cluster"] as any).apiAccess.cidrs = ["198.51.100.7/32"];
      (c["dalp:cluster"] as any).kubernetesVersion = "1.20";
      (c["dalp:postgres"] as any).storageGb = "lots";
      (c["dalp:postgres"] as any).backupRetentionDays = 90;
      c["dalp:regions"] = [{ name: "eu-centrl-1", zones: 3 }];
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    const keys = (result.error as ConfigError).issues.map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(["dalp:postgres.storageGb", "dalp:postgres.backupRetentionDays", "dalp:regions[0].name", "dalp:cluster.kubernetesVersion"]));
    expect(result.declared).toEqual([]);
  });

  it("does not report the provider key a mistyped region makes disagree", async () => {
    const result = await planChanged("aws-cloud-native", (c) => {
      (c["dalp:cluster"] as any).apiAccess.cidrs = ["198.51.100.7/32"];
      c["dalp:regions"] = [{ name: "eu-centrl-1", zones: 3 }];
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as ConfigError).issues.map((i) => i.key)).toEqual(["dalp:regions[0].name"]);
  });

  it("refuses aws:region when it disagrees with a valid dalp:regions", async () => {
    const result = await planChanged("aws-cloud-native", (c) => {
      (c["dalp:cluster"] as any).apiAccess.cidrs = ["198.51.100.7/32"];
      c["aws:region"] = "us-east-1";
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as ConfigError).message).toMatch(/aws:region: got "us-east-1"; expected one of dalp:regions \(eu-central-1\)/);
  });
});

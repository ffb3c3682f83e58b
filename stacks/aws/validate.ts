import { didYouMean } from "../../config/didYouMean";
import { ConfigIssue, renderValue } from "../../config/errors";
import { Check, guard, runChecks } from "../../config/guardedChecks";
import { kubernetesVersionIssues } from "../../config/kubernetesVersionSupport";
import { TagLimits, tagLimitIssues } from "../../config/tagLimits";
import type { DalpConfig } from "../../config/types";
import { stackTags } from "../../patterns/tags";
import { AZURE_REGIONS_WITHOUT_ZONES, AZURE_ZONAL_REGIONS } from "../azure/regions";
import { GCP_REGIONS } from "../gcp/regions";
import { AWS_DEFAULTS } from "./defaults";
import { EKS_CALENDAR } from "./kubernetesVersions";
import { AWS_COMMERCIAL_REGIONS, AWS_REGIONS, otherPartition } from "./regions";

/**
 * AWS tag limits: 50 user tags per resource, keys up to 128 and values up to 256 characters of letters,
 * digits, spaces and `+ - = . _ : / @`, and the `aws:` prefix reserved (docs.aws.amazon.com/tag-editor/latest/
 * userguide/tagging.html, "Tag naming limits and requirements", read 2026-12-01).
 */
export const AWS_TAGS: TagLimits = {
  cloud: "aws",
  perResource: 50,
  keyLength: 128,
  valueLength: 256,
  keyCharacters: { pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, what: "letters, digits, spaces and + - = . _ : / @" },
  valueCharacters: { pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, what: "letters, digits, spaces and + - = . _ : / @" },
  reservedPrefixes: [
    { prefix: "aws:", why: "AWS reserves it for its own tags" },
    {
      prefix: "kubernetes.io/",
      why: "the AWS cloud controller reads kubernetes.io/cluster/<name> and kubernetes.io/role/* to choose the subnets of load balancers, and the stack sets them itself",
    },
  ],
  source: "docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, read 2026-12-01",
};

/**
 * Tags the stack adds on top of its stack tags on a single resource: a subnet carries `Name`,
 * `kubernetes.io/cluster/<name>` and `kubernetes.io/role/elb` (test/configCloudLimits.test.ts keeps this in
 * step with the plan).
 */
export const AWS_PER_RESOURCE_TAGS = 3;

function regionAdvice(region: string): string {
  const partition = otherPartition(region);
  if (partition && AWS_REGIONS.includes(region)) {
    return `a region of the commercial aws partition: ${region} is in ${partition}, where the ARNs this stack writes (arn:aws:...) do not exist`;
  }
  const elsewhere = AZURE_ZONAL_REGIONS.has(region) || AZURE_REGIONS_WITHOUT_ZONES.has(region) ? " (that is an Azure region)" : GCP_REGIONS.has(region) ? " (that is a Google Cloud region)" : "";
  return `an AWS region such as eu-central-1${elsewhere}${didYouMean(region, AWS_COMMERCIAL_REGIONS)}; the regions are those of @pulumi/aws's Region list`;
}

const checks: ReadonlyArray<Check<DalpConfig>> = [
  // One guard per region: a region that failed says nothing about the others.
  (config) =>
    config.regions.flatMap((r, i) =>
      guard(() => (AWS_COMMERCIAL_REGIONS.includes(r.name) ? [] : [{ key: `dalp:regions[${i}].name`, given: renderValue(r.name), allowed: regionAdvice(r.name) }])),
    ),
  (config) =>
    config.regions.flatMap((r, i) =>
      guard(() =>
        "names" in r.zones
          ? r.zones.names.flatMap((zone, z) =>
              zone.startsWith(r.name) ? [] : [{ key: `dalp:regions[${i}].zones[${z}]`, given: renderValue(zone), allowed: `an availability zone of ${r.name}, such as ${r.name}a` }],
            )
          : [],
      ),
    ),
  (config) => prefixed("dalp:postgres.instanceClass", config.postgres.instanceClass, "db.", AWS_DEFAULTS.postgresInstanceClass),
  (config) => prefixed("dalp:cache.nodeType", config.cache.nodeType, "cache.", AWS_DEFAULTS.cacheNodeType),
  (config) =>
    config.cluster.nodeType !== undefined && !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(config.cluster.nodeType)
      ? [{ key: "dalp:cluster.nodeType", given: renderValue(config.cluster.nodeType), allowed: `an EC2 instance type such as ${AWS_DEFAULTS.nodeType}` }]
      : [],
  (config) => kubernetesVersionIssues(EKS_CALENDAR, config.cluster.kubernetesVersion),
  (config) => {
    const own = Object.keys(stackTags(config)).filter((k) => !(k in config.tags)).length;
    return tagLimitIssues(config.tags, own + AWS_PER_RESOURCE_TAGS, AWS_TAGS);
  },
];

function prefixed(key: string, value: string | undefined, prefix: string, example: string): ConfigIssue[] {
  return value !== undefined && !value.startsWith(prefix) ? [{ key, given: renderValue(value), allowed: `an instance class starting with "${prefix}", such as ${example}` }] : [];
}

/** AWS spellings and limits the schema cannot know: regions, zones, instance classes, versions, tags. */
export function validateAws(config: DalpConfig): ConfigIssue[] {
  return runChecks(config, checks);
}

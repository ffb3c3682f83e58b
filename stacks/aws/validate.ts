import { ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** AWS spellings the schema cannot know: region names, zone names, instance-class prefixes. */
export function validateAws(config: DalpConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.regions.forEach((r, i) => {
    if (!REGION.test(r.name)) issues.push({ key: `dalp:regions[${i}].name`, given: renderValue(r.name), allowed: "an AWS region code such as eu-central-1" });
    if ("names" in r.zones) {
      r.zones.names.forEach((zone, z) => {
        if (!zone.startsWith(r.name)) issues.push({ key: `dalp:regions[${i}].zones[${z}]`, given: renderValue(zone), allowed: `an availability zone of ${r.name}, such as ${r.name}a` });
      });
    }
  });
  const prefixed = (key: string, value: string | undefined, prefix: string, example: string) => {
    if (value !== undefined && !value.startsWith(prefix)) issues.push({ key, given: renderValue(value), allowed: `an instance class starting with "${prefix}", such as ${example}` });
  };
  prefixed("dalp:postgres.instanceClass", config.postgres.instanceClass, "db.", "db.m7g.large");
  prefixed("dalp:cache.nodeType", config.cache.nodeType, "cache.", "cache.m7g.large");
  if (config.cluster.nodeType !== undefined && !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(config.cluster.nodeType)) {
    issues.push({ key: "dalp:cluster.nodeType", given: renderValue(config.cluster.nodeType), allowed: "an EC2 instance type such as m7i.xlarge" });
  }
  return issues;
}

import { ConfigIssue, renderValue, SECRET_SHOWN_AS } from "./errors";
import { regionName } from "./regionNames";
import type { RawDalpConfig } from "./schema";
import type { Cloud } from "./types";
import type { ConfigInput } from "./validate";

/**
 * The providers' own configuration keys that say the same thing as `dalp:regions` and `dalp:account`. The
 * program ignores them (it builds one explicit provider per region, pinned to `dalp:account`), but a default
 * provider, `pulumi import`, `pulumi refresh` of a resource created outside the program, and whoever reads the
 * stack file take them at their word: when they disagree with the `dalp:` keys, something lands in, or is
 * looked for in, the wrong region or account.
 */
const PROVIDER_KEYS: Record<Cloud, { region?: string; zone?: string; account?: string; allowedAccounts?: string }> = {
  aws: { region: "aws:region", allowedAccounts: "aws:allowedAccountIds" },
  azure: { region: "azure-native:location", account: "azure-native:subscriptionId" },
  gcp: { region: "gcp:region", zone: "gcp:zone", account: "gcp:project" },
  kubernetes: {},
};

/** Azure accepts a location's display name as well: `West Europe` is `westeurope`. */
const sameRegion = (cloud: Cloud, a: string, b: string) => (cloud === "azure" ? a.toLowerCase().replace(/\s/g, "") === b.toLowerCase().replace(/\s/g, "") : a === b);

export function providerKeyIssues(raw: RawDalpConfig, input: ConfigInput): ConfigIssue[] {
  const provider = input.provider;
  if (!provider) return [];
  const keys = PROVIDER_KEYS[raw.cloud];
  const issues: ConfigIssue[] = [];
  const shown = (key: string) => (provider.secretKeys.has(key) ? SECRET_SHOWN_AS : renderValue(provider.values[key]));
  const regions = raw.regions.map(regionName);

  if (keys.region && provider.values[keys.region] !== undefined) {
    const value = provider.values[keys.region];
    if (!regions.some((r) => sameRegion(raw.cloud, r, value))) {
      issues.push({
        key: keys.region,
        given: shown(keys.region),
        allowed: `one of dalp:regions (${regions.join(", ")}), best the primary region, or remove the key: the program deploys only to dalp:regions, while a default provider and pulumi import use ${keys.region}`,
      });
    }
  }
  if (keys.zone && provider.values[keys.zone] !== undefined) {
    const zone = provider.values[keys.zone];
    if (!regions.some((r) => zone.startsWith(`${r}-`))) {
      issues.push({ key: keys.zone, given: shown(keys.zone), allowed: `a zone of one of dalp:regions (${regions.join(", ")}), or remove the key` });
    }
  }
  if (keys.account && provider.values[keys.account] !== undefined) {
    const value = provider.values[keys.account];
    if (raw.account !== undefined && value !== raw.account) {
      issues.push({ key: keys.account, given: shown(keys.account), allowed: `dalp:account (${raw.account}): the providers are pinned to dalp:account, and ${keys.account} must name the same ${raw.cloud === "gcp" ? "project" : "subscription"}` });
    }
  }
  if (keys.allowedAccounts && provider.values[keys.allowedAccounts] !== undefined && raw.account !== undefined) {
    const allowed = parseList(provider.values[keys.allowedAccounts]);
    if (allowed !== undefined && !allowed.includes(raw.account)) {
      issues.push({ key: keys.allowedAccounts, given: shown(keys.allowedAccounts), allowed: `a list that includes dalp:account (${raw.account}), or remove the key` });
    }
  }
  return issues;
}

/** For a missing `dalp:account`: what the provider's own account key already says, if the stack sets it. */
export function providerAccountHint(cloud: Cloud, input: ConfigInput): string {
  const key = PROVIDER_KEYS[cloud].account;
  const value = key ? input.provider?.values[key] : undefined;
  if (!key || value === undefined || input.provider?.secretKeys.has(key)) return "";
  return ` (${key} is ${renderValue(value)}: pulumi config set dalp:account ${value})`;
}

function parseList(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : undefined;
  } catch {
    return undefined;
  }
}

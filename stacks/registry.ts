import { ConfigError } from "../config/errors";
import type { Cloud } from "../config/types";
import type { BucketsPort, CloudAdapter, ClusterPort, PostgresPort } from "../ports/adapter";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAdapter = CloudAdapter<any, ClusterPort, BucketsPort, PostgresPort>;

/**
 * The cloud adapters this version ships. Each is loaded only when chosen, so planning an AWS stack never
 * loads another cloud's SDK.
 */
type AdapterFactory = (tags: Record<string, string>, account: string | undefined) => AnyAdapter;

/* eslint-disable @typescript-eslint/no-require-imports -- each adapter loads only when its cloud is chosen */
const ADAPTERS: Partial<Record<Cloud, AdapterFactory>> = {
  aws: (tags, account) => new (require("./aws/adapter") as typeof import("./aws/adapter")).AwsAdapter(tags, account),
  azure: (tags, account) => new (require("./azure/adapter") as typeof import("./azure/adapter")).AzureAdapter(tags, account),
  gcp: (tags, account) => new (require("./gcp/adapter") as typeof import("./gcp/adapter")).GcpAdapter(tags, account),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export function adapterFor(cloud: Cloud, tags: Record<string, string>, account?: string): AnyAdapter {
  const make = ADAPTERS[cloud];
  if (!make) {
    throw new ConfigError([{ key: "dalp:cloud", given: JSON.stringify(cloud), allowed: `a cloud with an adapter in this version: ${Object.keys(ADAPTERS).join(", ")}` }]);
  }
  return make(tags, account);
}

import { ConfigError } from "../config/errors";
import type { Cloud } from "../config/types";
import type { BucketsPort, CloudAdapter, ClusterPort } from "../ports/adapter";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAdapter = CloudAdapter<any, ClusterPort, BucketsPort>;

/**
 * The cloud adapters this version ships. Each is loaded only when chosen, so planning an AWS stack never
 * loads another cloud's SDK.
 */
type AdapterFactory = (tags: Record<string, string>, account: string | undefined) => AnyAdapter;

const ADAPTERS: Partial<Record<Cloud, AdapterFactory>> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  aws: (tags, account) => new (require("./aws/adapter") as typeof import("./aws/adapter")).AwsAdapter(tags, account),
};

export function adapterFor(cloud: Cloud, tags: Record<string, string>, account?: string): AnyAdapter {
  const make = ADAPTERS[cloud];
  if (!make) {
    throw new ConfigError([{ key: "dalp:cloud", given: JSON.stringify(cloud), allowed: `a cloud with an adapter in this version: ${Object.keys(ADAPTERS).join(", ")}` }]);
  }
  return make(tags, account);
}

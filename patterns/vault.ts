import type { BucketsPort, VaultHandles } from "../ports/adapter";
import type { BuiltPorts } from "../ports/links";
import type { AnyAdapter } from "../stacks/registry";
import { stampContext, StampInput } from "./stamp";

/** A region that holds only copies, as the link ports receive it and the outputs describe it. */
export type VaultStamp = BuiltPorts<VaultHandles<unknown, BucketsPort>> & { kind: "vault" };

/**
 * Hot-cold's recovery region while the home region is active: its stamp component and what the cloud's vault
 * port keeps there (a key, the buckets replication writes into), and nothing that runs. The database copy and
 * the bucket replication are links, built once every stamp exists.
 */
export function buildVault(adapter: AnyAdapter, input: StampInput): VaultStamp {
  // The pattern support check refuses a topology with a vault where the cloud builds none.
  if (!adapter.vault) throw new Error(`${adapter.cloud} builds no region that holds only copies (${input.stamp.region})`);
  const ctx = stampContext(input);
  return { kind: "vault", stamp: input.stamp, ctx, handles: adapter.vault(ctx) };
}

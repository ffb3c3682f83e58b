import { createHash } from "crypto";

/** What a mock answer may depend on: the registration and the provider it was registered with. */
export interface MockContext {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  /** Inputs of the resource's provider (region, project, ...), when it has an explicit one. */
  providerInputs: Record<string, unknown>;
  /** A stable hex string derived from the URN: the same program always plans the same ids and names. */
  hash: string;
}

export function stableHash(text: string, length = 32): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Pulumi's auto-naming: the logical name plus a random suffix; here the suffix is derived from the URN. */
export function autoName(ctx: MockContext): string {
  return `${ctx.name}-${ctx.hash.slice(0, 7)}`;
}

/** Canned identity of the planning "account", from the providers' own documentation examples. */
export const PLANNED_ACCOUNT = {
  awsAccountId: "123456789012",
};

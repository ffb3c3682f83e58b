import { awsInvoke, awsResource } from "./aws";
import { gcpInvoke, gcpResource } from "./gcp";
import { azureInvoke, azureResource } from "./azure";
import { MockContext, stableHash } from "./context";
import { kubernetesResource } from "./kubernetes";
import { randomResource } from "./random";

export type { MockContext } from "./context";

type ResourceAnswer = (ctx: MockContext) => { id: string; state: Record<string, unknown> };
type InvokeAnswer = (token: string, args: Record<string, unknown>, providerInputs: Record<string, unknown>) => Record<string, unknown> | undefined;

/** Mock answers by package (the first segment of a type token); one line per package. */
const RESOURCE_ANSWERS: Record<string, ResourceAnswer> = {
  aws: awsResource,
  gcp: gcpResource,
  "azure-native": azureResource,
  kubernetes: kubernetesResource,
  random: randomResource,
};

/** Canned invoke answers by package; one line per package. */
const INVOKE_ANSWERS: Record<string, InvokeAnswer> = {
  aws: awsInvoke,
  gcp: gcpInvoke,
  "azure-native": azureInvoke,
};

/** The provider's answer to a registration: an id and output state. Unknown packages echo their inputs. */
export function answerResource(ctx: Omit<MockContext, "hash">): { id: string; state: Record<string, unknown> } {
  const full: MockContext = { ...ctx, hash: stableHash(ctx.urn) };
  if (ctx.type.startsWith("pulumi:providers:")) return { id: uuidOf(full.hash), state: { ...ctx.inputs } };
  // The engine's own Stash: created with `output` equal to `input` (pulumi/pulumi builtins.go, Create).
  if (ctx.type === "pulumi:index:Stash") return { id: uuidOf(full.hash), state: { input: ctx.inputs.input, output: ctx.inputs.input } };
  const answer = RESOURCE_ANSWERS[ctx.type.split(":")[0]];
  return answer ? answer(full) : { id: full.hash, state: { ...ctx.inputs } };
}

function uuidOf(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(0, 4)}-${h.slice(4, 16)}`;
}

/** Canned answers for provider functions; an invoke without one is an error, never a silent empty answer. */
export function answerInvoke(token: string, args: Record<string, unknown>, providerInputs: Record<string, unknown>): Record<string, unknown> {
  const answer = INVOKE_ANSWERS[token.split(":")[0]]?.(token, args, providerInputs);
  if (answer === undefined) {
    throw new Error(`the offline planner has no canned answer for ${token}; add one under planner/mocks`);
  }
  return answer;
}

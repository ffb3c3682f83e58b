import { AWS_RULES } from "./aws";
import { AZURE_NATIVE_RULES, azureNativeGenericRules } from "./azureNative";
import { GCP_RULES } from "./gcp";
import { KUBERNETES_IDENTITY, KUBERNETES_RULES } from "./kubernetes";
import { RANDOM_RULES } from "./random";
import type { DiffRule, Props, TypeRules } from "./types";

export type { ChangeContext, DiffRule, TypeRules } from "./types";

/**
 * The engine's built-in types. A Stash's `input` change is an update that copies the new input and keeps
 * `output`; nothing replaces it but `--replace` or `replaceOnChanges` (pulumi/pulumi pkg/resource/deploy/
 * builtins.go, Diff returns ChangedKeys ["input"] and no ReplaceKeys; commit 1b59498, read 2026-12-01).
 */
const ENGINE_RULES: TypeRules[] = [{ type: "pulumi:index:Stash", rules: [] }];

/** Every type with a table of its own, by cloud and provider. */
export const TYPE_RULES: readonly TypeRules[] = [...AWS_RULES, ...GCP_RULES, ...AZURE_NATIVE_RULES, ...KUBERNETES_RULES, ...RANDOM_RULES];

const BY_TYPE = new Map([...TYPE_RULES, ...ENGINE_RULES].map((t) => [t.type, t.rules]));
const UNREAD = new Map(TYPE_RULES.filter((t) => t.unread).map((t) => [t.type, t.unread as string]));

/** Whether a type has a table of its own (rather than its provider's generic rules only). */
export function hasTypeRules(type: string): boolean {
  return BY_TYPE.has(type);
}

/** What of a type's replace-forcing rules its table does not hold yet, if anything. */
export function unreadOf(type: string): string | undefined {
  return UNREAD.get(type);
}

/** The rules that decide a change of this resource: its type's table and its provider's generic rules. */
export function rulesFor(type: string, oldInputs: Props, oldOutputs: Props): DiffRule[] {
  const own = BY_TYPE.get(type) ?? [];
  const provider = type.split(":")[0];
  if (provider === "azure-native") return [...own, ...azureNativeGenericRules(oldInputs, oldOutputs)];
  if (provider === "kubernetes" && type !== "kubernetes:helm.sh/v3:Release") return [...own, ...KUBERNETES_IDENTITY];
  return own;
}

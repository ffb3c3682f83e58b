/** Resource properties: untyped JSON by nature (@pulumi/policy types them the same way). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

/** What a rule sees when a property changed: the old and new value at the changed path, and both sides whole. */
export interface ChangeContext {
  old: unknown;
  new: unknown;
  newInputs: Props;
  oldInputs: Props;
  oldOutputs: Props;
  /** Inputs of the provider resource the new registration uses (Kubernetes `enableSecretMutable`, say). */
  providerInputs: Props;
}

/**
 * How a provider treats a change at a property path:
 * - `replace`: the provider cannot update it in place and `pulumi up` replaces the resource (delete and
 *   create, or create and delete): for a database, the data is gone.
 * - `no-diff`: the provider itself reports no change (a diff suppression of its own), so neither does `diff`.
 * - `refused`: the preview shows an update, which the provider or the cloud then refuses when `pulumi up`
 *   applies it: the run fails there, after whatever it applied before.
 */
export interface DiffRule {
  /** Property path as `ignoreChanges` spells it; `[*]` matches every element. */
  path: string;
  effect: "replace" | "no-diff" | "refused";
  /** When the effect holds for some changes only; absent means every change at the path. */
  when?: (change: ChangeContext) => boolean;
  /** The condition of `when`, in words, for docs/planner.md and messages. */
  condition?: string;
  /** Where this comes from (provider source, schema or documentation) and the date it was read. */
  source: string;
}

/** The rules of one resource type. */
export interface TypeRules {
  type: string;
  rules: DiffRule[];
  /**
   * What of the provider's replace-forcing rules for this type the table does not hold yet; `diff` repeats it
   * when such a resource shows as an update, which may then be a replacement.
   */
  unread?: string;
}

/** Every property path of a rule list changes the resource only by replacing it. */
export function replaceOn(paths: string[], source: string): DiffRule[] {
  return paths.map((path) => ({ path, effect: "replace", source }));
}

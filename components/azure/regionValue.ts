import * as pulumi from "@pulumi/pulumi";

/**
 * A value only its region's API can give (the AKS cluster CA, the cache's access key), kept in the state so a
 * run that must not call that region still has it.
 *
 * While the region takes part, `read()` asks the API and the value goes into a `pulumi.Stash`'s `input`; the
 * consumers read `stash.input`, which the engine's Stash always sets from the latest input on an update
 * (pulumi/pulumi `pkg/resource/deploy/builtins.go`, `Update`: `"input": req.NewInputs["input"]`, while
 * `"output"` keeps the value of the create; commit 1b59498, read 2026-12-01), so a rotated CA or key reaches
 * them on the next run. While the region is isolated (`ctx.stamp.role === "cold"`, the failed region after a
 * failover) `read()` is never called: the input is a placeholder and `ignoreChanges: ["input"]` makes the
 * engine keep the input it recorded (`processIgnoreChanges` in `step_generator.go` puts the old value back),
 * so the Stash's `Diff` sees no change, the step is a same, and `stash.input` is the last value read while the
 * region was up. A Stash is answered by the engine itself and never calls a cloud, and its `Read` on a
 * refresh returns the recorded state unchanged (`builtins.go`, `Read`). `pulumi:index:Stash` exists from
 * Pulumi 3.208.0 (CHANGELOG, 2025-11-20, "Add a new builtin `Stash` resource"), engine and SDK both.
 *
 * `ignoreChanges` does not apply to a create: a Stash first registered while its region is isolated would
 * record the placeholder. A normal `pulumi up` while both regions are up creates it before any failover.
 */
export function regionValue(
  name: string,
  isolated: boolean,
  read: () => pulumi.Output<string>,
  opts: { parent: pulumi.Resource; secret?: boolean },
): pulumi.Output<string> {
  const input = isolated ? isolatedPlaceholder(name) : read();
  const stash = new pulumi.Stash(name, { input: opts.secret ? pulumi.secret(input) : input }, {
    parent: opts.parent,
    ignoreChanges: isolated ? ["input"] : [],
    ...(opts.secret ? { additionalSecretOutputs: ["input", "output"] } : {}),
  });
  const value = stash.input as pulumi.Output<string>;
  return opts.secret ? pulumi.secret(value) : value;
}

/**
 * What an isolated region's Stash is registered with; the engine keeps the recorded input in its place. Named
 * after the Stash, so two of them never share a placeholder.
 */
export function isolatedPlaceholder(name: string): string {
  return `isolated-region-keeps-recorded-value:${name}`;
}

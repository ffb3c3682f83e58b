/* eslint-disable @typescript-eslint/no-require-imports */
import * as pulumi from "@pulumi/pulumi";
import { CaptureMonitor } from "./captureMonitor";
import type { Plan, PlannedResource } from "./model";
import { projectName, PROJECT_ROOT, readStackConfig, RuntimeConfig, stackFilePath } from "./stackFiles";

// The SDK keeps a run's state (settings, config, the stack resource, the monitor) in a store: the global one
// unless a run is inside an AsyncLocalStorage context. Each plan gets a fresh global store, so one process
// plans several stacks one after another without one run's state leaking into the next. An AsyncLocalStorage
// context (what the automation API uses) would do the same, but it turns on Node's promise hooks for the whole
// process, and the SDK makes tens of thousands of promises per plan: about a fifth of a plan's time.
const state = require("@pulumi/pulumi/runtime/state") as {
  LocalStore: new () => Record<string, unknown>;
  getStore(): Record<string, unknown>;
};
const globals = globalThis as unknown as { globalStore?: Record<string, unknown> };

/** Runs one plan at a time in a fresh store; the packages and modules the SDKs registered when they loaded stay. */
let previousRun: Promise<unknown> = Promise.resolve();
function inFreshStore<T>(run: () => Promise<T>): Promise<T> {
  const next = previousRun.then(async () => {
    const registered = globals.globalStore;
    const fresh = new state.LocalStore();
    for (const key of ["resourcePackages", "resourceModules"]) if (registered?.[key] !== undefined) fresh[key] = registered[key];
    globals.globalStore = fresh;
    return run();
  });
  previousRun = next.catch(() => undefined);
  return next;
}
const settings = require("@pulumi/pulumi/runtime/settings") as {
  setMockOptions(monitor: unknown, project?: string, stack?: string, preview?: boolean, organization?: string): void;
  waitForRPCs(): Promise<void>;
};

export interface PlanOptions {
  stack: string;
  /** A stack file to use instead of `Pulumi.<stack>.yaml` in the project root. */
  configFile?: string;
  root?: string;
  /** The program to run; defaults to the project's own `main`. */
  program?: () => Promise<Record<string, unknown>>;
}

/**
 * Runs the Pulumi program offline: the stack file's configuration, the SDK's mock monitor in place of the
 * engine, canned answers for the few read-only calls, and every registration recorded. No CLI, plugin,
 * credential or network is needed. Errors from the program (a bad configuration above all) propagate.
 */
export async function planStack(options: PlanOptions): Promise<Plan> {
  const result = await executePlan(options);
  if (!result.ok) throw result.error;
  return result.plan;
}

/** A planning run: the plan, or the error with whatever the program declared before it failed. */
export type PlanResult = { ok: true; plan: Plan } | { ok: false; error: unknown; declared: PlannedResource[] };

/** Like `planStack`, but a failure also reports what had been declared, to prove a bad config declares nothing. */
export async function executePlan(options: PlanOptions): Promise<PlanResult> {
  const root = options.root ?? PROJECT_ROOT;
  const project = projectName(root);
  const config = readStackConfig(options.configFile ?? stackFilePath(options.stack, root));
  const program = options.program ?? (() => require("../patterns/program").deploy() as Promise<Record<string, unknown>>);
  return runUnderMocks(project, options.stack, config, program);
}

async function runUnderMocks(project: string, stack: string, config: RuntimeConfig, program: () => Promise<Record<string, unknown>>): Promise<PlanResult> {
  return inFreshStore(async () => {
    const monitor = new CaptureMonitor();
    settings.setMockOptions(monitor, project, stack, false);
    // The same feature flags `pulumi.runtime.setMocks` turns on.
    Object.assign(state.getStore(), {
      supportsSecrets: true,
      supportsResourceReferences: true,
      supportsOutputValues: false,
      supportsDeletedWith: true,
      supportsAliasSpecs: true,
      supportsTransforms: false,
      supportsInvokeTransforms: false,
    });
    pulumi.runtime.setAllConfig(config.values, config.secretKeys);

    // A failing program rejects more than the one promise awaited here (the stack resource's own data, for
    // one); they are collected until the run has settled, as the Pulumi language host does.
    const failures: unknown[] = [];
    const onFailure = (err: unknown) => failures.push(err);
    process.on("unhandledRejection", onFailure);
    try {
      // The program's own error is caught inside the stack, so the stack resource itself completes cleanly.
      await pulumi.runtime.runInPulumiStack(async () => {
        try {
          return await program();
        } catch (err) {
          failures.unshift(err);
          return {};
        }
      });
    } catch (err) {
      failures.push(err);
    }
    try {
      await settings.waitForRPCs();
    } catch (err) {
      failures.push(err);
    }
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onFailure);
    if (failures.length > 0) {
      return { ok: false, error: failures[0], declared: monitor.planned.filter((r) => r.type !== "pulumi:pulumi:Stack") };
    }

    const stackResource = monitor.planned.find((r) => r.type === "pulumi:pulumi:Stack");
    const redacted = Object.fromEntries(Object.entries(config.values).map(([k, v]) => [k, config.secretKeys.includes(k) ? "[secret]" : v]));
    return {
      ok: true,
      plan: { project, stack, config: redacted, resources: monitor.planned, outputs: stackResource?.outputs ?? {}, invokes: monitor.invokes, notes: config.notes },
    };
  });
}

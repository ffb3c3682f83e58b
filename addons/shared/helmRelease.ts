import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PinnedChart } from "./chartVersions";

export interface ReleaseArgs {
  /** The Helm release name inside the cluster; the logical name also carries the region. */
  releaseName: string;
  namespace: pulumi.Input<string>;
  values: pulumi.Input<Record<string, unknown>>;
  /** Seconds Helm waits for the release's resources to become ready. */
  timeoutSeconds?: number;
  /**
   * A first install over objects a restore brought back: a failed atomic install would uninstall them, restored
   * claims included, and the next attempt would start on empty volumes (helm pkg/action/install.go, atomic, read
   * 2026-12-01). Such a release fails and stays as it is.
   */
  adoptsRestored?: boolean;
}

/** Where a chart comes from: a chart name (or full `oci://` reference), its version and repository options. */
export interface ChartSource {
  chart: string;
  version: string;
  repositoryOpts: k8s.types.input.helm.v3.RepositoryOpts;
}

/**
 * A Helm release with the settings every release here shares: wait for readiness, roll back a failed
 * upgrade atomically, and keep a short history.
 */
export function helmRelease(name: string, source: ChartSource, args: ReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    name,
    {
      name: args.releaseName,
      ...source,
      namespace: args.namespace,
      values: args.values,
      atomic: !args.adoptsRestored,
      cleanupOnFail: !args.adoptsRestored,
      waitForJobs: true,
      timeout: args.timeoutSeconds ?? 600,
      maxHistory: 10,
    },
    opts,
  );
}

/** A Helm release of a pinned third-party chart. */
export function pinnedRelease(name: string, pinned: PinnedChart, args: ReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
  return helmRelease(name, { chart: pinned.chart, version: pinned.version, repositoryOpts: { repo: pinned.repository } }, args, opts);
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import type { BackupTargetPort } from "../../ports/adapter";
import { VELERO } from "../shared/chartVersions";
import { pinnedRelease } from "../shared/helmRelease";
import { VELERO_NAMESPACE, VELERO_RELEASE } from "../shared/labels";
import { BackupPlacement, veleroValues } from "./values";

export interface VeleroArgs {
  config: Pick<DalpConfig, "backup" | "charts" | "alerts">;
  target: BackupTargetPort;
  /** Create a ServiceMonitor for Velero's metrics (needs the Prometheus Operator CRDs). */
  serviceMonitor: boolean;
  placement: BackupPlacement;
  /** Resources the release waits for (node pools, the Prometheus Operator). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** Velero for Kubernetes resources and volumes, with the schedules of the product's backup table (product docs: backup and recovery). */
export class Velero extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: VeleroArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:addons:Velero", name, {}, opts);
    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: VELERO_NAMESPACE } }, { parent: this, dependsOn: args.dependsOn });
    this.release = pinnedRelease(
      name,
      VELERO,
      { releaseName: VELERO_RELEASE, namespace: namespace.metadata.name, values: veleroValues(args.config, args.target, args.serviceMonitor, args.placement) },
      { parent: this, dependsOn: [...args.target.ready, ...args.dependsOn] },
    );
    this.registerOutputs({ release: this.release.name });
  }
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KUBE_PROMETHEUS_STACK } from "../shared/chartVersions";
import { pinnedRelease } from "../shared/helmRelease";
import { MONITORING_NAMESPACE, PROMETHEUS_STACK_RELEASE } from "../shared/labels";
import { PrometheusStackOptions, prometheusStackValues } from "./values";

export interface PrometheusStackArgs extends PrometheusStackOptions {
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * The Prometheus Operator, Prometheus, Alertmanager, kube-state-metrics and node-exporter. A PrometheusRule
 * is the one alert format that works unchanged on EKS, AKS, GKE and OpenShift, so the DALP rules are written
 * once for it rather than per cloud-managed rule service.
 */
export class PrometheusStack extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: PrometheusStackArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:addons:PrometheusStack", name, {}, opts);
    const { dependsOn, ...options } = args;
    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: MONITORING_NAMESPACE } }, { parent: this, dependsOn });
    this.release = pinnedRelease(
      name,
      KUBE_PROMETHEUS_STACK,
      { releaseName: PROMETHEUS_STACK_RELEASE, namespace: namespace.metadata.name, values: prometheusStackValues(options), timeoutSeconds: 900 },
      { parent: this, dependsOn },
    );
    this.registerOutputs({ release: this.release.name });
  }
}

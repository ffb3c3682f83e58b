import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KUBE_PROMETHEUS_STACK } from "../shared/chartVersions";
import { pinnedRelease } from "../shared/helmRelease";
import { MONITORING_NAMESPACE } from "../shared/labels";
import { prometheusStackValues } from "./values";

/**
 * The Prometheus Operator, Prometheus, Alertmanager, kube-state-metrics and node-exporter. A PrometheusRule
 * is the one alert format that works unchanged on EKS, AKS, GKE and OpenShift, so the DALP rules are written
 * once for it rather than per cloud-managed rule service.
 */
export class PrometheusStack extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: { alertmanagerConfigSecret?: string; storageClass?: string; dependsOn: pulumi.Input<pulumi.Resource>[] }, opts: pulumi.ComponentResourceOptions) {
    super("dalp:addons:PrometheusStack", name, {}, opts);
    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: MONITORING_NAMESPACE } }, { parent: this, dependsOn: args.dependsOn });
    this.release = pinnedRelease(
      name,
      KUBE_PROMETHEUS_STACK,
      { releaseName: "kube-prometheus-stack", namespace: namespace.metadata.name, values: prometheusStackValues(args.alertmanagerConfigSecret, args.storageClass), timeoutSeconds: 900 },
      { parent: this, dependsOn: args.dependsOn },
    );
    this.registerOutputs({ release: this.release.name });
  }
}

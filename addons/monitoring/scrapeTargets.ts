import type { ScrapeTargets } from "../../ports/adapter";

/**
 * kube-prometheus-stack values that scrape only what the cluster exposes. A managed control plane (EKS, AKS,
 * GKE) hides the controller manager, the scheduler and etcd, and some clouds run no scrapeable kube-proxy;
 * the chart's ServiceMonitors for them then find no target, and its `*Down` alerts, written as
 * `absent(up{job=...} == 1)`, fire for as long as the cluster runs and bury real alerts. Each component the
 * cloud hides is switched off together with its default rule groups. The chart already skips a group whose
 * component is off (`templates/prometheus/rules-1.14/*.yaml` test both); the groups are switched off too, so
 * the values say what they mean without reading the templates.
 *
 * Keys checked against kube-prometheus-stack's values.yaml and rule templates (prometheus-community/helm-charts,
 * tags kube-prometheus-stack-70.0.0, -80.0.0 and -88.5.3, read 2026-11-22: unchanged across them; the pinned
 * 92.1.0 is newer than the snapshot read).
 */
export function scrapeTargetValues(targets: ScrapeTargets): Record<string, unknown> {
  return {
    kubeControllerManager: { enabled: targets.controllerManager },
    kubeScheduler: { enabled: targets.scheduler },
    kubeEtcd: { enabled: targets.etcd },
    kubeProxy: { enabled: targets.kubeProxy },
    // Where CoreDNS is not there to scrape the cluster runs kube-dns (GKE), whose metrics the chart scrapes
    // through `kubeDns` (ports 10054 and 10055 of the kube-dns pods).
    coreDns: { enabled: targets.coreDns },
    kubeDns: { enabled: !targets.coreDns },
    defaultRules: {
      rules: {
        etcd: targets.etcd,
        kubeControllerManager: targets.controllerManager,
        kubeSchedulerAlerting: targets.scheduler,
        kubeSchedulerRecording: targets.scheduler,
        kubeProxy: targets.kubeProxy,
      },
    },
  };
}

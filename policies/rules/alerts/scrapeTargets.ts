import type { PolicyResource } from "@pulumi/policy";
import { chartName, valuesOf } from "../helm";
import { DalpPolicy, get, ofTypes, stackRule } from "../kit";
import { CLUSTERS, T } from "../types";

/**
 * Control-plane components a managed cluster hides, with the kube-prometheus-stack switch that scrapes each and
 * the default rule groups whose `*Down` alerts fire on `absent(up{job=...} == 1)` when there is nothing to
 * scrape. The chart renders those groups only while both the component and the group are on
 * (templates/prometheus/rules-1.14, kube-prometheus-stack 88.5.3, read 2026-12-01).
 */
const HIDDEN = [
  { component: "kubeControllerManager", groups: ["kubeControllerManager"] },
  { component: "kubeScheduler", groups: ["kubeSchedulerAlerting", "kubeSchedulerRecording"] },
  { component: "kubeEtcd", groups: ["etcd"] },
] as const;

/**
 * Why a cluster runs no kube-proxy Prometheus can scrape, or undefined when it may: EKS's kube-proxy listens for
 * metrics on 127.0.0.1:10249 (terraform-aws-modules/terraform-aws-eks#742, prometheus-community/helm-charts#977);
 * AKS with the Cilium dataplane and GKE Dataplane V2 run no kube-proxy at all.
 */
function noScrapeableKubeProxy(cluster: PolicyResource): string | undefined {
  if (cluster.type === T.aws.eksCluster) return "EKS's kube-proxy serves metrics on 127.0.0.1 only";
  if (cluster.type === T.azure.aks && (get(cluster.props, "networkProfile.networkDataplane") === "cilium" || get(cluster.props, "networkProfile.kubeProxyConfig.enabled") === false)) return "AKS with the Cilium dataplane runs no kube-proxy";
  if (cluster.type === T.gcp.gke && cluster.props.datapathProvider === "ADVANCED_DATAPATH") return "GKE Dataplane V2 runs no kube-proxy";
  return undefined;
}

/** GKE serves cluster DNS from kube-dns, whose pods the chart's CoreDNS service selects but which has no port 9153. */
const runsKubeDns = (cluster: PolicyResource) => cluster.type === T.gcp.gke && get(cluster.props, "dnsConfig.clusterDns") !== "CLOUD_DNS";

export const scrapeTargetsRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-scrape-existing-targets",
    description: "Prometheus on a managed cluster scrapes no component the cloud hides, so no alert fires forever and buries the real ones.",
    severity: "high",
    enforcementLevel: "advisory",
    source:
      'Backup and recovery, Monitoring: "Treat any backup failure as critical" is lost among alerts that never clear; kube-prometheus-stack values (kubeControllerManager, kubeScheduler, kubeEtcd, kubeProxy, coreDns, defaultRules.rules); managed control planes (EKS, AKS, GKE) expose no controller manager, scheduler or etcd to the cluster',
    remediationSteps:
      "In the kube-prometheus-stack values set kubeControllerManager.enabled, kubeScheduler.enabled and kubeEtcd.enabled to false and switch off defaultRules.rules etcd, kubeControllerManager, kubeSchedulerAlerting and kubeSchedulerRecording; kubeProxy.enabled false (and defaultRules.rules.kubeProxy) on EKS, AKS with Cilium and GKE Dataplane V2; on GKE coreDns.enabled false and kubeDns.enabled true.",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, CLUSTERS);
    const releases = args.resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "kube-prometheus-stack");
    if (clusters.length === 0 || releases.length === 0) args.notApplicable("no kube-prometheus-stack on a managed cluster in the stack");
    for (const release of releases) {
      const values = valuesOf(release.props);
      const rulesOn = get(values, "defaultRules.create") !== false;
      const on = (path: string) => get(values, path) !== false;
      const problems: string[] = [];
      for (const h of HIDDEN) {
        const firing = on(`${h.component}.enabled`) && rulesOn ? h.groups.filter((g) => on(`defaultRules.rules.${g}`)) : [];
        if (firing.length > 0) problems.push(`${h.component} is scraped and defaultRules.rules ${firing.join(", ")} are on, but the managed control plane hides it`);
      }
      // A down target also fires the general TargetDown alert: the component itself must be off.
      const proxyReason = clusters.map(noScrapeableKubeProxy).find((r) => r !== undefined);
      if (proxyReason && on("kubeProxy.enabled")) problems.push(`kubeProxy.enabled is not false, but ${proxyReason}`);
      if (clusters.some(runsKubeDns) && on("coreDns.enabled")) problems.push("coreDns.enabled is not false, but GKE runs kube-dns, which serves no metrics on the CoreDNS port 9153 (set kubeDns.enabled: true instead)");
      if (problems.length > 0) report(`kube-prometheus-stack: ${problems.join("; ")}: their alerts fire forever.`, release.urn);
    }
  },
);

import type { PolicyResource } from "@pulumi/policy";
import { chartName, valuesOf } from "../helm";
import { viewOf, type Container } from "../../view";
import { DalpPolicy, get, ofTypes, stackRule } from "../kit";
import { T } from "../types";
import { alertsOf, countsFor } from "./prometheusRules";

/** A bucket (or Azure blob container) the stack creates. */
type Bucket = Container;

/** Buckets Velero writes to: its BackupStorageLocation phase metric already watches them. */
function backupLocations(resources: PolicyResource[]): Array<{ bucket: string; account?: string }> {
  const fromCharts = resources
    .filter((r) => r.type === T.k8s.release && chartName(r.props) === "velero")
    .flatMap((r) => ((get(valuesOf(r.props), "configuration.backupStorageLocation") as any[] | undefined) ?? []).map((l) => ({ bucket: String(l.bucket), account: get(l, "config.storageAccount") })));
  const fromResources = ofTypes(resources, [T.k8s.veleroBackupStorageLocation]).map((l) => ({ bucket: String(get(l.props, "spec.objectStorage.bucket")), account: get(l.props, "spec.config.storageAccount") }));
  return [...fromCharts, ...fromResources];
}

interface ProbeTarget {
  url: string;
  module: string;
  /** The module's definition in the exporter's configuration, when the stack's exporter defines it. */
  definition?: Record<string, any>;
}

/** Probe targets of the blackbox exporters (the chart's ServiceMonitor targets, and Probe resources). */
function probeTargets(resources: PolicyResource[]): ProbeTarget[] {
  const exporters = resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "prometheus-blackbox-exporter").map((r) => valuesOf(r.props));
  const modules: Record<string, any> = Object.assign({}, ...exporters.map((v) => get(v, "config.modules") ?? {}));
  const fromCharts = exporters.flatMap((v) => {
    // The chart's default module for ServiceMonitor targets (prometheus-blackbox-exporter values.yaml).
    const fallback = get(v, "serviceMonitor.defaults.module") ?? "http_2xx";
    return ((get(v, "serviceMonitor.targets") as any[] | undefined) ?? []).map((t) => ({ url: String(t.url), module: String(t.module ?? fallback) }));
  });
  const fromProbes = ofTypes(resources, [T.k8s.probe]).flatMap((p) =>
    ((get(p.props, "spec.targets.staticConfig.static") as string[] | undefined) ?? []).map((url) => ({ url, module: String(get(p.props, "spec.module") ?? "http_2xx") })),
  );
  return [...fromCharts, ...fromProbes].map((t) => ({ ...t, definition: modules[t.module] }));
}

/** The URL names the bucket: as its host (virtual-hosted S3, an Azure account) or as a path segment. */
function names(url: string, bucket: Bucket): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const segments = parsed.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
  if (bucket.account !== undefined) return parsed.hostname.startsWith(`${bucket.account}.`) && segments[0] === bucket.name;
  return parsed.hostname.startsWith(`${bucket.name}.`) || segments.includes(bucket.name);
}

/**
 * Why a probe can never succeed on a private bucket: an anonymous request to it is refused (401, 403, 404 or
 * 409 by cloud), and the blackbox exporter counts only 2xx as success unless told otherwise.
 */
function moduleProblem(t: ProbeTarget): string | undefined {
  if (!t.definition) return `module ${t.module} is not defined in the exporter's config.modules`;
  if (t.definition.prober !== "http") return `module ${t.module} is not an http prober`;
  const codes = ((get(t.definition, "http.valid_status_codes") as number[] | undefined) ?? []).map(Number);
  if (!codes.some((c) => c >= 400 && c < 500)) return `module ${t.module} accepts only ${codes.length > 0 ? codes.join(", ") : "2xx"}, which a private bucket never answers to an anonymous probe`;
  return undefined;
}

export const bucketProbesRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-cover-every-bucket",
    description: "The object-storage alert watches every bucket the stack creates, through probes that can succeed, not only the backup bucket.",
    severity: "high",
    enforcementLevel: "advisory",
    source:
      "Cloud-native HA, Production readiness checks: Observability (object storage access) and Object storage (application files, document uploads, backup targets); blackbox exporter CONFIGURATION.md: valid_status_codes defaults to 2xx",
    remediationSteps:
      "Probe each application bucket's anonymous HTTPS URL (the stack's BucketPort.probe) with the blackbox exporter, in a module whose valid_status_codes hold the refusal the cloud gives an anonymous request (S3 403, GCS 401 or 403, Azure 409), and alert on probe_success of those targets labelled dalp_signal: object-storage-access. Watch Velero's backup bucket by an object-storage-access alert on its BackupStorageLocation phase (velero_backup_storage_location_phase, from kube-state-metrics' custom resource state).",
  },
  (args, report) => {
    const view = viewOf(args.resources);
    // A region that holds only copies runs no cluster to alert from, and its buckets are written by replication
    // alone: what watches them is the replication out of the active region, not a probe.
    const buckets = view.containers.filter((c) => view.stampOf(c.urn)?.role !== "recovery");
    if (buckets.length === 0) args.notApplicable("the stack creates no bucket");
    const locations = backupLocations(args.resources);
    const isBackup = (b: Bucket) => locations.some((l) => l.bucket === b.name && (b.account === undefined || l.account === undefined || l.account === b.account));
    const targets = probeTargets(args.resources);
    const probed = buckets.filter((b) => !isBackup(b));
    for (const b of probed) {
      const mine = targets.filter((t) => names(t.url, b));
      const label = b.account ? `container ${b.account}/${b.name}` : `bucket ${b.name}`;
      if (mine.length === 0) report(`${label} is neither probed nor a backup location: losing access to it raises no alert.`, b.urn);
      else if (mine.every((t) => moduleProblem(t) !== undefined)) report(`${label}: ${moduleProblem(mine[0])}; the probe fails forever.`, b.urn);
    }
    const storageAlerts = alertsOf(args.resources).filter((a) => countsFor(a, "object-storage-access"));
    if (probed.length > 0 && !storageAlerts.some((a) => /probe_success/.test(a.expr))) report("no object-storage-access alert reads probe_success of the bucket probes.");
    // A backup location is watched only when an alert reads its phase; being a location alone proves nothing.
    const backups = buckets.filter(isBackup);
    if (backups.length > 0 && !storageAlerts.some((a) => /backup_storage_location/.test(a.expr))) {
      report(`no object-storage-access alert reads the BackupStorageLocation phase, so losing access to ${backups.map((b) => (b.account ? `${b.account}/${b.name}` : b.name)).join(", ")} raises no alert.`, backups[0].urn);
    }
  },
);

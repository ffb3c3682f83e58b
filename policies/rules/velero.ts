import type { PolicyResource } from "@pulumi/policy";
import { viewOf, type Bucket } from "../view";
import { BACKUP_TIERS, BackupSurface } from "../../facts/backups";
import { DALP_APP_SLUG } from "../../facts/labels";
import { cite } from "../../facts/source";
import { durationHours, isCron, maxCronGapMinutes } from "../../lib/cron";
import { chartName, valuesOf } from "./helm";
import { DalpPolicy, get, ofTypes, stackRule } from "./kit";
import { T } from "./types";

const CHART_BACKUPS = `${cite("backup", "Chart-backed backup resources")} (backup.schedule.cron, backup.schedule.paused, backup.includeAllPVCs, backup.labelSelector)`;
const WHAT_GETS_BACKED_UP = cite("backup", "What gets backed up");

/** A Velero schedule found in the stack, from a chart's `schedules` values or a Schedule resource. */
interface FoundSchedule {
  name: string;
  owner: PolicyResource;
  schedule: unknown;
  paused: boolean;
  template: Record<string, any>;
}

function schedulesOf(resources: PolicyResource[]): FoundSchedule[] {
  const found: FoundSchedule[] = [];
  for (const r of resources.filter((x) => x.type === T.k8s.release && chartName(x.props) === "velero")) {
    for (const [name, s] of Object.entries((valuesOf(r.props).schedules ?? {}) as Record<string, any>)) {
      if (s?.disabled === true) continue;
      found.push({ name, owner: r, schedule: s?.schedule, paused: s?.paused === true, template: s?.template ?? {} });
    }
  }
  for (const r of ofTypes(resources, [T.k8s.veleroSchedule])) {
    found.push({ name: String(get(r.props, "metadata.name") ?? r.name), owner: r, schedule: get(r.props, "spec.schedule"), paused: get(r.props, "spec.paused") === true, template: get(r.props, "spec.template") ?? {} });
  }
  return found;
}

/** A schedule that backs up DALP: it selects the DALP label or includes a DALP namespace. */
function isDalpSchedule(s: FoundSchedule, namespaces: string[]): boolean {
  const label = get(s.template, `labelSelector.matchLabels`)?.[DALP_APP_SLUG.key] === DALP_APP_SLUG.value;
  const included = ((s.template.includedNamespaces as string[]) ?? []).some((n) => namespaces.includes(n));
  return label || included;
}

/** The namespaces a schedule backs up: every namespace when it names none, or when it names `*`. */
function scopeOf(s: FoundSchedule, namespaces: string[], monitoringNamespaces: string[]) {
  const included = (s.template.includedNamespaces as string[] | undefined) ?? ["*"];
  const all = included.includes("*");
  return { all, inDalp: all || included.some((n) => namespaces.includes(n)), inMonitoring: all || included.some((n) => monitoringNamespaces.includes(n)) };
}

/**
 * The surfaces of the backup table a schedule covers: the DALP resources (the DALP label, or a DALP namespace
 * without a narrower selector), the support chart's (a DALP namespace without a narrower selector, or one that
 * selects the support release's instance label: the page treats the two charts "as separate backup
 * surfaces"), observability data (a monitoring namespace). A schedule of every namespace covers them all.
 */
function surfacesOf(s: FoundSchedule, namespaces: string[], monitoringNamespaces: string[] = ["monitoring"], supportReleases: string[] = []): Set<BackupSurface> {
  const { all, inDalp, inMonitoring } = scopeOf(s, namespaces, monitoringNamespaces);
  const selector = get(s.template, "labelSelector.matchLabels") as Record<string, string> | undefined;
  const narrowed = selector !== undefined && Object.keys(selector).length > 0;
  const surfaces = new Set<BackupSurface>();
  if (inDalp && (!narrowed || selector?.[DALP_APP_SLUG.key] === DALP_APP_SLUG.value)) surfaces.add("kubernetes");
  if (inDalp && (!narrowed || supportReleases.includes(String(selector?.["app.kubernetes.io/instance"])))) surfaces.add("support");
  if (inMonitoring && (!all || !narrowed)) surfaces.add("observability");
  return surfaces;
}

/** Helm release names of the support chart, whose resources carry app.kubernetes.io/instance: <name>. */
function supportReleaseNames(resources: PolicyResource[], supportCharts: string[]): string[] {
  return resources.filter((r) => r.type === T.k8s.release && supportCharts.includes(chartName(r.props))).map((r) => String(r.props.name ?? r.name));
}

const minutes = (m: number) => (m % 1440 === 0 ? `${m / 1440} day(s)` : m % 60 === 0 ? `${m / 60} hour(s)` : `${m} minutes`);
const hours = (h: number) => (h % 24 === 0 && h > 48 ? `${h / 24} days` : `${h} hours`);

const namespacesSchema = { namespaces: { type: "array", items: { type: "string" }, default: ["dalp"] } } as const;

export const veleroRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-backup-require-schedule",
      description: "A Velero schedule backs up the DALP namespace whenever DALP is deployed.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: `${CHART_BACKUPS}; Cloud-native HA, Production readiness checks: Kubernetes resources`,
      remediationSteps: "Enable backups (dalp:backup.enabled) or add a Velero schedule whose template selects kots.io/app-slug=settlemint-dalp in the DALP namespace.",
      configSchema: { properties: { ...namespacesSchema, dalpCharts: { type: "array", items: { type: "string" }, default: ["dalp"] } } },
    },
    (args, report) => {
      const { namespaces, dalpCharts } = args.getConfig<{ namespaces: string[]; dalpCharts: string[] }>();
      if (!args.resources.some((r) => r.type === T.k8s.release && dalpCharts.includes(chartName(r.props)))) args.notApplicable("DALP is not deployed by this stack");
      if (!schedulesOf(args.resources).some((s) => isDalpSchedule(s, namespaces))) report("no Velero schedule selects the DALP resources.");
    },
  ),

  stackRule(
    {
      name: "dalp-backup-configure-schedule",
      description: "Every Velero schedule of DALP data runs, excludes Kubernetes events and backs volumes up by filesystem backup, as the chart's own schedule does.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: CHART_BACKUPS,
      remediationSteps:
        "Give the schedule a valid cron such as \"0 2 * * *\", paused: false, and in its template excludedResources [events, events.events.k8s.io] and defaultVolumesToFsBackup: true.",
      configSchema: { properties: { ...namespacesSchema } },
    },
    (args, report) => {
      const { namespaces } = args.getConfig<{ namespaces: string[] }>();
      // Every schedule that reaches a DALP or monitoring namespace, whatever it selects there.
      const schedules = schedulesOf(args.resources).filter((s) => {
        const scope = scopeOf(s, namespaces, ["monitoring"]);
        return scope.inDalp || scope.inMonitoring;
      });
      if (schedules.length === 0) args.notApplicable("no schedule of DALP data (dalp-backup-require-schedule reports that)");
      for (const s of schedules) {
        const where = `schedule ${s.name}`;
        if (typeof s.schedule !== "string" || !isCron(s.schedule)) report(`${where}: ${JSON.stringify(s.schedule)} is not a valid cron expression.`, s.owner.urn);
        if (s.paused) report(`${where} is paused: it takes no backups until it is resumed.`, s.owner.urn);
        if (!((s.template.excludedResources as string[]) ?? []).some((r) => r === "events" || r.startsWith("events."))) report(`${where}: Kubernetes events are not excluded.`, s.owner.urn);
        if (s.template.defaultVolumesToFsBackup !== true) report(`${where}: defaultVolumesToFsBackup is not true, so volumes are not backed up.`, s.owner.urn);
      }
    },
  ),

  stackRule(
    {
      name: "dalp-backup-follow-table",
      description: "Velero backs up each surface as often and keeps each backup as long as the product's backup table asks.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${WHAT_GETS_BACKED_UP}; ${CHART_BACKUPS} (the support chart's schedule)`,
      remediationSteps: `Keep one running schedule per row: ${BACKUP_TIERS.map((t) => `${t.tier} (${t.surface}): at least every ${minutes(t.maxGapMinutes)}, kept ${hours(t.minRetentionHours)}`).join("; ")}. The dalp-ha stacks build them from dalp:backup.`,
      configSchema: {
        properties: {
          ...namespacesSchema,
          monitoringNamespaces: { type: "array", items: { type: "string" }, default: ["monitoring"] },
          supportCharts: { type: "array", items: { type: "string" }, default: ["support"] },
          skipTiers: { type: "array", items: { type: "string", enum: BACKUP_TIERS.map((t) => t.tier) }, default: [] },
        },
      },
    },
    (args, report) => {
      const { namespaces, monitoringNamespaces, skipTiers, supportCharts } = args.getConfig<{ namespaces: string[]; monitoringNamespaces: string[]; skipTiers: string[]; supportCharts: string[] }>();
      const supportReleases = supportReleaseNames(args.resources, supportCharts);
      if (!args.resources.some((r) => r.type === T.k8s.release && chartName(r.props) === "velero") && ofTypes(args.resources, [T.k8s.veleroSchedule]).length === 0) {
        args.notApplicable("Velero is not installed by this stack");
      }
      // Observability data is backed up where the stack runs its own Prometheus.
      const selfHostedMonitoring = args.resources.some((r) => r.type === T.k8s.release && chartName(r.props) === "kube-prometheus-stack");
      const schedules = schedulesOf(args.resources).filter((s) => !s.paused && typeof s.schedule === "string" && isCron(s.schedule));
      for (const tier of BACKUP_TIERS) {
        if (skipTiers.includes(tier.tier) || (tier.surface === "observability" && !selfHostedMonitoring)) continue;
        const covering = schedules.filter((s) => surfacesOf(s, namespaces, monitoringNamespaces, supportReleases).has(tier.surface));
        const meets = covering.some((s) => maxCronGapMinutes(s.schedule as string) <= tier.maxGapMinutes && (durationHours(s.template.ttl) ?? 0) >= tier.minRetentionHours);
        if (!meets) {
          const seen = covering.map((s) => `${s.name}: ${JSON.stringify(s.schedule)}, ttl ${JSON.stringify(s.template.ttl ?? null)}`).join("; ");
          report(`no running schedule backs up the ${tier.surface} surface at least every ${minutes(tier.maxGapMinutes)} and keeps it ${hours(tier.minRetentionHours)} (${tier.tier}: ${tier.source})${seen ? `; found ${seen}` : ""}.`);
        }
      }
    },
  ),

  stackRule(
    {
      name: "dalp-backup-require-versioned-location",
      description: "Velero writes to object storage that keeps object versions, so a deleted or overwritten backup can be recovered.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: "Backup and recovery, What gets backed up: object storage versioning, 90 days",
      remediationSteps: "Enable versioning on the bucket (or storage account) of every BackupStorageLocation.",
    },
    (args, report) => {
      let checked = 0;
      for (const release of args.resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "velero")) {
        for (const bsl of (get(valuesOf(release.props), "configuration.backupStorageLocation") as any[]) ?? []) {
          const store = locationStore(bsl, viewOf(args.resources).buckets);
          if (!store) continue;
          checked += 1;
          if (!store.versioning) report(`backup location ${bsl.name ?? "default"} writes to ${store.label}, which does not keep object versions.`, store.urn);
        }
      }
      if (checked === 0) args.notApplicable("no backup location points at a bucket managed by this stack");
    },
  ),

  stackRule(
    {
      name: "dalp-backup-deny-static-keys",
      description: "Velero reaches object storage through workload identity, never through static keys.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: "Design: Velero uses the cloud's workload identity (IRSA or Pod Identity, Azure workload identity, GKE workload identity)",
      remediationSteps:
        "Set credentials.useSecret: false with no secretContents or existingSecret, and bind the Velero service account: an EKS Pod Identity association (or eks.amazonaws.com/role-arn), iam.gke.io/gcp-service-account, or azure.workload.identity/client-id with the azure.workload.identity/use pod label.",
    },
    (args, report) => {
      const releases = args.resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "velero");
      if (releases.length === 0) args.notApplicable("Velero is not installed by this stack");
      for (const release of releases) {
        const values = valuesOf(release.props);
        const creds = values.credentials ?? {};
        if (creds.useSecret !== false) report("credentials.useSecret is not false: the chart mounts a credentials Secret.", release.urn);
        if (creds.secretContents !== undefined || creds.existingSecret !== undefined) report("credentials hold secretContents or an existingSecret: static keys.", release.urn);
        if (!hasWorkloadIdentity(release, values, args.resources)) report("the Velero service account has no workload identity binding.", release.urn);
      }
    },
  ),
];

/** Velero's object-store plugin names, by the cloud whose storage each writes to. */
const PLUGIN_CLOUD: Record<string, Bucket["cloud"]> = { aws: "aws", "velero.io/aws": "aws", gcp: "gcp", "velero.io/gcp": "gcp", azure: "azure", "velero.io/azure": "azure" };

/** The bucket or storage account a BackupStorageLocation writes to, when the stack manages it. */
function locationStore(bsl: Record<string, any>, buckets: Bucket[]): Bucket | undefined {
  const cloud = PLUGIN_CLOUD[bsl.provider];
  // Azure's plugin names the storage account in its config; the bucket is a container in it.
  const name = cloud === "azure" ? get(bsl, "config.storageAccount") : bsl.bucket;
  return buckets.find((b) => b.cloud === cloud && b.ids.includes(name));
}

function hasWorkloadIdentity(release: PolicyResource, values: Record<string, any>, resources: PolicyResource[]): boolean {
  const account = get(values, "serviceAccount.server.name") ?? "velero-server";
  const namespace = release.props.namespace;
  const annotations = (get(values, "serviceAccount.server.annotations") ?? {}) as Record<string, string>;
  if (annotations["eks.amazonaws.com/role-arn"] || annotations["iam.gke.io/gcp-service-account"]) return true;
  if (annotations["azure.workload.identity/client-id"] && get(values, "podLabels")?.["azure.workload.identity/use"] === "true") return true;
  return resources.some((r) => r.type === T.aws.podIdentityAssociation && r.props.namespace === namespace && r.props.serviceAccount === account);
}

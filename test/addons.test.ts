import { dalpValues, serviceReplicas, supportValues } from "../addons/dalp/values";
import { ALERT_SIGNALS, alertRules, AlertRule, measuresReplicationLag } from "../addons/monitoring/alertRules";
import { bucketModule } from "../addons/monitoring/probes";
import { scrapeTargetValues } from "../addons/monitoring/scrapeTargets";
import { BACKUP_LOCATION_PHASE_METRIC } from "../addons/monitoring/backupLocationMetric";
import { ALERTMANAGER_PODS, PROMETHEUS_PODS } from "../addons/monitoring/values";
import { mergeValues } from "../addons/shared/helmValues";
import { DALP_SERVICE_LABEL } from "../addons/shared/labels";
import { backupSchedules, scheduleResourceName, veleroTtl } from "../addons/velero/schedule";
import { veleroValues } from "../addons/velero/values";
import { BACKUP_TIERS } from "../facts/backups";
import { credentialPaths } from "../facts/credentials";
import { SIGNAL_REQUIREMENTS } from "../facts/monitoring";
import { DALP_SERVICES } from "../facts/workloads";
import { isCron, maxCronGapMinutes } from "../lib/cron";
import { DalpConfigSchema } from "../config/schema";
import { planSubnets } from "../components/aws/subnetPlan";
import { isSecretValue, Plan, PlannedResource } from "../planner/model";
import { awsIdentifier } from "../stacks/aws/names";
import { inputsOf, ofType, planChanged, referencePlan } from "./helpers/stacks";

const STACKS = ["aws-cloud-native", "azure-cloud-native", "gcp-cloud-native"] as const;
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

const release = (plan: Plan, releaseName: string): PlannedResource => {
  const found = ofType(plan, "kubernetes:helm.sh/v3:Release").filter((r) => inputsOf(r).name === releaseName);
  if (found.length !== 1) throw new Error(`expected one release ${releaseName}, found ${found.length}`);
  return found[0];
};
const valuesOf = (plan: Plan, releaseName: string): Record<string, any> => inputsOf(release(plan, releaseName)).values;
const rulesOf = (plan: Plan): AlertRule[] => inputsOf(ofType(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")[0]).spec.groups[0].rules;
const primary = { database: { kind: "primary" } } as const;

const charts = { repository: "oci://r.example.com/dalp", dalpVersion: "1", supportVersion: "1", namespace: "dalp", domain: "dalp.example.com", values: {}, supportValues: {} };

describe("an isolated region's DALP", () => {
  it("is scaled to zero whatever the operator's values say; a serving region keeps them", () => {
    const given = { charts: { ...charts, values: { dapp: { replicaCount: 4 } } } };
    const stopped = dalpValues(given, undefined, {}, "stopped");
    expect(DALP_SERVICES.map((s) => (stopped[s.key] as { replicaCount: number }).replicaCount)).toEqual(DALP_SERVICES.map(() => 0));
    const running = dalpValues(given, undefined, {}, "running");
    expect((running.dapp as { replicaCount: number }).replicaCount).toBe(4);
  });
});

describe("a warm standby's DALP", () => {
  it("runs its replicas without the domain's route, whatever the operator's values say; a serving region routes it", () => {
    const given = { charts: { ...charts, values: { dapp: { ingress: { enabled: true, className: "nginx" } } } } };
    const warm = dalpValues(given, undefined, {}, "warm");
    expect(warm.dapp).toMatchObject({ replicaCount: 2, ingress: { enabled: false, hostname: "dalp.example.com", className: "nginx" } });
    expect(dalpValues(given, undefined, {}, "stopped").dapp).toMatchObject({ replicaCount: 0, ingress: { enabled: false } });
    expect(dalpValues(given, undefined, {}, "running").dapp).toMatchObject({ ingress: { enabled: true, hostname: "dalp.example.com" } });
  });
});

describe("Helm values merging", () => {
  it("merges maps, replaces lists and scalars, and deletes on null like Helm", () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: true } }, keep: "x" };
    expect(mergeValues(base, { a: { b: 2, c: [3], d: null } })).toEqual({ a: { b: 2, c: [3] }, keep: "x" });
    expect(base.a.b).toBe(1);
  });

  it("lets the overlay from config win over generated DALP values", () => {
    const values = dalpValues({ charts: { ...charts, values: { dapp: { replicaCount: 3, extra: true } } } }, undefined);
    expect(values.dapp).toMatchObject({ replicaCount: 3, podAntiAffinityPreset: "soft", extra: true, podLabels: { [DALP_SERVICE_LABEL]: "dapp" } });
    expect((values.global as any).imagePullSecrets).toEqual([]);
  });

  it("keeps the bundled stateful services off unless the overlay says otherwise", () => {
    expect(supportValues({ charts }, { annotations: { a: "b" } })).toMatchObject({ postgresql: { enabled: false }, "ingress-nginx": { controller: { service: { annotations: { a: "b" } } } } });
  });
});

describe("credential detection", () => {
  it("finds credential keys at any depth, including in lists", () => {
    expect(credentialPaths({ a: { password: "x" }, list: [{ apiKey: "k" }], existingSecret: "name", token: "" })).toEqual([["a", "password"], ["list", "0", "apiKey"]]);
  });
});

describe("DALP services: replicas, placement, probes, resources and disruption budgets", () => {
  it("gives every DALP service the dApp's posture, with its service label, a zone spread on it and no chart budget", () => {
    const values = dalpValues({ charts }, undefined, { "azure.workload.identity/use": "true" });
    for (const service of DALP_SERVICES) {
      const selector = { [DALP_SERVICE_LABEL]: service.key };
      expect(values[service.key]).toMatchObject({
        replicaCount: service.minReplicas,
        podAntiAffinityPreset: "soft",
        livenessProbe: { enabled: true },
        readinessProbe: { enabled: true },
        resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
        podLabels: { ...selector, "azure.workload.identity/use": "true" },
        pdb: { create: false },
        topologySpreadConstraints: [
          { topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: "Honor", labelSelector: { matchLabels: selector }, matchLabelKeys: ["pod-template-hash"] },
        ],
      });
    }
  });

  it("reads a service's replicas from the merged values, the chart default when unset", () => {
    const [dapp, dapi] = DALP_SERVICES;
    expect(serviceReplicas(dalpValues({ charts: { ...charts, values: { dapi: { replicaCount: 1 } } } }, undefined), dapi)).toBe(1);
    expect(serviceReplicas({}, dapp)).toBe(dapp.minReplicas);
  });

  it.each(STACKS)("%s: one budget per multi-replica service, selecting the pods the dalp chart labels, before the chart", async (stack) => {
    const plan = await referencePlan(stack);
    const dalp = release(plan, "dalp");
    const values = inputsOf(dalp).values;
    const budgets = ofType(plan, PDB);
    expect(budgets).toHaveLength(DALP_SERVICES.length);
    for (const service of DALP_SERVICES) {
      const budget = budgets.find((b) => inputsOf(b).metadata.name === `dalp-${service.key}`)!;
      expect(inputsOf(budget)).toMatchObject({ metadata: { namespace: "dalp" }, spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" } });
      const selector = inputsOf(budget).spec.selector.matchLabels;
      expect(values[service.key].podLabels).toMatchObject(selector);
      expect(values[service.key].topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(selector);
      expect(dalp.dependencies).toContain(budget.urn);
    }
  });

  it("drops the budget of a service scaled to one replica, keeping the others", async () => {
    const result = await planChanged("aws-cloud-native", (c) => ((c["dalp:charts"] as any).values = { dapi: { replicaCount: 1 } }));
    if (!result.ok) throw result.error;
    expect(ofType(result.plan, PDB).map((b) => inputsOf(b).metadata.name)).toEqual(["dalp-dapp"]);
  });

  it.each(STACKS)("%s: runs two ingress controllers with a budget and spread over zones and nodes", async (stack) => {
    const controller = valuesOf(await referencePlan(stack), "support")["ingress-nginx"].controller;
    const pods = { "app.kubernetes.io/instance": "support", "app.kubernetes.io/component": "controller" };
    expect(controller).toMatchObject({ replicaCount: 2, minAvailable: 1 });
    expect(controller.topologySpreadConstraints).toEqual([
      expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: pods }, matchLabelKeys: ["pod-template-hash"] }),
      expect.objectContaining({ topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: pods } }),
    ]);
  });
});

describe("kube-prometheus-stack", () => {
  it.each(STACKS)("%s: Prometheus and Alertmanager each have the chart's budget and a zone spread on the pods it selects", async (stack) => {
    const values = valuesOf(await referencePlan(stack), "kube-prometheus-stack");
    for (const [component, spec, pods] of [["prometheus", "prometheusSpec", PROMETHEUS_PODS], ["alertmanager", "alertmanagerSpec", ALERTMANAGER_PODS]] as const) {
      expect(values[component][spec].replicas).toBeGreaterThan(1);
      expect(values[component].podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" });
      expect(values[component][spec]).toMatchObject({ podAntiAffinity: "soft", podAntiAffinityTopologyKey: "kubernetes.io/hostname" });
      expect(values[component][spec].topologySpreadConstraints).toEqual([
        { topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: "Honor", labelSelector: { matchLabels: pods } },
      ]);
    }
    // Both request memory, so the scheduler and the autoscaler account for them and the kubelet does not evict them first.
    for (const spec of [values.prometheus.prometheusSpec, values.alertmanager.alertmanagerSpec]) {
      expect(spec.resources).toMatchObject({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } });
      expect(spec.resources.limits).not.toHaveProperty("cpu");
    }
    // Prometheus drops its oldest data at 80% of its claim instead of filling it and stopping.
    expect(values.prometheus.prometheusSpec).toMatchObject({ retentionSize: "40GB", storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "50Gi" } } } } } });
    // The chart's PodDisruptionBudget templates select on exactly these labels, for release kube-prometheus-stack.
    expect(PROMETHEUS_PODS).toEqual({ "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "kube-prometheus-stack-prometheus" });
    expect(ALERTMANAGER_PODS).toEqual({ "app.kubernetes.io/name": "alertmanager", alertmanager: "kube-prometheus-stack-alertmanager" });
  });

  it.each([
    ["aws-cloud-native", true],
    ["azure-cloud-native", true],
    ["gcp-cloud-native", false],
  ] as const)("%s: scrapes no control-plane component the managed cluster hides, and drops its alerts", async (stack, coreDns) => {
    const values = valuesOf(await referencePlan(stack), "kube-prometheus-stack");
    for (const component of ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"]) expect({ component, ...values[component] }).toEqual({ component, enabled: false });
    expect(values.defaultRules.rules).toEqual({ etcd: false, kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, kubeProxy: false });
    expect({ coreDns: values.coreDns.enabled, kubeDns: values.kubeDns.enabled }).toEqual({ coreDns, kubeDns: !coreDns });
  });

  it("keeps every component and its rules where the cluster exposes them", () => {
    expect(scrapeTargetValues({ controllerManager: true, scheduler: true, etcd: true, kubeProxy: true, coreDns: true })).toEqual({
      kubeControllerManager: { enabled: true },
      kubeScheduler: { enabled: true },
      kubeEtcd: { enabled: true },
      kubeProxy: { enabled: true },
      coreDns: { enabled: true },
      kubeDns: { enabled: false },
      defaultRules: { rules: { etcd: true, kubeControllerManager: true, kubeSchedulerAlerting: true, kubeSchedulerRecording: true, kubeProxy: true } },
    });
  });
});

describe("backups", () => {
  it("turns retention hours into a Velero TTL", () => {
    expect(veleroTtl(720)).toBe("720h0m0s");
    expect(veleroTtl(48)).toBe("48h0m0s");
  });

  it("backs up the configured namespace on every DALP tier", () => {
    const backup = DalpConfigSchema.shape.backup.parse({ weekly: { schedule: "0 3 * * 0", retention: "35d" } });
    const schedules = backupSchedules({ backup, charts: { ...charts, namespace: "dalp-prod" }, alerts: { enabled: true } });
    expect(schedules["dalp-weekly"]).toMatchObject({ schedule: "0 3 * * 0", template: { ttl: "840h0m0s", includedNamespaces: ["dalp-prod"] } });
    expect(Object.keys(schedules)).toEqual(["dalp-hourly", "dalp-daily", "dalp-weekly", "dalp-support", "dalp-observability"]);
    expect(Object.keys(backupSchedules({ backup, charts, alerts: { enabled: false } }))).not.toContain("dalp-observability");
  });

  it.each([
    ["0 2 * * *", 1440],
    ["0 */4 * * *", 240],
    ["30 1 * * 1", 10080],
    ["0 2,14 * * 1-5", 3600],
    ["@every 6h", 360],
    ["@daily", 1440],
  ])("knows the longest gap of %s (%i minutes)", (cron, gap) => {
    expect(maxCronGapMinutes(cron)).toBe(gap);
  });

  it.each(["0 2 * * *", "*/15 0-6 1,15 * 1-5", "@every 1h30m", "@weekly"])("accepts the cron %s", (cron) => expect(isCron(cron)).toBe(true));
  it.each(["0 2 * *", "60 2 * * *", "0 24 * * *", "0 2 32 * *", "a b c d e", "*/0 * * * *"])("rejects the cron %s", (cron) => expect(isCron(cron)).toBe(false));

  it.each(STACKS)("%s: backs up every volume of the monitoring namespace, so Prometheus' and Alertmanager's data too", async (stack) => {
    const velero = valuesOf(await referencePlan(stack), "velero");
    expect(velero.schedules["dalp-observability"]).toMatchObject({
      schedule: "30 2 * * *",
      template: { ttl: "72h0m0s", includedNamespaces: ["monitoring"], defaultVolumesToFsBackup: true, snapshotVolumes: false },
    });
    expect(velero.schedules["dalp-observability"].template).not.toHaveProperty("labelSelector");
    // Filesystem backup is done by the node agent, which must run with reserved memory to finish an upload.
    expect(velero).toMatchObject({ deployNodeAgent: true, nodeAgent: { resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "2Gi" } } } });
    expect(velero.nodeAgent.resources.limits).not.toHaveProperty("cpu");
  });

  it.each(STACKS)("%s: selects the support chart's surface by the release label its pods carry", async (stack) => {
    const plan = await referencePlan(stack);
    const support = valuesOf(plan, "velero").schedules["dalp-support"].template;
    expect(support).toMatchObject({ includedNamespaces: ["dalp"], labelSelector: { matchLabels: { "app.kubernetes.io/instance": "support" } } });
    const ingressPods = valuesOf(plan, "support")["ingress-nginx"].controller.topologySpreadConstraints[0].labelSelector.matchLabels;
    expect(ingressPods).toMatchObject(support.labelSelector.matchLabels);
  });

  it("writes under the region's prefix and reads each replicated region's backups through a read-only location", () => {
    const backup = DalpConfigSchema.shape.backup.parse({});
    const target = { pluginImage: "p", provider: "aws", bucket: "b" as never, config: { region: "eu-west-1" }, serviceAccountAnnotations: {}, podLabels: {}, ready: [] };
    const values = veleroValues({ backup, charts, alerts: { enabled: true } }, target, true, { region: "eu-west-1", replicatedFrom: ["eu-central-1"] });
    const locations = (values.configuration as { backupStorageLocation: Array<Record<string, unknown>> }).backupStorageLocation;
    expect(locations).toEqual([
      expect.objectContaining({ name: "default", prefix: "eu-west-1", default: true, accessMode: "ReadWrite", bucket: "b" }),
      expect.objectContaining({ name: "replicated-eu-central-1", prefix: "eu-central-1", accessMode: "ReadOnly", bucket: "b" }),
    ]);
    expect(locations[1]).not.toHaveProperty("default");
  });

  it("keeps a one-region stack's backups at the bucket root, where they were written before any region was replicated", () => {
    const backup = DalpConfigSchema.shape.backup.parse({});
    const target = { pluginImage: "p", provider: "aws", bucket: "b" as never, config: { region: "eu-west-1" }, serviceAccountAnnotations: {}, podLabels: {}, ready: [] };
    const values = veleroValues({ backup, charts, alerts: { enabled: true } }, target, true, { region: "eu-west-1", replicatedFrom: [] });
    const locations = (values.configuration as { backupStorageLocation: Array<Record<string, unknown>> }).backupStorageLocation;
    expect(locations).toEqual([expect.objectContaining({ name: "default", default: true, accessMode: "ReadWrite", bucket: "b" })]);
    expect(locations[0]).not.toHaveProperty("prefix");
  });

  it.each(STACKS)("%s: installs Velero before the DALP charts, but creates their namespace first", async (stack) => {
    const plan = await referencePlan(stack);
    const velero = release(plan, "velero");
    expect(release(plan, "support").dependencies).toContain(velero.urn);
    const namespace = ofType(plan, "kubernetes:core/v1:Namespace").find((n) => inputsOf(n).metadata.name === "dalp")!;
    expect(namespace.dependencies).not.toContain(velero.urn);
  });
});

describe("alert rules", () => {
  const backup = DalpConfigSchema.shape.backup.parse({});
  const config = { charts, backup, alerts: { enabled: true } };

  it("scope every DALP rule to the configured namespace", () => {
    const rules = alertRules({ ...config, charts: { ...charts, namespace: "dalp-prod" } }, primary);
    // Node disks, Velero's schedules and its storage location are cluster-wide, not in the DALP namespace.
    const clusterWide = ["DalpNodeDiskUsageHigh", "DalpObjectStorageUnavailable", "DalpObjectStorageUnobserved", "DalpBackupFailed", "DalpBackupMissing", "DalpBackupNeverSucceeded"];
    for (const r of rules.filter((x) => !clusterWide.includes(x.alert))) expect(r.expr).toContain('namespace="dalp-prod"');
  });

  it("fire at the backup page's thresholds, at least at its severities, citing it", () => {
    const rules = alertRules(config, { database: { kind: "replica", source: "eu-west-1" } });
    const rank = { warning: 0, critical: 1 };
    for (const r of rules) {
      const requirement = SIGNAL_REQUIREMENTS[r.labels.dalp_signal];
      expect({ alert: r.alert, atLeast: rank[r.labels.severity] >= rank[requirement.severity] }).toEqual({ alert: r.alert, atLeast: true });
      expect(r.annotations.source).toBe(requirement.source);
    }
    const expr = (alert: string) => rules.find((r) => r.alert === alert)!.expr;
    expect(expr("DalpPodRestarting")).toMatch(/\[1h\]\) > 5$/);
    expect(expr("DalpReplicationLagHigh")).toMatch(/pg_replication_lag_seconds\{[^}]*\} > 60$/);
    expect(expr("DalpCertificateExpiring")).toMatch(/< 14 \* 86400$/);
    expect(expr("DalpVolumeUsageHigh")).toMatch(/> 0\.8$/);
    expect(rules.filter((r) => r.labels.dalp_signal === "backup-failure").every((r) => r.labels.severity === "critical")).toBe(true);
  });

  it("alert on replication lag only where the database is an asynchronous replica", () => {
    const lag = (database: Parameters<typeof measuresReplicationLag>[0]) => alertRules(config, { database }).some((r) => r.labels.dalp_signal === "replication-lag");
    expect(lag({ kind: "primary" })).toBe(false);
    expect(lag({ kind: "promoted", formerSource: "eu-west-1" })).toBe(false);
    expect(lag({ kind: "replica", source: "eu-west-1" })).toBe(true);
  });

  it("watch the Schedules the Velero chart renders, by their names, on every tier", () => {
    const rules = alertRules(config, primary);
    const names = BACKUP_TIERS.map((t) => scheduleResourceName(t.tier));
    expect(names).toEqual(["velero-dalp-hourly", "velero-dalp-daily", "velero-dalp-weekly", "velero-dalp-support", "velero-dalp-observability"]);
    expect(rules.find((r) => r.alert === "DalpBackupFailed")!.expr).toContain(`schedule=~"${names.join("|")}"`);
    for (const name of names) {
      expect(rules.filter((r) => r.expr.includes(`schedule="${name}"`)).map((r) => r.alert)).toEqual(["DalpBackupMissing", "DalpBackupNeverSucceeded"]);
    }
  });

  it("size the missing-backup window to the schedule, also for a schedule that never succeeded", () => {
    const rules = alertRules({ ...config, backup: DalpConfigSchema.shape.backup.parse({ daily: { schedule: "0 */6 * * *" } }) }, primary);
    const daily = rules.filter((r) => r.expr.includes('"velero-dalp-daily"'));
    expect(daily.find((r) => r.alert === "DalpBackupMissing")!.expr).toContain(`> ${(360 + 120) * 60}`);
    expect(daily.find((r) => r.alert === "DalpBackupNeverSucceeded")).toMatchObject({ expr: 'absent(velero_backup_last_successful_timestamp{schedule="velero-dalp-daily"})', for: "480m" });
  });

  it("emit no backup alert when the stack takes no backups", () => {
    const rules = alertRules({ ...config, backup: { ...backup, enabled: false } }, primary);
    expect(rules.filter((r) => r.labels.dalp_signal === "backup-failure")).toEqual([]);
  });

  it("tell the endpoint probe from the bucket probes", () => {
    const rules = alertRules(config, primary);
    const find = (alert: string) => rules.find((r) => r.alert === alert)!;
    expect(find("DalpEndpointDown").expr).toBe('probe_success{namespace="dalp", target="dalp-dapp"} == 0');
    expect(find("DalpCertificateExpiring").expr).toContain('target="dalp-dapp"');
    expect(find("DalpBucketUnreachable")).toMatchObject({ expr: 'probe_success{namespace="dalp", target=~"dalp-bucket-.*"} == 0', labels: { dalp_signal: "object-storage-access" } });
  });

  it.each(STACKS)("%s: probe the application bucket at the adapter's anonymous URL, alerting on that target", async (stack) => {
    const plan = await referencePlan(stack);
    const blackbox = valuesOf(plan, "blackbox-exporter");
    const region = Object.values(plan.outputs.regions as Record<string, any>)[0];
    const bucket = blackbox.serviceMonitor.targets.find((t: any) => t.name === "dalp-bucket-app");
    expect(bucket.url).toContain(region.buckets.app);
    expect(blackbox.config.modules[bucket.module].http.valid_status_codes).toEqual(ANONYMOUS_REFUSAL[stack]);
    expect(rulesOf(plan).find((r) => r.alert === "DalpBucketUnreachable")!.expr).toMatch(new RegExp(`target=~"${bucket.name.replace("app", "")}`));
    expect(rulesOf(plan).some((r) => r.labels.dalp_signal === "replication-lag")).toBe(false);
  });

  it.each(STACKS)("%s: cover every signal of the page a cloud-native region can measure", async (stack) => {
    const signals = new Set(rulesOf(await referencePlan(stack)).map((r) => r.labels.dalp_signal));
    expect([...ALERT_SIGNALS].filter((s) => !signals.has(s))).toEqual(["replication-lag"]);
  });

  it.each(STACKS)("%s: watch the backup bucket through the metric kube-state-metrics makes of the storage location the Velero release creates", async (stack) => {
    const plan = await referencePlan(stack);
    const ksm = valuesOf(plan, "kube-prometheus-stack")["kube-state-metrics"];
    const [resource] = ksm.customResourceState.config.spec.resources;
    const location = valuesOf(plan, "velero").configuration.backupStorageLocation[0];
    const veleroNamespace = inputsOf(release(plan, "velero")).namespace;
    expect(ksm.customResourceState.enabled).toBe(true);
    expect(resource.groupVersionKind).toEqual({ group: "velero.io", version: "v1", kind: "BackupStorageLocation" });
    expect(ksm.rbac.extraRules).toContainEqual({ apiGroups: ["velero.io"], resources: ["backupstoragelocations"], verbs: ["list", "watch"] });
    // kube-state-metrics names a custom-resource metric <metricNamePrefix>_<name>.
    expect(`${resource.metricNamePrefix}_${resource.metrics[0].name}`).toBe(BACKUP_LOCATION_PHASE_METRIC);
    const series = `${BACKUP_LOCATION_PHASE_METRIC}{namespace="${veleroNamespace}", name="${location.name}", phase="Available"}`;
    const rules = rulesOf(plan);
    expect(rules.find((r) => r.alert === "DalpObjectStorageUnavailable")).toMatchObject({ expr: `${series} == 0`, labels: { severity: "critical", dalp_signal: "object-storage-access" } });
    // Without the series the alert above could never fire, so its absence is an alert of its own.
    expect(rules.find((r) => r.alert === "DalpObjectStorageUnobserved")).toMatchObject({ expr: `absent(${series})`, for: "30m" });
    for (const schedule of Object.values(valuesOf(plan, "velero").schedules as Record<string, any>)) expect(schedule.template.storageLocation).toBe(location.name);
  });

  it("count a backup Velero refuses before it starts (FailedValidation) as a failed backup", () => {
    const failed = alertRules(config, primary).find((r) => r.alert === "DalpBackupFailed")!.expr;
    for (const counter of ["velero_backup_failure_total", "velero_backup_partial_failure_total", "velero_backup_validation_failure_total"]) {
      expect(failed).toMatch(new RegExp(`increase\\(${counter}\\{schedule=~"[^"]+"\\}\\[1h\\]\\) > 0`));
    }
  });

  it("hold readiness to the pods meant to serve, so finished Job pods and evicted pods do not keep it firing", () => {
    const notReady = alertRules(config, primary).find((r) => r.alert === "DalpPodNotReady")!.expr;
    const phases = /kube_pod_status_phase\{[^}]*phase=~"([^"]+)"\}/.exec(notReady);
    expect(phases).not.toBeNull();
    const serving = new RegExp(`^(?:${phases![1]})$`);
    expect(["Running", "Pending", "Succeeded", "Failed"].filter((p) => serving.test(p))).toEqual(["Running", "Pending"]);
    expect(notReady).toMatch(/kube_pod_status_ready\{[^}]*condition="false"\}\) \* on \(namespace, pod\)/);
  });

  it("leave read-only node filesystems (immutable OS images, full by construction) out of the disk alert", () => {
    const disk = alertRules(config, primary).find((r) => r.alert === "DalpNodeDiskUsageHigh")!.expr;
    expect(disk).toMatch(/> 0\.8 unless on \(instance, device, mountpoint\) node_filesystem_readonly\{[^}]*\} == 1$/);
  });

  it.each(STACKS)("%s: alert when a DALP disruption budget selects no pod, on exactly the budgets the plan creates", async (stack) => {
    const plan = await referencePlan(stack);
    const budgets = ofType(plan, PDB).map((b) => inputsOf(b).metadata.name).sort();
    const rule = rulesOf(plan).find((r) => r.alert === "DalpDisruptionBudgetSelectsNoPods")!;
    const named = /poddisruptionbudget=~"([^"]+)"/.exec(rule.expr)![1].split("|").sort();
    expect(named).toEqual(budgets);
    expect(rule).toMatchObject({ expr: expect.stringMatching(/^kube_poddisruptionbudget_status_expected_pods\{namespace="dalp", [^}]+\} == 0$/), for: "30m" });
  });

  it("drop the empty-budget alert with the budgets: none for services scaled to one replica", () => {
    const scaled = (values: Record<string, unknown>) => alertRules({ ...config, charts: { ...charts, values } }, primary).filter((r) => r.alert === "DalpDisruptionBudgetSelectsNoPods");
    expect(scaled({ dapi: { replicaCount: 1 } }).map((r) => r.expr)).toEqual([expect.stringContaining('poddisruptionbudget=~"dalp-dapp"}')]);
    expect(scaled({ dapp: { replicaCount: 1 }, dapi: { replicaCount: 1 } })).toEqual([]);
  });

  it("accept only the answer a healthy private bucket gives an anonymous caller, over TLS, without following a redirect", () => {
    expect(bucketModule({ acceptedStatus: [403] }).http).toMatchObject({ valid_status_codes: [403], fail_if_not_ssl: true, follow_redirects: false });
  });
});

/** The refusal each cloud's adapter says its private buckets give an anonymous caller. */
const ANONYMOUS_REFUSAL: Record<string, number[]> = { "aws-cloud-native": [403], "azure-cloud-native": [409], "gcp-cloud-native": [401, 403] };

describe("stack outputs", () => {
  it.each(STACKS)("%s: list the Velero Schedules by their names in the cluster, and each region's alerts", async (stack) => {
    const plan = await referencePlan(stack);
    const summary = (plan.outputs.resourceSummary as any).backup;
    const velero = valuesOf(plan, "velero").schedules;
    expect(Object.keys(summary).sort()).toEqual(BACKUP_TIERS.map((t) => scheduleResourceName(t.tier)).sort());
    for (const tier of BACKUP_TIERS) {
      const s = velero[`dalp-${tier.tier}`];
      expect(summary[scheduleResourceName(tier.tier)]).toEqual({ surface: tier.surface, cron: s.schedule, ttl: s.template.ttl });
    }
    const region = Object.values(plan.outputs.regions as Record<string, any>)[0];
    expect(region.alertRules).toEqual(rulesOf(plan).map((r) => r.alert));
  });

  it.each(STACKS)("%s: carry no credential: the kubeconfigs are secret and nothing else holds a credential key", async (stack) => {
    const { outputs } = await referencePlan(stack);
    // The map of kubeconfigs by region is secret as a whole, since its values are.
    expect([isSecretValue(outputs.kubeconfig), isSecretValue(outputs.kubeconfigs)]).toEqual([true, true]);
    const { kubeconfig: _k, kubeconfigs: _ks, ...rest } = outputs;
    expect(credentialPaths(rest)).toEqual([]);
    expect(JSON.stringify(rest)).not.toMatch(/password|secret|token/i);
  });
});

describe("AWS subnet plan and names", () => {
  it("cuts a /16 into non-overlapping private, public and data subnets per zone", () => {
    const plan = planSubnets("10.40.0.0/16", ["a", "b", "c", "d", "e", "f"]);
    const all = plan.flatMap((p) => [p.private, p.public, p.data]);
    expect(new Set(all).size).toBe(18);
    const range = (cidr: string) => {
      const [ip, bits] = cidr.split("/");
      const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
      return [n, n + 2 ** (32 - Number(bits)) - 1];
    };
    const ranges = all.map(range).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    expect(plan[0]).toEqual({ zone: "a", private: "10.40.0.0/19", public: "10.40.192.0/24", data: "10.40.200.0/24" });
  });

  it("refuses more than six zones and networks that are not a /16", () => {
    expect(() => planSubnets("10.40.0.0/16", ["a", "b", "c", "d", "e", "f", "g"])).toThrow(/at most 6 zones/);
    expect(() => planSubnets("10.40.0.0/20", ["a"])).toThrow(/expected a \/16/);
  });

  it("makes identifiers AWS accepts from any stack name", () => {
    expect(awsIdentifier("dalp", "Prod_EU--1", "eu-central-1", "postgres-final")).toBe("dalp-prod-eu-1-eu-central-1-postgres-final");
    expect(awsIdentifier("9lives")).toBe("lives");
    expect(awsIdentifier("x".repeat(80)).length).toBe(63);
  });
});

describe("a standby's watch on the active region", () => {
  it.each(["aws-hot-warm", "azure-hot-warm", "gcp-hot-warm"])("%s: the standby probes each of the active region's ingress addresses with the domain's Host and SNI, and pages when none answers", async (stack) => {
    const plan = await referencePlan(stack);
    const active = String(plan.outputs.primaryRegion);
    const regions = plan.outputs.regions as Record<string, { role: string; alertRules: string[]; ingressAddresses: string[] }>;
    const standby = Object.keys(regions).find((r) => regions[r].role === "standby") as string;
    const blackbox = (region: string) => inputsOf(plan.resources.find((r) => r.name === `${region}-alerts-blackbox-exporter`) as PlannedResource).values;
    const targets = blackbox(standby).serviceMonitor.targets.filter((t: { name: string }) => t.name.startsWith("active-region-"));
    expect(targets.map((t: { url: string }) => t.url)).toEqual(regions[active].ingressAddresses.map((ip) => `https://${ip}/`));
    for (const t of targets) expect(t.module).toBe("http_2xx_active_region");
    expect(blackbox(standby).config.modules.http_2xx_active_region.http).toMatchObject({ headers: { Host: "dalp.example.com" }, tls_config: { server_name: "dalp.example.com" } });
    // The active region watches no one, and only the standby carries the page.
    expect(blackbox(active).serviceMonitor.targets.some((t: { name: string }) => t.name.startsWith("active-region-"))).toBe(false);
    expect(regions[standby].alertRules).toContain("DalpActiveRegionUnreachable");
    expect(regions[active].alertRules).not.toContain("DalpActiveRegionUnreachable");
    const rule = alertRules({ charts: { ...charts, namespace: "dalp" }, backup: { enabled: false } as never, alerts: { enabled: true } as never }, { database: { kind: "replica", source: active } as never, activeRegion: active }).find((r) => r.alert === "DalpActiveRegionUnreachable");
    expect(rule).toMatchObject({ expr: 'max(probe_success{namespace="dalp", target=~"active-region-.*"}) == 0', for: "2m", labels: { severity: "critical", dalp_signal: "api-availability" } });
  });
});

import { viewOf, type View } from "../view";
import { chartName } from "./helm";
import { DalpPolicy, stackRule } from "./kit";
import { T } from "./types";

const HOT_WARM = "Hot-warm active-standby, Production requirements";
const HOT_HOT = "Hot-hot active-active, Operating checks before production";

/**
 * Whether the stack is failed over: its stamps hold an isolated former primary and no standby. Nothing is
 * replicated towards the failed region then (its APIs may be down); replication starts again when it returns
 * as the standby (topology, hot-warm failed over).
 */
export function failedOver(view: View): boolean {
  return view.stamps.some((s) => s.role === "cold") && !view.stamps.some((s) => s.role === "standby" || s.role === "recovery");
}

export const multiRegionRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-dr-require-cross-region-copy",
      description: "A stack spanning regions replicates its database, or copies its backups, to another region.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: `${HOT_WARM}: PostgreSQL replication; Backup and recovery, Recovery boundary`,
      remediationSteps:
        "Add a cross-region read replica (RDS replicateSourceDb, Azure createMode Replica, Cloud SQL masterInstanceName, CloudNativePG replica cluster) or a cross-region copy of automated backups (aws.rds.InstanceAutomatedBackupsReplication, Azure geo-redundant backup).",
    },
    (args, report) => {
      const view = viewOf(args.resources);
      if (view.regions.length < 2) args.notApplicable("the stack runs in one region");
      if (failedOver(view)) args.notApplicable("the stack is failed over: nothing is written towards the isolated former region until it returns as the standby");
      const copies = view.databases.filter((d) => d.replicaOf !== undefined || d.backupCopyRegions.length > 0);
      if (copies.length === 0) report(`the stack runs in ${view.regions.join(", ")} but no database replica or backup copy crosses regions.`);
    },
  ),

  stackRule(
    {
      name: "dalp-traffic-limit-dns-ttl",
      description: "DNS records that steer traffic between regions have a TTL no longer than the failover window.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${HOT_WARM}: Traffic management, "Set TTLs that match the expected failover window"`,
      remediationSteps: "Lower the record (or traffic-manager profile) TTL to the configured maximum; 60 seconds suits a failover window of minutes.",
      configSchema: { properties: { maxTtlSeconds: { type: "integer", minimum: 1, default: 60 } } },
    },
    (args, report) => {
      const { maxTtlSeconds } = args.getConfig<{ maxTtlSeconds: number }>();
      const routes = viewOf(args.resources).routes;
      if (routes.length === 0) args.notApplicable("no DNS record steers traffic between regions");
      for (const r of routes) if (r.ttlSeconds !== undefined && r.ttlSeconds > maxTtlSeconds) report(`TTL ${r.ttlSeconds}s exceeds ${maxTtlSeconds}s.`, r.urn);
    },
  ),

  stackRule(
    {
      name: "dalp-traffic-require-health-checks",
      description: "Traffic steering between regions is driven by health checks, so a failed region stops receiving users.",
      severity: "high",
      enforcementLevel: "advisory",
      source: `${HOT_HOT}: traffic management can remove a failed region; ${HOT_WARM}: Traffic management`,
      remediationSteps: "Route 53: a healthCheckId (or alias evaluateTargetHealth) on every routed record. Traffic Manager: monitorConfig with an HTTPS path. Cloud DNS: internal load balancers, or external endpoints with the routing policy's healthCheck.",
    },
    (args, report) => {
      const routes = viewOf(args.resources).routes;
      if (routes.length === 0) args.notApplicable("no DNS record steers traffic between regions");
      for (const r of routes) if (!r.healthChecked) report("routes between regions without a health check.", r.urn);
    },
  ),

  stackRule(
    {
      name: "dalp-clusters-align-versions",
      description: "All clusters of a multi-region stack run the same Kubernetes minor version and the same DALP chart versions.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${HOT_WARM}: Two clusters, "Keep cluster versions, namespaces, ingress, and chart configuration aligned"`,
      remediationSteps: "Pin one Kubernetes version and one chart version per chart for every region, and upgrade them together.",
    },
    (args, report) => {
      const clusters = viewOf(args.resources).clusters;
      if (clusters.length < 2) args.notApplicable("the stack has one cluster");
      const versions = new Set(clusters.map((c) => c.minor));
      if (versions.size > 1) report(`clusters run Kubernetes ${[...versions].join(" and ")}.`);
      const byChart = new Map<string, Set<string>>();
      for (const r of args.resources.filter((x) => x.type === T.k8s.release && ["dalp", "support"].includes(chartName(x.props)))) {
        const set = byChart.get(chartName(r.props)) ?? new Set<string>();
        set.add(String(r.props.version));
        byChart.set(chartName(r.props), set);
      }
      for (const [chart, set] of byChart) if (set.size > 1) report(`chart ${chart} is installed at versions ${[...set].join(" and ")}.`);
    },
  ),
];

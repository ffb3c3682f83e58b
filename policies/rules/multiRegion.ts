import type { PolicyResource } from "@pulumi/policy";
import { chartName } from "./helm";
import { DalpPolicy, get, ofTypes, regionOf, stackRule } from "./kit";
import { CLUSTERS, MANAGED_POSTGRES, T } from "./types";

const HOT_WARM = "Hot-warm active-standby, Production requirements";
const HOT_HOT = "Hot-hot active-active, Operating checks before production";

/** The regions a stack's clusters and databases run in. */
function regions(resources: PolicyResource[]): Set<string> {
  return new Set(ofTypes(resources, [...CLUSTERS, ...MANAGED_POSTGRES]).map((r) => regionOf(r)).filter((r): r is string => r !== undefined));
}

/** DNS and traffic-manager entries that steer traffic between regions. */
function routedRecords(resources: PolicyResource[]): PolicyResource[] {
  return resources.filter(
    (r) =>
      (r.type === T.aws.route53Record && ["failoverRoutingPolicies", "latencyRoutingPolicies", "weightedRoutingPolicies", "geolocationRoutingPolicies"].some((k) => (r.props[k] as unknown[] | undefined)?.length)) ||
      r.type === T.azure.trafficManager ||
      (r.type === T.gcp.dnsRecordSet && r.props.routingPolicy !== undefined),
  );
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
      if (regions(args.resources).size < 2) args.notApplicable("the stack runs in one region");
      const copies = args.resources.filter(
        (r) =>
          (r.type === T.aws.rdsInstance && r.props.replicateSourceDb) ||
          r.type === T.aws.rdsBackupsReplication ||
          (r.type === T.azure.postgres && (r.props.createMode === "Replica" || get(r.props, "backup.geoRedundantBackup") === "Enabled")) ||
          (r.type === T.gcp.sql && r.props.masterInstanceName) ||
          (r.type === T.k8s.cnpgCluster && (get(r.props, "spec.replica.enabled") === true || (get(r.props, "spec.externalClusters") as unknown[] | undefined)?.length)),
      );
      if (copies.length === 0) report(`the stack runs in ${[...regions(args.resources)].join(", ")} but no database replica or backup copy crosses regions.`);
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
      const records = routedRecords(args.resources);
      if (records.length === 0) args.notApplicable("no DNS record steers traffic between regions");
      for (const r of records) {
        const ttl = r.type === T.azure.trafficManager ? get(r.props, "dnsConfig.ttl") : r.props.ttl;
        if (ttl !== undefined && Number(ttl) > maxTtlSeconds) report(`TTL ${ttl}s exceeds ${maxTtlSeconds}s.`, r.urn);
      }
    },
  ),

  stackRule(
    {
      name: "dalp-traffic-require-health-checks",
      description: "Traffic steering between regions is driven by health checks, so a failed region stops receiving users.",
      severity: "high",
      enforcementLevel: "advisory",
      source: `${HOT_HOT}: traffic management can remove a failed region; ${HOT_WARM}: Traffic management`,
      remediationSteps: "Route 53: a healthCheckId (or alias evaluateTargetHealth) on every routed record. Traffic Manager: monitorConfig with an HTTPS path. Cloud DNS: health-checked targets in the routing policy.",
    },
    (args, report) => {
      const records = routedRecords(args.resources);
      if (records.length === 0) args.notApplicable("no DNS record steers traffic between regions");
      for (const r of records) {
        const checked =
          r.type === T.aws.route53Record
            ? Boolean(r.props.healthCheckId) || (r.props.aliases as any[] | undefined)?.some((a) => a.evaluateTargetHealth === true)
            : r.type === T.azure.trafficManager
              ? Boolean(get(r.props, "monitorConfig.protocol"))
              : JSON.stringify(r.props.routingPolicy ?? {}).includes("healthCheckedTargets");
        if (!checked) report("routes between regions without a health check.", r.urn);
      }
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
      const clusters = ofTypes(args.resources, CLUSTERS);
      if (clusters.length < 2) args.notApplicable("the stack has one cluster");
      const versionOf = (c: PolicyResource) => String(c.props.version ?? c.props.kubernetesVersion ?? c.props.minMasterVersion ?? "?").split(".").slice(0, 2).join(".");
      const versions = new Set(clusters.map(versionOf));
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

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import type { BucketsPort, CachePort, PostgresPort } from "../../ports/adapter";
import { BLACKBOX_EXPORTER, POSTGRES_EXPORTER, REDIS_EXPORTER } from "../shared/chartVersions";
import { pinnedRelease } from "../shared/helmRelease";
import { DALP_APP_LABEL } from "../shared/labels";
import { AlertRule, alertRules, AlertScope, prometheusRuleSpec } from "./alertRules";
import type { ActiveRegionProbe } from "./probes";
import { blackboxExporterValues, postgresExporterValues, redisExporterValues } from "./values";

export interface DalpAlertsArgs {
  config: Pick<DalpConfig, "charts" | "backup" | "alerts">;
  namespace: pulumi.Input<string>;
  postgres: PostgresPort;
  cache: CachePort;
  /** The buckets the application uses; each is probed over the cluster's network path to it. */
  buckets: BucketsPort;
  scope: AlertScope;
  /** A standby's direct probe of the active region's ingress (the `DalpActiveRegionUnreachable` alert). */
  activeRegionProbe?: ActiveRegionProbe;
  /** The Prometheus Operator (its CRDs) and the DALP Secrets the exporters read. */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * The DALP alert rules and the exporters that feed them: managed PostgreSQL and cache seen from inside the
 * cluster, the public endpoint probed from outside and the application buckets probed from inside.
 */
export class DalpAlerts extends pulumi.ComponentResource {
  readonly rule: k8s.apiextensions.CustomResource;
  readonly rules: AlertRule[];

  constructor(name: string, args: DalpAlertsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:addons:DalpAlerts", name, {}, opts);
    const child = { parent: this, dependsOn: args.dependsOn };
    const exporters = [
      pinnedRelease(`${name}-postgres-exporter`, POSTGRES_EXPORTER, { releaseName: "postgres-exporter", namespace: args.namespace, values: postgresExporterValues(args.postgres) }, child),
      pinnedRelease(`${name}-redis-exporter`, REDIS_EXPORTER, { releaseName: "redis-exporter", namespace: args.namespace, values: redisExporterValues(args.cache) }, child),
      pinnedRelease(`${name}-blackbox-exporter`, BLACKBOX_EXPORTER, { releaseName: "blackbox-exporter", namespace: args.namespace, values: blackboxExporterValues(args.config.charts.domain, args.buckets, args.activeRegionProbe) }, child),
    ];
    this.rules = alertRules(args.config, { ...args.scope, activeRegion: args.activeRegionProbe?.region });
    this.rule = new k8s.apiextensions.CustomResource(
      `${name}-rules`,
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "dalp-ha", namespace: args.namespace, labels: { ...DALP_APP_LABEL } },
        spec: prometheusRuleSpec(this.rules),
      },
      { parent: this, dependsOn: [...args.dependsOn, ...exporters] },
    );
    this.registerOutputs({ rule: this.rule.metadata.name });
  }
}

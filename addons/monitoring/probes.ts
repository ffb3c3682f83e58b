import type * as pulumi from "@pulumi/pulumi";
import { ACTIVE_REGION_TARGET_PREFIX } from "../../facts/monitoring";
import type { BucketProbe, BucketsPort } from "../../ports/adapter";

/**
 * What the blackbox exporter probes from inside the cluster: the public DALP endpoint, and each application
 * bucket over the network path the application itself uses. The backup bucket is watched by Velero's own
 * access check of its BackupStorageLocation instead (see values.ts).
 *
 * The chart's ServiceMonitor for a target labels every probe metric `target: <name>` (prometheus-blackbox-
 * exporter chart, `templates/servicemonitor.yaml`, metricRelabelings; tag 11.17.2 read 2026-11-22), which is
 * how the alerts tell the endpoint from the buckets.
 */
export const ENDPOINT_PROBE = { target: "dalp-dapp", module: "http_2xx" } as const;

/**
 * A standby's probe of the active region's ingress addresses, by address rather than through DNS: it still fails
 * once health-checked DNS has moved, and it runs in the region that survives. Host and SNI carry the domain.
 */
export const ACTIVE_REGION_PROBE = { targetPrefix: ACTIVE_REGION_TARGET_PREFIX, module: "http_2xx_active_region" } as const;

/** What a standby probes of the active region: its name, its ingress addresses, the health check's path. */
export interface ActiveRegionProbe {
  region: string;
  addresses: pulumi.Input<string[]>;
  path: string;
}
export const BUCKET_PROBE_PREFIX = "dalp-bucket-";

/** The blackbox module that accepts a bucket's anonymous answer, one per object-storage provider. */
export function bucketModuleName(provider: BucketsPort["provider"]): string {
  return `bucket_${provider}`;
}

export function bucketModule(probe: Pick<BucketProbe, "acceptedStatus">) {
  return {
    prober: "http",
    timeout: "5s",
    http: {
      method: "GET",
      valid_status_codes: [...probe.acceptedStatus],
      valid_http_versions: ["HTTP/1.1", "HTTP/2.0"],
      fail_if_not_ssl: true,
      follow_redirects: false,
      preferred_ip_protocol: "ip4",
    },
  };
}

export interface ProbeTarget {
  name: string;
  url: pulumi.Input<string>;
  module: string;
}

/** One target per application bucket, at the URL the cloud adapter gives for an anonymous probe. */
export function bucketProbeTargets(buckets: BucketsPort): ProbeTarget[] {
  return [{ name: `${BUCKET_PROBE_PREFIX}app`, url: buckets.app.probe.url, module: bucketModuleName(buckets.provider) }];
}

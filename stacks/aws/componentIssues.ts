import { autoscalerMinors } from "../../components/aws/clusterAutoscalerImage";
import { ConfigIssue, renderValue } from "../../config/errors";
import { Check, runChecks } from "../../config/guardedChecks";
import type { DalpConfig } from "../../config/types";
import { AWS_DEFAULTS } from "./defaults";

/**
 * RDS refuses a storage-autoscaling bound less than 10 % above the allocated storage ("Invalid max storage
 * size"; RDS user guide, USER_PIOPS.Autoscaling, maximum storage threshold, read 2026-12-01). Equal means no
 * autoscaling, which RDS accepts.
 */
const MIN_AUTOSCALING_HEADROOM_PERCENT = 10;

const checks: ReadonlyArray<Check<DalpConfig>> = [
  (config) => {
    const version = config.cluster.kubernetesVersion ?? AWS_DEFAULTS.kubernetesVersion;
    const minors = autoscalerMinors();
    if (minors.includes(version)) return [];
    return [{
      key: "dalp:cluster.kubernetesVersion",
      given: renderValue(version),
      allowed: `one of ${minors.join(", ")}: a cluster autoscaler image is pinned for each (the autoscaler is meant to run the minor of its control plane; addons/shared/chartVersions.ts)`,
    }];
  },
  (config) => {
    const { storageGb, maxStorageGb } = config.postgres;
    const lowest = Math.ceil((storageGb * (100 + MIN_AUTOSCALING_HEADROOM_PERCENT)) / 100);
    if (!(maxStorageGb > storageGb && maxStorageGb < lowest)) return [];
    return [{
      key: "dalp:postgres.maxStorageGb",
      given: renderValue(maxStorageGb),
      allowed: `${storageGb} (storage autoscaling off) or at least ${lowest}: RDS needs the autoscaling bound at least 10 % above postgres.storageGb (${storageGb})`,
    }];
  },
];

/**
 * What the AWS components need of the configuration beyond the schema, refused before anything is declared:
 * a CreateDBInstance that RDS rejects, or a cluster autoscaler built for another Kubernetes minor, would stop
 * `pulumi up` half-way or scale the cluster wrongly. Guarded like every other check, so a version the support
 * calendar already refused is not refused twice.
 */
export function componentIssues(config: DalpConfig): ConfigIssue[] {
  return runChecks(config, checks);
}

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

/**
 * Whether an EC2 instance type runs on AWS Graviton (arm64): the processor letter `g` among the attributes
 * after the generation (m7g, c7gn, r8gd, t4g, im4gn, g5g), or the first Graviton family, a1 ("Processor
 * family: a - AMD, g - AWS Graviton, i - Intel", EC2 instance types guide, instance-type-names, read
 * 2026-12-01).
 */
export function isGravitonInstanceType(instanceType: string): boolean {
  const m = /^([a-z]+)(\d+)([a-z]*)(?:-[a-z0-9]+)?\.[a-z0-9]+$/.exec(instanceType);
  if (!m) return false;
  const [, family, generation, attributes] = m;
  return (family === "a" && generation === "1") || attributes.includes("g");
}

const checks: ReadonlyArray<Check<DalpConfig>> = [
  (config) => {
    // The node groups run the x86_64 AL2023 AMI (components/aws/eksCluster.ts): EKS refuses a node group whose
    // instance types do not match its AMI type's architecture (CreateNodegroup, amiType), after the cluster
    // already exists; and not every DALP image is published for arm64 (stacks/aws/defaults.ts).
    const nodeType = config.cluster.nodeType ?? AWS_DEFAULTS.nodeType;
    if (!isGravitonInstanceType(nodeType)) return [];
    return [{
      key: "dalp:cluster.nodeType",
      given: renderValue(nodeType),
      allowed: `an x86_64 instance type such as ${AWS_DEFAULTS.nodeType}: ${nodeType} is AWS Graviton (arm64), while the node groups run the x86_64 AL2023 AMI and not every DALP image is published for arm64`,
    }];
  },
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

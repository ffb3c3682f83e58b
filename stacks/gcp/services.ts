import * as projects from "@pulumi/gcp/projects";
import type { Provider } from "@pulumi/gcp/provider";
import { ConfigIssue, renderValue } from "../../config/errors";

/**
 * The Google APIs the stack calls, and what for. A disabled one fails the first `pulumi up` at the first
 * resource that needs it, after the network, the cluster and the protected key ring already exist; so they are
 * checked before anything is declared. The stack does not enable them itself: enabling a service is a
 * project-level decision (often an organisation policy or another team's), and a service enabled by one stack
 * would be disabled by its `destroy` under every other user of the project.
 */
export const REQUIRED_SERVICES: ReadonlyArray<{ service: string; usedFor: string }> = [
  // Read first, by this very check (Service Usage API).
  { service: "serviceusage.googleapis.com", usedFor: "checking the others" },
  { service: "cloudresourcemanager.googleapis.com", usedFor: "the project lookup and project IAM bindings" },
  { service: "compute.googleapis.com", usedFor: "zones, the VPC, subnets, Cloud NAT, firewall rules, peerings" },
  { service: "container.googleapis.com", usedFor: "GKE" },
  { service: "servicenetworking.googleapis.com", usedFor: "private services access for Cloud SQL and Memorystore" },
  { service: "sqladmin.googleapis.com", usedFor: "Cloud SQL for PostgreSQL" },
  { service: "redis.googleapis.com", usedFor: "Memorystore for Redis" },
  { service: "cloudkms.googleapis.com", usedFor: "the key that encrypts GKE Secrets" },
  { service: "iam.googleapis.com", usedFor: "service accounts and custom roles" },
  { service: "iamcredentials.googleapis.com", usedFor: "Workload Identity tokens and signed URLs" },
  { service: "storage.googleapis.com", usedFor: "the buckets" },
  { service: "logging.googleapis.com", usedFor: "GKE system, workload and control-plane logs" },
  { service: "monitoring.googleapis.com", usedFor: "GKE system and control-plane metrics" },
];

/** Whether a service is enabled in the project; a lookup that fails counts as not enabled. */
export type ServiceLookup = (service: string) => Promise<boolean>;

/**
 * The provider's `projects.getProjectService` answers for an enabled service and fails (or answers without an
 * id) for one that is not; both, and a caller without `serviceusage.services.get`, mean the run cannot rely on it.
 */
export function providerServiceLookup(project: string, provider: Provider): ServiceLookup {
  return async (service) => {
    try {
      const found = await projects.getProjectService({ project, service }, { provider });
      return typeof found.id === "string" && found.id.length > 0;
    } catch {
      return false;
    }
  };
}

/** One issue naming every service the project lacks, with the command that enables them. */
export async function serviceIssues(project: string, lookup: ServiceLookup): Promise<ConfigIssue[]> {
  const states = await Promise.all(REQUIRED_SERVICES.map(async (s) => ({ ...s, enabled: await lookup(s.service) })));
  const missing = states.filter((s) => !s.enabled);
  if (missing.length === 0) return [];
  return [{
    key: "dalp:account",
    given: renderValue(project),
    allowed:
      `a project with these APIs enabled: ${missing.map((s) => `${s.service} (${s.usedFor})`).join(", ")}. ` +
      `Enable them with: gcloud services enable ${missing.map((s) => s.service).join(" ")} --project ${project}. ` +
      "If they are enabled, the identity running pulumi up cannot read them: it needs serviceusage.services.get " +
      "(roles/serviceusage.serviceUsageViewer)",
  }];
}

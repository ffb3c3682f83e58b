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

/**
 * The APIs the links of the multi-region patterns call besides, by the links that need them: checked only when
 * the topology has such a link, so a cloud-native stack does not ask for them.
 */
export const LINK_SERVICES: ReadonlyArray<{ service: string; usedFor: string; links: string[] }> = [
  { service: "dns.googleapis.com", usedFor: "the failover record set and the managed zone lookup", links: ["traffic (failover)"] },
  { service: "storagetransfer.googleapis.com", usedFor: "cross-bucket replication jobs", links: ["bucket-replication"] },
  { service: "pubsub.googleapis.com", usedFor: "the change notifications cross-bucket replication reads", links: ["bucket-replication"] },
];

/**
 * What a lookup found: the service is enabled, it is not, or the project's services could not be read at all
 * (with the API's own words, which say whether a permission, a disabled Service Usage API or a quota project is
 * at fault; Google's error texts hold no credential).
 */
export type ServiceState = { state: "enabled" } | { state: "disabled" } | { state: "unreadable"; reason: string };

/** The state of one service in the project. */
export type ServiceLookup = (service: string) => Promise<ServiceState>;

/**
 * The provider's `projects.getProjectService` (bridged from terraform-provider-google's data source
 * `google_project_service`) reads the project with Resource Manager `projects.get` and lists its enabled services
 * with Service Usage `services.list` (filter `state:ENABLED`); a service missing from that list leaves the
 * result without an id, while a call the API refuses fails the lookup (hashicorp/terraform-provider-google
 * google/services/resourcemanager/resource_google_project_service.go, resourceGoogleProjectServiceRead, and
 * resource_google_project.go ListCurrentlyEnabledServices, commit e03b762, read 2026-12-01). The two are kept
 * apart: a refused call says nothing about whether the service is enabled.
 */
export function providerServiceLookup(project: string, provider: Provider): ServiceLookup {
  return async (service) => {
    try {
      const found = await projects.getProjectService({ project, service }, { provider });
      return typeof found?.id === "string" && found.id.length > 0 ? { state: "enabled" } : { state: "disabled" };
    } catch (e) {
      return { state: "unreadable", reason: firstLine(e) };
    }
  };
}

/**
 * What the lookup needs, in permissions and the predefined roles that hold them (iann0036/iam-dataset gcp/roles,
 * commit 2073fa5, read 2026-12-01).
 */
export const SERVICE_CHECK_PERMISSIONS =
  "resourcemanager.projects.get and serviceusage.services.list on the project (roles/browser and roles/serviceusage.serviceUsageViewer hold them)";

const REASON_LENGTH = 300;

function firstLine(e: unknown): string {
  const lines = (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim());
  const text = lines.find((l) => l.length > 0) ?? "no message";
  return text.length > REASON_LENGTH ? `${text.slice(0, REASON_LENGTH - 3)}...` : text;
}

/**
 * Issues for the services the project lacks and for those that could not be checked, each with the command
 * that enables them; nothing when every service is enabled. Service Usage and Resource Manager bill some calls to
 * the credentials' own project rather than the one named in the request (a Service Usage 403 "has not been used
 * in project <other>" in hashicorp/terraform-provider-google issue #1538 and PR #14173); the provider applies no
 * quota project of its own unless `userProjectOverride` is set, while the Google client libraries honour
 * GOOGLE_CLOUD_QUOTA_PROJECT (terraform-provider-google google/transport/config.go, commit e03b762; all read
 * 2026-12-01).
 */
export async function serviceIssues(
  project: string,
  lookup: ServiceLookup,
  services: ReadonlyArray<{ service: string; usedFor: string }> = REQUIRED_SERVICES,
): Promise<ConfigIssue[]> {
  const states = await Promise.all(services.map(async (s) => ({ ...s, found: await lookup(s.service) })));
  const named = (list: typeof states) => list.map((s) => `${s.service} (${s.usedFor})`).join(", ");
  const enable = (list: typeof states) => `gcloud services enable ${list.map((s) => s.service).join(" ")} --project ${project}`;
  const issues: ConfigIssue[] = [];
  const missing = states.filter((s) => s.found.state === "disabled");
  if (missing.length > 0) {
    issues.push({
      key: "dalp:account",
      given: renderValue(project),
      allowed: `a project with these APIs enabled: ${named(missing)}. Enable them with: ${enable(missing)}`,
    });
  }
  const unreadable = states.filter((s) => s.found.state === "unreadable");
  if (unreadable.length > 0) {
    const reasons = [...new Set(unreadable.map((s) => (s.found as { reason: string }).reason))].slice(0, 2);
    issues.push({
      key: "dalp:account",
      given: renderValue(project),
      allowed:
        `a project whose APIs the identity running pulumi up can read; checking ${named(unreadable)} failed: ${reasons.join(" | ")}. ` +
        `The check needs ${SERVICE_CHECK_PERMISSIONS}, and serviceusage.googleapis.com and cloudresourcemanager.googleapis.com enabled; ` +
        "an error that names another project names the credentials' quota project (a service account's own project, or " +
        "application default credentials without one): enable the two APIs there, or set GOOGLE_CLOUD_QUOTA_PROJECT to a " +
        `project where the identity holds serviceusage.services.use. If the APIs themselves are off: ${enable(unreadable)}`,
    });
  }
  return issues;
}

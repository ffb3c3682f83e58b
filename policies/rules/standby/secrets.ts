import type { PolicyResource } from "@pulumi/policy";
import { viewOf, type Stamp, type View } from "../../view";
import { releasesOf } from "../helm";
import { DalpPolicy, stackRule } from "../kit";
import { HOT_WARM } from "./source";

/** The namespace the stamp's DALP chart is installed in; the chart's documented default when unreadable. */
function dalpNamespace(view: View, stamp: Stamp, resources: PolicyResource[]): string {
  const release = releasesOf(resources, "dalp").find((r) => view.stampOf(r.urn)?.urn === stamp.urn);
  return String(release?.props.namespace ?? "dalp");
}

/** Names of the Secrets the stack creates in the stamp's DALP namespace. */
function secretNames(view: View, stamp: Stamp, resources: PolicyResource[]): Set<string> {
  const ns = dalpNamespace(view, stamp, resources);
  return new Set(view.secrets.filter((s) => s.namespace === ns && view.stampOf(s.urn)?.urn === stamp.urn).map((s) => s.name));
}

export const prestagedSecretsRule: DalpPolicy = stackRule(
  {
    name: "dalp-standby-prestage-secrets",
    description: "Every standby region holds the same Kubernetes Secrets, by name, in its DALP namespace as the active region: connection settings and image-pull credentials are pre-staged.",
    severity: "high",
    // A missing Secret stops the promoted region's pods from starting (or pulling images): the failover takes
    // longer, but nothing is lost and nothing is exposed. Advisory.
    enforcementLevel: "advisory",
    source: `${HOT_WARM}, Production requirements: Secrets and keys, "Pre-stage required Kubernetes secrets and key material in the standby cluster"; Operational checks: Standby workload readiness (required secrets)`,
    remediationSteps:
      "Create the same Secrets (database, cache and object-storage connection, registry pull secret) in every region's DALP namespace; the dalp-ha stamps do so for every region with a cluster.",
  },
  (args, report) => {
    const view = viewOf(args.resources);
    const active = view.stamps.filter((s) => s.role === "active");
    const others = view.stamps.filter((s) => s.role !== "active" && s.workloads !== "none");
    if (active.length === 0 || others.length === 0) args.notApplicable("no standby region with a cluster next to an active one");
    const needed = new Set(active.flatMap((s) => [...secretNames(view, s, args.resources)]));
    for (const stamp of others) {
      const held = secretNames(view, stamp, args.resources);
      const missing = [...needed].filter((n) => !held.has(n)).sort();
      if (missing.length > 0) {
        report(`${stamp.role} region ${stamp.region} lacks Secret(s) ${missing.join(", ")} in namespace ${dalpNamespace(view, stamp, args.resources)}, which the active region holds: its DALP cannot start on promotion.`, stamp.urn);
      }
    }
  },
);

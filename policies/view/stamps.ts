import type { PolicyResource } from "@pulumi/policy";
import { nearestMarks } from "../../lib/ancestry";
import { T } from "../rules/types";
import type { Stamp } from "./model";

/** A resource as a stack policy sees it, with the parent the engine links in. */
export type WithParent = PolicyResource & { parent?: PolicyResource };

/**
 * The regions of the pattern as the program declared them: each `dalp:pattern:Stamp` component is named by its
 * region and records its role, workloads, validators and database placement as its outputs. A stack that is
 * not one of ours has none, and the rules that need stamps are not applicable to it.
 */
export function stamps(resources: PolicyResource[]): Stamp[] {
  return resources
    .filter((r) => r.type === T.dalp.stamp)
    .map((r) => ({
      resource: r,
      urn: r.urn,
      region: r.name,
      role: String(r.props.role ?? "unknown"),
      workloads: String(r.props.workloads ?? "unknown"),
      validators: String(r.props.validators ?? "unknown"),
      database: (r.props.database ?? {}) as Stamp["database"],
    }));
}

/** URN -> the stamp the resource sits below (nearest Stamp ancestor); global resources have none. */
export function stampMembership(resources: PolicyResource[], all: Stamp[]): Map<string, Stamp> {
  const byUrn = new Map(all.map((s) => [s.urn, s]));
  return nearestMarks(resources as WithParent[], (r) => r.parent?.urn, (r) => byUrn.get(r.urn));
}

import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";

export interface ReplicatedContainer {
  source: string;
  destination: string;
}

export interface ObjectReplicationArgs {
  source: { resourceGroupName: pulumi.Input<string>; accountName: pulumi.Input<string>; accountId: pulumi.Input<string>; provider: pulumi.ProviderResource; parent: pulumi.Resource };
  destination: { resourceGroupName: pulumi.Input<string>; accountName: pulumi.Input<string>; accountId: pulumi.Input<string>; provider: pulumi.ProviderResource; parent: pulumi.Resource };
  containers: ReplicatedContainer[];
  /** Containers, change feed and versioning that must exist first. */
  dependsOn: pulumi.Resource[];
}

/**
 * Blob object replication from one account to another: every block blob of each source container, those that
 * exist already included (`minCreationTime` 1601-01-01, Azure's earliest time), with its versions and its
 * deletes, copied asynchronously into the destination container. The policy is created on the destination
 * first (`default` asks Azure for the policy id and the rule ids) and then on the source with those ids; both
 * must carry the same (learn.microsoft.com/azure/storage/blobs/object-replication-overview, "Replication
 * policies" and "Specify the policy and rule IDs", read 2026-12-01). Full resource ids, because the accounts
 * disallow cross-tenant replication (same page). Replication metrics are on, so the pending operations that
 * make the replication lag can be watched. Each half lives with its account, in its account's stamp.
 */
export function objectReplication(name: string, args: ObjectReplicationArgs): { destination: storage.ObjectReplicationPolicy; source: storage.ObjectReplicationPolicy } {
  const everything = { minCreationTime: "1601-01-01T00:00:00Z" };
  const common = { sourceAccount: args.source.accountId, destinationAccount: args.destination.accountId, metrics: { enabled: true } };
  const destination = new storage.ObjectReplicationPolicy(`${name}-destination`, {
    ...common,
    resourceGroupName: args.destination.resourceGroupName,
    accountName: args.destination.accountName,
    objectReplicationPolicyId: "default",
    rules: args.containers.map((c) => ({ sourceContainer: c.source, destinationContainer: c.destination, filters: everything })),
  }, {
    parent: args.destination.parent,
    provider: args.destination.provider,
    dependsOn: args.dependsOn,
    // `default` and the empty rule ids only ask Azure to assign them; afterwards the policy has its own, which
    // a refresh reads back. Left unignored, the next pulumi up would ask for `default` again, and the policy id
    // is a path parameter: a replacement of the policy and of its source half.
    ignoreChanges: ["objectReplicationPolicyId", "rules[*].ruleId"],
  });
  const ruleId = (c: ReplicatedContainer) =>
    destination.rules.apply((rules) => {
      const rule = (rules ?? []).find((r) => r.sourceContainer === c.source && r.destinationContainer === c.destination);
      if (!rule?.ruleId) throw new Error(`the destination policy ${name} has no rule id for ${c.source} -> ${c.destination}`);
      return rule.ruleId;
    });
  const source = new storage.ObjectReplicationPolicy(`${name}-source`, {
    ...common,
    resourceGroupName: args.source.resourceGroupName,
    accountName: args.source.accountName,
    objectReplicationPolicyId: destination.policyId,
    rules: args.containers.map((c) => ({ sourceContainer: c.source, destinationContainer: c.destination, filters: everything, ruleId: ruleId(c) })),
  }, { parent: args.source.parent, provider: args.source.provider, dependsOn: args.dependsOn });
  return { destination, source };
}

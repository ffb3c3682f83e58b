/**
 * The cluster's node pools, all declared inline in the ManagedCluster's `agentPoolProfiles` rather than as
 * separate `AgentPool` resources. With separate resources, AKS's read of the cluster lists every pool and
 * azure-native's refresh copies the pools that appear or change into the cluster's stored inputs
 * (pulumi/pulumi-azure-native provider/pkg/provider/provider.go `Read`, "Apply this difference to the actual
 * inputs", and diff.go `applyValueDiff`, which copies array elements beyond the stored ones as they are; read
 * 2026-12-01), so every autoscaler resize made the next `pulumi up --refresh` plan a cluster-wide update
 * (pulumi/pulumi-azure-native#4264). Inline, the stored and the declared pools are the same list, and only the
 * node counts, which `ignoreChanges` leaves to the autoscaler, differ after a refresh. The ignore sends the
 * stored counts back in every cluster update, and AKS has refused, for an autoscaled pool, a count other than
 * the running one ("Cannot manually scale AgentPool ... with cluster autoscaler enabled", quoted in
 * hashicorp/terraform-provider-azurerm#4543, read 2026-12-01): an update without a refresh can be refused.
 *
 * A managed-cluster update applies to every pool it lists, as `az aks upgrade` relies on: it sets each entry's
 * `orchestrator_version` and sends the whole cluster back (Azure/azure-cli acs/custom.py `aks_upgrade`, read
 * 2026-12-01). What AKS refuses on that path makes the pool set a creation-time choice:
 * - a pool added to the list: "A new agent pool was introduced. Adding agent pools to an existing cluster is
 *   not allowed through managed cluster operations" (Azure/AKS#4383, pulumi/pulumi-azure-native#2719);
 * - a pool left out of the list is not deleted, only left alone (pulumi/pulumi-azure-native#579);
 * - another VM size: "PropertyChangeNotAllowed ... Changing property "agentPoolProfile.vmSize" is not allowed
 *   in an api-version before "2026-01-02-preview"" (Azure/bicep-registry-modules#7130, 2026-06-04; azure-native
 *   3.28's ManagedCluster speaks 2025-09-01). All read 2026-12-01.
 */

/** A pool's name: its role and zone, within AKS's limit for Linux pools (lower-case letters and digits, 1-12). */
export function poolName(mode: "System" | "User", zone: string): string {
  return `${mode === "System" ? "system" : "user"}${zone}`;
}

/**
 * A system pool and a user pool per zone, in the order AKS lists a cluster's pools: by name. The engine
 * matches `ignoreChanges` paths such as `agentPoolProfiles[*].count` by index, and azure-native's refresh
 * copies a changed count to the stored pool at the same index, so a declared order other than AKS's would
 * put one pool's count on another. AKS returns the pools sorted by name (hashicorp/terraform-provider-azurerm
 * #4560: the state lists them alphabetically, and the perpetual diff ended once the pools were declared so,
 * read 2026-12-01); the pools are created in one request in this same order, so creation order agrees.
 */
export function inlinePoolProfiles<P extends { name: string }>(zones: string[], profile: (mode: "System" | "User", zone: string) => P): P[] {
  const pools = [...zones.map((z) => profile("System", z)), ...zones.map((z) => profile("User", z))];
  return pools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

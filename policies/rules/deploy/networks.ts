/** How the clouds refer to networks, so a rule can tell whether two references name the same one. */

/** `resourceGroup/name` of an Azure virtual network, from its id or from any id below it (a subnet's). */
export function azureVnetKey(id: unknown): string | undefined {
  const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)/i.exec(String(id ?? ""));
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

export function azureVnetKeyOf(resourceGroupName: unknown, virtualNetworkName: unknown): string | undefined {
  return resourceGroupName && virtualNetworkName ? `${String(resourceGroupName)}/${String(virtualNetworkName)}`.toLowerCase() : undefined;
}

/**
 * A GCP network reference without its API prefix: `projects/p/global/networks/n`, or the bare name when that is
 * all the reference holds.
 */
function gcpNetworkPath(ref: unknown): string {
  const text = String(ref ?? "").replace(/^https:\/\/(www|compute)\.googleapis\.com\/compute\/(v1|beta)\//, "");
  return text;
}

/** Whether two GCP network references (self link, id or name) name the same network. */
export function sameGcpNetwork(a: unknown, b: unknown): boolean {
  const x = gcpNetworkPath(a);
  const y = gcpNetworkPath(b);
  if (x === "" || y === "") return false;
  if (x.includes("/") && y.includes("/")) return x === y;
  return x.split("/").pop() === y.split("/").pop();
}

/** The last path segment of a resource reference: a cluster's name from its id, say. */
export function lastSegment(ref: unknown): string {
  return String(ref ?? "").split("/").pop() ?? "";
}

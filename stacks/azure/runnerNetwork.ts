/** An Azure virtual network by the parts of its ARM id. */
export interface ArmVnet {
  id: string;
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}

const VNET_ID = /^\/subscriptions\/([0-9a-f-]{36})\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i;

/**
 * The parts of `dalp:cluster.apiAccess.runnerNetwork.id`, which the configuration has checked already: the
 * runner's network may live in another resource group and another subscription than the stamp, and the
 * peering from its side is written there.
 */
export function parseVnetId(id: string): ArmVnet {
  const m = VNET_ID.exec(id);
  if (!m) throw new Error(`not a virtual network id: ${id}`);
  return { id, subscriptionId: m[1].toLowerCase(), resourceGroupName: m[2], name: m[3] };
}

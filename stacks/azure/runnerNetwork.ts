import { RUNNER_NETWORK_ID } from "../../config/apiAccess";

/** An Azure virtual network by the parts of its ARM id. */
export interface ArmVnet {
  id: string;
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}


/**
 * The parts of `dalp:cluster.apiAccess.runnerNetwork.id`, which the configuration has checked already: the
 * runner's network may live in another resource group and another subscription than the stamp, and the
 * peering from its side is written there.
 */
export function parseVnetId(id: string): ArmVnet {
  const parts = RUNNER_NETWORK_ID.azure.pattern.exec(id)?.groups;
  if (!parts) throw new Error(`not a virtual network id: ${id}`);
  return { id, subscriptionId: parts.subscriptionId.toLowerCase(), resourceGroupName: parts.resourceGroupName, name: parts.name };
}

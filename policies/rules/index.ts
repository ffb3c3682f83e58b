import { alertRules } from "./alerts";
import { bucketReplicationRule } from "./bucketReplication";
import { bucketRules } from "./buckets";
import { cacheRules } from "./cache";
import { clusterRules } from "./clusters";
import { dalpValueRules } from "./dalpValues";
import { deployRules } from "./deploy";
import { drillRules } from "./drill";
import type { DalpPolicy } from "./kit";
import { multiRegionRules } from "./multiRegion";
import { nodeGroupBalanceRule } from "./nodeGroupBalance";
import { placementRules } from "./placement";
import { recoveryRegionRules } from "./recoveryRegion";
import { postgresRules } from "./postgres";
import { standbyRules } from "./standby";
import { statefulRules } from "./stateful";
import { veleroRules } from "./velero";

export type { DalpPolicy } from "./kit";

/** Every rule of the pack, in the order the docs table lists them. */
export const RULES: DalpPolicy[] = [
  ...postgresRules,
  ...cacheRules,
  ...bucketRules,
  ...clusterRules,
  nodeGroupBalanceRule,
  ...dalpValueRules,
  ...placementRules,
  ...veleroRules,
  ...drillRules,
  ...alertRules,
  ...statefulRules,
  ...multiRegionRules,
  bucketReplicationRule,
  ...recoveryRegionRules,
  ...standbyRules,
  ...deployRules,
];

import type { DalpPolicy } from "../kit";
import { cloudDrift } from "./cloudDrift";
import { clusterApiRule } from "./clusterApi";
import { disruptionBudgetsRule } from "./disruptionBudgets";
import { nodeOrderingRule } from "./nodeOrdering";
import { nodeVersionsRule } from "./nodeVersions";
import { replicaSeedingRule } from "./replicaSeeding";
import { subnetTagsRule } from "./subnetTags";
import { webhookPortsRule } from "./webhookPorts";

/**
 * Deployability: what the cloud enforces when `pulumi up` applies a stack, which a plan under mocks accepts
 * anyway. Mandatory where the run would fail half-way or state would drift.
 */
export const deployRules: DalpPolicy[] = [clusterApiRule, subnetTagsRule, webhookPortsRule, nodeVersionsRule, nodeOrderingRule, cloudDrift, disruptionBudgetsRule, replicaSeedingRule];

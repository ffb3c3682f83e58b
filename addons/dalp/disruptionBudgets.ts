import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Values } from "../shared/helmValues";
import { DALP_APP_LABEL } from "../shared/labels";
import { ONE_AT_A_TIME } from "../shared/placement";
import { budgetedServices, budgetName, serviceSelector } from "./values";

/**
 * A PodDisruptionBudget for every DALP service that runs more than one replica, so a node drain or a node
 * pool upgrade evicts its replicas one at a time and two replicas are never down together (product docs,
 * Cloud-native HA, Application health and placement: "a single node or zone does not hold every replica").
 * The budgets carry the DALP label, so the namespace's backups restore them with the services.
 */
export function serviceDisruptionBudgets(
  name: string,
  values: Values,
  namespace: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): k8s.policy.v1.PodDisruptionBudget[] {
  return budgetedServices(values).map(
    (service) =>
      new k8s.policy.v1.PodDisruptionBudget(
        `${name}-${service.key}-disruption-budget`,
        {
          metadata: { name: budgetName(service.key), namespace, labels: { ...DALP_APP_LABEL } },
          spec: { selector: { matchLabels: serviceSelector(service.key) }, ...ONE_AT_A_TIME },
        },
        opts,
      ),
  );
}

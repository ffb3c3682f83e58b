import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";

/**
 * Azure's deletion protection: a CanNotDelete management lock on the resource, which blocks deleting it and
 * its child resources from any tool (portal, CLI, another IaC run) while updates still go through. `protect`
 * on the resource guards against Pulumi itself; the lock is protected too, because `pulumi destroy` would
 * otherwise remove the lock first and the resource right after
 * (learn.microsoft.com/azure/azure-resource-manager/management/lock-resources, read 2026-11-22).
 */
export function deleteLock(name: string, scope: pulumi.Input<string>, notes: string, parent: pulumi.Resource, options: DeleteLockOptions = {}): authorization.ManagementLockByScope {
  return new authorization.ManagementLockByScope(name, { scope, level: "CanNotDelete", notes }, { parent, protect: !options.released, dependsOn: options.after });
}

export interface DeleteLockOptions {
  /** The deletion is being prepared deliberately: the lock stays, its `protect` goes, so the next update may remove it. */
  released?: boolean;
  /**
   * Children of the locked resource. The lock is created after them and so deleted before them: with the lock
   * in place, Azure refuses to delete a child too.
   */
  after?: pulumi.Resource[];
}

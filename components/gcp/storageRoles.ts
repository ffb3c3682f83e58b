import * as projects from "@pulumi/gcp/projects";
import * as pulumi from "@pulumi/pulumi";

/**
 * Object access a workload needs on its own bucket: read, write, list and delete objects, nothing on the bucket
 * itself. These are exactly the permissions the Velero GCP plugin documents for its object store
 * (vmware-tanzu/velero-plugin-for-gcp README, "Create Custom Role", without the compute.* snapshot permissions
 * this stack does not use; read 2026-11-22). `roles/storage.objectAdmin` would add object IAM, ACL, restore and
 * managed-folder permissions nobody here needs.
 */
export const OBJECT_READ_WRITE_PERMISSIONS = ["storage.objects.create", "storage.objects.delete", "storage.objects.get", "storage.objects.list"] as const;

/**
 * Signing blobs as itself: how a workload with Workload Identity (no private key) signs GCS URLs. The Velero
 * GCP plugin signs download URLs for `velero backup logs/download` with it (plugin PR #101 documents the
 * permission; object_store.go calls iamcredentials signBlob on the account named in the location's
 * `serviceAccount`); DALP needs it for signed object links, as AWS presigns with the role's own credentials.
 */
export const SIGN_BLOB_PERMISSIONS = ["iam.serviceAccounts.signBlob"] as const;

export interface StorageRolesArgs {
  project: string;
  objectReadWriteRoleId: string;
  signBlobRoleId: string;
}

/** The project's custom roles for bucket-scoped and self-scoped grants of workload identities. */
export class StorageRoles extends pulumi.ComponentResource {
  readonly objectReadWrite: projects.IAMCustomRole;
  readonly signBlob: projects.IAMCustomRole;

  constructor(name: string, args: StorageRolesArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:StorageRoles", name, {}, opts);
    this.objectReadWrite = new projects.IAMCustomRole(`${name}-object-read-write`, {
      project: args.project,
      roleId: args.objectReadWriteRoleId,
      title: "DALP object read/write",
      description: "Read, write, list and delete objects; granted on one bucket at a time",
      permissions: [...OBJECT_READ_WRITE_PERMISSIONS],
      stage: "GA",
    }, { parent: this });
    this.signBlob = new projects.IAMCustomRole(`${name}-sign-blob`, {
      project: args.project,
      roleId: args.signBlobRoleId,
      title: "DALP sign as self",
      description: "Sign blobs (signed URLs); granted on a service account to itself",
      permissions: [...SIGN_BLOB_PERMISSIONS],
      stage: "GA",
    }, { parent: this });
    this.registerOutputs({ objectReadWrite: this.objectReadWrite.name, signBlob: this.signBlob.name });
  }
}

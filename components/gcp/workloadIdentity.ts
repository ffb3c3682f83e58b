import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as storage from "@pulumi/gcp/storage";
import * as pulumi from "@pulumi/pulumi";

export interface WorkloadIdentityArgs {
  accountId: string;
  displayName: string;
  /** `<project>.svc.id.goog`: the cluster's Workload Identity pool. */
  workloadPool: string;
  namespace: string;
  serviceAccount: string;
  /** The one bucket this identity reaches, and the role it gets there. */
  bucket: pulumi.Input<string>;
  bucketRole: pulumi.Input<string>;
  /** A role holding `iam.serviceAccounts.signBlob`, granted on the account to itself. */
  signBlobRole: pulumi.Input<string>;
}

/**
 * A Google service account that exactly one Kubernetes service account impersonates through GKE Workload
 * Identity, with access to one bucket. No key is ever created: pods get short-lived tokens from the GKE
 * metadata server. The Kubernetes service account carries `iam.gke.io/gcp-service-account: <email>`.
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
  readonly account: serviceaccount.Account;
  readonly email: pulumi.Output<string>;
  /** Grants that must exist before the pods start. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: WorkloadIdentityArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:WorkloadIdentity", name, {}, opts);
    const child = { parent: this };
    this.account = new serviceaccount.Account(`${name}-account`, {
      accountId: args.accountId,
      displayName: args.displayName,
      description: `Workload Identity of ${args.namespace}/${args.serviceAccount}`,
    }, child);
    this.email = this.account.email;
    const self = pulumi.interpolate`serviceAccount:${this.account.email}`;

    // Only this namespace/name in this project's pool may act as the account (the pool exists once a cluster
    // with Workload Identity exists, hence the dependency on the cluster passed in `opts`).
    const impersonation = new serviceaccount.IAMMember(`${name}-workload-identity`, {
      serviceAccountId: this.account.name,
      role: "roles/iam.workloadIdentityUser",
      member: `serviceAccount:${args.workloadPool}[${args.namespace}/${args.serviceAccount}]`,
    }, child);
    const bucketAccess = new storage.BucketIAMMember(`${name}-bucket`, { bucket: args.bucket, role: args.bucketRole, member: self }, child);
    const signing = new serviceaccount.IAMMember(`${name}-sign-blob`, { serviceAccountId: this.account.name, role: args.signBlobRole, member: self }, child);

    this.ready = [impersonation, bucketAccess, signing];
    this.registerOutputs({ email: this.email });
  }
}

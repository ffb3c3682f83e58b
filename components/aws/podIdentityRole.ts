import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PodIdentityRoleArgs {
  clusterName: pulumi.Input<string>;
  namespace: string;
  serviceAccount: string;
  /** An inline IAM policy document (JSON), least privilege for this one service account. */
  policy?: pulumi.Input<string>;
  /** AWS-managed policies to attach instead of, or as well as, the inline one. */
  managedPolicyArns?: string[];
  /** Skip the association when an EKS add-on declares its own (the add-on then owns it). */
  associate?: boolean;
}

/**
 * An IAM role a Kubernetes service account assumes through EKS Pod Identity: no static keys and no OIDC trust
 * policy per cluster, so the same role shape works in every region of a multi-region pattern.
 */
export class PodIdentityRole extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly association?: aws.eks.PodIdentityAssociation;

  constructor(name: string, args: PodIdentityRoleArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:PodIdentityRole", name, {}, opts);
    this.role = new aws.iam.Role(`${name}-role`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      }),
    }, { parent: this });
    if (args.policy) {
      new aws.iam.RolePolicy(`${name}-policy`, { role: this.role.name, policy: args.policy }, { parent: this });
    }
    (args.managedPolicyArns ?? []).forEach((arn, i) =>
      new aws.iam.RolePolicyAttachment(`${name}-managed-${i}`, { role: this.role.name, policyArn: arn }, { parent: this }));
    if (args.associate !== false) {
      this.association = new aws.eks.PodIdentityAssociation(`${name}-association`, {
        clusterName: args.clusterName,
        namespace: args.namespace,
        serviceAccount: args.serviceAccount,
        roleArn: this.role.arn,
      }, { parent: this });
    }
    this.registerOutputs({ roleArn: this.role.arn });
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eksKubeconfig } from "./kubeconfig";
import { PodIdentityRole } from "./podIdentityRole";

/**
 * How `pulumi up` and operators reach the Kubernetes API; nodes always use the private endpoint.
 * - `public`: the public endpoint, open to `cidrs` only.
 * - `private`: no public endpoint; the runner's network (peered with the VPC) is admitted on 443.
 */
export type EksApiEndpoint = { kind: "public"; cidrs: string[] } | { kind: "private"; runnerCidr: string };

export interface EksClusterArgs {
  /** The cluster's name, set explicitly: the subnets' `kubernetes.io/cluster/<name>` tags must spell it. */
  clusterName: string;
  region: string;
  kubernetesVersion: string;
  /** Private subnets, one per zone: the control plane's network interfaces and one node group per zone. */
  subnetByZone: Record<string, pulumi.Input<string>>;
  /**
   * Per zone, what gives that zone's private subnet its way out (NAT gateway, route table, association). Each
   * node group waits for its zone's: nodes pull images from ECR and call STS and EC2 as they boot, and a
   * group whose nodes cannot join fails with NodeCreationFailure (EKS user guide, troubleshooting,
   * "Nodes fail to join cluster", read 2026-12-01). The subnet id alone does not carry that ordering.
   */
  nodeEgressByZone?: Record<string, pulumi.Resource[]>;
  nodeType: string;
  minPerZone: number;
  maxPerZone: number;
  apiEndpoint: EksApiEndpoint;
  /** IAM principals granted cluster-admin through EKS access entries. */
  adminPrincipals: string[];
  /** Key for envelope encryption of Kubernetes Secrets, and for the volumes the EBS CSI driver creates. */
  kmsKeyArn: pulumi.Input<string>;
  /** Days CloudWatch keeps the control plane's logs. */
  logRetentionDays: number;
}

const managedPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/**
 * EKS with a pinned version, the API endpoint reachable from where `pulumi up` runs (and nowhere else), Secrets
 * encrypted with the region's KMS key, audit logs kept for a bounded time, one managed node group per zone
 * on the cluster's version (so the autoscaler can add capacity in the zones that survive a zone failure), EKS
 * Pod Identity for workload identity, and the EBS CSI driver for persistent volumes.
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly cluster: aws.eks.Cluster;
  readonly name: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  /** Security group EKS puts on the control plane and on managed nodes; data services admit it. */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  readonly nodeGroups: aws.eks.NodeGroup[];
  /** Node groups and core add-ons: what must exist before workloads are installed. */
  readonly ready: pulumi.Resource[];
  /** With a private endpoint, the rule that admits the runner's network on 443; empty otherwise. */
  readonly runnerApiAccess: pulumi.CustomResource[];

  constructor(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:EksCluster", name, {}, opts);
    const child = { parent: this };
    const zones = Object.keys(args.subnetByZone);

    const clusterRole = new aws.iam.Role(`${name}-cluster-role`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      }),
    }, child);
    const clusterPolicy = new aws.iam.RolePolicyAttachment(`${name}-cluster-policy`, { role: clusterRole.name, policyArn: managedPolicy("AmazonEKSClusterPolicy") }, child);
    const kmsPolicy = new aws.iam.RolePolicy(`${name}-cluster-kms`, {
      role: clusterRole.name,
      policy: pulumi.output(args.kmsKeyArn).apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants", "kms:CreateGrant"], Resource: arn }],
        }),
      ),
    }, child);

    // Created before the cluster, which then writes into it instead of creating a log group that is never
    // expired; its name is the one EKS uses, /aws/eks/<cluster>/cluster (EKS user guide, control-plane-logs;
    // terraform-aws-eks main.tf aws_cloudwatch_log_group.this, commit bef29c4, read 2026-12-01).
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-control-plane-logs`, {
      name: `/aws/eks/${args.clusterName}/cluster`,
      retentionInDays: args.logRetentionDays,
    }, child);

    const endpoint = args.apiEndpoint;
    this.cluster = new aws.eks.Cluster(`${name}-cluster`, {
      name: args.clusterName,
      version: args.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: Object.values(args.subnetByZone),
        endpointPrivateAccess: true,
        endpointPublicAccess: endpoint.kind === "public",
        ...(endpoint.kind === "public" ? { publicAccessCidrs: endpoint.cidrs } : {}),
      },
      encryptionConfig: { provider: { keyArn: args.kmsKeyArn }, resources: ["secrets"] },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      // Standard support only: extended support is billed at six times the standard rate. At the end of
      // standard support EKS then upgrades the control plane by itself ("If your upgrade policy is STANDARD,
      // it will be automatically upgraded", EKS user guide, view-upgrade-policy, read 2026-12-01); `version` is
      // not ignored for that: raise dalp:cluster.kubernetesVersion before the date (docs/aws.md).
      upgradePolicy: { supportType: "STANDARD" },
      // Lets Application Recovery Controller shift traffic away from an impaired zone.
      zonalShiftConfig: { enabled: true },
      deletionProtection: true,
    }, { parent: this, dependsOn: [clusterPolicy, kmsPolicy, logGroup], protect: true });

    this.name = this.cluster.name;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId ?? "");
    this.kubeconfig = eksKubeconfig(this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority.apply((c) => c.data ?? ""), args.region);

    // A private endpoint answers a connected network only when the cluster security group admits it on 443
    // (EKS user guide, cluster-endpoint, "Accessing a private only API server", read 2026-12-01).
    const runnerIngress = endpoint.kind === "private"
      ? [new aws.vpc.SecurityGroupIngressRule(`${name}-runner-api`, {
        securityGroupId: this.clusterSecurityGroupId,
        cidrIpv4: endpoint.runnerCidr,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "Kubernetes API from the network pulumi up runs in",
      }, child)]
      : [];

    args.adminPrincipals.forEach((principalArn, i) => {
      const entry = new aws.eks.AccessEntry(`${name}-admin-${i}`, { clusterName: this.cluster.name, principalArn, type: "STANDARD" }, child);
      new aws.eks.AccessPolicyAssociation(`${name}-admin-${i}`, {
        clusterName: this.cluster.name,
        principalArn,
        policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
        accessScope: { type: "cluster" },
      }, { parent: this, dependsOn: [entry] });
    });

    const nodeRole = new aws.iam.Role(`${name}-node-role`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }, child);
    const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore"].map(
      (policy) => new aws.iam.RolePolicyAttachment(`${name}-node-${policy}`, { role: nodeRole.name, policyArn: managedPolicy(policy) }, child),
    );

    this.nodeGroups = zones.map((zone) =>
      new aws.eks.NodeGroup(`${name}-nodes-${zone}`, {
        clusterName: this.cluster.name,
        // Without it the group stays on the version it was created with while the control plane moves on
        // (terraform-aws-eks eks-managed-node-group sets it from the cluster's version).
        version: args.kubernetesVersion,
        nodeRoleArn: nodeRole.arn,
        subnetIds: [args.subnetByZone[zone]],
        instanceTypes: [args.nodeType],
        amiType: "AL2023_x86_64_STANDARD",
        capacityType: "ON_DEMAND",
        diskSize: 100,
        scalingConfig: { minSize: args.minPerZone, maxSize: args.maxPerZone, desiredSize: args.minPerZone },
        updateConfig: { maxUnavailable: 1 },
        nodeRepairConfig: { enabled: true },
        // No label of its own: the cluster autoscaler balances only groups whose nodes carry the same labels
        // beyond the ones it ignores (zone, hostname, eks.amazonaws.com/nodegroup, ...).
      }, {
        parent: this,
        dependsOn: [...nodePolicies, ...(args.nodeEgressByZone?.[zone] ?? [])],
        // The cluster autoscaler owns the running size; Pulumi owns the bounds (policies/rules/drift/aws.ts).
        ignoreChanges: ["scalingConfig.desiredSize"],
      }),
    );

    const addon = (addonName: string, dependsOn: pulumi.Resource[], extra: Partial<aws.eks.AddonArgs> = {}) =>
      new aws.eks.Addon(`${name}-${addonName}`, {
        clusterName: this.cluster.name,
        addonName,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        ...extra,
      }, { parent: this, dependsOn });

    const podIdentityAgent = addon("eks-pod-identity-agent", this.nodeGroups);
    const ebsRole = new PodIdentityRole(`${name}-ebs-csi`, {
      clusterName: this.cluster.name,
      namespace: "kube-system",
      serviceAccount: "ebs-csi-controller-sa",
      managedPolicyArns: [managedPolicy("service-role/AmazonEBSCSIDriverPolicy")],
      // The managed policy covers AWS-managed keys only; volumes encrypted with the region's key need these
      // (EKS user guide, ebs-csi, "If you use a custom KMS key", read 2026-12-01).
      policy: pulumi.output(args.kmsKeyArn).apply((arn) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: [arn], Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
          { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: [arn] },
        ],
      })),
      associate: false,
    }, child);
    const coreAddons = [
      addon("vpc-cni", [this.cluster]),
      addon("kube-proxy", [this.cluster]),
      addon("coredns", this.nodeGroups),
      podIdentityAgent,
      addon("aws-ebs-csi-driver", [...this.nodeGroups, podIdentityAgent], {
        podIdentityAssociations: [{ roleArn: ebsRole.role.arn, serviceAccount: "ebs-csi-controller-sa" }],
      }),
    ];
    this.runnerApiAccess = runnerIngress;
    this.ready = [...this.nodeGroups, ...coreAddons, ...runnerIngress];
    this.registerOutputs({ name: this.name, endpoint: this.cluster.endpoint, clusterSecurityGroupId: this.clusterSecurityGroupId });
  }
}

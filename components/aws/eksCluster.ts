import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eksKubeconfig } from "./kubeconfig";
import { PodIdentityRole } from "./podIdentityRole";

export interface EksClusterArgs {
  region: string;
  kubernetesVersion: string;
  /** Private subnets, one per zone: the control plane's network interfaces and one node group per zone. */
  subnetByZone: Record<string, pulumi.Input<string>>;
  nodeType: string;
  minPerZone: number;
  maxPerZone: number;
  /** CIDRs allowed to the public API endpoint; empty keeps the endpoint private. */
  publicAccessCidrs: string[];
  /** IAM principals granted cluster-admin through EKS access entries. */
  adminPrincipals: string[];
  /** Key for envelope encryption of Kubernetes Secrets. */
  kmsKeyArn: pulumi.Input<string>;
}

const managedPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/**
 * EKS with a pinned version, a private API endpoint, Secrets encrypted with the region's KMS key, audit logs,
 * one managed node group per zone (so the autoscaler can add capacity in the zones that survive a zone
 * failure), EKS Pod Identity for workload identity, and the EBS CSI driver for persistent volumes.
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
          Statement: [{ Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"], Resource: arn }],
        }),
      ),
    }, child);

    this.cluster = new aws.eks.Cluster(`${name}-cluster`, {
      version: args.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: Object.values(args.subnetByZone),
        endpointPrivateAccess: true,
        endpointPublicAccess: args.publicAccessCidrs.length > 0,
        publicAccessCidrs: args.publicAccessCidrs.length > 0 ? args.publicAccessCidrs : undefined,
      },
      encryptionConfig: { provider: { keyArn: args.kmsKeyArn }, resources: ["secrets"] },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      // Standard support only: extended support is billed at six times the standard rate.
      upgradePolicy: { supportType: "STANDARD" },
      // Lets Application Recovery Controller shift traffic away from an impaired zone.
      zonalShiftConfig: { enabled: true },
      deletionProtection: true,
    }, { parent: this, dependsOn: [clusterPolicy, kmsPolicy], protect: true });

    this.name = this.cluster.name;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId ?? "");
    this.kubeconfig = eksKubeconfig(this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority.apply((c) => c.data ?? ""), args.region);

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
        nodeRoleArn: nodeRole.arn,
        subnetIds: [args.subnetByZone[zone]],
        instanceTypes: [args.nodeType],
        amiType: "AL2023_x86_64_STANDARD",
        capacityType: "ON_DEMAND",
        diskSize: 100,
        scalingConfig: { minSize: args.minPerZone, maxSize: args.maxPerZone, desiredSize: args.minPerZone },
        updateConfig: { maxUnavailable: 1 },
        nodeRepairConfig: { enabled: true },
        labels: { "dalp.settlemint.com/zone": zone },
      }, {
        parent: this,
        dependsOn: nodePolicies,
        // The cluster autoscaler owns the running size; Pulumi owns the bounds.
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
    this.ready = [...this.nodeGroups, ...coreAddons];
    this.registerOutputs({ name: this.name, endpoint: this.cluster.endpoint, clusterSecurityGroupId: this.clusterSecurityGroupId });
  }
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_AUTOSCALER } from "../../addons/shared/chartVersions";
import { pinnedRelease } from "../../addons/shared/helmRelease";
import { clusterAutoscalerImageTag } from "./clusterAutoscalerImage";
import { PodIdentityRole } from "./podIdentityRole";

export interface EksClusterAddonsArgs {
  region: string;
  clusterName: pulumi.Output<string>;
  /** The cluster's Kubernetes minor: the autoscaler's image is the one released for it. */
  kubernetesVersion: string;
  /** The region's key: every volume the default StorageClass provisions is encrypted with it. */
  kmsKeyArn: pulumi.Input<string>;
  /** Node groups and core add-ons of the cluster. */
  ready: pulumi.Resource[];
  awsProvider: pulumi.ProviderResource;
  k8sProvider: k8s.Provider;
}

/**
 * What EKS needs in-cluster before DALP: a default gp3 StorageClass (encrypted with the region's key, bound in
 * the pod's zone) and the cluster autoscaler of the cluster's minor, which grows the node group of the zone
 * that needs capacity and keeps the per-zone groups balanced, so a zone failure is absorbed by the others.
 */
/** How the gp3 class provisions: EBS gp3, encrypted with the region's key. */
export function gp3Volumes(kmsKeyArn: pulumi.Input<string>) {
  return { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true", kmsKeyId: kmsKeyArn } };
}

export class EksClusterAddons extends pulumi.ComponentResource {
  readonly resources: pulumi.Resource[];

  constructor(name: string, args: EksClusterAddonsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:EksClusterAddons", name, {}, opts);
    const inCluster = { parent: this, provider: args.k8sProvider, dependsOn: args.ready };
    const storageClass = new k8s.storage.v1.StorageClass(`${name}-gp3`, {
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      ...gp3Volumes(args.kmsKeyArn),
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      // A deleted claim keeps its volume: data is removed on purpose, not by a release change.
      reclaimPolicy: "Retain",
    }, inCluster);

    const autoscalerRole = new PodIdentityRole(`${name}-cluster-autoscaler`, {
      clusterName: args.clusterName,
      namespace: "kube-system",
      serviceAccount: "cluster-autoscaler",
      policy: args.clusterName.apply((cluster) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [
              "autoscaling:DescribeAutoScalingGroups",
              "autoscaling:DescribeAutoScalingInstances",
              "autoscaling:DescribeLaunchConfigurations",
              "autoscaling:DescribeScalingActivities",
              "autoscaling:DescribeTags",
              "ec2:DescribeImages",
              "ec2:DescribeInstanceTypes",
              "ec2:DescribeLaunchTemplateVersions",
              "ec2:GetInstanceTypesFromInstanceRequirements",
              "eks:DescribeNodegroup",
            ],
            Resource: "*",
          },
          {
            // Only node groups of this cluster, which EKS tags as owned by it.
            Effect: "Allow",
            Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            Resource: "*",
            Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: "owned" } },
          },
        ],
      })),
    }, { parent: this, providers: [args.awsProvider], dependsOn: args.ready });

    const autoscaler = pinnedRelease(`${name}-cluster-autoscaler`, CLUSTER_AUTOSCALER, {
      releaseName: "cluster-autoscaler",
      namespace: "kube-system",
      values: {
        autoDiscovery: { clusterName: args.clusterName },
        awsRegion: args.region,
        rbac: { serviceAccount: { create: true, name: "cluster-autoscaler" } },
        image: { repository: CLUSTER_AUTOSCALER.imageRepository, tag: clusterAutoscalerImageTag(args.kubernetesVersion) },
        replicaCount: 2,
        // The standby replica in another zone than the leader, preferably: a zone loss then leaves an
        // autoscaler to grow the surviving zones. A preference, because the autoscaler cannot add the node its
        // own pending pod would need. The chart's selector labels (release name and aws-cluster-autoscaler).
        topologySpreadConstraints: [{
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: { "app.kubernetes.io/instance": "cluster-autoscaler", "app.kubernetes.io/name": "aws-cluster-autoscaler" } },
        }],
        extraArgs: {
          "balance-similar-node-groups": true,
          // EKS labels every node with its zone's id since 1.30 (EKS user guide, kubernetes-versions-standard,
          // read 2026-12-01). The autoscaler's AWS comparator ignores that label itself from the images pinned
          // here on (kubernetes/autoscaler processors/nodegroupset/aws_nodegroups.go, in every tag from
          // cluster-autoscaler-1.33.5, commit 5b65dc8d6d of 2025-12-12; older images do not); the flag
          // keeps the zones' groups "similar" whichever image runs. The comparator also ignores the zone,
          // hostname, eks.amazonaws.com/nodegroup and topology.ebs.csi.aws.com/zone labels.
          "balancing-ignore-label": "topology.k8s.aws/zone-id",
          expander: "least-waste",
          "skip-nodes-with-system-pods": false,
        },
      },
    }, { ...inCluster, dependsOn: [...args.ready, ...(autoscalerRole.association ? [autoscalerRole.association] : [])] });

    this.resources = [storageClass, autoscaler];
    this.registerOutputs({});
  }
}

import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import type { ConfigIssue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import { EksCluster } from "../../components/aws/eksCluster";
import { EksClusterAddons } from "../../components/aws/eksClusterAddons";
import { ElastiCache } from "../../components/aws/elastiCache";
import { KmsKey } from "../../components/aws/kmsKey";
import { Network } from "../../components/aws/network";
import { PodIdentityRole } from "../../components/aws/podIdentityRole";
import { RdsPostgres } from "../../components/aws/rdsPostgres";
import { SecureBucket } from "../../components/aws/secureBucket";
import type {
  BackupTargetPort,
  BucketsPort,
  CachePort,
  CloudAdapter,
  CloudFacts,
  ClusterPort,
  IngressPort,
  PostgresPort,
  ServiceAccountRef,
  StampContext,
  WorkloadIdentityPort,
} from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { eksApiEndpoint, runnerNetworkOf } from "./apiAccess";
import { componentIssues } from "./componentIssues";
import { AWS_DEFAULTS } from "./defaults";
import { discoverAws } from "./discover";
import { awsIdentifier } from "./names";
import { validateAws } from "./validate";

/** The region's foundation, passed between the AWS ports. */
export interface AwsFoundation {
  provider: aws.Provider;
  kms: KmsKey;
  network: Network;
}

export interface AwsCluster extends ClusterPort {
  eks: EksCluster;
}

export interface AwsBuckets extends BucketsPort {
  appArn: pulumi.Output<string>;
  backupArn: pulumi.Output<string>;
}

/** Where a managed data service sits: the isolated data subnets, reachable only from the cluster. */
function dataPlacement(net: AwsFoundation, cluster: AwsCluster) {
  return { vpcId: net.network.vpc.id, subnetIds: net.network.dataSubnetIds, clientSecurityGroupId: cluster.eks.clusterSecurityGroupId };
}

/** S3 actions for a role that reads and writes one bucket. */
function bucketPolicy(bucketArn: pulumi.Output<string>, kmsKeyArn: pulumi.Output<string>): pulumi.Output<string> {
  return pulumi.all([bucketArn, kmsKeyArn]).apply(([bucket, key]) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: [bucket] },
      {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: [`${bucket}/*`],
      },
      { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: [key] },
    ],
  }));
}

/**
 * The EKS cluster's name, set explicitly (within EKS's 100 characters; awsIdentifier keeps it to 63): the
 * subnets' `kubernetes.io/cluster/<name>` tags, the cluster autoscaler's discovery tags and the log group all
 * spell it, and an auto-named cluster would match none of them.
 */
function clusterNameOf(ctx: StampContext): string {
  return awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region);
}

function kubernetesVersionOf(config: DalpConfig): string {
  return config.cluster.kubernetesVersion ?? AWS_DEFAULTS.kubernetesVersion;
}

export class AwsAdapter implements CloudAdapter<AwsFoundation, AwsCluster, AwsBuckets> {
  readonly cloud = "aws" as const;
  readonly placements = ["primary"] as const;
  readonly links = { traffic: { routings: ["regional"] as const, build: () => undefined } };
  private readonly providers = new Map<string, aws.Provider>();

  constructor(
    private readonly tags: Record<string, string>,
    private readonly account?: string,
  ) {}

  /**
   * One explicit provider per region: no resource can land in a region by accident of ambient config, nor in
   * another account than `dalp:account` when it is set.
   */
  providerFor(region: string): aws.Provider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = new aws.Provider(`aws-${region}`, {
        region: region as aws.Region,
        defaultTags: { tags: this.tags },
        ...(this.account ? { allowedAccountIds: [this.account] } : {}),
      });
      this.providers.set(region, provider);
    }
    return provider;
  }

  validate(config: DalpConfig): ConfigIssue[] {
    return [...validateAws(config), ...componentIssues(config)];
  }

  discover(config: DalpConfig, topology: Topology): Promise<CloudFacts> {
    return discoverAws(config, topology, (region) => this.providerFor(region));
  }

  network(ctx: StampContext): AwsFoundation {
    const opts = { parent: ctx.parent, providers: [this.providerFor(ctx.stamp.region)] };
    const kms = new KmsKey(`${ctx.prefix}-kms`, {
      description: `DALP ${ctx.config.stack} ${ctx.stamp.region}: cluster secrets, volumes, database, cache, buckets`,
      alias: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region),
    }, opts);
    const runner = runnerNetworkOf(ctx.config, ctx.stamp.region);
    const network = new Network(`${ctx.prefix}-network`, {
      region: ctx.stamp.region,
      cidr: ctx.stamp.cidr,
      zones: ctx.zones,
      natGateways: ctx.config.network.natGateways,
      clusterName: clusterNameOf(ctx),
      ...(runner ? {
        runner: {
          runner,
          ...(runner.region !== ctx.stamp.region ? { peer: { region: runner.region, provider: this.providerFor(runner.region) } } : {}),
        },
      } : {}),
    }, opts);
    return { provider: this.providerFor(ctx.stamp.region), kms, network };
  }

  cluster(ctx: StampContext, net: AwsFoundation): AwsCluster {
    const c = ctx.config.cluster;
    const eks = new EksCluster(`${ctx.prefix}-eks`, {
      clusterName: clusterNameOf(ctx),
      region: ctx.stamp.region,
      kubernetesVersion: kubernetesVersionOf(ctx.config),
      subnetByZone: net.network.privateSubnetByZone,
      nodeEgressByZone: net.network.nodeEgressByZone,
      nodeType: c.nodeType ?? AWS_DEFAULTS.nodeType,
      minPerZone: c.minPerZone,
      maxPerZone: c.maxPerZone,
      apiEndpoint: eksApiEndpoint(ctx.config),
      adminPrincipals: c.adminPrincipals,
      kmsKeyArn: net.kms.key.arn,
      logRetentionDays: AWS_DEFAULTS.logRetentionDays,
    }, { parent: ctx.parent, providers: [net.provider] });
    // EKS hides the controller manager, scheduler and etcd, and kube-proxy's metrics listen on localhost only.
    const scrapeTargets = { controllerManager: false, scheduler: false, etcd: false, kubeProxy: false, coreDns: true };
    // With a private endpoint, nothing reaches the API before the peering, its routes and the 443 rule are in
    // place: the releases wait for them (ready), and so does the Kubernetes provider itself. It is configured
    // as soon as its kubeconfig is known and then loads the API server's schema once; if that fails, it marks
    // the cluster unreachable for the rest of the run and every in-cluster resource fails (pulumi-kubernetes
    // provider Configure, "unable to load schema information from the API server", read 2026-12-01). The
    // 443 rule needs the cluster's security group, so without this it races the provider's first request.
    const apiPath = [...eks.runnerApiAccess, ...net.network.runnerAccess];
    const kubeconfig = apiPath.length === 0 ? eks.kubeconfig : pulumi.all([eks.kubeconfig, ...apiPath.map((r) => r.id)]).apply(([k]) => k);
    return {
      eks,
      name: eks.name,
      kubeconfig,
      ready: [...eks.ready, ...net.network.runnerAccess],
      storageClass: "gp3",
      scrapeTargets,
    };
  }

  clusterAddons(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
    const addons = new EksClusterAddons(`${ctx.prefix}-eks-addons`, {
      region: ctx.stamp.region,
      clusterName: cluster.name,
      kubernetesVersion: kubernetesVersionOf(ctx.config),
      kmsKeyArn: net.kms.key.arn,
      ready: cluster.ready,
      awsProvider: net.provider,
      k8sProvider,
    }, { parent: ctx.parent });
    return addons.resources;
  }

  postgres(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster): PostgresPort {
    const p = ctx.config.postgres;
    const db = new RdsPostgres(`${ctx.prefix}-postgres`, {
      ...dataPlacement(net, cluster),
      version: p.version,
      instanceClass: p.instanceClass ?? AWS_DEFAULTS.postgresInstanceClass,
      storageGb: p.storageGb,
      maxStorageGb: p.maxStorageGb,
      backupRetentionDays: p.backupRetentionDays,
      databaseName: p.databaseName,
      username: p.username,
      kmsKeyArn: net.kms.key.arn,
      identifier: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region),
      finalSnapshotIdentifier: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region, "postgres-final"),
      logRetentionDays: AWS_DEFAULTS.logRetentionDays,
    }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
    return {
      host: db.instance.address,
      port: db.instance.port,
      database: p.databaseName,
      username: p.username,
      password: db.password,
      sslMode: "require",
      identifier: db.instance.identifier,
    };
  }

  cache(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster): CachePort {
    const c = ctx.config.cache;
    const cache = new ElastiCache(`${ctx.prefix}-cache`, {
      ...dataPlacement(net, cluster),
      zones: ctx.zones,
      engine: c.engine,
      engineVersion: c.version ?? AWS_DEFAULTS.cacheEngineVersion[c.engine],
      nodeType: c.nodeType ?? AWS_DEFAULTS.cacheNodeType,
      replicas: c.replicas,
      snapshotRetentionDays: c.snapshotRetentionDays,
      kmsKeyArn: net.kms.key.arn,
      finalSnapshotIdentifier: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region, "cache-final"),
    }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
    return {
      host: cache.group.primaryEndpointAddress,
      port: cache.group.port.apply((p) => p ?? 6379),
      tls: true,
      password: cache.authToken,
      identifier: cache.group.id,
    };
  }

  buckets(ctx: StampContext, net: AwsFoundation): AwsBuckets {
    const opts = { parent: ctx.parent, providers: [net.provider] };
    const retention = ctx.config.objectStorage.noncurrentVersionRetentionDays;
    const bucket = (purpose: "app" | "backup") => {
      const b = new SecureBucket(`${ctx.prefix}-${purpose}`, { purpose: `dalp-${purpose}`, kmsKeyArn: net.kms.key.arn, noncurrentVersionRetentionDays: retention }, opts);
      const port = {
        name: b.name,
        endpoint: pulumi.output(`https://s3.${ctx.stamp.region}.amazonaws.com`),
        region: ctx.stamp.region,
        probe: {
          url: pulumi.interpolate`https://${b.name}.s3.${ctx.stamp.region}.amazonaws.com/`,
          acceptedStatus: [403],
          source: "S3 answers AccessDenied (403) to an anonymous ListObjects on a bucket under Block Public Access; a missing bucket answers NoSuchBucket (404)",
        },
      };
      return { resource: b, port };
    };
    const app = bucket("app");
    const backup = bucket("backup");
    return { provider: "s3", app: app.port, backup: backup.port, appArn: app.resource.arn, backupArn: backup.resource.arn };
  }

  private identity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, name: string, bucketArn: pulumi.Output<string>, account: ServiceAccountRef) {
    return new PodIdentityRole(`${ctx.prefix}-${name}`, {
      clusterName: cluster.name,
      namespace: account.namespace,
      serviceAccount: account.name,
      policy: bucketPolicy(bucketArn, net.kms.key.arn),
    }, { parent: ctx.parent, providers: [net.provider], dependsOn: cluster.ready });
  }

  appIdentity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
    const role = this.identity(ctx, net, cluster, "app-identity", buckets.appArn, account);
    return { serviceAccountAnnotations: {}, podLabels: {}, ready: role.association ? [role.association] : [] };
  }

  backupTarget(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef): BackupTargetPort {
    const role = this.identity(ctx, net, cluster, "velero-identity", buckets.backupArn, account);
    return {
      serviceAccountAnnotations: {},
      podLabels: {},
      ready: role.association ? [role.association] : [],
      pluginImage: VELERO_PLUGINS.aws,
      provider: "aws",
      bucket: buckets.backup.name,
      config: { region: ctx.stamp.region, kmsKeyId: net.kms.key.arn },
    };
  }

  ingress(): IngressPort {
    // A Network Load Balancer across every zone's public subnet, built by the EKS cloud controller (the AWS
    // cloud provider's service controller: type "nlb"; it reads the cross-zone annotation and makes the NLB
    // internet-facing unless told "internal", cloud-provider-aws pkg/providers/v1/aws_loadbalancer.go). The
    // scheme is spelt out too: the AWS Load Balancer Controller, if an operator installs it later, can take
    // over new Services (its service mutator webhook) and builds internal NLBs unless told otherwise (its docs,
    // guide/service/nlb.md, "secure by default").
    return { serviceAnnotations: {
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
    }, serviceValues: {}, addresses: pulumi.output([]), ready: [] };
  }
}

import { propsOf } from "../../checker/model";
import type { CloudPricing, Estimator } from "../context";
import type { CostComponent } from "../model";

/**
 * The root volume type of a managed node group launched without a launch template, which is how the stacks
 * declare theirs (`diskSize` only). Documented in cost/prices/aws.yaml with its source.
 */
const NODE_ROOT_VOLUME = "ebs.gp2";

/**
 * Stored CloudWatch logs are billed compressed; AWS's Pricing Calculator assumes 15 % of the ingested size
 * (https://dev.classmethod.jp/articles/compare-archive-cost-cloudwatchlogs-s3/, quoting the calculator).
 */
const LOG_STORAGE_COMPRESSION = 0.15;

/** Internet egress AWS does not bill each month, across all regions and services (transfer.internet-out). */
const FREE_INTERNET_EGRESS_GB = 100;

/** The region an ARN names (`arn:aws:rds:eu-central-1:...`), for a replica's source. */
const arnRegion = (arn: unknown) => (typeof arn === "string" ? arn.split(":")[3] : undefined);

const eksCluster: Estimator = (r, ctx) => {
  const region = ctx.regionOf(r);
  return [ctx.hourly({ name: "EKS control plane (standard support)", key: "eks.cluster", region })];
};

const nodeGroup: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const min = Number(p.scalingConfig?.minSize ?? p.scalingConfig?.desiredSize ?? 1);
  const max = Number(p.scalingConfig?.maxSize ?? min);
  const type = (p.instanceTypes as string[] | undefined)?.[0] ?? "t3.medium";
  const disk = Number(p.diskSize ?? 20);
  return [
    ctx.hourly({ name: `Instances (${type}, Linux, on-demand)`, key: "ec2.instance", sku: type, region, count: min, maxCount: max }),
    ctx.line({ name: `Root volumes (${disk} GB each)`, key: NODE_ROOT_VOLUME, region, unit: "GB-months", quantity: min * disk, maxQuantity: max * disk }),
  ];
};

const natGateway: Estimator = (r, ctx) => ctx.gateway(r, { name: "NAT gateway", hourKey: "vpc.nat-gateway", dataKey: "vpc.nat-gateway-data", usage: "natGb" });

const publicIp: Estimator = (r, ctx) => [ctx.hourly({ name: "Public IPv4 address", key: "vpc.public-ipv4", region: ctx.regionOf(r) })];

const vpcEndpoint: Estimator = (r, ctx) => {
  const p = propsOf(r);
  if (p.vpcEndpointType === "Gateway") return [];
  return [ctx.hourly({ name: `Interface endpoint (${p.serviceName})`, key: "vpc.interface-endpoint", region: ctx.regionOf(r) })];
};

const rdsInstance: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const copies = p.multiAz ? 2 : 1;
  const storage = Number(p.allocatedStorage ?? 20);
  const maxStorage = Number(p.maxAllocatedStorage ?? storage);
  const az = p.multiAz ? "Multi-AZ: primary and standby" : "Single-AZ";
  const lines: CostComponent[] = [
    ctx.hourly({ name: `Database instance (${p.instanceClass}, ${az})`, key: "rds.postgres-instance", sku: String(p.instanceClass), region, count: copies }),
    ctx.line({ name: `Storage (gp3, ${storage} GB${maxStorage > storage ? `, autoscaling to ${maxStorage} GB` : ""}, ${az})`, key: "rds.storage-gp3", region, unit: "GB-months", quantity: storage * copies, maxQuantity: maxStorage * copies }),
  ];
  if (Number(p.backupRetentionPeriod ?? 0) > 0) {
    // Backup storage up to the region's provisioned database storage is free (cost/prices/aws.yaml).
    const billable = Math.max(0, ctx.usage.databaseBackupGb - storage);
    lines.push(ctx.line({ name: "Backup storage beyond the free allowance", key: "rds.backup-storage", region, unit: "GB-months", quantity: billable, usage: "databaseBackupGb" }));
  }
  const source = arnRegion(p.replicateSourceDb);
  if (source && source !== region) {
    lines.push(ctx.line({ name: `Replication from ${source} (inter-region transfer)`, key: "transfer.inter-region", region: source, unit: "GB", quantity: ctx.usage.databaseReplicationGb, usage: "databaseReplicationGb" }));
  }
  return lines;
};

const backupCopy: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const source = arnRegion(p.sourceDbInstanceArn) ?? region;
  return [
    // A cross-region copy has no free allowance: all of it is billed at the destination's backup rate.
    ctx.line({ name: `Backup copy from ${source} (storage)`, key: "rds.backup-storage", region, unit: "GB-months", quantity: ctx.usage.databaseBackupGb, usage: "databaseBackupGb" }),
    ctx.line({ name: `Backup copy from ${source} (inter-region transfer)`, key: "transfer.inter-region", region: source, unit: "GB", quantity: ctx.usage.databaseReplicationGb, usage: "databaseReplicationGb" }),
  ];
};

const cacheGroup: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const nodes = p.numCacheClusters !== undefined ? Number(p.numCacheClusters) : Number(p.numNodeGroups ?? 1) * (Number(p.replicasPerNodeGroup ?? 0) + 1);
  const engine = String(p.engine ?? "redis");
  return [
    ctx.hourly({ name: `Cache nodes (${engine}, ${p.nodeType})`, key: "elasticache.node", sku: `${engine}:${p.nodeType}`, region, count: nodes }),
    // One snapshot per cluster is free; the rest of the retained ones are billed at the dataset's size.
    ctx.line({ name: `Snapshots beyond the free one (${p.snapshotRetentionLimit ?? 0} kept)`, key: "elasticache.backup-storage", region, unit: "GB-months", quantity: ctx.usage.cacheDatasetGb * Math.max(0, Number(p.snapshotRetentionLimit ?? 0) - 1), usage: "cacheDatasetGb" }),
  ];
};

const bucket: Estimator = (r, ctx) => {
  const purpose = ctx.purposeOf(r);
  return [ctx.line({ name: `Standard storage (${purpose} bucket${ctx.replicasInto(r) > 0 ? ", with what it receives by replication" : ""})`, key: "s3.standard-storage", region: ctx.regionOf(r), unit: "GB-months", quantity: ctx.storedGb(r), usage: "bucketStoredGb" })];
};

const replication: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const source = ctx.ofType("aws:s3/bucket:Bucket").find((b) => propsOf(b).bucket === p.bucket || b.outputs.id === p.bucket);
  const purpose = source ? ctx.purposeOf(source) : "backup";
  const gb = ctx.usage.bucketReplicationGb[purpose];
  const rules = (p.rules as Array<{ destination?: { replicationTime?: { status?: string } } }> | undefined) ?? [];
  const lines = [ctx.line({ name: `Replicated writes (${purpose}, inter-region transfer)`, key: "transfer.inter-region", region, unit: "GB", quantity: gb * Math.max(1, rules.length), usage: "bucketReplicationGb" })];
  const timed = rules.filter((x) => x.destination?.replicationTime?.status === "Enabled").length;
  if (timed > 0) lines.push(ctx.line({ name: "Replication Time Control", key: "s3.replication-time-control", region, unit: "GB", quantity: gb * timed, usage: "bucketReplicationGb" }));
  return lines;
};

const healthCheck: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const lines = [ctx.line({ name: `Health check (${p.type})`, key: "route53.health-check", region, unit: "months", quantity: 1 })];
  // Optional features, each billed per month on top (cost/prices/aws.yaml): HTTPS, string matching, fast interval, latency.
  const options = [String(p.type ?? "").startsWith("HTTPS"), String(p.type ?? "").endsWith("STR_MATCH"), Number(p.requestInterval ?? 30) === 10, p.measureLatency === true].filter(Boolean).length;
  if (options > 0) lines.push(ctx.line({ name: "Optional features (HTTPS, string match, fast interval, latency)", key: "route53.health-check-option", region, unit: "months", quantity: options }));
  return lines;
};

const record: Estimator = (r, ctx) => [ctx.dnsQueries(r, "route53.queries")];

const kmsKey: Estimator = (r, ctx) => {
  // Each of the first two rotations adds a backing key billed like the key itself; later ones are free (kms.key).
  const rotated = propsOf(r).enableKeyRotation === true;
  return [ctx.line({ name: rotated ? "Customer managed key (with the two billed rotations it reaches)" : "Customer managed key", key: "kms.key", region: ctx.regionOf(r), unit: "key-months", quantity: rotated ? 3 : 1 })];
};
const secret: Estimator = (r, ctx) => [ctx.line({ name: "Secret", key: "secretsmanager.secret", region: ctx.regionOf(r), unit: "months", quantity: 1 })];

const logGroup: Estimator = (r, ctx) => {
  const p = propsOf(r);
  const region = ctx.regionOf(r);
  const ingested = ctx.shareOf(ctx.usage.logIngestionGb, r);
  // In steady state a group holds its retention period's worth of ingestion (never-expiring groups: a year's),
  // stored compressed: AWS's Pricing Calculator takes stored logs as 15 % of what was ingested.
  const retentionMonths = Number(p.retentionInDays ?? 0) > 0 ? Number(p.retentionInDays) / 30 : 12;
  return [
    ctx.line({ name: "Log ingestion", key: "cloudwatch.logs-ingestion", region, unit: "GB", quantity: ingested, usage: "logIngestionGb" }),
    ctx.line({ name: `Log storage (${p.retentionInDays ?? "never-expiring"} days kept)`, key: "cloudwatch.logs-storage", region, unit: "GB-months", quantity: ingested * LOG_STORAGE_COMPRESSION * retentionMonths, usage: "logIngestionGb" }),
  ];
};

export const awsPricing: CloudPricing = {
  priced: {
    "aws:eks/cluster:Cluster": eksCluster,
    "aws:eks/nodeGroup:NodeGroup": nodeGroup,
    "aws:ec2/natGateway:NatGateway": natGateway,
    "aws:ec2/eip:Eip": publicIp,
    "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
    "aws:rds/instance:Instance": rdsInstance,
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": backupCopy,
    "aws:elasticache/replicationGroup:ReplicationGroup": cacheGroup,
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": replication,
    "aws:route53/healthCheck:HealthCheck": healthCheck,
    "aws:route53/record:Record": record,
    "aws:kms/key:Key": kmsKey,
    "aws:secretsmanager/secret:Secret": secret,
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
  },
  free: {
    "aws:ec2/vpc:Vpc": "VPCs have no charge",
    "aws:ec2/subnet:Subnet": "subnets have no charge",
    "aws:ec2/internetGateway:InternetGateway": "internet gateways have no charge (transfer is priced where it leaves)",
    "aws:ec2/routeTable:RouteTable": "route tables have no charge",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "route table associations have no charge",
    "aws:ec2/securityGroup:SecurityGroup": "security groups have no charge",
    "aws:eks/addon:Addon": "EKS add-ons have no charge; they run on the priced nodes",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": "EKS Pod Identity has no charge",
    "aws:elasticache/subnetGroup:SubnetGroup": "subnet groups have no charge",
    "aws:iam/role:Role": "IAM has no charge",
    "aws:iam/rolePolicy:RolePolicy": "IAM has no charge",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM has no charge",
    "aws:kms/alias:Alias": "aliases have no charge (the key is priced)",
    "aws:rds/parameterGroup:ParameterGroup": "parameter groups have no charge",
    "aws:rds/subnetGroup:SubnetGroup": "subnet groups have no charge",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "bucket settings have no charge (the bucket's storage is priced)",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "bucket settings have no charge",
    "aws:s3/bucketPolicy:BucketPolicy": "bucket settings have no charge",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "bucket settings have no charge",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "bucket settings have no charge (KMS requests are not priced)",
    "aws:s3/bucketVersioning:BucketVersioning": "bucket settings have no charge (noncurrent versions count in the stored GB)",
    "aws:secretsmanager/secretVersion:SecretVersion": "versions are included in the secret's price",
  },
  ingressLoadBalancer: (region, ctx) => ctx.ingress(region, { name: "Network Load Balancer (ingress)", hourKey: "elb.nlb", capacityKey: "elb.nlb-lcu", egressKey: "transfer.internet-out", freeEgressGb: FREE_INTERNET_EGRESS_GB }),
};

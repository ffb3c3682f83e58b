/** Resource type tokens the rules look at, by service and cloud. */
export const T = {
  aws: {
    rdsInstance: "aws:rds/instance:Instance",
    rdsParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
    rdsBackupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    elasticache: "aws:elasticache/replicationGroup:ReplicationGroup",
    bucket: "aws:s3/bucket:Bucket",
    bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketPublicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    eksCluster: "aws:eks/cluster:Cluster",
    eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
    subnet: "aws:ec2/subnet:Subnet",
    kmsKey: "aws:kms/key:Key",
    podIdentityAssociation: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    route53Record: "aws:route53/record:Record",
  },
  azure: {
    postgres: "azure-native:dbforpostgresql:Server",
    postgresConfiguration: "azure-native:dbforpostgresql:Configuration",
    redis: "azure-native:cache:Redis",
    managedRedis: "azure-native:cache:RedisEnterprise",
    managedRedisDatabase: "azure-native:cache:Database",
    storageAccount: "azure-native:storage:StorageAccount",
    blobService: "azure-native:storage:BlobServiceProperties",
    managementPolicy: "azure-native:storage:ManagementPolicy",
    aks: "azure-native:containerservice:ManagedCluster",
    agentPool: "azure-native:containerservice:AgentPool",
    lockAtResource: "azure-native:authorization:ManagementLockAtResourceLevel",
    lockByScope: "azure-native:authorization:ManagementLockByScope",
    federatedCredential: "azure-native:managedidentity:FederatedIdentityCredential",
    trafficManager: "azure-native:trafficmanager:Profile",
    resourceGroup: "azure-native:resources:ResourceGroup",
  },
  gcp: {
    sql: "gcp:sql/databaseInstance:DatabaseInstance",
    redis: "gcp:redis/instance:Instance",
    bucket: "gcp:storage/bucket:Bucket",
    gke: "gcp:container/cluster:Cluster",
    nodePool: "gcp:container/nodePool:NodePool",
    serviceAccountIamMember: "gcp:serviceaccount/iAMMember:IAMMember",
    serviceAccountIamBinding: "gcp:serviceaccount/iAMBinding:IAMBinding",
    dnsRecordSet: "gcp:dns/recordSet:RecordSet",
  },
  k8s: {
    release: "kubernetes:helm.sh/v3:Release",
    prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    cnpgCluster: "kubernetes:postgresql.cnpg.io/v1:Cluster",
    veleroSchedule: "kubernetes:velero.io/v1:Schedule",
  },
} as const;

export const MANAGED_POSTGRES = [T.aws.rdsInstance, T.azure.postgres, T.gcp.sql] as const;
export const MANAGED_CACHE = [T.aws.elasticache, T.azure.redis, T.azure.managedRedis, T.gcp.redis] as const;
export const CLUSTERS = [T.aws.eksCluster, T.azure.aks, T.gcp.gke] as const;

/** Resources that hold data or identity whose loss cannot be undone by re-running the program. */
export const STATEFUL = [
  T.aws.rdsInstance,
  T.aws.elasticache,
  T.aws.bucket,
  T.aws.kmsKey,
  T.aws.eksCluster,
  T.azure.postgres,
  T.azure.redis,
  T.azure.managedRedis,
  T.azure.storageAccount,
  T.azure.aks,
  T.gcp.sql,
  T.gcp.redis,
  T.gcp.bucket,
  T.gcp.gke,
  T.k8s.cnpgCluster,
] as const;

import { autoName, MockContext, PLANNED_ACCOUNT } from "./context";
import { awsZoneIdsOf, awsZonesOf } from "./awsZones";

/** The input each AWS type auto-names when the program leaves it unset (what the provider would do). */
const AUTONAMED: Record<string, string> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:rds/instance:Instance": "identifier",
  "aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId",
  "aws:eks/nodeGroup:NodeGroup": "nodeGroupName",
  "aws:eks/cluster:Cluster": "name",
  "aws:iam/role:Role": "name",
  "aws:iam/rolePolicy:RolePolicy": "name",
  "aws:ec2/securityGroup:SecurityGroup": "name",
  "aws:rds/subnetGroup:SubnetGroup": "name",
  "aws:rds/parameterGroup:ParameterGroup": "name",
  "aws:elasticache/subnetGroup:SubnetGroup": "name",
  "aws:secretsmanager/secret:Secret": "name",
};

/** The name of the hosted zone every planned `route53.getZone` finds (RFC 2606's documentation domain). */
export const PLANNED_HOSTED_ZONE = "example.com";

/** EC2 id prefixes, so planned ids look like the ones in a real export. */
const ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
};

/**
 * The VPC of each planned subnet, so a cluster's computed `vpcConfig.vpcId` is the VPC of its subnets, as EKS
 * reports it. Keyed by subnet id, which is derived from the subnet's URN and so unique per stack.
 */
const VPC_OF_SUBNET = new Map<string, string>();

function uuid(hash: string): string {
  const h = (hash + hash).slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Answers for `aws:` resources: inputs echoed, plus auto-names, ids, ARNs and the computed outputs the program reads. */
export function awsResource(ctx: MockContext): { id: string; state: Record<string, unknown> } {
  const region = String(ctx.providerInputs.region ?? "us-east-1");
  const account = PLANNED_ACCOUNT.awsAccountId;
  const state: Record<string, unknown> = { ...ctx.inputs };
  const nameKey = AUTONAMED[ctx.type];
  if (nameKey && state[nameKey] === undefined) state[nameKey] = autoName(ctx);
  const name = nameKey ? String(state[nameKey]) : autoName(ctx);
  const prefix = ID_PREFIX[ctx.type];
  let id = prefix ? `${prefix}-${ctx.hash.slice(0, 17)}` : name;

  const [, module] = /^aws:([^/]+)\//.exec(ctx.type) ?? [];
  state.arn = `arn:aws:${module}:${region}:${account}:${ctx.type.split(":").pop()?.toLowerCase()}/${id}`;
  state.tagsAll = { ...(ctx.providerInputs.defaultTags as { tags?: object } | undefined)?.tags, ...(ctx.inputs.tags as object | undefined) };

  switch (ctx.type) {
    case "aws:kms/key:Key": {
      id = uuid(ctx.hash);
      state.keyId = id;
      state.arn = `arn:aws:kms:${region}:${account}:key/${id}`;
      break;
    }
    case "aws:iam/role:Role":
      state.arn = `arn:aws:iam::${account}:role/${name}`;
      state.uniqueId = `AROA${ctx.hash.slice(0, 17).toUpperCase()}`;
      break;
    case "aws:ec2/subnet:Subnet":
      if (typeof state.vpcId === "string") VPC_OF_SUBNET.set(id, state.vpcId);
      break;
    case "aws:eks/cluster:Cluster": {
      const vpcConfig = (ctx.inputs.vpcConfig ?? {}) as Record<string, unknown>;
      const subnetIds = (vpcConfig.subnetIds ?? []) as unknown[];
      const vpcId = subnetIds.map((s) => VPC_OF_SUBNET.get(String(s))).find((v) => v !== undefined) ?? `vpc-${ctx.hash.slice(2, 19)}`;
      state.arn = `arn:aws:eks:${region}:${account}:cluster/${name}`;
      state.endpoint = `https://${ctx.hash.toUpperCase()}.gr7.${region}.eks.amazonaws.com`;
      state.certificateAuthority = { data: Buffer.from(`-----BEGIN CERTIFICATE-----\nplanned-${ctx.hash}\n-----END CERTIFICATE-----\n`).toString("base64") };
      state.vpcConfig = {
        ...vpcConfig,
        clusterSecurityGroupId: `sg-${ctx.hash.slice(1, 18)}`,
        vpcId,
        // EKS reports 0.0.0.0/0 when no CIDRs are given, the public endpoint on or off.
        publicAccessCidrs: vpcConfig.publicAccessCidrs ?? ["0.0.0.0/0"],
      };
      state.identities = [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${ctx.hash.toUpperCase()}` }] }];
      state.status = "ACTIVE";
      state.platformVersion = "eks.1";
      break;
    }
    case "aws:rds/instance:Instance":
      state.arn = `arn:aws:rds:${region}:${account}:db:${name}`;
      state.address = `${name}.c${ctx.hash.slice(0, 11)}.${region}.rds.amazonaws.com`;
      state.port = state.port ?? 5432;
      state.endpoint = `${state.address}:${state.port}`;
      state.resourceId = `db-${ctx.hash.toUpperCase().slice(0, 26)}`;
      break;
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      state.arn = `arn:aws:elasticache:${region}:${account}:replicationgroup:${name}`;
      state.port = state.port ?? 6379;
      state.primaryEndpointAddress = `master.${name}.${ctx.hash.slice(0, 6)}.${region}.cache.amazonaws.com`;
      state.readerEndpointAddress = `replica.${name}.${ctx.hash.slice(0, 6)}.${region}.cache.amazonaws.com`;
      state.memberClusters = Array.from({ length: Number(state.numCacheClusters ?? 1) }, (_, i) => `${name}-00${i + 1}`);
      break;
    case "aws:s3/bucket:Bucket":
      state.arn = `arn:aws:s3:::${name}`;
      state.region = region;
      state.bucketDomainName = `${name}.s3.amazonaws.com`;
      state.bucketRegionalDomainName = `${name}.s3.${region}.amazonaws.com`;
      break;
    case "aws:secretsmanager/secret:Secret":
      state.arn = `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${ctx.hash.slice(0, 6)}`;
      id = String(state.arn);
      break;
    case "aws:ec2/eip:Eip":
      state.allocationId = id;
      state.publicIp = `203.0.113.${parseInt(ctx.hash.slice(0, 2), 16) % 250}`;
      break;
    case "aws:ec2/vpcPeeringConnection:VpcPeeringConnection":
      state.peerOwnerId = state.peerOwnerId ?? account;
      state.peerRegion = state.peerRegion ?? region;
      state.acceptStatus = state.autoAccept ? "active" : "pending-acceptance";
      break;
    case "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter":
      // The accepter manages the requester's connection: its id is the connection's.
      id = String(state.vpcPeeringConnectionId);
      state.acceptStatus = "active";
      break;
    case "aws:ec2/route:Route":
      id = `r-${String(state.routeTableId)}${parseInt(ctx.hash.slice(0, 8), 16)}`;
      break;
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      state.securityGroupRuleId = id;
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      id = String(state.name ?? name);
      state.name = id;
      state.arn = `arn:aws:logs:${region}:${account}:log-group:${id}`;
      break;
    case "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication":
      // The id is the ARN of the replicated automated backup in the destination region.
      id = `arn:aws:rds:${region}:${account}:auto-backup:ab-${ctx.hash.slice(0, 38)}`;
      state.arn = id;
      break;
    case "aws:route53/healthCheck:HealthCheck":
      id = uuid(ctx.hash);
      state.arn = `arn:aws:route53:::healthcheck/${id}`;
      break;
    case "aws:route53/record:Record":
      // The provider's id: zone, name, type and set identifier joined by underscores.
      id = [state.zoneId, state.name, state.type, state.setIdentifier].filter((p) => p !== undefined && p !== "").join("_");
      state.fqdn = state.name;
      delete state.arn;
      break;
    case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
      state.associationId = `a-${ctx.hash.slice(0, 17)}`;
      state.associationArn = `arn:aws:eks:${region}:${account}:podidentityassociation/${state.clusterName}/${state.associationId}`;
      break;
  }
  state.id = id;
  return { id, state };
}

/** Canned answers for the read-only AWS calls the program makes. */
export function awsInvoke(token: string, args: Record<string, unknown>, providerInputs: Record<string, unknown>): Record<string, unknown> | undefined {
  const region = String(providerInputs.region ?? "us-east-1");
  const account = PLANNED_ACCOUNT.awsAccountId;
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      // Honours excludeZoneIds, as the provider does (it filters on the zone-id of each zone).
      const excluded = new Set((args.excludeZoneIds as string[] | undefined) ?? []);
      const ids = awsZoneIdsOf(region);
      const zones = awsZonesOf(region).map((name, i) => ({ name, id: ids[i] })).filter((z) => !excluded.has(z.id));
      return { id: region, names: zones.map((z) => z.name), zoneIds: zones.map((z) => z.id), groupNames: [region], state: args.state };
    }
    // The planner has no cloud to ask: a database the stack is about to promote (a re-seeded replica) exists.
    // Whether it really does is what `dalp-ha diff` judges against a state, and the cloud against itself.
    case "aws:rds/getInstance:getInstance":
      return { id: String(args.dbInstanceIdentifier), dbInstanceIdentifier: String(args.dbInstanceIdentifier), dbInstanceArn: `arn:aws:rds:${region}:${account}:db:${String(args.dbInstanceIdentifier)}` };
    case "aws:rds/getSnapshots:getSnapshots":
      return { id: region, region, snapshotType: args.snapshotType, filters: args.filters, snapshots: automatedSnapshots(args, region, account) };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { id: account, accountId: account, arn: `arn:aws:iam::${account}:user/dalp-planner`, userId: "AIDAPLANNEREXAMPLE" };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:route53/getZone:getZone": {
      // Every planned hosted zone is the public zone of the documentation domain, which the reference stacks'
      // dalp:charts.domain is a name of.
      const zoneId = String(args.zoneId ?? "Z0PLANNED");
      return { id: zoneId, zoneId, name: PLANNED_HOSTED_ZONE, privateZone: false, arn: `arn:aws:route53:::hostedzone/${zoneId}`, nameServers: ["ns-1.awsdns-00.org"], resourceRecordSetCount: 2, tags: {} };
    }
    case "aws:index/getRegion:getRegion":
      return { id: region, region, name: region, endpoint: `ec2.${region}.amazonaws.com` };
    default:
      return undefined;
  }
}

/** Days of daily automated snapshots the planned region holds: the reference stacks' backup retention. */
const PLANNED_SNAPSHOT_DAYS = 30;

/**
 * What DescribeDBSnapshots answers for the automated snapshots of the instance a `db-instance-id` filter names:
 * one a day, taken at 00:45 UTC (inside the reference stacks' backup window, 00:30-01:30), for the last
 * PLANNED_SNAPSHOT_DAYS days, the oldest first kept. Relative to now, as a real region's list is, so a test can
 * name a moment just before the oldest one.
 */
function automatedSnapshots(args: Record<string, unknown>, region: string, account: string): Record<string, unknown>[] {
  const filters = (args.filters as Array<{ name: string; values: string[] }> | undefined) ?? [];
  const instance = filters.find((f) => f.name === "db-instance-id")?.values[0];
  if (!instance || args.snapshotType !== "automated") return [];
  const now = Date.now();
  const today = new Date(now);
  today.setUTCHours(0, 45, 0, 0);
  return Array.from({ length: PLANNED_SNAPSHOT_DAYS }, (_, d) => new Date(today.getTime() - d * 24 * 3600 * 1000))
    .filter((t) => t.getTime() <= now)
    .map((t) => {
      const stamp = t.toISOString().slice(0, 16).replace(/[T:]/g, "-");
      const id = `rds:${instance}-${stamp}`;
      return {
        dbInstanceIdentifier: instance,
        dbSnapshotIdentifier: id,
        dbSnapshotArn: `arn:aws:rds:${region}:${account}:snapshot:${id}`,
        snapshotType: "automated",
        engine: "postgres",
        engineVersion: "17.6",
        encrypted: true,
        kmsKeyId: `arn:aws:kms:${region}:${account}:key/00000000-0000-4000-8000-000000000000`,
        allocatedStorage: 100,
        storageType: "gp3",
        port: 5432,
        iops: 3000,
        licenseModel: "postgresql-license",
        optionGroupName: "default:postgres-17",
        availabilityZone: `${region}a`,
        originalSnapshotCreateTime: t.toISOString(),
        snapshotCreateTime: t.toISOString(),
        sourceDbSnapshotIdentifier: "",
        sourceRegion: "",
        status: "available",
      };
    });
}

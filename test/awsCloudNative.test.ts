import { ALERT_SIGNALS } from "../addons/monitoring/alertRules";
import { VELERO, VELERO_PLUGINS } from "../addons/shared/chartVersions";
import { isSecretValue, Plan, PlannedResource } from "../planner/model";
import { typeCounts } from "../planner/summary";
import { exposedSecrets, inputsOf, ofType, only, outputsOf, planChanged, referencePlan } from "./helpers/stacks";

const STACK = "aws-cloud-native";
const ZONES = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];

let plan: Plan;
beforeAll(async () => {
  plan = await referencePlan(STACK);
});

const release = (p: Plan, releaseName: string): PlannedResource => {
  const found = ofType(p, "kubernetes:helm.sh/v3:Release").filter((r) => inputsOf(r).name === releaseName);
  if (found.length !== 1) throw new Error(`expected one release ${releaseName}, found ${found.length}`);
  return found[0];
};
const valuesOf = (r: PlannedResource) => inputsOf(r).values;
const byUrn = (p: Plan) => new Map(p.resources.map((r) => [r.urn, r]));

describe("aws-cloud-native inventory", () => {
  it("declares exactly these resources", () => {
    expect(typeCounts(plan)).toEqual({
      "pulumi:providers:aws": 1,
      "pulumi:providers:kubernetes": 1,
      "pulumi:providers:random": 1,
      "aws:kms/key:Key": 1,
      "aws:kms/alias:Alias": 1,
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/internetGateway:InternetGateway": 1,
      "aws:ec2/subnet:Subnet": 9,
      "aws:ec2/routeTable:RouteTable": 5,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 9,
      "aws:ec2/eip:Eip": 3,
      "aws:ec2/natGateway:NatGateway": 3,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 1,
      "aws:ec2/securityGroup:SecurityGroup": 2,
      "aws:iam/role:Role": 6,
      "aws:iam/rolePolicy:RolePolicy": 4,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 6,
      "aws:eks/cluster:Cluster": 1,
      "aws:eks/nodeGroup:NodeGroup": 3,
      "aws:eks/addon:Addon": 5,
      "aws:eks/podIdentityAssociation:PodIdentityAssociation": 3,
      "aws:rds/subnetGroup:SubnetGroup": 1,
      "aws:rds/parameterGroup:ParameterGroup": 1,
      "aws:rds/instance:Instance": 1,
      "aws:secretsmanager/secret:Secret": 1,
      "aws:secretsmanager/secretVersion:SecretVersion": 1,
      "aws:elasticache/subnetGroup:SubnetGroup": 1,
      "aws:elasticache/replicationGroup:ReplicationGroup": 1,
      "aws:s3/bucket:Bucket": 2,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 2,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
      "aws:s3/bucketVersioning:BucketVersioning": 2,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 2,
      "aws:s3/bucketPolicy:BucketPolicy": 2,
      "random:index/randomPassword:RandomPassword": 2,
      "kubernetes:storage.k8s.io/v1:StorageClass": 1,
      "kubernetes:core/v1:Namespace": 3,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:core/v1:Secret": 4,
      "kubernetes:helm.sh/v3:Release": 8,
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule": 1,
    });
  });

  it("groups everything under one stamp component named after the region", () => {
    const stamp = only(plan, "dalp:pattern:Stamp");
    expect(stamp.name).toBe("eu-central-1");
    const components = plan.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.every((c) => c.type.startsWith("dalp:"))).toBe(true);
  });

  it("gives every resource an explicit provider, so none can land in an unintended region", () => {
    const providers = new Set(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => `${r.urn}::${r.id}`));
    for (const r of plan.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"))) {
      expect(r.provider && providers.has(r.provider)).toBeTruthy();
    }
    const aws = inputsOf(only(plan, "pulumi:providers:aws"));
    expect(aws.region).toBe("eu-central-1");
    expect(JSON.parse(aws.defaultTags).tags).toMatchObject({ "dalp:stack": STACK, "dalp:pattern": "cloud-native", environment: "production" });
    expect(outputsOf(only(plan, "aws:rds/instance:Instance")).tagsAll).toMatchObject({ "dalp:stack": STACK, owner: "platform-team" });
  });

  it("pins the provider to dalp:account when it is set", async () => {
    expect(inputsOf(only(plan, "pulumi:providers:aws"))).not.toHaveProperty("allowedAccountIds");
    const result = await planChanged(STACK, (c) => (c["dalp:account"] = "123456789012"));
    if (!result.ok) throw result.error;
    expect(JSON.parse(inputsOf(only(result.plan, "pulumi:providers:aws")).allowedAccountIds)).toEqual(["123456789012"]);
  });

  it("protects every stateful resource from deletion and replacement", () => {
    const stateful = ["aws:kms/key:Key", "aws:eks/cluster:Cluster", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:s3/bucket:Bucket"];
    for (const type of stateful) for (const r of ofType(plan, type)) expect({ type, protect: r.protect }).toEqual({ type, protect: true });
  });
});

describe("network", () => {
  const subnets = (kind: string) => ofType(plan, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes(`-${kind}-`));

  it("spans three availability zones with public, private and data subnets in each", () => {
    for (const kind of ["public", "private", "data"]) {
      expect(subnets(kind).map((s) => inputsOf(s).availabilityZone).sort()).toEqual(ZONES);
    }
    expect(inputsOf(only(plan, "aws:ec2/vpc:Vpc")).cidrBlock).toBe("10.40.0.0/16");
  });

  it("runs one NAT gateway per zone, each in its own zone's public subnet", () => {
    const publicByZone = new Map(subnets("public").map((s) => [outputsOf(s).id, inputsOf(s).availabilityZone]));
    const natZones = ofType(plan, "aws:ec2/natGateway:NatGateway").map((n) => publicByZone.get(inputsOf(n).subnetId));
    expect(natZones.sort()).toEqual(ZONES);
  });

  it("routes each zone's private subnet through the NAT gateway of the same zone", () => {
    const nats = ofType(plan, "aws:ec2/natGateway:NatGateway");
    for (const zone of ZONES) {
      const table = only(plan, "aws:ec2/routeTable:RouteTable", `-private-${zone}`);
      const nat = nats.find((n) => n.name.endsWith(zone));
      expect(inputsOf(table).routes).toEqual([{ cidrBlock: "0.0.0.0/0", natGatewayId: nat?.id }]);
    }
  });

  it("gives the data subnets no route out", () => {
    expect(inputsOf(only(plan, "aws:ec2/routeTable:RouteTable", "-data")).routes ?? []).toEqual([]);
  });

  it("can share a single NAT gateway to save cost", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:network"] = { natGateways: "single" })));
    if (!result.ok) throw result.error;
    expect(ofType(result.plan, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    const natId = ofType(result.plan, "aws:ec2/natGateway:NatGateway")[0].id;
    for (const zone of ZONES) expect(inputsOf(only(result.plan, "aws:ec2/routeTable:RouteTable", `-private-${zone}`)).routes[0].natGatewayId).toBe(natId);
  });
});

describe("EKS", () => {
  it("pins the version, keeps the endpoint private, encrypts Secrets with KMS and logs audits", () => {
    const cluster = inputsOf(only(plan, "aws:eks/cluster:Cluster"));
    const key = only(plan, "aws:kms/key:Key");
    expect(cluster.version).toBe("1.36");
    expect(cluster.vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
    expect(cluster.encryptionConfig).toEqual({ provider: { keyArn: outputsOf(key).arn }, resources: ["secrets"] });
    expect(cluster.enabledClusterLogTypes).toEqual(expect.arrayContaining(["api", "audit", "authenticator"]));
    expect(cluster.deletionProtection).toBe(true);
    expect(cluster.accessConfig.authenticationMode).toBe("API");
  });

  it("puts the control plane in the private subnets of all three zones", () => {
    const privateIds = ofType(plan, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-")).map((s) => s.id);
    expect([...inputsOf(only(plan, "aws:eks/cluster:Cluster")).vpcConfig.subnetIds].sort()).toEqual([...privateIds].sort());
  });

  it("runs one managed node group per zone, each pinned to its zone's subnet", () => {
    const subnetZone = new Map(ofType(plan, "aws:ec2/subnet:Subnet").map((s) => [s.id, inputsOf(s).availabilityZone]));
    const groups = ofType(plan, "aws:eks/nodeGroup:NodeGroup").map(inputsOf);
    expect(groups.map((g) => g.subnetIds.map((id: string) => subnetZone.get(id))).flat().sort()).toEqual(ZONES);
    for (const g of groups) {
      expect(g.scalingConfig).toEqual({ minSize: 1, maxSize: 3, desiredSize: 1 });
      expect(g.instanceTypes).toEqual(["m7i.xlarge"]);
    }
    for (const g of ofType(plan, "aws:eks/nodeGroup:NodeGroup")) expect(g.ignoreChanges).toContain("scalingConfig.desiredSize");
  });

  it("opens the public endpoint only to the configured CIDRs", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).publicAccessCidrs = ["198.51.100.7/32"]));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, "aws:eks/cluster:Cluster")).vpcConfig).toMatchObject({ endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.7/32"] });
  });

  it("installs Pod Identity and the EBS CSI driver, whose identity comes from Pod Identity", () => {
    const addons = ofType(plan, "aws:eks/addon:Addon").map(inputsOf);
    expect(addons.map((a) => a.addonName).sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const ebs = addons.find((a) => a.addonName === "aws-ebs-csi-driver")!;
    expect(ebs.podIdentityAssociations).toEqual([{ roleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\//), serviceAccount: "ebs-csi-controller-sa" }]);
  });

  it("grants cluster-admin to configured principals through access entries", async () => {
    const result = await planChanged(STACK, (c) => ((c["dalp:cluster"] as any).adminPrincipals = ["arn:aws:iam::123456789012:role/platform-admin"]));
    if (!result.ok) throw result.error;
    expect(inputsOf(only(result.plan, "aws:eks/accessEntry:AccessEntry")).principalArn).toBe("arn:aws:iam::123456789012:role/platform-admin");
    expect(inputsOf(only(result.plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")).policyArn).toMatch(/AmazonEKSClusterAdminPolicy$/);
  });
});

describe("RDS PostgreSQL", () => {
  const db = () => only(plan, "aws:rds/instance:Instance");

  it("is Multi-AZ, encrypted with the stack's key, with 30 days of PITR backups", () => {
    const i = inputsOf(db());
    expect(i).toMatchObject({ engine: "postgres", engineVersion: "17", multiAz: true, storageEncrypted: true, backupRetentionPeriod: 30 });
    expect(i.kmsKeyId).toBe(outputsOf(only(plan, "aws:kms/key:Key")).arn);
  });

  it("cannot be deleted by accident and leaves a final snapshot if it is", () => {
    expect(inputsOf(db())).toMatchObject({ deletionProtection: true, skipFinalSnapshot: false, finalSnapshotIdentifier: "dalp-aws-cloud-native-eu-central-1-postgres-final" });
    expect(db().protect).toBe(true);
  });

  it("is private, in the data subnets, reachable only from the cluster security group", () => {
    expect(inputsOf(db()).publiclyAccessible).toBe(false);
    const dataSubnets = ofType(plan, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-data-")).map((s) => s.id);
    expect([...inputsOf(only(plan, "aws:rds/subnetGroup:SubnetGroup")).subnetIds].sort()).toEqual([...dataSubnets].sort());
    const sg = inputsOf(only(plan, "aws:ec2/securityGroup:SecurityGroup", "postgres-sg"));
    const clusterSg = outputsOf(only(plan, "aws:eks/cluster:Cluster")).vpcConfig.clusterSecurityGroupId;
    expect(sg.ingress).toEqual([expect.objectContaining({ fromPort: 5432, toPort: 5432, securityGroups: [clusterSg] })]);
    expect(sg.ingress[0].cidrBlocks ?? []).toEqual([]);
  });

  it("forces TLS through its parameter group", () => {
    const params = inputsOf(only(plan, "aws:rds/parameterGroup:ParameterGroup"));
    expect(params.family).toBe("postgres17");
    expect(params.parameters).toContainEqual({ name: "rds.force_ssl", value: "1" });
    expect(inputsOf(db()).parameterGroupName).toBe(outputsOf(only(plan, "aws:rds/parameterGroup:ParameterGroup")).name);
  });

  it("gets a generated password that is only ever handled as a secret", () => {
    const r = db();
    expect(isSecretValue(r.inputs.password)).toBe(true);
    const secretVersion = only(plan, "aws:secretsmanager/secretVersion:SecretVersion");
    expect(isSecretValue(secretVersion.inputs.secretString)).toBe(true);
    expect(JSON.parse(inputsOf(secretVersion).secretString)).toMatchObject({ engine: "postgres", username: "dalp", password: inputsOf(r).password });
  });
});

describe("ElastiCache", () => {
  const group = () => inputsOf(only(plan, "aws:elasticache/replicationGroup:ReplicationGroup"));

  it("runs Valkey with a primary and two replicas in three different zones, failing over automatically", () => {
    expect(group()).toMatchObject({ engine: "valkey", numCacheClusters: 3, automaticFailoverEnabled: true, multiAzEnabled: true });
    expect([...group().preferredCacheClusterAzs].sort()).toEqual(ZONES);
  });

  it("encrypts at rest with the stack's key and requires TLS with an AUTH token kept secret", () => {
    expect(group()).toMatchObject({ atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: "required" });
    expect(group().kmsKeyId).toBe(outputsOf(only(plan, "aws:kms/key:Key")).arn);
    expect(isSecretValue(only(plan, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.authToken)).toBe(true);
  });

  it("keeps daily snapshots for a week and a final snapshot", () => {
    expect(group()).toMatchObject({ snapshotRetentionLimit: 7, finalSnapshotIdentifier: "dalp-aws-cloud-native-eu-central-1-cache-final" });
  });
});

describe("S3 buckets", () => {
  const buckets = () => ofType(plan, "aws:s3/bucket:Bucket");
  const settingFor = (type: string, bucket: PlannedResource) => {
    const found = ofType(plan, type).filter((r) => inputsOf(r).bucket === bucket.id);
    expect(found).toHaveLength(1);
    return inputsOf(found[0]);
  };

  it("holds an application bucket and a backup bucket, neither force-destroyable", () => {
    expect(buckets().map((b) => inputsOf(b).tags.purpose).sort()).toEqual(["dalp-app", "dalp-backup"]);
    for (const b of buckets()) expect(inputsOf(b).forceDestroy).toBe(false);
  });

  it("versions every object and expires noncurrent versions after 90 days", () => {
    for (const b of buckets()) {
      expect(settingFor("aws:s3/bucketVersioning:BucketVersioning", b).versioningConfiguration).toEqual({ status: "Enabled" });
      const rules = settingFor("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", b).rules;
      expect(rules).toContainEqual(expect.objectContaining({ status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 90 } }));
    }
  });

  it("encrypts with SSE-KMS, blocks public access, enforces bucket ownership and TLS", () => {
    const keyArn = outputsOf(only(plan, "aws:kms/key:Key")).arn;
    for (const b of buckets()) {
      expect(settingFor("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", b).rules).toEqual([
        { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true },
      ]);
      expect(settingFor("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", b)).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(settingFor("aws:s3/bucketOwnershipControls:BucketOwnershipControls", b).rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
      const policy = JSON.parse(settingFor("aws:s3/bucketPolicy:BucketPolicy", b).policy);
      expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
    }
  });

  it("follows the configured noncurrent-version retention", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:objectStorage"] = { noncurrentVersionRetentionDays: 120 }));
    if (!result.ok) throw result.error;
    for (const r of ofType(result.plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")) {
      expect(inputsOf(r).rules[0].noncurrentVersionExpiration).toEqual({ noncurrentDays: 120 });
    }
  });
});

describe("Velero", () => {
  const velero = () => release(plan, "velero");
  const backupBucket = () => ofType(plan, "aws:s3/bucket:Bucket").find((b) => inputsOf(b).tags.purpose === "dalp-backup") as PlannedResource;

  it("installs the pinned vmware-tanzu chart with the AWS plugin", () => {
    expect(inputsOf(velero())).toMatchObject({ chart: "velero", version: VELERO.version, repositoryOpts: { repo: VELERO.repository }, namespace: "velero" });
    expect(valuesOf(velero()).initContainers).toEqual([expect.objectContaining({ image: VELERO_PLUGINS.aws, volumeMounts: [{ mountPath: "/target", name: "plugins" }] })]);
  });

  it("stores backups in the backup bucket without static keys", () => {
    const v = valuesOf(velero());
    expect(v.credentials).toEqual({ useSecret: false });
    expect(v.configuration.backupStorageLocation).toEqual([
      expect.objectContaining({ name: "default", provider: "aws", bucket: outputsOf(backupBucket()).bucket, default: true, config: expect.objectContaining({ region: "eu-central-1" }) }),
    ]);
    expect(v.serviceAccount.server.name).toBe("velero-server");
  });

  it("binds the Velero service account to a role that reaches only the backup bucket", () => {
    const association = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").map(inputsOf).find((a) => a.namespace === "velero")!;
    expect(association).toMatchObject({ serviceAccount: "velero-server", clusterName: outputsOf(only(plan, "aws:eks/cluster:Cluster")).name });
    const role = ofType(plan, "aws:iam/role:Role").find((r) => outputsOf(r).arn === association.roleArn) as PlannedResource;
    expect(JSON.parse(inputsOf(role).assumeRolePolicy).Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    const policy = ofType(plan, "aws:iam/rolePolicy:RolePolicy").find((p) => inputsOf(p).role === outputsOf(role).name) as PlannedResource;
    const resources = JSON.parse(inputsOf(policy).policy).Statement.flatMap((s: { Resource: string[] }) => s.Resource);
    const bucketArn = outputsOf(backupBucket()).arn;
    expect(resources.filter((r: string) => r.startsWith("arn:aws:s3")).sort()).toEqual([bucketArn, `${bucketArn}/*`]);
  });

  it("schedules the product's DALP backup: daily at 02:00, 30 days, DALP-labelled, volumes by filesystem backup, no events", () => {
    expect(valuesOf(velero()).schedules).toEqual({
      "dalp-daily": {
        disabled: false,
        paused: false,
        schedule: "0 2 * * *",
        useOwnerReferencesInBackup: false,
        template: {
          ttl: "720h0m0s",
          storageLocation: "default",
          includedNamespaces: ["dalp"],
          labelSelector: { matchLabels: { "kots.io/app-slug": "settlemint-dalp" } },
          excludedResources: ["events", "events.events.k8s.io"],
          defaultVolumesToFsBackup: true,
          snapshotVolumes: false,
        },
      },
    });
    expect(valuesOf(velero())).toMatchObject({ deployNodeAgent: true, snapshotsEnabled: false });
  });

  it("derives the TTL from the retention and takes the schedule from config", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:backup"] = { enabled: true, schedule: "30 1 * * *", retentionDays: 7 }));
    if (!result.ok) throw result.error;
    const schedule = valuesOf(release(result.plan, "velero")).schedules["dalp-daily"];
    expect(schedule.schedule).toBe("30 1 * * *");
    expect(schedule.template.ttl).toBe("168h0m0s");
  });

  it("waits for its identity before it starts", () => {
    const association = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find((a) => inputsOf(a).namespace === "velero") as PlannedResource;
    expect(velero().dependencies).toContain(association.urn);
  });

  it("is left out when backups are off", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:backup"] = { enabled: false }));
    if (!result.ok) throw result.error;
    expect(ofType(result.plan, "kubernetes:helm.sh/v3:Release").map((r) => inputsOf(r).name)).not.toContain("velero");
  });
});

describe("DALP charts", () => {
  it("installs support then dalp from the configured repository and versions", () => {
    const support = release(plan, "support");
    const dalp = release(plan, "dalp");
    expect(inputsOf(support)).toMatchObject({ chart: "oci://harbor.settlemint.com/dalp/support", version: "2.0.0", namespace: "dalp", atomic: true });
    expect(inputsOf(dalp)).toMatchObject({ chart: "oci://harbor.settlemint.com/dalp/dalp", version: "2.0.0" });
    expect(dalp.dependencies).toContain(support.urn);
    expect(isSecretValue(dalp.inputs.repositoryOpts) || isSecretValue((dalp.inputs.repositoryOpts as any)?.password)).toBe(true);
  });

  it("sets the product's HA overlay: two replicas, soft anti-affinity, probes, requests and limits", () => {
    const dapp = valuesOf(release(plan, "dalp")).dapp;
    expect(dapp).toMatchObject({ replicaCount: 2, podAntiAffinityPreset: "soft", livenessProbe: { enabled: true }, readinessProbe: { enabled: true } });
    expect(dapp.resources.requests).toEqual({ cpu: "250m", memory: "512Mi" });
    expect(dapp.resources.limits).toEqual({ cpu: "2", memory: "2Gi" });
  });

  it("turns off the support chart's bundled PostgreSQL, Redis and RustFS", () => {
    expect(valuesOf(release(plan, "support"))).toMatchObject({ postgresql: { enabled: false }, redis: { enabled: false }, rustfs: { enabled: false } });
  });

  it("wires the datastores through Secrets, never through values", () => {
    const values = valuesOf(release(plan, "dalp"));
    expect(values.global.datastores.default).toEqual({ postgresql: { existingSecret: "dalp-postgresql", sslMode: "require" }, redis: { existingSecret: "dalp-redis", tls: true } });
    const secrets = ofType(plan, "kubernetes:core/v1:Secret");
    const pg = secrets.find((s) => inputsOf(s).metadata.name === "dalp-postgresql") as PlannedResource;
    expect(isSecretValue(pg.inputs.stringData)).toBe(true);
    expect(inputsOf(pg).stringData).toMatchObject({ host: outputsOf(only(plan, "aws:rds/instance:Instance")).address, port: "5432", database: "dalp", sslmode: "require" });
    const cache = secrets.find((s) => inputsOf(s).metadata.name === "dalp-redis") as PlannedResource;
    expect(inputsOf(cache).stringData).toMatchObject({ host: outputsOf(only(plan, "aws:elasticache/replicationGroup:ReplicationGroup")).primaryEndpointAddress, tls: "true" });
  });

  it("never puts a password in plain sight: every occurrence of a generated secret is wrapped", () => {
    const secrets = ofType(plan, "random:index/randomPassword:RandomPassword").map((r) => outputsOf(r).result as string);
    expect(exposedSecrets(plan, secrets)).toEqual([]);
  });

  it("gives DALP a Pod Identity role on the application bucket only", () => {
    const association = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").map(inputsOf).find((a) => a.namespace === "dalp")!;
    expect(association).toMatchObject({ serviceAccount: "dalp" });
    const appBucketArn = outputsOf(ofType(plan, "aws:s3/bucket:Bucket").find((b) => inputsOf(b).tags.purpose === "dalp-app") as PlannedResource).arn;
    const role = ofType(plan, "aws:iam/role:Role").find((r) => outputsOf(r).arn === association.roleArn) as PlannedResource;
    const policy = ofType(plan, "aws:iam/rolePolicy:RolePolicy").find((p) => inputsOf(p).role === outputsOf(role).name) as PlannedResource;
    const s3 = JSON.parse(inputsOf(policy).policy).Statement.flatMap((s: { Resource: string[] }) => s.Resource).filter((r: string) => r.startsWith("arn:aws:s3"));
    expect(s3.sort()).toEqual([appBucketArn, `${appBucketArn}/*`]);
  });

  it("creates the image-pull Secret from the registry secret and references it by name", () => {
    const pull = ofType(plan, "kubernetes:core/v1:Secret").find((s) => inputsOf(s).metadata.name === "dalp-registry") as PlannedResource;
    expect(inputsOf(pull).type).toBe("kubernetes.io/dockerconfigjson");
    expect(isSecretValue(pull.inputs.stringData)).toBe(true);
    expect(valuesOf(release(plan, "dalp")).global.imagePullSecrets).toEqual([{ name: "dalp-registry" }]);
  });
});

describe("alerts", () => {
  const rule = () => inputsOf(only(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule"));

  it("covers every signal of the backup and recovery page", () => {
    const signals = new Set(rule().spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.labels.dalp_signal)));
    expect([...signals].sort()).toEqual([...ALERT_SIGNALS].sort());
  });

  it("uses the documented thresholds and treats backup failure as critical", () => {
    const rules = rule().spec.groups[0].rules;
    const find = (alert: string) => rules.find((r: any) => r.alert === alert);
    expect(find("DalpPodRestarting").expr).toMatch(/\[1h\]\) > 5$/);
    expect(find("DalpReplicationLagHigh").expr).toMatch(/> 60$/);
    expect(find("DalpCertificateExpiring").expr).toMatch(/< 14 \* 86400$/);
    expect(find("DalpVolumeUsageHigh").expr).toMatch(/> 0\.8$/);
    expect(find("DalpBackupFailed").labels.severity).toBe("critical");
    expect(find("DalpBackupMissing").expr).toContain(`> ${(1440 + 120) * 60}`);
  });

  it("feeds the rules from exporters that read credentials from the DALP Secrets", () => {
    expect(valuesOf(release(plan, "postgres-exporter")).config.datasource).toMatchObject({ passwordSecret: { name: "dalp-postgresql", key: "password" }, sslmode: "require" });
    expect(valuesOf(release(plan, "redis-exporter"))).toMatchObject({ auth: { enabled: true, secret: { name: "dalp-redis", key: "password" } }, redisAddress: expect.stringMatching(/^rediss:\/\//) });
    expect(valuesOf(release(plan, "blackbox-exporter")).serviceMonitor.targets).toEqual([{ name: "dalp-dapp", url: "https://dalp.example.com/", module: "http_2xx" }]);
  });

  it("keeps Prometheus' data on the zone-aware gp3 StorageClass the adapter creates", () => {
    expect(valuesOf(release(plan, "kube-prometheus-stack")).prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe("gp3");
    expect(inputsOf(only(plan, "kubernetes:storage.k8s.io/v1:StorageClass")).metadata.name).toBe("gp3");
  });

  it("routes Alertmanager through the operator's own config Secret when one is named", async () => {
    expect(valuesOf(release(plan, "kube-prometheus-stack")).alertmanager.alertmanagerSpec).not.toHaveProperty("configSecret");
    const result = await planChanged(STACK, (c) => (c["dalp:alerts"] = { enabled: true, alertmanagerConfigSecret: "alertmanager-receivers" }));
    if (!result.ok) throw result.error;
    expect(valuesOf(release(result.plan, "kube-prometheus-stack")).alertmanager.alertmanagerSpec).toMatchObject({ useExistingSecret: true, configSecret: "alertmanager-receivers" });
  });

  it("leaves the monitoring stack and exporters out when alerts are off", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:alerts"] = { enabled: false }));
    if (!result.ok) throw result.error;
    const names = ofType(result.plan, "kubernetes:helm.sh/v3:Release").map((r) => inputsOf(r).name).sort();
    expect(names).toEqual(["cluster-autoscaler", "dalp", "support", "velero"]);
    expect(valuesOf(release(result.plan, "velero")).metrics.serviceMonitor.enabled).toBe(false);
  });

  it("installs the rule after the Prometheus Operator that defines its kind", () => {
    const operator = release(plan, "kube-prometheus-stack");
    const urns = byUrn(plan);
    const deps = only(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").dependencies.map((u) => urns.get(u)?.urn);
    expect(deps).toContain(operator.urn);
  });
});

describe("stack outputs", () => {
  it("exposes the kubeconfig as a secret, the endpoint and the pattern's recovery objectives", () => {
    expect(isSecretValue(plan.outputs.kubeconfig)).toBe(true);
    expect(plan.outputs.endpoints).toEqual({ dapp: "https://dalp.example.com" });
    expect(plan.outputs.recoveryObjectives).toMatchObject({ rto: "2-15 minutes", rpo: "seconds to 1 minute", source: expect.stringContaining("Cloud-Native") });
  });

  it("summarises the data resources by region without secrets", () => {
    const region = (plan.outputs.regions as any)["eu-central-1"];
    expect(isSecretValue(plan.outputs.regions)).toBe(false);
    expect(region).toMatchObject({ role: "active", zones: ZONES, namespace: "dalp" });
    expect(region.postgres.identifier).toBe(outputsOf(only(plan, "aws:rds/instance:Instance")).identifier);
    expect((plan.outputs.resourceSummary as any).backup).toEqual({ schedule: "dalp-daily", cron: "0 2 * * *", ttl: "720h0m0s" });
  });

  it("gives the kubeconfig an exec credential for aws eks get-token, not a token", () => {
    const kubeconfig = JSON.parse((plan.outputs.kubeconfig as { value: string }).value);
    expect(kubeconfig.users[0].user.exec).toMatchObject({ command: "aws", args: expect.arrayContaining(["eks", "get-token", "--region", "eu-central-1"]) });
    expect(JSON.stringify(kubeconfig)).not.toMatch(/token":/);
  });
});

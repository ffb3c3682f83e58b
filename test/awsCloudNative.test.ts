import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALERT_SIGNALS } from "../addons/monitoring/alertRules";
import { CLUSTER_AUTOSCALER, VELERO, VELERO_PLUGINS } from "../addons/shared/chartVersions";
import { backupSchedules } from "../addons/velero/schedule";
import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { ConfigError } from "../config/errors";
import type { DalpConfig } from "../config/types";
import { validateConfig } from "../config/validate";
import { isSecretValue, Plan, PlannedResource } from "../planner/model";
import { RUNNER_PLACEHOLDER } from "../planner/stackFiles";
import { typeCounts } from "../planner/summary";
import { RULES } from "../policies/rules";
import { AWS_DRIFT } from "../policies/rules/drift/aws";
import { inputsOf, ofType, only, outputsOf, planChanged, providerOf, referenceDoc, referencePlan } from "./helpers/stacks";

const STACK = "aws-cloud-native";
const ZONES = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
const CLUSTER_NAME = "dalp-aws-cloud-native-eu-central-1";
const RUNNER = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", routeTableIds: ["rtb-0123456789abcdef0", "rtb-0fedcba9876543210"] };

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
const setCluster = (change: (cluster: Record<string, any>) => void) => (c: Record<string, unknown>) => change(c["dalp:cluster"] as Record<string, any>);
const planned = async (change: (config: Record<string, unknown>) => void): Promise<Plan> => {
  const result = await planChanged(STACK, change);
  if (!result.ok) throw result.error;
  return result.plan;
};
/** The pack's mandatory violations on a plan. */
async function mandatoryViolations(p: Plan) {
  const result = await runRules(fromPlan(p, "test"), RULES);
  return result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`);
}
/** Every resource `r` waits for, directly or through the resources it waits for. */
function waitsFor(p: Plan, r: PlannedResource): Set<string> {
  const urns = byUrn(p);
  const seen = new Set<string>();
  const walk = (x: PlannedResource) => {
    for (const d of x.dependencies) {
      if (seen.has(d)) continue;
      seen.add(d);
      const next = urns.get(d);
      if (next) walk(next);
    }
  };
  walk(r);
  return seen;
}
/** The reference stack's configuration, validated as the program sees it (the planner's runner address stood in). */
function referenceConfig(): DalpConfig {
  const doc = referenceDoc(STACK).config;
  const values = Object.fromEntries(Object.entries(doc).filter(([k]) => k.startsWith("dalp:")).map(([k, v]) => [k.slice("dalp:".length), v]));
  (values.cluster as any).apiAccess.cidrs = [RUNNER_PLACEHOLDER];
  values.registryPassword = "planned-secret";
  return validateConfig({ values, secretKeys: new Set(["registryPassword"]), stack: STACK, project: "dalp-ha" });
}

describe("aws-cloud-native inventory", () => {
  // The cloud's own resources, exactly; the in-cluster ones belong to the add-ons and are tested there.
  it("declares exactly these cloud resources", () => {
    const counts = Object.fromEntries(Object.entries(typeCounts(plan)).filter(([type]) => !type.startsWith("kubernetes:")));
    expect(counts).toEqual({
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
      // Three for the NAT gateways, three for the ingress load balancer.
      "aws:ec2/eip:Eip": 6,
      "aws:ec2/natGateway:NatGateway": 3,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 1,
      "aws:ec2/securityGroup:SecurityGroup": 2,
      "aws:cloudwatch/logGroup:LogGroup": 3,
      "aws:iam/role:Role": 6,
      "aws:iam/rolePolicy:RolePolicy": 5,
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
    });
    expect(typeCounts(plan)["kubernetes:storage.k8s.io/v1:StorageClass"]).toBe(1);
  });

  // One stamp per region, explicit providers, protection, no plain-text secret and a clean pack are asserted
  // for every reference stack in test/referenceStacks.test.ts; what follows is AWS's own.
  it("pins the AWS provider to the region and tags everything through it", () => {
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

  it("leaves out a zone EKS does not support, and says why when the stack file names it", async () => {
    // The planner maps us-east-1c to use1-az3, as some accounts see it (zone names map to IDs per account).
    const inRegion = (zones: unknown) => (c: Record<string, unknown>) => {
      c["dalp:regions"] = [{ name: "us-east-1", zones }];
      c["aws:region"] = "us-east-1";
    };
    const p = await planned(inRegion(3));
    const privateZones = ofType(p, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-")).map((s) => inputsOf(s).availabilityZone).sort();
    expect(privateZones).toEqual(["us-east-1a", "us-east-1b", "us-east-1d"]);
    const result = await planChanged(STACK, inRegion(["us-east-1a", "us-east-1c", "us-east-1d"]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    const message = (result.error as ConfigError).message;
    expect(message).toMatch(/dalp:regions\[0\]\.zones\[1\]: got "us-east-1c"; expected a zone where EKS can run: .*use1-az3/);
    // Only that reason: the zone is one of the region's, so no "not a zone of the region" besides.
    expect((result.error as ConfigError).issues).toHaveLength(1);
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
  it("pins the version, encrypts Secrets with KMS and logs audits", () => {
    const c = inputsOf(only(plan, "aws:eks/cluster:Cluster"));
    const key = only(plan, "aws:kms/key:Key");
    expect(c.version).toBe("1.36");
    expect(c.encryptionConfig).toEqual({ provider: { keyArn: outputsOf(key).arn }, resources: ["secrets"] });
    expect(c.enabledClusterLogTypes).toEqual(expect.arrayContaining(["api", "audit", "authenticator"]));
    expect(c.deletionProtection).toBe(true);
    expect(c.accessConfig.authenticationMode).toBe("API");
  });

  it("is named explicitly, and every subnet's cluster tag spells that name", () => {
    const eks = only(plan, "aws:eks/cluster:Cluster");
    expect(inputsOf(eks).name).toBe(CLUSTER_NAME);
    expect(outputsOf(eks).name).toBe(CLUSTER_NAME);
    expect(CLUSTER_NAME.length).toBeLessThanOrEqual(100);
    const clusterTags = ofType(plan, "aws:ec2/subnet:Subnet").flatMap((s) => Object.keys(inputsOf(s).tags).filter((k) => k.startsWith("kubernetes.io/cluster/")));
    expect(clusterTags).toHaveLength(6);
    expect(new Set(clusterTags)).toEqual(new Set([`kubernetes.io/cluster/${outputsOf(eks).name}`]));
    // The load-balancer roles: internet-facing NLBs in the public subnets, internal ones in the private subnets.
    for (const s of ofType(plan, "aws:ec2/subnet:Subnet")) {
      const tags = inputsOf(s).tags;
      if (s.name.includes("-public-")) expect(tags["kubernetes.io/role/elb"]).toBe("1");
      if (s.name.includes("-private-")) expect(tags["kubernetes.io/role/internal-elb"]).toBe("1");
    }
  });

  it("puts the control plane in the private subnets of all three zones", () => {
    const privateIds = ofType(plan, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-")).map((s) => s.id);
    expect([...inputsOf(only(plan, "aws:eks/cluster:Cluster")).vpcConfig.subnetIds].sort()).toEqual([...privateIds].sort());
    // As EKS reports it: the VPC of those subnets.
    expect(outputsOf(only(plan, "aws:eks/cluster:Cluster")).vpcConfig.vpcId).toBe(only(plan, "aws:ec2/vpc:Vpc").id);
  });

  it("writes the control plane's logs to a log group it creates first, kept for a year", () => {
    const group = only(plan, "aws:cloudwatch/logGroup:LogGroup", "-eks-control-plane-logs");
    expect(inputsOf(group)).toMatchObject({ name: `/aws/eks/${CLUSTER_NAME}/cluster`, retentionInDays: 365 });
    expect(only(plan, "aws:eks/cluster:Cluster").dependencies).toContain(group.urn);
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

  it("creates each node group only once its zone's subnet has a way out", async () => {
    // Nodes pull images and call STS and EC2 as they boot; a group created before the NAT route fails with
    // NodeCreationFailure. The subnet id alone does not order it after the route table or the NAT gateway.
    const check = (p: Plan) => {
      const nats = ofType(p, "aws:ec2/natGateway:NatGateway");
      for (const zone of ZONES) {
        const group = only(p, "aws:eks/nodeGroup:NodeGroup", `-nodes-${zone}`);
        const table = only(p, "aws:ec2/routeTable:RouteTable", `-private-${zone}`);
        const association = only(p, "aws:ec2/routeTableAssociation:RouteTableAssociation", `-network-private-${zone}`);
        const nat = nats.length === 1 ? nats[0] : nats.find((n) => n.name.endsWith(zone));
        expect({ zone, waits: [...waitsFor(p, group)] }).toEqual({ zone, waits: expect.arrayContaining([nat?.urn, table.urn, association.urn]) });
      }
    };
    check(plan);
    check(await planned((c) => (c["dalp:network"] = { natGateways: "single" })));
  });

  it("refuses a Graviton node type, which the node groups' x86_64 AMI cannot boot, before declaring anything", async () => {
    for (const nodeType of ["m7g.xlarge", "c7gn.2xlarge", "t4g.large"]) {
      const result = await planChanged(STACK, setCluster((c) => (c.nodeType = nodeType)));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error).toBeInstanceOf(ConfigError);
      expect((result.error as ConfigError).message).toMatch(new RegExp(`dalp:cluster\\.nodeType: got "${nodeType.replace(".", "\\.")}"; expected an x86_64 instance type`));
    }
    for (const nodeType of ["m7i.xlarge", "m7a.xlarge", "c7i-flex.2xlarge"]) {
      const p = await planned(setCluster((c) => (c.nodeType = nodeType)));
      for (const g of ofType(p, "aws:eks/nodeGroup:NodeGroup")) expect(inputsOf(g)).toMatchObject({ instanceTypes: [nodeType], amiType: "AL2023_x86_64_STANDARD" });
    }
  });

  it("keeps the node groups on the cluster's version and alike, so the autoscaler balances them", async () => {
    const check = (p: Plan, version: string) => {
      expect(inputsOf(only(p, "aws:eks/cluster:Cluster")).version).toBe(version);
      const groups = ofType(p, "aws:eks/nodeGroup:NodeGroup").map(inputsOf);
      expect(groups.map((g) => g.version)).toEqual([version, version, version]);
      // Nothing that differs per zone: the autoscaler treats groups with different labels as dissimilar.
      expect(new Set(groups.map((g) => JSON.stringify(g.labels ?? {})))).toEqual(new Set(["{}"]));
    };
    check(plan, "1.36");
    check(await planned(setCluster((c) => (c.kubernetesVersion = "1.35"))), "1.35");
  });

  it("installs Pod Identity and the EBS CSI driver, whose identity comes from Pod Identity", () => {
    const addons = ofType(plan, "aws:eks/addon:Addon").map(inputsOf);
    expect(addons.map((a) => a.addonName).sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const ebs = addons.find((a) => a.addonName === "aws-ebs-csi-driver")!;
    expect(ebs.podIdentityAssociations).toEqual([{ roleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\//), serviceAccount: "ebs-csi-controller-sa" }]);
  });

  it("encrypts every volume with the region's key, which the EBS CSI driver's role may use", () => {
    const keyArn = outputsOf(only(plan, "aws:kms/key:Key")).arn;
    const sc = inputsOf(only(plan, "kubernetes:storage.k8s.io/v1:StorageClass"));
    expect(sc.parameters).toEqual({ type: "gp3", encrypted: "true", kmsKeyId: keyArn });
    const ebsRoleArn = ofType(plan, "aws:eks/addon:Addon").map(inputsOf).find((a) => a.addonName === "aws-ebs-csi-driver")!.podIdentityAssociations[0].roleArn;
    const role = ofType(plan, "aws:iam/role:Role").find((r) => outputsOf(r).arn === ebsRoleArn) as PlannedResource;
    const statements = ofType(plan, "aws:iam/rolePolicy:RolePolicy").filter((p) => inputsOf(p).role === outputsOf(role).name).flatMap((p) => JSON.parse(inputsOf(p).policy).Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: [keyArn], Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]), Resource: [keyArn] }));
  });

  it("runs the cluster autoscaler built for the cluster's minor, balancing the zones' groups", async () => {
    const values = valuesOf(release(plan, "cluster-autoscaler"));
    expect(values.image).toEqual({ repository: "registry.k8s.io/autoscaling/cluster-autoscaler", tag: CLUSTER_AUTOSCALER.imageTagByMinor["1.36"] });
    expect(values.autoDiscovery.clusterName).toBe(CLUSTER_NAME);
    expect(values.extraArgs).toMatchObject({ "balance-similar-node-groups": true, "balancing-ignore-label": "topology.k8s.aws/zone-id" });
    expect(values.topologySpreadConstraints).toEqual([expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" })]);
    const older = await planned(setCluster((c) => (c.kubernetesVersion = "1.35")));
    expect(valuesOf(release(older, "cluster-autoscaler")).image.tag).toBe("v1.35.1");
  });

  it("refuses a Kubernetes minor for which no autoscaler is pinned, before declaring anything", async () => {
    const result = await planChanged(STACK, setCluster((c) => (c.kubernetesVersion = "1.37")));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect((result.error as ConfigError).message).toContain("dalp:cluster.kubernetesVersion");
    expect((result.error as ConfigError).message).toContain(Object.keys(CLUSTER_AUTOSCALER.imageTagByMinor).join(", "));
  });

  it("grants cluster-admin to configured principals through access entries", async () => {
    const p = await planned(setCluster((c) => (c.adminPrincipals = ["arn:aws:iam::123456789012:role/platform-admin"])));
    expect(inputsOf(only(p, "aws:eks/accessEntry:AccessEntry")).principalArn).toBe("arn:aws:iam::123456789012:role/platform-admin");
    expect(inputsOf(only(p, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")).policyArn).toMatch(/AmazonEKSClusterAdminPolicy$/);
  });
});

describe("API access from where pulumi up runs", () => {
  it("opens the public endpoint to exactly the configured CIDRs, nodes on the private one", async () => {
    // The committed stack file leaves the address to each deployment; the planner stands in a documentation one.
    expect(inputsOf(only(plan, "aws:eks/cluster:Cluster")).vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: [RUNNER_PLACEHOLDER] });
    const p = await planned(setCluster((c) => (c.apiAccess = { mode: "public", cidrs: ["198.51.100.7/32", "192.0.2.0/28"] })));
    expect(inputsOf(only(p, "aws:eks/cluster:Cluster")).vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.7/32", "192.0.2.0/28"] });
    expect(ofType(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")).toEqual([]);
    expect(ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
  });

  describe("private, the runner in a VPC of the same region", () => {
    let p: Plan;
    beforeAll(async () => {
      p = await planned(setCluster((c) => (c.apiAccess = { mode: "private", runnerNetwork: RUNNER })));
    });

    it("has no public endpoint", () => {
      const vpcConfig = inputsOf(only(p, "aws:eks/cluster:Cluster")).vpcConfig;
      expect(vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
      expect(vpcConfig.publicAccessCidrs).toBeUndefined();
    });

    it("peers the stamp's VPC with the runner's, accepted by the requester itself", () => {
      const peering = inputsOf(only(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection"));
      expect(peering).toMatchObject({ vpcId: only(p, "aws:ec2/vpc:Vpc").id, peerVpcId: RUNNER.id, autoAccept: true });
      expect(peering.peerRegion).toBeUndefined();
      expect(ofType(p, "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter")).toEqual([]);
    });

    it("routes both ways: each private route table to the runner, each runner route table to the stamp", () => {
      const pcx = only(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection").id;
      for (const zone of ZONES) {
        expect(inputsOf(only(p, "aws:ec2/routeTable:RouteTable", `-private-${zone}`)).routes).toContainEqual({ cidrBlock: RUNNER.cidr, vpcPeeringConnectionId: pcx });
      }
      // The data subnets stay unreachable from outside.
      expect(inputsOf(only(p, "aws:ec2/routeTable:RouteTable", "-data")).routes ?? []).toEqual([]);
      const back = ofType(p, "aws:ec2/route:Route").map(inputsOf);
      expect(back.map((r) => r.routeTableId).sort()).toEqual([...RUNNER.routeTableIds].sort());
      for (const r of back) expect(r).toMatchObject({ destinationCidrBlock: "10.40.0.0/16", vpcPeeringConnectionId: pcx });
    });

    it("admits the runner's network on 443 into the cluster security group", () => {
      const rule = inputsOf(only(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"));
      expect(rule).toEqual(expect.objectContaining({
        securityGroupId: outputsOf(only(p, "aws:eks/cluster:Cluster")).vpcConfig.clusterSecurityGroupId,
        cidrIpv4: RUNNER.cidr,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
      }));
    });

    /** The resources that make the runner's path to the private API: the 443 rule, the peering, its routes. */
    const apiPath = () =>
      [
        only(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
        only(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection"),
        ...ofType(p, "aws:ec2/route:Route"),
        ...ZONES.map((zone) => only(p, "aws:ec2/routeTable:RouteTable", `-private-${zone}`)),
      ].map((r) => r.urn);

    it("installs nothing into the cluster before the path to its API exists", () => {
      const path = apiPath();
      const inCluster = [only(p, "kubernetes:storage.k8s.io/v1:StorageClass"), ...["cluster-autoscaler", "support", "dalp", "velero", "kube-prometheus-stack"].map((n) => release(p, n))];
      for (const r of inCluster) expect({ urn: r.urn, waitsFor: [...waitsFor(p, r)] }).toEqual({ urn: r.urn, waitsFor: expect.arrayContaining(path) });
    });

    it("configures the Kubernetes provider only once the path to the API exists", () => {
      // The provider loads the API server's schema when it is configured; a failure marks the cluster
      // unreachable for the whole run. Its kubeconfig therefore carries the path as dependencies.
      const k8s = only(p, "pulumi:providers:kubernetes");
      const path = apiPath();
      expect([...waitsFor(p, k8s)]).toEqual(expect.arrayContaining(path));
      // Public: nothing to wait for beyond the cluster, whose endpoint is open to the runner from its creation.
      expect(only(plan, "pulumi:providers:kubernetes").dependencies.filter((d) => d.includes("SecurityGroupIngressRule") || d.includes("vpcPeering"))).toEqual([]);
    });

    it("is found reachable, and otherwise clean, by the policy pack", async () => {
      expect(await mandatoryViolations(p)).toEqual([]);
    });
  });

  it("accepts a runner VPC of another region from that region, and routes back from there", async () => {
    const p = await planned(setCluster((c) => (c.apiAccess = { mode: "private", runnerNetwork: { ...RUNNER, region: "eu-west-1" } })));
    const peering = only(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    expect(inputsOf(peering)).toMatchObject({ vpcId: only(p, "aws:ec2/vpc:Vpc").id, peerVpcId: RUNNER.id, peerRegion: "eu-west-1" });
    expect(inputsOf(peering).autoAccept).toBeUndefined();
    expect(inputsOf(providerOf(p, peering)!).region).toBe("eu-central-1");
    const accepter = only(p, "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter");
    expect(inputsOf(accepter)).toMatchObject({ vpcPeeringConnectionId: peering.id, autoAccept: true });
    expect(inputsOf(providerOf(p, accepter)!).region).toBe("eu-west-1");
    for (const route of ofType(p, "aws:ec2/route:Route")) {
      expect(inputsOf(providerOf(p, route)!).region).toBe("eu-west-1");
      expect(inputsOf(route).vpcPeeringConnectionId).toBe(peering.id);
    }
    // Same account: the peer owner defaults to the provider's account.
    expect(inputsOf(peering).peerOwnerId).toBeUndefined();
    expect(await mandatoryViolations(p)).toEqual([]);
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

  it("is named explicitly and writes its logs to log groups it creates first, kept for a year", () => {
    const identifier = "dalp-aws-cloud-native-eu-central-1";
    expect(inputsOf(db()).identifier).toBe(identifier);
    expect(inputsOf(db()).enabledCloudwatchLogsExports).toEqual(["postgresql", "upgrade"]);
    for (const log of ["postgresql", "upgrade"]) {
      const group = only(plan, "aws:cloudwatch/logGroup:LogGroup", `-postgres-log-${log}`);
      expect(inputsOf(group)).toMatchObject({ name: `/aws/rds/instance/${identifier}/${log}`, retentionInDays: 365 });
      expect(db().dependencies).toContain(group.urn);
    }
  });

  it("keeps Performance Insights in Database Insights' standard mode, encrypted with the stack's key", () => {
    expect(inputsOf(db())).toMatchObject({
      databaseInsightsMode: "standard",
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
      performanceInsightsKmsKeyId: outputsOf(only(plan, "aws:kms/key:Key")).arn,
    });
  });

  it("lets storage grow by itself, and does not shrink it back", async () => {
    expect(inputsOf(db())).toMatchObject({ allocatedStorage: 100, maxAllocatedStorage: 1000, storageType: "gp3" });
    expect(db().ignoreChanges).toEqual(["allocatedStorage"]);
    // Equal bounds: no autoscaling, so the configured size is the size and is not ignored.
    const fixed = await planned((c) => (c["dalp:postgres"] = { ...(c["dalp:postgres"] as object), maxStorageGb: 100 }));
    expect(inputsOf(only(fixed, "aws:rds/instance:Instance"))).toMatchObject({ allocatedStorage: 100, maxAllocatedStorage: 0 });
    expect(only(fixed, "aws:rds/instance:Instance").ignoreChanges).toEqual([]);
  });

  it("refuses an autoscaling bound RDS rejects (less than 10 % above the storage)", async () => {
    const result = await planChanged(STACK, (c) => (c["dalp:postgres"] = { ...(c["dalp:postgres"] as object), storageGb: 100, maxStorageGb: 105 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect((result.error as ConfigError).message).toContain("dalp:postgres.maxStorageGb");
    expect((result.error as ConfigError).message).toContain("or at least 110:");
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

describe("what AWS changes by itself", () => {
  it("is ignored on every resource it applies to, as the drift table records", () => {
    expect(AWS_DRIFT.length).toBeGreaterThan(0);
    for (const fact of AWS_DRIFT) {
      const resources = ofType(plan, fact.type).filter((r) => !fact.appliesWhen || fact.appliesWhen(inputsOf(r)));
      expect({ fact: `${fact.type} ${fact.property}`, applies: resources.length > 0 }).toEqual({ fact: `${fact.type} ${fact.property}`, applies: true });
      for (const r of resources) expect({ urn: r.urn, ignoreChanges: r.ignoreChanges }).toEqual({ urn: r.urn, ignoreChanges: expect.arrayContaining([fact.property]) });
    }
  });

  it("records a source beside each fact", () => {
    for (const fact of AWS_DRIFT) expect(fact.source).toMatch(/read \d{4}-\d{2}-\d{2}/);
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

  it("schedules the product's backup table, one Velero schedule per tier", () => {
    const schedules = valuesOf(velero()).schedules;
    expect(schedules).toEqual(backupSchedules(referenceConfig()));
    expect(Object.keys(schedules).sort()).toEqual(["dalp-daily", "dalp-hourly", "dalp-observability", "dalp-support", "dalp-weekly"]);
    expect(schedules["dalp-daily"]).toMatchObject({ schedule: "0 2 * * *", paused: false, template: { ttl: "168h0m0s", includedNamespaces: ["dalp"], defaultVolumesToFsBackup: true, snapshotVolumes: false } });
    expect(valuesOf(velero())).toMatchObject({ deployNodeAgent: true, snapshotsEnabled: false });
  });

  it("takes a tier's schedule and retention from config", async () => {
    const p = await planned((c) => (c["dalp:backup"] = { enabled: true, daily: { schedule: "30 1 * * *", retention: "7d" } }));
    const schedule = valuesOf(release(p, "velero")).schedules["dalp-daily"];
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

  it("puts the ingress controller behind an internet-facing NLB across the zones, built by the EKS cloud controller on the stack's addresses", () => {
    const eips = ofType(plan, "aws:ec2/eip:Eip").filter((e) => e.name.startsWith("eu-central-1-ingress-"));
    expect(valuesOf(release(plan, "support"))["ingress-nginx"].controller.service.annotations).toEqual({
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
      "service.beta.kubernetes.io/aws-load-balancer-eip-allocations": eips.map((e) => outputsOf(e).allocationId).join(","),
    });
  });

  it("reserves one Elastic IP per zone for the NLB, protected because DNS points at it, before the ingress controller's Service", () => {
    const eips = ofType(plan, "aws:ec2/eip:Eip").filter((e) => e.name.startsWith("eu-central-1-ingress-"));
    // The cloud controller refuses the NLB unless there are as many allocations as public subnets, one per zone.
    expect(eips.map((e) => e.name.slice("eu-central-1-ingress-".length)).sort()).toEqual(ZONES);
    expect(eips.every((e) => e.protect && inputsOf(e).domain === "vpc")).toBe(true);
    for (const e of eips) expect(waitsFor(plan, release(plan, "support")).has(e.urn)).toBe(true);
    const addresses = (plan.outputs.regions as Record<string, { ingressAddresses: string[] }>)["eu-central-1"].ingressAddresses;
    expect([...addresses].sort()).toEqual(eips.map((e) => outputsOf(e).publicIp).sort());
  });

  it("needs the Elastic IPs per region that the first-run quotas in docs/aws.md name, above AWS's default of 5", async () => {
    // The NAT gateways' and the ingress load balancer's addresses come out of one regional quota; the sixth
    // allocation of a fresh account fails with AddressLimitExceeded part-way through the first pulumi up.
    const docs = readFileSync(join(__dirname, "..", "docs", "aws.md"), "utf8");
    const stated = (pattern: RegExp) => Number(docs.match(pattern)?.[1]);
    const eips = (p: Plan) => ofType(p, "aws:ec2/eip:Eip").length;
    expect(eips(plan)).toBe(stated(/\*\*(\d+) Elastic IPs\*\*/));
    expect(eips(plan)).toBeGreaterThan(5);
    const single = await planned((c) => (c["dalp:network"] = { natGateways: "single" }));
    expect(eips(single)).toBe(stated(/\((\d+) with `dalp:network\.natGateways: single`\)/));
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

  it("covers every signal of the backup and recovery page that a Multi-AZ RDS can show", () => {
    const signals = new Set(rule().spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.labels.dalp_signal)));
    // RDS Multi-AZ's standby is synchronous and takes no connections: there is no replication lag to read.
    expect([...signals].sort()).toEqual(ALERT_SIGNALS.filter((s) => s !== "replication-lag").sort());
  });

  it("uses the documented thresholds and treats backup failure as critical", () => {
    const rules = rule().spec.groups.flatMap((g: any) => g.rules);
    const find = (alert: string) => rules.find((r: any) => r.alert === alert);
    expect(find("DalpPodRestarting").expr).toMatch(/\[1h\]\) > 5$/);
    expect(find("DalpCertificateExpiring").expr).toMatch(/< 14 \* 86400$/);
    expect(find("DalpVolumeUsageHigh").expr).toMatch(/> 0\.8$/);
    expect(find("DalpBackupFailed").labels.severity).toBe("critical");
    // One "missing backup" alert per Velero schedule, all critical.
    const missing = rules.filter((r: any) => r.alert === "DalpBackupMissing");
    for (const name of Object.keys(valuesOf(release(plan, "velero")).schedules)) {
      expect(missing.filter((r: any) => new RegExp(`schedule="([a-z0-9-]+-)?${name}"`).test(r.expr)).map((r: any) => r.labels.severity)).toEqual(["critical"]);
    }
  });

  it("feeds the rules from exporters that read credentials from the DALP Secrets", () => {
    expect(valuesOf(release(plan, "postgres-exporter")).config.datasource).toMatchObject({ passwordSecret: { name: "dalp-postgresql", key: "password" }, sslmode: "require" });
    expect(valuesOf(release(plan, "redis-exporter"))).toMatchObject({ auth: { enabled: true, secret: { name: "dalp-redis", key: "password" } }, redisAddress: expect.stringMatching(/^rediss:\/\//) });
    expect(valuesOf(release(plan, "blackbox-exporter")).serviceMonitor.targets).toContainEqual({ name: "dalp-dapp", url: "https://dalp.example.com/", module: "http_2xx" });
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
    const backups = Object.values((plan.outputs.resourceSummary as any).backup) as Array<{ cron: string; ttl: string }>;
    expect(backups).toContainEqual(expect.objectContaining({ cron: "0 2 * * *", ttl: "168h0m0s" }));
    expect(backups).toHaveLength(Object.keys(valuesOf(release(plan, "velero")).schedules).length);
  });

  it("gives the kubeconfig an exec credential for aws eks get-token, not a token", () => {
    const kubeconfig = JSON.parse((plan.outputs.kubeconfig as { value: string }).value);
    expect(kubeconfig.users[0].user.exec).toMatchObject({ command: "aws", args: expect.arrayContaining(["eks", "get-token", "--region", "eu-central-1"]) });
    expect(JSON.stringify(kubeconfig)).not.toMatch(/token":/);
  });
});

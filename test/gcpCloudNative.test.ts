import * as gcpProjects from "@pulumi/gcp/projects";
import { VELERO, VELERO_PLUGINS } from "../addons/shared/chartVersions";
import * as gcpRedis from "@pulumi/gcp/redis";
import type * as pulumi from "@pulumi/pulumi";
import { CLUSTER_ACCESS_ROLE, WEBHOOK_PORTS } from "../components/gcp/gkeCluster";
import { MEMORYSTORE_TIMEOUTS } from "../components/gcp/memorystoreRedis";
import { OBJECT_READ_WRITE_PERMISSIONS } from "../components/gcp/storageRoles";
import { nodesInPodRange, planAddresses } from "../components/gcp/subnetPlan";
import { ConfigError } from "../config/errors";
import { BACKUP_TIERS } from "../facts/backups";
import { GCP_DRIFT } from "../policies/rules/drift/gcp";
import { isSecretValue, Plan, PlannedResource } from "../planner/model";
import { planStack } from "../planner/plan";
import { toStackExport } from "../planner/stackExport";
import { gcpZonesOf } from "../planner/mocks/gcpZones";
import { plannedProjectNumber } from "../planner/mocks/gcp";
import { typeCounts } from "../planner/summary";
import { cloudSqlEdition } from "../stacks/gcp/defaults";
import { REQUIRED_SERVICES, serviceIssues } from "../stacks/gcp/services";
import { resolveZones } from "../topology/zones";
import { gcpLabelKey, gcpLabelValue, isValidGcpLabel, labelCollisions, toGcpLabels } from "../stacks/gcp/labels";
import { customRoleId, gcpName, serviceAccountId } from "../stacks/gcp/names";
import { chartValuesValidator, errorsOf } from "./helpers/schemas";
import { exposedSecrets, inputsOf, ofType, only, outputsOf, planChanged, referencePlan } from "./helpers/stacks";

const STACK = "gcp-cloud-native";
const PROJECT = "dalp-prod-123456";
const REGION = "europe-west1";
const ZONES = ["europe-west1-b", "europe-west1-c", "europe-west1-d"];

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
const bucket = (p: Plan, purpose: string) => ofType(p, "gcp:storage/bucket:Bucket").find((b) => inputsOf(b).labels.purpose === purpose) as PlannedResource;
const secretNamed = (p: Plan, name: string) => ofType(p, "kubernetes:core/v1:Secret").find((s) => inputsOf(s).metadata.name === name) as PlannedResource;
const account = (p: Plan, suffix: string) => only(p, "gcp:serviceaccount/account:Account", suffix);
const emailOf = (r: PlannedResource) => outputsOf(r).email as string;
const sqlInstance = (p: Plan) => only(p, "gcp:sql/databaseInstance:DatabaseInstance");
const redisInstance = (p: Plan) => only(p, "gcp:redis/instance:Instance");
const cluster = (p: Plan) => only(p, "gcp:container/cluster:Cluster");
const nodePool = (p: Plan) => only(p, "gcp:container/nodePool:NodePool");
const nodeSubnet = (p: Plan) => only(p, "gcp:compute/subnetwork:Subnetwork", "-nodes");
const controlPlaneSubnet = (p: Plan) => only(p, "gcp:compute/subnetwork:Subnetwork", "-control-plane");
const kubeconfigOf = (p: Plan) => JSON.parse((p.outputs.kubeconfig as { value: string }).value);
const changed = async (change: (config: Record<string, any>) => void): Promise<Plan> => {
  const result = await planChanged(STACK, change);
  if (!result.ok) throw result.error;
  return result.plan;
};

describe("gcp-cloud-native inventory", () => {
  it("declares exactly these resources", () => {
    expect(typeCounts(plan)).toEqual({
      "pulumi:providers:gcp": 1,
      "pulumi:providers:kubernetes": 1,
      "pulumi:providers:random": 1,
      "gcp:compute/network:Network": 1,
      "gcp:compute/subnetwork:Subnetwork": 2,
      "gcp:compute/firewall:Firewall": 1,
      "gcp:compute/router:Router": 1,
      "gcp:compute/routerNat:RouterNat": 1,
      "gcp:compute/globalAddress:GlobalAddress": 1,
      "gcp:compute/address:Address": 1,
      "gcp:servicenetworking/connection:Connection": 1,
      "gcp:kms/keyRing:KeyRing": 1,
      "gcp:kms/cryptoKey:CryptoKey": 1,
      "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": 1,
      "gcp:projects/iAMCustomRole:IAMCustomRole": 2,
      "gcp:projects/iAMMember:IAMMember": 1,
      "gcp:serviceaccount/account:Account": 3,
      "gcp:serviceaccount/iAMMember:IAMMember": 4,
      "gcp:storage/bucketIAMMember:BucketIAMMember": 2,
      "gcp:container/cluster:Cluster": 1,
      "gcp:container/nodePool:NodePool": 1,
      "gcp:sql/databaseInstance:DatabaseInstance": 1,
      "gcp:sql/database:Database": 1,
      "gcp:sql/user:User": 1,
      "gcp:redis/instance:Instance": 1,
      "gcp:storage/bucket:Bucket": 2,
      "random:index/randomPassword:RandomPassword": 1,
      "kubernetes:storage.k8s.io/v1:StorageClass": 1,
      "kubernetes:core/v1:Namespace": 3,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:core/v1:Secret": 4,
      "kubernetes:helm.sh/v3:Release": 7,
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule": 1,
      "kubernetes:policy/v1:PodDisruptionBudget": 2,
    });
  });

  // One stamp per region, explicit providers, protection, no plain-text secret and a clean pack are asserted
  // for every reference stack in test/referenceStacks.test.ts; what follows is GCP's own.
  it("builds the stamp from these dalp:gcp components", () => {
    const components = plan.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.map((c) => c.type).filter((t) => t.startsWith("dalp:gcp:")).sort()).toEqual([
      "dalp:gcp:CloudSqlPostgres",
      "dalp:gcp:GkeCluster",
      "dalp:gcp:GkeClusterAddons",
      "dalp:gcp:IngressAddress",
      "dalp:gcp:KmsKey",
      "dalp:gcp:MemorystoreRedis",
      "dalp:gcp:Network",
      "dalp:gcp:SecureBucket",
      "dalp:gcp:SecureBucket",
      "dalp:gcp:StorageRoles",
      "dalp:gcp:WorkloadIdentity",
      "dalp:gcp:WorkloadIdentity",
    ]);
  });

  it("pins every GCP resource's provider to the project and region", () => {
    const gcpProvider = inputsOf(only(plan, "pulumi:providers:gcp"));
    expect(gcpProvider).toMatchObject({ project: PROJECT, region: REGION });
    const gcpResources = plan.resources.filter((r) => r.type.startsWith("gcp:"));
    const providerRef = `${only(plan, "pulumi:providers:gcp").urn}::${only(plan, "pulumi:providers:gcp").id}`;
    expect(gcpResources.every((r) => r.provider === providerRef)).toBe(true);
  });

  it("protects every stateful resource from deletion and replacement", () => {
    const stateful = [
      "gcp:kms/keyRing:KeyRing",
      "gcp:kms/cryptoKey:CryptoKey",
      "gcp:container/cluster:Cluster",
      "gcp:sql/databaseInstance:DatabaseInstance",
      "gcp:sql/database:Database",
      "gcp:redis/instance:Instance",
      "gcp:storage/bucket:Bucket",
      // Not data, but DNS points at it: a configuration change must never give the region another address.
      "gcp:compute/address:Address",
    ];
    for (const type of stateful) {
      expect(ofType(plan, type).length).toBeGreaterThan(0);
      for (const r of ofType(plan, type)) expect({ type, protect: r.protect }).toEqual({ type, protect: true });
    }
    expect(plan.resources.filter((r) => r.protect).map((r) => r.type).sort()).toEqual([...stateful, "gcp:storage/bucket:Bucket"].sort());
  });

  it("labels every labelable resource with valid GCP labels derived from the stack's tags", () => {
    const defaults = JSON.parse(inputsOf(only(plan, "pulumi:providers:gcp")).defaultLabels);
    expect(defaults).toEqual({
      dalp_project: "dalp-ha",
      dalp_stack: STACK,
      dalp_pattern: "cloud-native",
      "managed-by": "pulumi",
      environment: "production",
      owner: "platform-team",
    });
    // Every label map anywhere in the plan's inputs (labels, resourceLabels, userLabels) is valid.
    const labelMaps: Array<Record<string, string>> = [defaults];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          if (/^(labels|resourceLabels|userLabels)$/.test(k) && v && typeof v === "object") labelMaps.push(v as Record<string, string>);
          walk(v);
        }
      }
    };
    for (const r of plan.resources.filter((x) => x.type.startsWith("gcp:"))) walk(inputsOf(r));
    for (const map of labelMaps) for (const [k, v] of Object.entries(map)) expect({ k, v, valid: isValidGcpLabel(k, v) }).toEqual({ k, v, valid: true });
    // Resources the provider's default labels do not reach get them explicitly.
    expect(inputsOf(sqlInstance(plan)).settings.userLabels).toEqual(defaults);
    expect(inputsOf(nodePool(plan)).nodeConfig.resourceLabels).toEqual(defaults);
    for (const type of ["gcp:container/cluster:Cluster", "gcp:redis/instance:Instance", "gcp:storage/bucket:Bucket", "gcp:kms/cryptoKey:CryptoKey", "gcp:compute/globalAddress:GlobalAddress"]) {
      for (const r of ofType(plan, type)) expect(outputsOf(r).effectiveLabels).toMatchObject(defaults);
    }
  });
});

describe("network", () => {
  it("is a custom-mode VPC with one node subnet holding the pod and Service ranges, with Private Google Access", () => {
    expect(inputsOf(only(plan, "gcp:compute/network:Network"))).toMatchObject({ autoCreateSubnetworks: false, routingMode: "GLOBAL" });
    const subnet = inputsOf(nodeSubnet(plan));
    expect(subnet).toMatchObject({ region: REGION, ipCidrRange: "10.40.0.0/20", privateIpGoogleAccess: true, network: only(plan, "gcp:compute/network:Network").id });
    expect(subnet.secondaryIpRanges).toEqual([
      { rangeName: "pods", ipCidrRange: "10.40.128.0/17" },
      { rangeName: "services", ipCidrRange: "10.40.16.0/20" },
    ]);
  });

  it("gives the private nodes egress through Cloud NAT on all of the subnet's ranges", () => {
    const nat = inputsOf(only(plan, "gcp:compute/routerNat:RouterNat"));
    expect(nat).toMatchObject({ router: outputsOf(only(plan, "gcp:compute/router:Router")).name, sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS", natIpAllocateOption: "AUTO_ONLY" });
    expect(nat.subnetworks).toEqual([{ name: outputsOf(nodeSubnet(plan)).selfLink, sourceIpRangesToNats: ["ALL_IP_RANGES"] }]);
  });

  it("peers private services access on an allocated /20 inside the region's /16", () => {
    const range = only(plan, "gcp:compute/globalAddress:GlobalAddress");
    expect(inputsOf(range)).toMatchObject({ purpose: "VPC_PEERING", addressType: "INTERNAL", address: "10.40.32.0", prefixLength: 20, network: only(plan, "gcp:compute/network:Network").id });
    const connection = inputsOf(only(plan, "gcp:servicenetworking/connection:Connection"));
    expect(connection).toMatchObject({ service: "servicenetworking.googleapis.com", reservedPeeringRanges: [outputsOf(range).name], network: only(plan, "gcp:compute/network:Network").id });
  });
});

describe("subnet plan (unit)", () => {
  const toRange = (cidr: string) => {
    const [ip, prefix] = cidr.split("/");
    const start = ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    return [start, start + 2 ** (32 - Number(prefix)) - 1];
  };

  it("cuts non-overlapping node, pod, Service and private-services ranges out of the region's /16", () => {
    const p = planAddresses("10.41.0.0/16", 64);
    const ranges = [p.nodes, p.pods, p.services, p.privateServices.cidr].map(toRange).sort((a, b) => a[0] - b[0]);
    const [lo, hi] = toRange("10.41.0.0/16");
    for (const [start, end] of ranges) expect(start >= lo && end <= hi).toBe(true);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    expect(p.privateServices).toEqual({ address: "10.41.32.0", prefixLength: 20, cidr: "10.41.32.0/20" });
  });

  it("knows how many nodes the pod range holds", () => {
    expect(nodesInPodRange(17, 64)).toBe(256);
    expect(nodesInPodRange(17, 110)).toBe(128);
    expect(planAddresses("10.40.0.0/16", 64).maxNodes).toBe(256);
    expect(() => planAddresses("10.40.0.0/20", 64)).toThrow(/a \/16 network/);
  });
});

describe("GKE", () => {
  it("is regional, with nodes in the three configured zones", () => {
    const c = inputsOf(cluster(plan));
    expect(c.location).toBe(REGION);
    expect(c.nodeLocations).toEqual(ZONES);
    expect(inputsOf(nodePool(plan))).toMatchObject({ location: REGION, nodeLocations: ZONES, cluster: cluster(plan).id });
  });

  it("autoscales each zone between the configured bounds, balanced, and leaves the running size to the autoscaler", () => {
    expect(inputsOf(nodePool(plan))).toMatchObject({
      initialNodeCount: 1,
      autoscaling: { minNodeCount: 1, maxNodeCount: 3, locationPolicy: "BALANCED" },
      management: { autoRepair: true, autoUpgrade: true },
      maxPodsPerNode: 64,
    });
    expect(nodePool(plan).ignoreChanges).toEqual(expect.arrayContaining(["initialNodeCount", "nodeCount"]));
    expect(inputsOf(nodePool(plan)).nodeConfig).toMatchObject({ machineType: "n2-standard-4", diskType: "pd-balanced", imageType: "COS_CONTAINERD" });
  });

  it("uses Workload Identity: the project's pool on the cluster, the GKE metadata server on the nodes", () => {
    expect(inputsOf(cluster(plan)).workloadIdentityConfig).toEqual({ workloadPool: `${PROJECT}.svc.id.goog` });
    expect(inputsOf(nodePool(plan)).nodeConfig.workloadMetadataConfig).toEqual({ mode: "GKE_METADATA" });
  });

  it("is VPC-native on the node subnet, with private nodes and no client certificate", () => {
    const c = inputsOf(cluster(plan));
    expect(c.privateClusterConfig).toMatchObject({ enablePrivateNodes: true });
    expect(c.masterAuth).toEqual({ clientCertificateConfig: { issueClientCertificate: false } });
    expect(c).toMatchObject({ network: only(plan, "gcp:compute/network:Network").id, subnetwork: nodeSubnet(plan).id, networkingMode: "VPC_NATIVE" });
    expect(c.ipAllocationPolicy).toMatchObject({ clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" });
  });

  it("cannot be deleted by accident and replaces its default node pool", () => {
    expect(inputsOf(cluster(plan))).toMatchObject({ deletionProtection: true, removeDefaultNodePool: true, initialNodeCount: 1 });
    expect(cluster(plan).protect).toBe(true);
    expect(cluster(plan).ignoreChanges).toEqual(expect.arrayContaining(["nodeConfig", "initialNodeCount"]));
  });

  it("follows the Stable channel from a pinned minimum version, with Dataplane V2, Shielded nodes and logs", () => {
    const c = inputsOf(cluster(plan));
    expect(c).toMatchObject({ releaseChannel: { channel: "STABLE" }, minMasterVersion: "1.35", datapathProvider: "ADVANCED_DATAPATH", enableShieldedNodes: true, enableLegacyAbac: false });
    expect(inputsOf(nodePool(plan)).nodeConfig.shieldedInstanceConfig).toEqual({ enableSecureBoot: true, enableIntegrityMonitoring: true });
    expect(c.loggingConfig.enableComponents).toEqual(expect.arrayContaining(["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"]));
    expect(c.monitoringConfig.enableComponents).toEqual(expect.arrayContaining(["SYSTEM_COMPONENTS", "APISERVER"]));
    expect(c.maintenancePolicy.recurringWindow).toMatchObject({ recurrence: "FREQ=DAILY" });
  });

  it("encrypts Secrets with the region's Cloud KMS key, which only the GKE service agent may use", () => {
    const key = only(plan, "gcp:kms/cryptoKey:CryptoKey");
    expect(inputsOf(cluster(plan)).databaseEncryption).toEqual({ state: "ENCRYPTED", keyName: key.id });
    expect(inputsOf(key)).toMatchObject({ purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s", destroyScheduledDuration: "2592000s", deletionPolicy: "PREVENT" });
    expect(inputsOf(only(plan, "gcp:kms/keyRing:KeyRing")).location).toBe(REGION);
    const grant = only(plan, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
    expect(inputsOf(grant)).toEqual({
      cryptoKeyId: key.id,
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      member: `serviceAccount:service-${plannedProjectNumber(PROJECT)}@container-engine-robot.iam.gserviceaccount.com`,
    });
    expect(cluster(plan).dependencies).toContain(grant.urn);
  });

  it("runs nodes as a dedicated service account with the least-privilege node role", () => {
    const nodes = account(plan, "gke-nodes");
    expect(inputsOf(nodePool(plan)).nodeConfig.serviceAccount).toBe(emailOf(nodes));
    expect(inputsOf(only(plan, "gcp:projects/iAMMember:IAMMember"))).toEqual({ project: PROJECT, role: "roles/container.defaultNodeServiceAccount", member: `serviceAccount:${emailOf(nodes)}` });
  });

  it("grants break-glass admins the predefined Cluster Viewer role (read the cluster, pass the DNS endpoint) in IAM, and cluster-admin in RBAC", async () => {
    const customRoles = (p: Plan) => ofType(p, "gcp:projects/iAMCustomRole:IAMCustomRole").map((r) => inputsOf(r).roleId).sort();
    expect(ofType(plan, "gcp:projects/iAMMember:IAMMember").map((m) => inputsOf(m).role)).not.toContain(CLUSTER_ACCESS_ROLE);
    const p = await changed((c) => (c["dalp:cluster"].adminPrincipals = ["user:alice@example.com", "serviceAccount:ops@dalp-ops.iam.gserviceaccount.com"]));
    // No custom role: whether IAM accepts container.clusters.connect in one is not documented, and a refused role
    // would stop the run half-way.
    expect(customRoles(p)).toEqual(customRoles(plan));
    expect(CLUSTER_ACCESS_ROLE).toBe("roles/container.clusterViewer");
    const grants = ofType(p, "gcp:projects/iAMMember:IAMMember").map(inputsOf).filter((m) => m.role === CLUSTER_ACCESS_ROLE);
    expect(grants).toEqual([
      { project: PROJECT, role: "roles/container.clusterViewer", member: "user:alice@example.com" },
      { project: PROJECT, role: "roles/container.clusterViewer", member: "serviceAccount:ops@dalp-ops.iam.gserviceaccount.com" },
    ]);
    const binding = inputsOf(only(p, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"));
    expect(binding.roleRef).toMatchObject({ kind: "ClusterRole", name: "cluster-admin" });
    expect(binding.subjects).toEqual([
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice@example.com" },
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "ops@dalp-ops.iam.gserviceaccount.com" },
    ]);
  });

  it("makes a Retain, zone-bound pd-balanced StorageClass the default", () => {
    expect(inputsOf(only(plan, "kubernetes:storage.k8s.io/v1:StorageClass"))).toMatchObject({
      metadata: { name: "pd-balanced", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "pd.csi.storage.gke.io",
      reclaimPolicy: "Retain",
      volumeBindingMode: "WaitForFirstConsumer",
    });
  });
});

describe("how pulumi up reaches the GKE API (dalp:cluster.apiAccess)", () => {
  const RUNNER = { id: "projects/dalp-ci-runners/global/networks/ci-runners", cidr: "10.200.0.0/16" };
  const RUNNER_LINK = "https://www.googleapis.com/compute/v1/projects/dalp-ci-runners/global/networks/ci-runners";
  const k8sProvider = (p: Plan) => only(p, "pulumi:providers:kubernetes");
  const providerRef = (r: PlannedResource) => `${r.urn}::${r.id}`;

  it("dns (the reference stack): the DNS-based endpoint takes user traffic, authorised by IAM; both IP endpoints stay private", () => {
    const c = inputsOf(cluster(plan));
    expect(c.controlPlaneEndpointsConfig).toEqual({
      dnsEndpointConfig: { allowExternalTraffic: true, enableK8sTokensViaDns: false, enableK8sCertsViaDns: false },
      ipEndpointsConfig: { enabled: true },
    });
    expect(c.privateClusterConfig).toEqual({
      enablePrivateNodes: true,
      enablePrivateEndpoint: true,
      privateEndpointSubnetwork: controlPlaneSubnet(plan).id,
      masterGlobalAccessConfig: { enabled: true },
    });
    expect(c.masterAuthorizedNetworksConfig).toEqual({ cidrBlocks: [], gcpPublicCidrsAccessEnabled: false });
    // The Kubernetes provider of the same run uses the kubeconfig that names the DNS endpoint.
    expect(inputsOf(k8sProvider(plan)).kubeconfig).toBe((plan.outputs.kubeconfig as { value: string }).value);
    expect(ofType(plan, "gcp:compute/networkPeering:NetworkPeering")).toEqual([]);
  });

  it("puts the control plane's internal endpoint in a subnet of its own, inside the region's /16", () => {
    expect(inputsOf(controlPlaneSubnet(plan))).toMatchObject({ network: only(plan, "gcp:compute/network:Network").id, region: REGION, ipCidrRange: "10.40.63.240/28" });
    expect(planAddresses("10.40.0.0/16", 64).controlPlane).toBe("10.40.63.240/28");
    expect(outputsOf(cluster(plan)).privateClusterConfig.privateEndpoint).toMatch(/^10\.40\.63\.(24[2-9]|25[0-4])$/);
  });

  it("public: the external endpoint open to the given CIDRs only, no DNS user traffic, the kubeconfig on the public address", async () => {
    const p = await changed((c) => (c["dalp:cluster"].apiAccess = { mode: "public", cidrs: ["198.51.100.7/32"] }));
    const c = inputsOf(cluster(p));
    expect(c.privateClusterConfig).toMatchObject({ enablePrivateNodes: true, enablePrivateEndpoint: false });
    expect(c.controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic).toBe(false);
    expect(c.masterAuthorizedNetworksConfig).toEqual({ cidrBlocks: [{ cidrBlock: "198.51.100.7/32", displayName: "dalp-operator-0" }], gcpPublicCidrsAccessEnabled: false });
    expect(kubeconfigOf(p).clusters[0].cluster).toEqual({
      server: `https://${outputsOf(cluster(p)).privateClusterConfig.publicEndpoint}`,
      "certificate-authority-data": outputsOf(cluster(p)).masterAuth.clusterCaCertificate,
    });
  });

  describe("private", () => {
    let p: Plan;
    beforeAll(async () => {
      p = await changed((c) => (c["dalp:cluster"].apiAccess = { mode: "private", runnerNetwork: RUNNER }));
    });
    const peering = (suffix: string) => only(p, "gcp:compute/networkPeering:NetworkPeering", suffix);

    it("peers the region's VPC with the runner's network both ways, each half from its own project", () => {
      const vpc = outputsOf(only(p, "gcp:compute/network:Network")).selfLink;
      const providers = ofType(p, "pulumi:providers:gcp");
      const regionProvider = providers.find((r) => inputsOf(r).project === PROJECT) as PlannedResource;
      const runnerProvider = providers.find((r) => inputsOf(r).project === "dalp-ci-runners") as PlannedResource;
      expect(providers).toHaveLength(2);
      expect(inputsOf(peering("-to-runner"))).toEqual({ name: "dalp-gcp-cloud-native-europe-west1-runner", network: vpc, peerNetwork: RUNNER_LINK, stackType: "IPV4_ONLY" });
      expect(peering("-to-runner").provider).toBe(providerRef(regionProvider));
      expect(inputsOf(peering("-from-runner"))).toEqual({ name: "dalp-gcp-cloud-native-europe-west1", network: RUNNER_LINK, peerNetwork: vpc, stackType: "IPV4_ONLY" });
      expect(peering("-from-runner").provider).toBe(providerRef(runnerProvider));
    });

    it("makes one peering operation at a time: after private services access, then one half after the other", () => {
      expect(peering("-to-runner").dependencies).toContain(only(p, "gcp:servicenetworking/connection:Connection").urn);
      expect(peering("-from-runner").dependencies).toContain(peering("-to-runner").urn);
    });

    it("keeps every IP endpoint internal, admits the runner's range and points the kubeconfig at the internal endpoint", () => {
      const c = inputsOf(cluster(p));
      expect(c.privateClusterConfig).toMatchObject({ enablePrivateEndpoint: true, privateEndpointSubnetwork: controlPlaneSubnet(p).id, masterGlobalAccessConfig: { enabled: true } });
      expect(c.controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic).toBe(false);
      expect(c.masterAuthorizedNetworksConfig.cidrBlocks).toEqual([{ cidrBlock: RUNNER.cidr, displayName: "pulumi-runner" }]);
      expect(kubeconfigOf(p).clusters[0].cluster).toEqual({
        server: `https://${outputsOf(cluster(p)).privateClusterConfig.privateEndpoint}`,
        "certificate-authority-data": outputsOf(cluster(p)).masterAuth.clusterCaCertificate,
      });
    });

    it("configures the Kubernetes provider only once both halves of the peering exist", () => {
      expect(k8sProvider(p).dependencies).toEqual(expect.arrayContaining([peering("-to-runner").urn, peering("-from-runner").urn]));
      expect(isSecretValue(p.outputs.kubeconfig)).toBe(true);
    });
  });
});

describe("admission webhooks on the private nodes", () => {
  const firewall = () => only(plan, "gcp:compute/firewall:Firewall");

  it("opens TCP 8443, 9443 and 15017 from the control plane's endpoint subnet to the node service account only", () => {
    expect(inputsOf(firewall())).toMatchObject({
      network: only(plan, "gcp:compute/network:Network").id,
      direction: "INGRESS",
      sourceRanges: [inputsOf(controlPlaneSubnet(plan)).ipCidrRange],
      targetServiceAccounts: [inputsOf(nodePool(plan)).nodeConfig.serviceAccount],
      allows: [{ protocol: "tcp", ports: ["8443", "9443", "15017"] }],
    });
    expect([...WEBHOOK_PORTS]).toEqual(["8443", "9443", "15017"]);
    // The range the rule admits is the one the cluster takes its internal endpoint from.
    expect(inputsOf(cluster(plan)).privateClusterConfig.privateEndpointSubnetwork).toBe(controlPlaneSubnet(plan).id);
    expect(inputsOf(firewall())).not.toHaveProperty("sourceTags");
  });

  it("exists before anything is installed in the cluster", () => {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const waitsFor = (r: PlannedResource, urn: string, seen = new Set<string>()): boolean =>
      r.dependencies.some((d) => d === urn || (!seen.has(d) && seen.add(d) && byUrn.has(d) && waitsFor(byUrn.get(d) as PlannedResource, urn, seen)));
    const inCluster = plan.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    expect(ofType(plan, "kubernetes:helm.sh/v3:Release").map((r) => inputsOf(r).name)).toEqual(expect.arrayContaining(["support", "kube-prometheus-stack", "velero"]));
    expect(inCluster.filter((r) => !waitsFor(r, firewall().urn)).map((r) => r.urn)).toEqual([]);
  });
});

describe("Cloud SQL for PostgreSQL", () => {
  const settings = (p: Plan) => inputsOf(sqlInstance(p)).settings;

  it("is regional Enterprise Plus, primary and standby in two of the configured zones", () => {
    expect(inputsOf(sqlInstance(plan))).toMatchObject({ databaseVersion: "POSTGRES_17", region: REGION });
    expect(settings(plan)).toMatchObject({ availabilityType: "REGIONAL", edition: "ENTERPRISE_PLUS", tier: "db-perf-optimized-N-2", diskType: "PD_SSD", diskAutoresize: true, diskAutoresizeLimit: 1000 });
    const { zone, secondaryZone } = settings(plan).locationPreference;
    expect(ZONES).toEqual(expect.arrayContaining([zone, secondaryZone]));
    expect(zone).not.toBe(secondaryZone);
  });

  it("keeps daily backups and 30 days of point-in-time recovery", () => {
    expect(settings(plan).backupConfiguration).toMatchObject({
      enabled: true,
      pointInTimeRecoveryEnabled: true,
      transactionLogRetentionDays: 35,
      backupRetentionSettings: { retainedBackups: 36, retentionUnit: "COUNT" },
    });
    expect(settings(plan)).toMatchObject({ retainBackupsOnDelete: true, finalBackupConfig: { enabled: true, retentionDays: 30 } });
  });

  it("has a private address only, on the private services range, and waits for the peering", () => {
    const ip = settings(plan).ipConfiguration;
    expect(ip).toMatchObject({ ipv4Enabled: false, privateNetwork: only(plan, "gcp:compute/network:Network").id, allocatedIpRange: outputsOf(only(plan, "gcp:compute/globalAddress:GlobalAddress")).name });
    expect(ip.authorizedNetworks ?? []).toEqual([]);
    expect(sqlInstance(plan).dependencies).toContain(only(plan, "gcp:servicenetworking/connection:Connection").urn);
    expect(outputsOf(sqlInstance(plan)).privateIpAddress).toMatch(/^10\.40\.(3[2-9]|4[0-7])\./);
  });

  it("requires encrypted connections", () => {
    expect(settings(plan).ipConfiguration.sslMode).toBe("ENCRYPTED_ONLY");
    const pg = inputsOf(secretNamed(plan, "dalp-postgresql")).stringData;
    expect(pg).toMatchObject({ host: outputsOf(sqlInstance(plan)).privateIpAddress, port: "5432", database: "dalp", username: "dalp", sslmode: "require" });
  });

  it("cannot be deleted by accident, in Pulumi or in the Cloud SQL API, and tolerates storage growth", () => {
    expect(inputsOf(sqlInstance(plan)).deletionProtection).toBe(true);
    expect(settings(plan).deletionProtectionEnabled).toBe(true);
    expect(sqlInstance(plan).protect).toBe(true);
    expect(sqlInstance(plan).ignoreChanges).toEqual(expect.arrayContaining(["settings.diskSize", "settings.locationPreference.zone", "settings.locationPreference.secondaryZone"]));
  });

  it("creates the DALP database and user, with a generated password that is always a secret", () => {
    const instanceName = outputsOf(sqlInstance(plan)).name;
    expect(inputsOf(only(plan, "gcp:sql/database:Database"))).toMatchObject({ instance: instanceName, name: "dalp" });
    expect(only(plan, "gcp:sql/database:Database").protect).toBe(true);
    const user = only(plan, "gcp:sql/user:User");
    expect(inputsOf(user)).toMatchObject({ instance: instanceName, name: "dalp", type: "BUILT_IN" });
    expect(isSecretValue(user.inputs.password)).toBe(true);
    expect(inputsOf(user).password).toBe(outputsOf(only(plan, "random:index/randomPassword:RandomPassword")).result);
  });

  it("follows a 7-day window, and a non-Enterprise-Plus tier becomes Enterprise edition", async () => {
    const p = await changed((c) => {
      c["dalp:postgres"].backupRetentionDays = 7;
      c["dalp:postgres"].instanceClass = "db-custom-2-8192";
    });
    expect(settings(p)).toMatchObject({ edition: "ENTERPRISE", tier: "db-custom-2-8192" });
    expect(settings(p).backupConfiguration).toMatchObject({ transactionLogRetentionDays: 7, backupRetentionSettings: { retainedBackups: 8 } });
    expect(settings(p)).not.toHaveProperty("dataCacheConfig");
  });

  it("can switch point-in-time recovery off while keeping backups", async () => {
    const p = await changed((c) => (c["dalp:postgres"].pointInTimeRecovery = false));
    expect(settings(p).backupConfiguration).toMatchObject({ enabled: true, pointInTimeRecoveryEnabled: false });
  });
});

describe("Memorystore for Redis", () => {
  const redis = () => inputsOf(redisInstance(plan));

  it("waits an hour for the instance: past the provider's 20-minute default, a create would be forgotten while it goes on", async () => {
    // The planner's graph does not carry custom timeouts, so the options the component passes are read here.
    const original = Object.getOwnPropertyDescriptor(gcpRedis, "Instance") as PropertyDescriptor;
    const Base = gcpRedis.Instance;
    const seen: Array<pulumi.CustomResourceOptions | undefined> = [];
    Object.defineProperty(gcpRedis, "Instance", {
      configurable: true,
      enumerable: true,
      value: class extends Base {
        constructor(name: string, args: gcpRedis.InstanceArgs, opts?: pulumi.CustomResourceOptions) {
          seen.push(opts);
          super(name, args, opts);
        }
      },
    });
    try {
      const result = await planChanged(STACK, () => undefined);
      expect(result.ok).toBe(true);
    } finally {
      Object.defineProperty(gcpRedis, "Instance", original);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.customTimeouts).toEqual({ create: "60m", update: "60m", delete: "60m" });
    expect(MEMORYSTORE_TIMEOUTS.create).toBe("60m");
  });

  it("is Standard Tier with two read replicas across two different configured zones", () => {
    expect(redis()).toMatchObject({ tier: "STANDARD_HA", replicaCount: 2, readReplicasMode: "READ_REPLICAS_ENABLED", memorySizeGb: 5, redisVersion: "REDIS_7_2", region: REGION });
    expect(ZONES).toEqual(expect.arrayContaining([redis().locationId, redis().alternativeLocationId]));
    expect(redis().locationId).not.toBe(redis().alternativeLocationId);
    expect(redis().name.length).toBeLessThanOrEqual(40);
  });

  it("requires TLS and AUTH, and hands the AUTH string on only as a secret", () => {
    expect(redis()).toMatchObject({ transitEncryptionMode: "SERVER_AUTHENTICATION", authEnabled: true });
    expect(isSecretValue(redisInstance(plan).outputs.authString)).toBe(true);
    const cache = secretNamed(plan, "dalp-redis");
    expect(isSecretValue(cache.inputs.stringData)).toBe(true);
    const data = inputsOf(cache).stringData;
    expect(data).toMatchObject({ host: outputsOf(redisInstance(plan)).host, port: "6378", tls: "true", password: outputsOf(redisInstance(plan)).authString });
    expect(data.url).toMatch(/^rediss:\/\//);
  });

  it("gives clients the server CA certificate to verify against", () => {
    const ca = outputsOf(redisInstance(plan)).serverCaCerts[0].cert;
    expect(inputsOf(secretNamed(plan, "dalp-redis")).stringData["ca.crt"]).toBe(ca);
    expect(valuesOf(release(plan, "redis-exporter"))).toMatchObject({ redisAddress: expect.stringMatching(/^rediss:\/\//), redisTlsConfig: { enabled: true } });
  });

  it("sits on private services access only, after the peering, with daily RDB snapshots and deletion protection", () => {
    expect(redis()).toMatchObject({ connectMode: "PRIVATE_SERVICE_ACCESS", authorizedNetwork: only(plan, "gcp:compute/network:Network").id, reservedIpRange: outputsOf(only(plan, "gcp:compute/globalAddress:GlobalAddress")).name });
    expect(redis().persistenceConfig).toMatchObject({ persistenceMode: "RDB", rdbSnapshotPeriod: "TWENTY_FOUR_HOURS" });
    expect(redis().maintenancePolicy.weeklyMaintenanceWindows).toHaveLength(1);
    expect(redis().deletionProtection).toBe(true);
    expect(redisInstance(plan).dependencies).toContain(only(plan, "gcp:servicenetworking/connection:Connection").urn);
  });
});

describe("GCS buckets", () => {
  const buckets = () => ofType(plan, "gcp:storage/bucket:Bucket");

  it("holds an application bucket and a backup bucket in the region, neither force-destroyable", () => {
    expect(buckets().map((b) => inputsOf(b).labels.purpose).sort()).toEqual(["dalp-app", "dalp-backup"]);
    for (const b of buckets()) expect(inputsOf(b)).toMatchObject({ location: "EUROPE-WEST1", storageClass: "STANDARD", forceDestroy: false, deletionPolicy: "PREVENT" });
  });

  it("versions every object and deletes noncurrent versions 90 days after they stop being current", () => {
    for (const b of buckets()) {
      expect(inputsOf(b).versioning).toEqual({ enabled: true });
      expect(inputsOf(b).lifecycleRules).toContainEqual({ condition: { daysSinceNoncurrentTime: 90, withState: "ARCHIVED" }, action: { type: "Delete" } });
    }
  });

  it("uses uniform bucket-level access, enforces public access prevention and keeps soft-deleted objects a week", () => {
    for (const b of buckets()) {
      expect(inputsOf(b)).toMatchObject({ uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", softDeletePolicy: { retentionDurationSeconds: 604800 } });
    }
  });

  it("follows the configured noncurrent-version retention", async () => {
    const p = await changed((c) => (c["dalp:objectStorage"] = { noncurrentVersionRetentionDays: 120 }));
    for (const b of ofType(p, "gcp:storage/bucket:Bucket")) expect(inputsOf(b).lifecycleRules[0].condition.daysSinceNoncurrentTime).toBe(120);
  });
});

describe("Velero", () => {
  const velero = () => release(plan, "velero");
  const gsa = () => account(plan, "velero-identity-account");

  it("installs the pinned chart with the pinned GCP plugin, and no credentials Secret", () => {
    expect(inputsOf(velero())).toMatchObject({ chart: "velero", version: VELERO.version, repositoryOpts: { repo: VELERO.repository }, namespace: "velero" });
    expect(valuesOf(velero()).initContainers).toEqual([expect.objectContaining({ image: VELERO_PLUGINS.gcp })]);
    expect(valuesOf(velero()).credentials).toEqual({ useSecret: false });
  });

  it("emits values the velero chart's values schema accepts", () => {
    const validate = chartValuesValidator("velero-chart-12.1.0.values.schema.json");
    expect(validate(valuesOf(velero())) ? "" : errorsOf(validate)).toBe("");
  });

  it("stores backups in the backup bucket, signing URLs as its own service account", () => {
    expect(valuesOf(velero()).configuration.backupStorageLocation).toEqual([
      { name: "default", provider: "gcp", bucket: outputsOf(bucket(plan, "dalp-backup")).name, default: true, accessMode: "ReadWrite", config: { serviceAccount: emailOf(gsa()) } },
    ]);
  });

  it("runs as velero-server annotated with its Google service account (GKE Workload Identity)", () => {
    expect(valuesOf(velero()).serviceAccount.server).toEqual({ create: true, name: "velero-server", annotations: { "iam.gke.io/gcp-service-account": emailOf(gsa()) } });
  });

  it("lets exactly velero/velero-server act as the account, which reaches only the backup bucket", () => {
    const bindings = ofType(plan, "gcp:serviceaccount/iAMMember:IAMMember").map(inputsOf).filter((b) => b.serviceAccountId === outputsOf(gsa()).name);
    expect(bindings).toContainEqual({ serviceAccountId: outputsOf(gsa()).name, role: "roles/iam.workloadIdentityUser", member: `serviceAccount:${PROJECT}.svc.id.goog[velero/velero-server]` });
    const objectRole = ofType(plan, "gcp:projects/iAMCustomRole:IAMCustomRole").find((r) => inputsOf(r).roleId.endsWith("objectReadWrite")) as PlannedResource;
    expect(inputsOf(objectRole).permissions).toEqual([...OBJECT_READ_WRITE_PERMISSIONS]);
    expect(inputsOf(objectRole).permissions).toEqual(["storage.objects.create", "storage.objects.delete", "storage.objects.get", "storage.objects.list"]);
    const onBuckets = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").map(inputsOf).filter((b) => b.member === `serviceAccount:${emailOf(gsa())}`);
    expect(onBuckets).toEqual([{ bucket: outputsOf(bucket(plan, "dalp-backup")).name, role: outputsOf(objectRole).name, member: `serviceAccount:${emailOf(gsa())}` }]);
    const signBlob = ofType(plan, "gcp:projects/iAMCustomRole:IAMCustomRole").find((r) => inputsOf(r).roleId.endsWith("signBlob")) as PlannedResource;
    expect(inputsOf(signBlob).permissions).toEqual(["iam.serviceAccounts.signBlob"]);
    expect(bindings).toContainEqual({ serviceAccountId: outputsOf(gsa()).name, role: outputsOf(signBlob).name, member: `serviceAccount:${emailOf(gsa())}` });
    // Nothing grants a project-wide storage role.
    expect(ofType(plan, "gcp:projects/iAMMember:IAMMember").map((m) => inputsOf(m).role)).not.toContainEqual(expect.stringMatching(/storage/));
  });

  it("waits for its identity and the cluster before it starts", () => {
    const identity = plan.resources.filter((r) => r.name.startsWith(`${REGION}-velero-identity-`) && r.custom && r.type !== "gcp:serviceaccount/account:Account");
    expect(identity).toHaveLength(3);
    for (const r of identity) expect(velero().dependencies).toContain(r.urn);
    const wi = identity.find((r) => r.name.endsWith("-workload-identity")) as PlannedResource;
    const component = plan.resources.find((r) => r.urn === wi.parent) as PlannedResource;
    expect(component.dependencies).toContain(nodePool(plan).urn);
  });

  it("schedules every tier of the product's backup table, each kept as long as the table says, volumes by filesystem backup", () => {
    const schedules = valuesOf(velero()).schedules as Record<string, any>;
    expect(Object.keys(schedules).sort()).toEqual(BACKUP_TIERS.map((t) => `dalp-${t.tier}`).sort());
    for (const tier of BACKUP_TIERS) {
      const schedule = schedules[`dalp-${tier.tier}`];
      expect({ tier: tier.tier, cron: schedule.schedule, paused: schedule.paused, ttl: schedule.template.ttl }).toEqual({ tier: tier.tier, cron: tier.defaultSchedule, paused: false, ttl: `${tier.minRetentionHours}h0m0s` });
      expect(schedule.template).toMatchObject({ defaultVolumesToFsBackup: true, snapshotVolumes: false, excludedResources: ["events", "events.events.k8s.io"] });
    }
    expect(schedules["dalp-daily"].template).toMatchObject({ includedNamespaces: ["dalp"], labelSelector: { matchLabels: { "kots.io/app-slug": "settlemint-dalp" } } });
    expect(valuesOf(velero())).toMatchObject({ deployNodeAgent: true, snapshotsEnabled: false });
  });

  it("is left out, with its identity, when backups are off", async () => {
    const p = await changed((c) => (c["dalp:backup"] = { enabled: false }));
    expect(ofType(p, "kubernetes:helm.sh/v3:Release").map((r) => inputsOf(r).name)).not.toContain("velero");
    expect(ofType(p, "gcp:serviceaccount/account:Account").map((a) => a.name).sort()).toEqual([`${REGION}-app-identity-account`, `${REGION}-gke-nodes`]);
    expect(ofType(p, "gcp:storage/bucketIAMMember:BucketIAMMember")).toHaveLength(1);
  });
});

describe("DALP on GCP", () => {
  const gsa = () => account(plan, "app-identity-account");

  it("annotates the dalp service account with its Google service account", () => {
    const sa = inputsOf(only(plan, "kubernetes:core/v1:ServiceAccount"));
    expect(sa.metadata).toMatchObject({ name: "dalp", namespace: "dalp", annotations: { "iam.gke.io/gcp-service-account": emailOf(gsa()) } });
  });

  it("lets exactly dalp/dalp act as the account, which reaches only the application bucket", () => {
    const bindings = ofType(plan, "gcp:serviceaccount/iAMMember:IAMMember").map(inputsOf).filter((b) => b.serviceAccountId === outputsOf(gsa()).name);
    expect(bindings).toContainEqual({ serviceAccountId: outputsOf(gsa()).name, role: "roles/iam.workloadIdentityUser", member: `serviceAccount:${PROJECT}.svc.id.goog[dalp/dalp]` });
    const onBuckets = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").map(inputsOf).filter((b) => b.member === `serviceAccount:${emailOf(gsa())}`);
    expect(onBuckets.map((b) => b.bucket)).toEqual([outputsOf(bucket(plan, "dalp-app")).name]);
    const sa = only(plan, "kubernetes:core/v1:ServiceAccount");
    const wi = ofType(plan, "gcp:serviceaccount/iAMMember:IAMMember").find((r) => inputsOf(r).member.endsWith("[dalp/dalp]")) as PlannedResource;
    expect(sa.dependencies).toContain(wi.urn);
  });

  it("tells DALP where its objects are, with no key", () => {
    expect(inputsOf(secretNamed(plan, "dalp-object-storage")).stringData).toEqual({
      provider: "gcs",
      bucket: outputsOf(bucket(plan, "dalp-app")).name,
      region: REGION,
      endpoint: "https://storage.googleapis.com",
    });
  });

  it("asks GKE for a regional backend service-based network load balancer for ingress", () => {
    expect(JSON.stringify(valuesOf(release(plan, "support")))).toContain('"cloud.google.com/l4-rbs":"enabled"');
  });

  it("puts the ingress load balancer on a regional external address the stack reserves, which cannot be deleted by accident", () => {
    const reserved = only(plan, "gcp:compute/address:Address");
    expect(inputsOf(reserved)).toMatchObject({ region: REGION, addressType: "EXTERNAL", networkTier: "PREMIUM", ipVersion: "IPV4", deletionPolicy: "PREVENT" });
    expect(reserved.protect).toBe(true);
    const ip = outputsOf(reserved).address as string;
    expect(JSON.stringify(valuesOf(release(plan, "support")))).toContain(`"loadBalancerIP":"${ip}"`);
    // The Service is created only once the address exists, or GKE would leave the load balancer pending.
    expect(release(plan, "support").dependencies).toContain(reserved.urn);
    expect((plan.outputs.regions as any)[REGION]?.ingressAddresses ?? (plan.outputs.regions as any).value?.[REGION]?.ingressAddresses).toEqual([ip]);
  });

  it("never puts a password in plain sight: every occurrence of a generated secret is wrapped", () => {
    const secrets = [
      ...ofType(plan, "random:index/randomPassword:RandomPassword").map((r) => outputsOf(r).result as string),
      outputsOf(redisInstance(plan)).authString as string,
    ];
    expect(secrets.every((s) => typeof s === "string" && s.length >= 32)).toBe(true);
    expect(exposedSecrets(plan, secrets)).toEqual([]);
  });

  it("creates no service account key anywhere", () => {
    expect(plan.resources.filter((r) => r.type === "gcp:serviceaccount/key:Key")).toEqual([]);
  });
});

describe("stack outputs", () => {
  it("gives the kubeconfig an exec credential for gke-gcloud-auth-plugin and the DNS endpoint, not a token", () => {
    expect(isSecretValue(plan.outputs.kubeconfig)).toBe(true);
    const kubeconfig = kubeconfigOf(plan);
    expect(kubeconfig.users[0].user.exec).toMatchObject({ apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", provideClusterInfo: true });
    // The DNS endpoint's certificate comes from a public CA: the cluster CA must not be pinned.
    expect(kubeconfig.clusters[0].cluster).toEqual({ server: `https://${outputsOf(cluster(plan)).controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint}` });
    expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/gke-[0-9a-f]+\.europe-west1\.gke\.goog$/);
    expect(JSON.stringify(kubeconfig)).not.toMatch(/token"|password|client-key/);
  });

  it("summarises the region by the GCP identifiers an operator uses", () => {
    const region = (plan.outputs.regions as any)[REGION];
    expect(region).toMatchObject({ role: "active", zones: ZONES, cluster: outputsOf(cluster(plan)).name, namespace: "dalp" });
    expect(region.postgres.identifier).toBe(`${PROJECT}:${REGION}:${outputsOf(sqlInstance(plan)).name}`);
    expect(region.cache).toMatchObject({ identifier: redisInstance(plan).id, port: 6378, tls: true });
    expect(region.buckets).toEqual({ app: outputsOf(bucket(plan, "dalp-app")).name, backup: outputsOf(bucket(plan, "dalp-backup")).name });
  });
});

describe("the planned GCP graph", () => {
  it("is deterministic: the same stack file gives the same graph", async () => {
    const again = await planStack({ stack: STACK });
    expect(again.resources).toEqual(plan.resources);
  });

  it("exports in `pulumi stack export` order, every reference pointing backwards, secrets as ciphertext", () => {
    const exported = toStackExport(plan, "2026-11-22T00:00:00.000Z");
    expect(exported.deployment.manifest.plugins).toContainEqual({ name: "gcp", type: "resource", version: expect.stringMatching(/^9\./) });
    const seen = new Set<string>();
    for (const r of exported.deployment.resources) {
      if (r.parent) expect(seen.has(r.parent)).toBe(true);
      for (const d of r.dependencies ?? []) expect(seen.has(d)).toBe(true);
      if (r.provider) expect(seen.has(r.provider.slice(0, r.provider.lastIndexOf("::")))).toBe(true);
      seen.add(r.urn);
    }
    const text = JSON.stringify(exported);
    expect(text).not.toContain(outputsOf(redisInstance(plan)).authString);
    expect(text).not.toContain(outputsOf(only(plan, "random:index/randomPassword:RandomPassword")).result);
  });
});

describe("bad GCP configuration declares nothing", () => {
  const fails = async (change: (config: Record<string, any>) => void) => {
    const result = await planChanged(STACK, change);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error("planned");
    expect(result.error).toBeInstanceOf(ConfigError);
    return { message: (result.error as Error).message, declared: result.declared.map((r) => r.type) };
  };

  it("stops on a zone the region does not have, with only the provider declared for the lookup", async () => {
    const { message, declared } = await fails((c) => (c["dalp:regions"] = [{ name: REGION, zones: ["europe-west1-a", "europe-west1-b"] }]));
    expect(message).toMatch(/dalp:regions\[0\]\.zones: got \["europe-west1-a"\]; expected zones of europe-west1: europe-west1-b, europe-west1-c, europe-west1-d/);
    expect(declared).toEqual(["pulumi:providers:gcp"]);
  });

  it("stops when a region has fewer zones than asked for", async () => {
    const { message } = await fails((c) => (c["dalp:regions"] = [{ name: REGION, zones: 4 }]));
    expect(message).toMatch(/dalp:regions\[0\]\.zones: got 4; expected at most 3: europe-west1 has 3 zones/);
  });

  it("stops on a Cloud SQL tier not spelt the Cloud SQL way", async () => {
    const { message, declared } = await fails((c) => (c["dalp:postgres"].instanceClass = "db.m7g.large"));
    expect(message).toMatch(/dalp:postgres\.instanceClass: got "db\.m7g\.large"; expected a Cloud SQL tier starting with "db-"/);
    expect(declared).toEqual([]);
  });

  it("stops without dalp:account, which GCP requires", async () => {
    const { message, declared } = await fails((c) => delete c["dalp:account"]);
    expect(message).toMatch(/dalp:account: got nothing \(the key is not set\); expected the gcp account to deploy into/);
    expect(declared).toEqual([]);
  });

  it("stops on a PITR window the edition of the tier cannot keep", async () => {
    const { message, declared } = await fails((c) => (c["dalp:postgres"].instanceClass = "db-custom-2-8192"));
    expect(message).toMatch(/dalp:postgres\.backupRetentionDays: got 35; expected at most 7 with tier db-custom-2-8192 \(Cloud SQL Enterprise edition/);
    expect(declared).toEqual([]);
  });

  it("names every AWS spelling in a GCP stack at once", async () => {
    const { message, declared } = await fails((c) => {
      c["dalp:regions"] = [{ name: "eu-central-1", zones: ["eu-central-1a", "eu-central-1b"] }];
      c["dalp:cluster"].nodeType = "m7i.xlarge";
      c["dalp:cache"].nodeType = "cache.m7g.large";
      c["dalp:cache"].version = "8.1";
      c["dalp:postgres"].version = "19";
    });
    expect(message).toMatch(/dalp:regions\[0\]\.name: got "eu-central-1"; expected a Google Cloud region such as europe-west1/);
    // Zones are judged once the region is known, so an unknown region is reported alone, with a suggestion.
    expect(message).toMatch(/dalp:regions\[0\]\.name: got "eu-central-1"; expected a Google Cloud region .*did you mean/);
    expect(message).toMatch(/dalp:cluster\.nodeType: got "m7i\.xlarge"; expected a Compute Engine machine type such as n2-standard-4/);
    expect(message).toMatch(/dalp:cache\.nodeType: got "cache\.m7g\.large"; expected a Memorystore memory size from 5GB to 300GB/);
    expect(message).toMatch(/dalp:cache\.version: got "8\.1"; expected one of "7\.2", "7\.0", "6\.x"/);
    expect(message).toMatch(/dalp:postgres\.version: got "19"; expected one of 14, 15, 16, 17, 18 on gcp/);
    expect(declared).toEqual([]);
  });

  it("stops when the autoscaler could outgrow the region's pod range", async () => {
    const { message } = await fails((c) => (c["dalp:cluster"].maxPerZone = 100));
    expect(message).toMatch(/dalp:cluster\.maxPerZone: got 100; expected at most 85 with 3 zones in europe-west1: the region's pod range holds 256 nodes/);
  });

  it("refuses tags that would become the same label", async () => {
    const { message } = await fails((c) => (c["dalp:tags"] = { "cost:centre": "a", "cost-centre": "b", cost_centre: "c" }));
    expect(message).toMatch(/dalp:tags: got \["cost:centre","cost_centre"\]; expected tag keys that stay distinct as GCP labels/);
  });
});

describe("what Google changes by itself", () => {
  const STATEFUL = [
    "gcp:kms/keyRing:KeyRing",
    "gcp:kms/cryptoKey:CryptoKey",
    "gcp:container/cluster:Cluster",
    "gcp:container/nodePool:NodePool",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "gcp:sql/database:Database",
    "gcp:redis/instance:Instance",
    "gcp:storage/bucket:Bucket",
  ];

  it("is ignored on every resource it applies to, exactly as each drift fact spells the path", () => {
    const checked = GCP_DRIFT.flatMap((fact) =>
      ofType(plan, fact.type)
        .filter((r) => fact.appliesWhen?.(inputsOf(r)) ?? true)
        .map((r) => ({ urn: r.urn, property: fact.property, ignored: r.ignoreChanges.includes(fact.property) })),
    );
    expect(checked.filter((c) => !c.ignored)).toEqual([]);
    // Every fact applies to the reference stack: none is dead weight, none silently skipped.
    expect(new Set(checked.map((c) => `${c.urn}|${c.property}`)).size).toBe(GCP_DRIFT.length);
  });

  it("names only the types this stack creates, each with its source", () => {
    for (const fact of GCP_DRIFT) {
      expect(STATEFUL).toContain(fact.type);
      expect(fact.source).toMatch(/read 2026-/);
      expect(fact.why.length).toBeGreaterThan(20);
    }
  });

  it("covers the failover zones and grown storage of Cloud SQL, which the regional instance ignores only while it is regional", async () => {
    expect(GCP_DRIFT.filter((f) => f.type === "gcp:sql/databaseInstance:DatabaseInstance").map((f) => f.property).sort()).toEqual([
      "settings.diskSize",
      "settings.locationPreference.secondaryZone",
      "settings.locationPreference.zone",
    ]);
    const zonal = { settings: { availabilityType: "ZONAL", diskAutoresize: true } };
    expect(GCP_DRIFT.filter((f) => f.type === "gcp:sql/databaseInstance:DatabaseInstance" && (f.appliesWhen?.(zonal) ?? true)).map((f) => f.property)).toEqual(["settings.diskSize"]);
  });

  it("leaves Memorystore's configured zones alone: a failover moves only the output currentLocationId", () => {
    expect(GCP_DRIFT.filter((f) => f.type === "gcp:redis/instance:Instance")).toEqual([]);
    const redis = redisInstance(plan);
    expect(outputsOf(redis).currentLocationId).toBe(inputsOf(redis).locationId);
    expect(redis.ignoreChanges).toEqual([]);
  });
});

describe("the project's APIs", () => {
  const enabled = { state: "enabled" } as const;
  const disabled = { state: "disabled" } as const;
  /** Runs the reference stack with `getProjectService` answering as `answer` says, and returns what was asked. */
  const withServiceLookup = async (answer: (service: string, project?: string) => Promise<{ id: string; service: string }>) => {
    const original = Object.getOwnPropertyDescriptor(gcpProjects, "getProjectService") as PropertyDescriptor;
    const asked: string[] = [];
    Object.defineProperty(gcpProjects, "getProjectService", {
      configurable: true,
      enumerable: true,
      value: async (args: { service: string; project?: string }) => {
        asked.push(`${args.project}/${args.service}`);
        return answer(args.service, args.project);
      },
    });
    try {
      const result = await planChanged(STACK, () => undefined);
      expect(result.ok).toBe(false);
      if (result.ok) throw new Error("planned");
      expect(result.error).toBeInstanceOf(ConfigError);
      return { message: (result.error as Error).message, declared: result.declared.map((r) => r.type), asked };
    } finally {
      Object.defineProperty(gcpProjects, "getProjectService", original);
    }
  };

  it("are all checked before anything is declared, naming the disabled ones and the command that enables them", async () => {
    // The provider answers a disabled service without an id (the data source's read clears it).
    const { message, declared, asked } = await withServiceLookup(async (service, project) => ({ id: ["sqladmin.googleapis.com", "redis.googleapis.com"].includes(service) ? "" : `${project}/${service}`, service }));
    expect(message).toMatch(/dalp:account: got "dalp-prod-123456"; expected a project with these APIs enabled: sqladmin\.googleapis\.com \(Cloud SQL for PostgreSQL\), redis\.googleapis\.com \(Memorystore for Redis\)\./);
    expect(message).toContain("gcloud services enable sqladmin.googleapis.com redis.googleapis.com --project dalp-prod-123456");
    expect(message).not.toContain("compute.googleapis.com");
    expect(message).not.toMatch(/failed:/);
    expect(declared).toEqual(["pulumi:providers:gcp"]);
    expect(asked.sort()).toEqual(REQUIRED_SERVICES.map((s) => `${PROJECT}/${s.service}`).sort());
  });

  it("tell a lookup the API refused from a disabled service, with Google's words and the permissions the check needs", async () => {
    const refusal = "googleapi: Error 403: Service Usage API has not been used in project 987654321098 before or it is disabled.";
    const { message, declared } = await withServiceLookup(async () => {
      throw new Error(`invocation of gcp:projects/getProjectService:getProjectService returned an error: ${refusal}\nmore detail`);
    });
    expect(message).not.toMatch(/expected a project with these APIs enabled/);
    expect(message).toContain(refusal);
    expect(message).not.toContain("more detail");
    expect(message).toContain("resourcemanager.projects.get and serviceusage.services.list");
    expect(message).toContain("GOOGLE_CLOUD_QUOTA_PROJECT");
    expect(declared).toEqual(["pulumi:providers:gcp"]);
  });

  it("name exactly the missing ones, and nothing when all are there", async () => {
    expect(await serviceIssues(PROJECT, async () => enabled)).toEqual([]);
    const [issue, ...rest] = await serviceIssues(PROJECT, async (service) => (service === "container.googleapis.com" ? disabled : enabled));
    expect(rest).toEqual([]);
    expect(issue.allowed).toMatch(/^a project with these APIs enabled: container\.googleapis\.com \(GKE\)\. Enable them with: gcloud services enable container\.googleapis\.com --project dalp-prod-123456$/);
    expect(REQUIRED_SERVICES.map((s) => s.service)).toEqual(expect.arrayContaining(["container.googleapis.com", "sqladmin.googleapis.com", "servicenetworking.googleapis.com", "cloudkms.googleapis.com"]));
  });

  it("report disabled and unreadable services apart, each reason once", async () => {
    const issues = await serviceIssues(PROJECT, async (service) =>
      service === "redis.googleapis.com" ? disabled : service.startsWith("iam") ? { state: "unreadable", reason: "googleapi: Error 403: Permission denied" } : enabled,
    );
    expect(issues).toHaveLength(2);
    expect(issues[0].allowed).toMatch(/^a project with these APIs enabled: redis\.googleapis\.com /);
    expect(issues[1].allowed).toMatch(/checking iam\.googleapis\.com \(.*\), iamcredentials\.googleapis\.com \(.*\) failed: googleapi: Error 403: Permission denied\./);
    expect(issues[1].allowed.match(/Permission denied/g)).toHaveLength(1);
  });
});

describe("GCP helpers (unit)", () => {
  it("converts tags to valid labels", () => {
    expect(toGcpLabels({ "dalp:stack": "Prod Stack", "managed-by": "pulumi", "1team": "a.b", owner: "" })).toEqual({ dalp_stack: "prod_stack", "managed-by": "pulumi", t_1team: "a_b", owner: "" });
    expect(gcpLabelKey("x".repeat(80))).toHaveLength(63);
    expect(gcpLabelValue("V".repeat(80))).toBe("v".repeat(63));
    for (const [k, v] of Object.entries(toGcpLabels({ "Weird Key/=+@": "Üñïcode value!" }))) expect(isValidGcpLabel(k, v)).toBe(true);
    expect(labelCollisions({ "a:b": "1", a_b: "2", c: "3" })).toEqual([["a:b", "a_b"]]);
  });

  it("derives physical names within GCP's limits", () => {
    expect(gcpName(40, "dalp", "gcp-cloud-native", "europe-west1")).toBe("dalp-gcp-cloud-native-europe-west1");
    const long = gcpName(40, "dalp", "a-very-long-stack-name-for-production", "northamerica-northeast1");
    expect(long).toMatch(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/);
    expect(long).not.toBe(gcpName(40, "dalp", "a-very-long-stack-name-for-productiom", "northamerica-northeast1"));
    for (const purpose of ["nodes", "app", "velero"]) expect(serviceAccountId(purpose, "any-stack-name-at-all", "northamerica-northeast1")).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    expect(serviceAccountId("app", "s1", REGION)).not.toBe(serviceAccountId("app", "s2", REGION));
    expect(customRoleId("objectReadWrite", "gcp-cloud-native", REGION)).toBe("dalp_gcp_cloud_native_europe_west1_objectReadWrite");
    expect(customRoleId("objectReadWrite", "x".repeat(80), REGION)).toMatch(/^[a-zA-Z0-9_.]{3,64}$/);
  });

  it("resolves zone counts and names against the zones a region reports", () => {
    const available = { [REGION]: gcpZonesOf(REGION) };
    expect(resolveZones({ regions: [{ name: REGION, zones: { count: 2 }, cidr: "10.40.0.0/16" }] }, available)).toEqual({ zones: { [REGION]: ["europe-west1-b", "europe-west1-c"] }, issues: [] });
    expect(resolveZones({ regions: [{ name: REGION, zones: { names: ["europe-west1-d", "europe-west1-b"] }, cidr: "10.40.0.0/16" }] }, available).zones[REGION]).toEqual(["europe-west1-d", "europe-west1-b"]);
    expect(resolveZones({ regions: [{ name: REGION, zones: { count: 4 }, cidr: "10.40.0.0/16" }] }, available).issues).toHaveLength(1);
  });

  it("picks the Cloud SQL edition from the tier family", () => {
    expect(cloudSqlEdition("db-perf-optimized-N-8")).toBe("ENTERPRISE_PLUS");
    expect(cloudSqlEdition("db-memory-optimized-N-4")).toBe("ENTERPRISE_PLUS");
    expect(cloudSqlEdition("db-custom-4-16384")).toBe("ENTERPRISE");
  });
});

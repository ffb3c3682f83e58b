import * as compute from "@pulumi/gcp/compute";
import * as servicenetworking from "@pulumi/gcp/servicenetworking";
import * as pulumi from "@pulumi/pulumi";
import type { AddressPlan } from "./subnetPlan";

export interface NetworkArgs {
  region: string;
  plan: AddressPlan;
}

/** Secondary range names the cluster refers to. */
export const POD_RANGE = "pods";
export const SERVICE_RANGE = "services";

/**
 * A custom-mode VPC for one region: one subnet for the nodes with secondary ranges for pods and Services and
 * Private Google Access (private nodes reach Google APIs, including GCS, without the NAT), a Cloud Router with
 * Cloud NAT for the nodes' egress to image registries, and private services access so Cloud SQL and
 * Memorystore get addresses inside this VPC and nothing else can reach them.
 */
export class Network extends pulumi.ComponentResource {
  /** How the region's range is cut; the cluster reads its control-plane range from here. */
  readonly plan: AddressPlan;
  readonly vpc: compute.Network;
  readonly subnet: compute.Subnetwork;
  /**
   * The subnet the GKE control plane's internal endpoint lives in (Private Service Connect); its range is the one
   * the webhook firewall rule admits as the control plane's (as terraform-google-modules does).
   */
  readonly controlPlaneSubnet: compute.Subnetwork;
  /** The allocated range for private services access; Memorystore names it as its reserved range. */
  readonly privateServicesRange: compute.GlobalAddress;
  /** The peering to Google's service producers; Cloud SQL and Memorystore must wait for it. */
  readonly privateServicesConnection: servicenetworking.Connection;

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:Network", name, {}, opts);
    const child = { parent: this };
    this.plan = args.plan;

    this.vpc = new compute.Network(`${name}-vpc`, {
      autoCreateSubnetworks: false,
      // Routes learned over a VPN or Interconnect reach every region, so an operator network attached in one
      // region can reach the private control plane of a cluster in another (multi-region patterns).
      routingMode: "GLOBAL",
      description: `DALP ${args.region}`,
    }, child);

    this.subnet = new compute.Subnetwork(`${name}-nodes`, {
      network: this.vpc.id,
      region: args.region,
      ipCidrRange: args.plan.nodes,
      secondaryIpRanges: [
        { rangeName: POD_RANGE, ipCidrRange: args.plan.pods },
        { rangeName: SERVICE_RANGE, ipCidrRange: args.plan.services },
      ],
      privateIpGoogleAccess: true,
      stackType: "IPV4_ONLY",
      description: "DALP GKE nodes (primary), pods and Services (secondary)",
    }, child);

    // Nothing else may use this subnet: every address in it is the control plane's, so a firewall rule that
    // admits the range admits the control plane and nothing more.
    this.controlPlaneSubnet = new compute.Subnetwork(`${name}-control-plane`, {
      network: this.vpc.id,
      region: args.region,
      ipCidrRange: args.plan.controlPlane,
      stackType: "IPV4_ONLY",
      description: "DALP GKE control plane internal endpoint (Private Service Connect)",
    }, child);

    // Cloud NAT is a regional, software-defined service with no per-zone gateway to lose, so
    // `dalp:network.natGateways` (a per-zone choice on AWS) has nothing to choose on GCP.
    const router = new compute.Router(`${name}-router`, { network: this.vpc.id, region: args.region, description: "DALP Cloud NAT" }, child);
    new compute.RouterNat(`${name}-nat`, {
      router: router.name,
      region: args.region,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: this.subnet.selfLink, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
      // Image pulls of a rolling update open many connections at once; ports follow demand.
      enableDynamicPortAllocation: true,
      minPortsPerVm: 64,
      maxPortsPerVm: 4096,
      enableEndpointIndependentMapping: false,
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    }, child);

    this.privateServicesRange = new compute.GlobalAddress(`${name}-private-services`, {
      network: this.vpc.id,
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      address: args.plan.privateServices.address,
      prefixLength: args.plan.privateServices.prefixLength,
      description: "DALP private services access: Cloud SQL and Memorystore",
    }, child);

    this.privateServicesConnection = new servicenetworking.Connection(`${name}-private-services`, {
      network: this.vpc.id,
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: [this.privateServicesRange.name],
      // The producer keeps the peering while any instance it serves exists (and for days after); deleting it
      // would fail and block a teardown, so a destroy only forgets it.
      deletionPolicy: "ABANDON",
    }, child);

    this.registerOutputs({ vpcId: this.vpc.id, subnetId: this.subnet.id, controlPlaneSubnetId: this.controlPlaneSubnet.id, privateServicesRange: this.privateServicesRange.name });
  }
}

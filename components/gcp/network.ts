import * as compute from "@pulumi/gcp/compute";
import * as servicenetworking from "@pulumi/gcp/servicenetworking";
import * as pulumi from "@pulumi/pulumi";
import type { AddressPlan } from "./subnetPlan";

export interface NetworkArgs {
  region: string;
  plan: AddressPlan;
  /**
   * The other regions of the same VPC, when this region owns it: each gets its own private services range (cut
   * from its own /16) on this VPC's one private services connection. Empty or absent with one region.
   */
  otherRegions?: ReadonlyArray<{ region: string; plan: AddressPlan }>;
  /**
   * The owning region's network, when this region joins its VPC instead of creating one: the region adds its
   * subnets, Cloud Router and NAT, and takes its private services range from the owner.
   */
  joins?: Network;
}

/** Secondary range names the cluster refers to. */
export const POD_RANGE = "pods";
export const SERVICE_RANGE = "services";

/**
 * A region's part of the stack's custom-mode VPC: one subnet for the nodes with secondary ranges for pods and
 * Services and Private Google Access (private nodes reach Google APIs, including GCS, without the NAT), a Cloud
 * Router with Cloud NAT for the nodes' egress to image registries, and private services access so Cloud SQL and
 * Memorystore get addresses inside the VPC and nothing else can reach them.
 *
 * One VPC serves every region of the stack (a VPC is global on GCP; a subnet is regional): the first region's
 * Network creates it, its private services connection and every region's private services range, and the other
 * regions join it. A Cloud SQL cross-region read replica with a private address must sit on its primary's VPC
 * network, the usual GCP design for it being one VPC with a subnet per region (terraform-google-modules/
 * terraform-google-sql-db examples/postgresql-with-cross-region-failover/network.tf: one network, a subnet in
 * each region, one private services range and connection, both instances on that network; read 2026-12-01); and a
 * VPC has one private services connection per service producer, whose allocated ranges are listed on it.
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
  /** This region's allocated range for private services access; Cloud SQL and Memorystore take addresses there. */
  readonly privateServicesRange: compute.GlobalAddress;
  /** The peering to Google's service producers (one per VPC); Cloud SQL and Memorystore must wait for it. */
  readonly privateServicesConnection: servicenetworking.Connection;
  /** Whether this region created the VPC (the first region) or joined it. */
  readonly ownsVpc: boolean;
  /** Each region's private services range, by region; on the owner only. */
  readonly rangesByRegion: ReadonlyMap<string, compute.GlobalAddress>;

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:Network", name, {}, opts);
    const child = { parent: this };
    this.plan = args.plan;

    const owner = args.joins;
    this.ownsVpc = owner === undefined;
    if (owner && (args.otherRegions ?? []).length > 0) throw new Error(`network ${name} joins another region's VPC and cannot also own ranges of other regions`);
    const regions = [args.region, ...(args.otherRegions ?? []).map((r) => r.region)];
    this.vpc = owner
      ? owner.vpc
      : new compute.Network(`${name}-vpc`, {
          autoCreateSubnetworks: false,
          // Routes learned over a VPN or Interconnect reach every region, so an operator network attached in one
          // region can reach the private control plane of a cluster in another (multi-region patterns).
          routingMode: "GLOBAL",
          description: `DALP ${regions.join(", ")}`,
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

    if (owner) {
      const range = owner.rangesByRegion.get(args.region);
      if (!range) throw new Error(`the VPC of ${name} has no private services range for ${args.region}`);
      this.privateServicesRange = range;
      this.privateServicesConnection = owner.privateServicesConnection;
      this.rangesByRegion = new Map();
    } else {
      const psaRange = (suffix: string, region: string, plan: AddressPlan) =>
        new compute.GlobalAddress(`${name}-private-services${suffix}`, {
          network: this.vpc.id,
          purpose: "VPC_PEERING",
          addressType: "INTERNAL",
          address: plan.privateServices.address,
          prefixLength: plan.privateServices.prefixLength,
          description: suffix === "" ? "DALP private services access: Cloud SQL and Memorystore" : `DALP private services access: Cloud SQL and Memorystore of ${region}`,
        }, child);
      // The first region's range keeps the name it has with one region; the others are named by their region.
      const ranges = new Map<string, compute.GlobalAddress>([[args.region, psaRange("", args.region, args.plan)]]);
      for (const other of args.otherRegions ?? []) ranges.set(other.region, psaRange(`-${other.region}`, other.region, other.plan));
      this.rangesByRegion = ranges;
      this.privateServicesRange = ranges.get(args.region)!;
      // One connection per VPC and service producer, listing every region's range (Service Networking
      // "services.connections": reservedPeeringRanges are the allocated ranges of the one connection; the
      // provider's servicenetworking.Connection updates the list in place).
      this.privateServicesConnection = new servicenetworking.Connection(`${name}-private-services`, {
        network: this.vpc.id,
        service: "servicenetworking.googleapis.com",
        reservedPeeringRanges: [...ranges.values()].map((r) => r.name),
        // The producer keeps the peering while any instance it serves exists (and for days after); deleting it
        // would fail and block a teardown, so a destroy only forgets it.
        deletionPolicy: "ABANDON",
      }, child);
    }

    this.registerOutputs({ vpcId: this.vpc.id, subnetId: this.subnet.id, controlPlaneSubnetId: this.controlPlaneSubnet.id, privateServicesRange: this.privateServicesRange.name });
  }
}

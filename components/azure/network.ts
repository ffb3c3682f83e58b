import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { planAzureSubnets } from "./subnetPlan";

export interface NetworkArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  cidr: string;
  zones: string[];
  /** `per-zone`: a NAT gateway in each zone, so losing a zone does not cut egress for the others. */
  natGateways: "per-zone" | "single";
  tags: Record<string, string>;
}

/**
 * A VNet with a node subnet per zone, each leaving through a NAT gateway in the same zone (a Standard NAT
 * gateway is zonal, so one per zone is what survives a zone loss), a subnet delegated to PostgreSQL Flexible
 * Server, one for private endpoints and one for the AKS API server. No subnet has Azure's implicit default
 * outbound access: egress goes through the NAT gateways or nowhere.
 */
export class Network extends pulumi.ComponentResource {
  readonly vnet: network.VirtualNetwork;
  readonly vnetId: pulumi.Output<string>;
  readonly vnetName: pulumi.Output<string>;
  /** Every subnet, in creation order: a later write to the VNet (a peering) waits for the last. */
  readonly subnets: network.Subnet[];
  /** Node subnet id per zone, for the node pools of that zone. */
  readonly nodeSubnetByZone: Record<string, pulumi.Output<string>>;
  readonly postgresSubnetId: pulumi.Output<string>;
  readonly endpointsSubnetId: pulumi.Output<string>;
  readonly apiServerSubnetId: pulumi.Output<string>;
  readonly natGateways: network.NatGateway[];

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:Network", name, {}, opts);
    const plan = planAzureSubnets(args.cidr, args.zones);
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };

    this.vnet = new network.VirtualNetwork(`${name}-vnet`, { ...common, addressSpace: { addressPrefixes: [args.cidr] } }, { parent: this });
    this.vnetId = this.vnet.id;
    this.vnetName = this.vnet.name;
    this.subnets = [];

    const natZones = args.natGateways === "per-zone" ? args.zones : [args.zones[0]];
    this.natGateways = natZones.map((zone) => {
      const ip = new network.PublicIPAddress(`${name}-nat-ip-${zone}`, {
        ...common,
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
        // A Standard NAT gateway takes public IPs of its own zone only.
        zones: [zone],
      }, { parent: this });
      return new network.NatGateway(`${name}-nat-${zone}`, {
        ...common,
        sku: { name: "Standard" },
        zones: [zone],
        publicIpAddresses: [{ id: ip.id }],
        idleTimeoutInMinutes: 4,
      }, { parent: this });
    });
    const natFor = (zone: string) => this.natGateways[natZones.indexOf(zone)] ?? this.natGateways[0];

    // Azure rejects concurrent writes to subnets of one VNet (AnotherOperationInProgress), so they are
    // created one after another.
    let previous: pulumi.Resource = this.vnet;
    const subnet = (logical: string, subnetName: string, extra: Partial<network.SubnetArgs>) => {
      const s = new network.Subnet(`${name}-${logical}`, {
        resourceGroupName: args.resourceGroupName,
        virtualNetworkName: this.vnet.name,
        subnetName,
        defaultOutboundAccess: false,
        ...extra,
      }, { parent: this, dependsOn: [previous] });
      previous = s;
      this.subnets.push(s);
      return s;
    };

    this.nodeSubnetByZone = Object.fromEntries(
      plan.nodes.map(({ zone, cidr }) => [zone, subnet(`nodes-${zone}`, `nodes-${zone}`, { addressPrefix: cidr, natGateway: { id: natFor(zone).id } }).id]),
    );
    this.postgresSubnetId = subnet("postgres", "postgres", {
      addressPrefix: plan.postgres,
      delegations: [{ name: "postgres-flexible-server", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
    }).id;
    this.endpointsSubnetId = subnet("endpoints", "endpoints", { addressPrefix: plan.endpoints }).id;
    // AKS delegates this subnet itself when it is missing; declaring it keeps Pulumi from undoing that.
    this.apiServerSubnetId = subnet("apiserver", "apiserver", {
      addressPrefix: plan.apiServer,
      delegations: [{ name: "aks-api-server", serviceName: "Microsoft.ContainerService/managedClusters" }],
    }).id;

    this.registerOutputs({ vnetId: this.vnetId, nodeSubnetByZone: this.nodeSubnetByZone, postgresSubnetId: this.postgresSubnetId });
  }
}

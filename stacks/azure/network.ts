import { Provider } from "@pulumi/azure-native/provider";
import { Network } from "../../components/azure/network";
import { PrivateDnsZones } from "../../components/azure/privateDnsZones";
import { ResourceGroup } from "../../components/azure/resourceGroup";
import type { StampContext } from "../../ports/adapter";
import { azureDnsLabel } from "./names";

/**
 * What every Azure region of the stack has, a region that holds only copies (hot-cold's recovery region, a vault)
 * included: its provider and its resource group. A resource group bills nothing; the stacks encrypt with
 * platform-managed keys, so the region has no key of its own to hold (docs/azure.md, "Hot-cold").
 */
export interface AzureRegionBase {
  provider: Provider;
  location: string;
  resourceGroup: ResourceGroup;
}

/** The region's foundation, passed between the Azure ports: its base, network and private DNS zones. */
export interface AzureFoundation extends AzureRegionBase {
  network: Network;
  dns: PrivateDnsZones;
}

/**
 * One explicit provider per region: no resource can land in a region by accident of ambient config, nor
 * in another subscription than `dalp:account` when it is set. A resource written into another subscription
 * (the runner network's side of a peering, a DNS zone kept elsewhere) gets a provider of its own.
 */
export class AzureProviders {
  private readonly providers = new Map<string, Provider>();

  constructor(private readonly account?: string) {}

  forRegion(region: string): Provider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = new Provider(`azure-native-${region}`, { location: region, ...(this.account ? { subscriptionId: this.account } : {}) });
      this.providers.set(region, provider);
    }
    return provider;
  }

  /** A provider for another subscription, so what lives there is written there. */
  forSubscription(subscriptionId: string, region: string): Provider {
    const key = `subscription:${subscriptionId}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = new Provider(`azure-native-${subscriptionId}`, { location: region, subscriptionId });
      this.providers.set(key, provider);
    }
    return provider;
  }

  /**
   * For what belongs to no region (Traffic Manager, the domain's DNS record) in the subscription that holds
   * them: a provider of no stamp, so neither a failover nor a region that is down changes which one they use.
   */
  forGlobal(subscriptionId: string): Provider {
    const key = `global:${subscriptionId.toLowerCase()}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = new Provider("azure-native-global", { location: "global", subscriptionId: subscriptionId.toLowerCase() });
      this.providers.set(key, provider);
    }
    return provider;
  }
}

/**
 * The region's provider and resource group, under the stamp. A vault declares exactly these, and the rebuilt
 * stamp declares them again through buildFoundation, so the group its copies sit in keeps its URN.
 */
export function buildRegionBase(ctx: StampContext, providers: AzureProviders, tags: Record<string, string>): AzureRegionBase {
  const region = ctx.stamp.region;
  const provider = providers.forRegion(region);
  const resourceGroup = new ResourceGroup(`${ctx.prefix}-rg`, { location: region, tags }, { parent: ctx.parent, providers: [provider] });
  return { provider, location: region, resourceGroup };
}

/** The region's resource group, network and private DNS zones. azure-native has no default tags, so each gets the stack's. */
export function buildFoundation(ctx: StampContext, providers: AzureProviders, tags: Record<string, string>): AzureFoundation {
  const base = buildRegionBase(ctx, providers, tags);
  const { provider, resourceGroup } = base;
  const region = ctx.stamp.region;
  const opts = { parent: ctx.parent, providers: [provider] };
  const network = new Network(`${ctx.prefix}-network`, {
    resourceGroupName: resourceGroup.name,
    location: region,
    cidr: ctx.stamp.cidr,
    zones: ctx.zones,
    natGateways: ctx.config.network.natGateways,
    tags,
  }, opts);
  const dns = new PrivateDnsZones(`${ctx.prefix}-dns`, {
    resourceGroupName: resourceGroup.name,
    vnetId: network.vnetId,
    postgresZoneName: `${azureDnsLabel(40, "dalp", ctx.config.stack, region)}.private.postgres.database.azure.com`,
    tags,
  }, opts);
  return { ...base, network, dns };
}

import * as dns from "@pulumi/azure-native/dns";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigError, ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import { firstLine } from "../../lib/errorText";

/** An Azure DNS zone by the parts of its resource id. */
export interface AzureDnsZone {
  id: string;
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}

const ZONE_ID = /^\/subscriptions\/(?<subscriptionId>[0-9a-fA-F-]{36})\/resourceGroups\/(?<resourceGroupName>[-\w.()]{1,90})\/providers\/Microsoft\.Network\/dnszones\/(?<name>[a-z0-9.-]+)$/i;

export function parseDnsZoneId(id: string): AzureDnsZone | undefined {
  const g = ZONE_ID.exec(id)?.groups;
  return g ? { id, subscriptionId: g.subscriptionId.toLowerCase(), resourceGroupName: g.resourceGroupName, name: g.name.toLowerCase().replace(/\.$/, "") } : undefined;
}

/** The record's name inside the zone: `@` for the apex. */
export function relativeRecordName(domain: string, zone: string): string | undefined {
  const d = domain.toLowerCase().replace(/\.$/, "");
  if (d === zone) return "@";
  return d.endsWith(`.${zone}`) ? d.slice(0, -(zone.length + 1)) : undefined;
}

const KEY = "dalp:traffic.zone";
const SHAPE = "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/dnszones/<zone>";

/** The configured zone's shape and whether it holds `charts.domain`; no API call. */
export function trafficZoneIssues(config: DalpConfig): ConfigIssue[] {
  const id = config.traffic.zone;
  if (id === undefined) return [];
  const zone = parseDnsZoneId(id);
  if (!zone) return [{ key: KEY, given: renderValue(id), allowed: `the resource id of an Azure public DNS zone, ${SHAPE}` }];
  if (relativeRecordName(config.charts.domain, zone.name) === undefined) {
    return [{ key: KEY, given: renderValue(id), allowed: `an Azure DNS zone that holds charts.domain ${config.charts.domain} (${zone.name} does not)` }];
  }
  return [];
}

/**
 * Read-only: the zone exists where the configuration says and the deployer can read it, before anything is
 * declared; the record the traffic port writes goes there.
 */
export async function assertTrafficZone(config: DalpConfig, provider: pulumi.ProviderResource): Promise<AzureDnsZone> {
  const issues = trafficZoneIssues(config);
  if (issues.length > 0) throw new ConfigError(issues);
  const zone = parseDnsZoneId(config.traffic.zone!)!;
  try {
    const found = await dns.getZone({ resourceGroupName: zone.resourceGroupName, zoneName: zone.name }, { provider });
    if (found.zoneType !== undefined && found.zoneType !== "Public") throw new Error(`${zone.name} is a ${found.zoneType} zone`);
  } catch (err) {
    const why = firstLine(err);
    throw new ConfigError([{ key: KEY, given: renderValue(config.traffic.zone), allowed: `an Azure public DNS zone the deployer can read (reading it failed: ${why})` }]);
  }
  return zone;
}

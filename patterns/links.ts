import type { LinkContext, TrafficPort } from "../ports/links";
import type { AnyAdapter } from "../stacks/registry";
import type { Link } from "../topology/types";
import type { BuiltStamp } from "./stamp";

/**
 * Phase two: every link of the topology, through the cloud's link ports, once every stamp is built. The
 * topology only holds links the adapter builds (the program refuses the others before declaring anything).
 */
export function buildLinks(adapter: AnyAdapter, links: Link[], stamps: BuiltStamp[], linkCtx: LinkContext): { traffic?: TrafficPort } {
  const byRegion = new Map(stamps.map((s) => [s.stamp.region, s]));
  const built = (region: string) => {
    const s = byRegion.get(region);
    if (!s) throw new Error(`link names region ${region}, which has no built stamp`);
    return s;
  };
  let traffic: TrafficPort | undefined;
  for (const link of links) {
    switch (link.kind) {
      case "database-replication":
        adapter.links["database-replication"]!.build(link, built(link.from), built(link.to), linkCtx);
        break;
      case "database-backup-copy":
        adapter.links["database-backup-copy"]!.build(link, built(link.from), built(link.to), linkCtx);
        break;
      case "bucket-replication":
        adapter.links["bucket-replication"]!.build(link, built(link.from), built(link.to), linkCtx);
        break;
      case "traffic":
        traffic = adapter.links.traffic!.build(link, link.targets.map(built), linkCtx);
        break;
    }
  }
  return { traffic };
}

import type { LinkContext, TrafficPort } from "../ports/links";
import type { AnyAdapter } from "../stacks/registry";
import type { Link } from "../topology/types";
import type { BuiltStamp } from "./stamp";
import type { VaultStamp } from "./vault";

/**
 * Phase two: every link of the topology, through the cloud's link ports, once every stamp is built. The
 * topology only holds links the adapter builds (the program refuses the others before declaring anything).
 */
export function buildLinks(adapter: AnyAdapter, links: Link[], stamps: Array<BuiltStamp | VaultStamp>, linkCtx: LinkContext): { traffic?: TrafficPort } {
  const byRegion = new Map(stamps.map((s) => [s.stamp.region, s]));
  const built = (region: string) => {
    const s = byRegion.get(region);
    if (!s) throw new Error(`link names region ${region}, which has no built stamp`);
    return s;
  };
  /** A link's source is a full stamp: it has the database and buckets the link copies from. */
  const source = (region: string) => {
    const s = built(region);
    if (s.kind === "vault") throw new Error(`link from ${region}, which holds only copies`);
    return s;
  };
  let traffic: TrafficPort | undefined;
  for (const link of links) {
    switch (link.kind) {
      case "database-replication":
        adapter.links["database-replication"]!.build(link, source(link.from), source(link.to), linkCtx);
        break;
      case "database-backup-copy":
        adapter.links["database-backup-copy"]!.build(link, source(link.from), built(link.to), linkCtx);
        break;
      case "bucket-replication":
        adapter.links["bucket-replication"]!.build(link, source(link.from), built(link.to), linkCtx);
        break;
      case "traffic":
        traffic = adapter.links.traffic!.build(link, link.targets.map(source), linkCtx);
        break;
    }
  }
  return { traffic };
}

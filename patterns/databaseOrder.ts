import type { Stamp, Topology } from "../topology/types";

/**
 * The region whose database a stamp's database replicates, or was promoted from while that one still exists
 * (a re-seed replaces it by a replica of the promoted one, which then follows nothing).
 */
export function databaseSource(stamp: Stamp): string | undefined {
  const db = stamp.database;
  switch (db.kind) {
    // A restored database reads the copies of the source's backups that the source's stamp keeps declared.
    case "replica":
    case "reseeded":
    case "restored":
      return db.source;
    case "promoted":
      return db.formerSourceReseeded ? undefined : db.formerSource;
    default:
      return undefined;
  }
}

/** The stamps, each after the one its database follows (a replica needs its source's identifier). */
export function inDatabaseOrder(topology: Topology): Stamp[] {
  const ordered: Stamp[] = [];
  const visit = (stamp: Stamp, path: string[]) => {
    if (ordered.includes(stamp)) return;
    if (path.includes(stamp.region)) throw new Error(`database sources form a cycle: ${[...path, stamp.region].join(" -> ")}`);
    const source = databaseSource(stamp);
    const upstream = source ? topology.stamps.find((s) => s.region === source) : undefined;
    if (upstream) visit(upstream, [...path, stamp.region]);
    ordered.push(stamp);
  };
  for (const stamp of topology.stamps) visit(stamp, []);
  return ordered;
}

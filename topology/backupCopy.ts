import type { Topology } from "./types";

/**
 * The region `region`'s database backups are copied to, if the topology copies them (hot-cold's recovery
 * region while the home region is active). On Azure and Google Cloud the copy is a setting of the source
 * database itself (geo-redundant backup, the backups' location), so its `postgres()` asks here.
 */
export function backupCopyTarget(topology: Topology, region: string): string | undefined {
  const link = topology.links.find((l) => l.kind === "database-backup-copy" && l.from === region);
  return link?.kind === "database-backup-copy" ? link.to : undefined;
}

/**
 * Whether the stack keeps copies of `region`'s backups in another region in any of its states, normal running or
 * rebuilt. A setting of the source that is create-only (Flexible Server's geo-redundant backup) is decided by this
 * rather than by the current state, so the rebuild never changes it.
 */
export function backupsCopiedAway(topology: Topology, region: string): boolean {
  if (backupCopyTarget(topology, region) !== undefined) return true;
  return topology.stamps.some((s) => s.database.kind === "restored" && s.database.source === region);
}

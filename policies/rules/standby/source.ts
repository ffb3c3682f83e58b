/** The product page the standby rules come from. */
export const HOT_WARM = "Hot-warm active-standby";

/** Roles of a region that must neither sign nor receive users: kept warm for promotion, or isolated after a failover. */
export const QUIET_ROLES = ["standby", "cold", "recovery"];

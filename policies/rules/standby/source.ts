/** The product page the standby rules come from. */
export const HOT_WARM = "Hot-warm active-standby";

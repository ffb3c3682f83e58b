/**
 * The HA patterns of the product documentation: Cloud-native high availability (the default), and the
 * alternatives its "When not to use this pattern" section names: hot-warm, hot-cold and hot-hot (Hot-hot
 * active-active has a consortium and a public-EVM variant).
 */
export const PATTERNS = ["cloud-native", "hot-warm", "hot-cold", "hot-hot-public", "hot-hot-consortium"] as const;
export type Pattern = (typeof PATTERNS)[number];

/**
 * Facts from the product's HA documentation, in one place: the program's configuration and add-ons build from
 * them, and the policy pack checks against them, so the stack and its checks can never disagree.
 */
export * from "./backups";
export * from "./credentials";
export * from "./effort";
export * from "./labels";
export * from "./monitoring";
export * from "./patterns";
export * from "./recovery";
export * from "./source";
export * from "./validators";
export * from "./workloads";

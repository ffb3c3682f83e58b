import { dnsLabel, shortHash } from "../../components/shared/names";

/**
 * Physical names for the few GCP resources that cannot be auto-named by Pulumi, or whose auto-name could break
 * the service's length limit. Each is derived from the stack and region, so two stacks (or two regions of one
 * stack) in one project never collide, and the same stack always gets the same name.
 */
export const gcpName = dnsLabel;

/**
 * A service account id (6-30 characters: `[a-z][a-z0-9-]{4,28}[a-z0-9]`, Google Cloud IAM, "Create service
 * accounts", read 2026-11-22). Too short to hold stack and region, so those become a hash; the display name
 * carries them in full.
 */
export function serviceAccountId(purpose: string, stack: string, region: string): string {
  return gcpName(30, "dalp", purpose, shortHash(`${stack}/${region}`, 8));
}

/**
 * A custom role id (`[a-zA-Z0-9_.]{3,64}`, IAM "Create and manage custom roles", read 2026-11-22). A deleted
 * custom role keeps its id for 7 to 37 days; within 7 days the provider undeletes it, later the id is blocked,
 * so a stack recreated in that window needs a new stack name.
 */
export function customRoleId(purpose: string, stack: string, region: string): string {
  const id = `dalp_${stack}_${region}_${purpose}`.replace(/[^a-zA-Z0-9_.]+/g, "_");
  return id.length <= 64 ? id : `${id.slice(0, 57)}_${shortHash(id)}`;
}

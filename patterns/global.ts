import * as pulumi from "@pulumi/pulumi";

/**
 * What belongs to no region: the deployment's database password, DNS records, global health checks, traffic
 * profiles. A region's resources sit under its stamp, so whatever sits here survives the loss of any region.
 */
export class GlobalComponent extends pulumi.ComponentResource {
  /**
   * `drill`: whether a restore drill is configured and when the last one passed, as the operator records it
   * (`dalp:drill`), so the policy pack reads it from the graph. A component holds nothing in the cloud.
   */
  constructor(part: { drill: { enabled: boolean; lastRun?: string } }, opts?: pulumi.ComponentResourceOptions) {
    super("dalp:pattern:Global", "global", part, opts);
    this.registerOutputs(part);
  }
}

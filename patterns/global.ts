import * as pulumi from "@pulumi/pulumi";

/**
 * What belongs to no region: the deployment's database password, DNS records, global health checks, traffic
 * profiles. A region's resources sit under its stamp, so whatever sits here survives the loss of any region.
 */
export class GlobalComponent extends pulumi.ComponentResource {
  constructor(opts?: pulumi.ComponentResourceOptions) {
    super("dalp:pattern:Global", "global", {}, opts);
  }
}

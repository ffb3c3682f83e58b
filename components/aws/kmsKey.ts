import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The region's customer-managed key for Kubernetes secrets, the database, the cache, the buckets and Secrets
 * Manager. Rotated yearly; a 30-day deletion window and `protect` keep a stray change from destroying every
 * encrypted copy of the data at once.
 */
export class KmsKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;

  constructor(name: string, args: { description: string; alias: string }, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:KmsKey", name, {}, opts);
    this.key = new aws.kms.Key(`${name}-key`, {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      keyUsage: "ENCRYPT_DECRYPT",
    }, { parent: this, protect: true });
    new aws.kms.Alias(`${name}-alias`, { name: `alias/${args.alias}`, targetKeyId: this.key.keyId }, { parent: this });
    this.registerOutputs({ arn: this.key.arn });
  }
}

import * as kms from "@pulumi/gcp/kms";
import * as pulumi from "@pulumi/pulumi";

export interface KmsKeyArgs {
  /** Key rings are regional; GKE needs the key in the cluster's region. */
  location: string;
  rotationPeriodSeconds: number;
  destroyScheduledSeconds: number;
  /** Service agents allowed to encrypt and decrypt with the key (e.g. the GKE service agent). */
  encrypterDecrypters: pulumi.Input<string>[];
}

/**
 * The region's customer-managed key for application-layer encryption of Kubernetes Secrets. A key ring cannot
 * be deleted and a destroyed key makes every Secret it encrypted unreadable, so both are `protect`ed and the
 * provider refuses to destroy the key (`deletionPolicy: PREVENT`); destroyed versions stay restorable for the
 * scheduled-destroy period.
 */
export class KmsKey extends pulumi.ComponentResource {
  readonly keyRing: kms.KeyRing;
  readonly key: kms.CryptoKey;
  /** IAM grants that must exist before anything encrypts with the key. */
  readonly grants: kms.CryptoKeyIAMMember[];

  constructor(name: string, args: KmsKeyArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:KmsKey", name, {}, opts);
    this.keyRing = new kms.KeyRing(`${name}-ring`, { location: args.location }, { parent: this, protect: true });
    this.key = new kms.CryptoKey(`${name}-key`, {
      keyRing: this.keyRing.id,
      purpose: "ENCRYPT_DECRYPT",
      rotationPeriod: `${args.rotationPeriodSeconds}s`,
      destroyScheduledDuration: `${args.destroyScheduledSeconds}s`,
      deletionPolicy: "PREVENT",
    }, { parent: this, protect: true });
    this.grants = args.encrypterDecrypters.map((member, i) =>
      new kms.CryptoKeyIAMMember(`${name}-encrypter-${i}`, {
        cryptoKeyId: this.key.id,
        role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        member,
      }, { parent: this }),
    );
    this.registerOutputs({ keyId: this.key.id });
  }
}

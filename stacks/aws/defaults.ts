/**
 * AWS defaults for what the configuration leaves open, with the reason for each. Sizes are a starting point
 * for a production DALP deployment; the cost model prices whatever is configured.
 */
export const AWS_DEFAULTS = {
  /** In EKS standard support until 2027-08-02 (aws-samples EKS upgrade notes, 2026-08-03); 1.37 arrived 2026-10-01. */
  kubernetesVersion: "1.36",
  /** 4 vCPU / 16 GiB general purpose, x86 because not every DALP image is published for arm64. */
  nodeType: "m7i.xlarge",
  /** 2 vCPU / 8 GiB Graviton general purpose; RDS engines are architecture-neutral. */
  postgresInstanceClass: "db.m7g.large",
  /** 2 vCPU / 6.38 GiB Graviton general purpose. */
  cacheNodeType: "cache.m7g.large",
  /** ElastiCache engine versions: Valkey 8.1 (9.1 is newest on the engine-versions page, read 2026-11-22); Redis OSS 7.1, its last. */
  cacheEngineVersion: { valkey: "8.1", redis: "7.1" },
  /**
   * Days CloudWatch keeps the EKS control plane's logs (audit among them) and the database's logs, instead of
   * the "never expire" EKS and RDS leave behind: a year, as PCI DSS v4.0 requirement 10.5.1 asks of audit log
   * history ("at least 12 months"). An estimate of what a regulated operator needs, not a product-docs value.
   */
  logRetentionDays: 365,
} as const;

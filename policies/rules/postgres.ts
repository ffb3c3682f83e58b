import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, resourceRule, stackRule } from "./kit";
import { MANAGED_POSTGRES, T } from "./types";

const READINESS = "Cloud-native HA, Production readiness checks: Managed PostgreSQL";

export const postgresRules: DalpPolicy[] = [
  resourceRule(
    {
      name: "dalp-postgres-require-ha",
      description: "Managed PostgreSQL runs in the provider's zone-redundant HA mode.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${READINESS}; Provider patterns (RDS Multi-AZ, Azure Database zone-redundant HA, Cloud SQL Regional HA)`,
      remediationSteps:
        "AWS: set multiAz: true. Azure: set highAvailability.mode: ZoneRedundant with a standbyAvailabilityZone different from availabilityZone. GCP: set settings.availabilityType: REGIONAL.",
    },
    MANAGED_POSTGRES,
    (props, args, report) => {
      if (args.type === T.aws.rdsInstance && props.multiAz !== true) report("multiAz is not true: a zone failure takes the database down until a restore.");
      if (args.type === T.azure.postgres) {
        const mode = get(props, "highAvailability.mode");
        if (mode !== "ZoneRedundant") report(`highAvailability.mode is ${JSON.stringify(mode ?? "Disabled")}, not "ZoneRedundant".`);
        const standby = get(props, "highAvailability.standbyAvailabilityZone");
        if (mode === "ZoneRedundant" && standby !== undefined && standby === props.availabilityZone) {
          report(`the standby is in the primary's zone (${standby}): a zone failure takes both.`);
        }
      }
      if (args.type === T.gcp.sql && get(props, "settings.availabilityType") !== "REGIONAL") {
        report(`settings.availabilityType is ${JSON.stringify(get(props, "settings.availabilityType") ?? "ZONAL")}, not "REGIONAL".`);
      }
    },
  ),

  resourceRule(
    {
      name: "dalp-postgres-require-pitr",
      description: "Point-in-time recovery is on, with backups kept at least the configured number of days.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: "Backup and recovery, What gets backed up: PostgreSQL, continuous, 30 days; PostgreSQL PITR",
      remediationSteps:
        "AWS: backupRetentionPeriod >= 30 (max 35). Azure: backup.backupRetentionDays >= 30 (max 35). GCP: settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled, transactionLogRetentionDays >= 30 (Enterprise Plus edition; max 35).",
      configSchema: { properties: { minRetentionDays: { type: "integer", minimum: 1, default: 30 } } },
    },
    MANAGED_POSTGRES,
    (props, args, report) => {
      const { minRetentionDays } = args.getConfig<{ minRetentionDays: number }>();
      const below = (what: string, days: unknown) => report(`${what} is ${JSON.stringify(days ?? null)}; at least ${minRetentionDays} days are required.`);
      if (args.type === T.aws.rdsInstance) {
        // A read replica inherits its source's backups until it is promoted.
        if (props.replicateSourceDb) args.notApplicable("a read replica keeps no backups of its own until promoted");
        if (!(Number(props.backupRetentionPeriod) >= minRetentionDays)) below("backupRetentionPeriod", props.backupRetentionPeriod);
      }
      if (args.type === T.azure.postgres) {
        const days = get(props, "backup.backupRetentionDays");
        if (!(Number(days) >= minRetentionDays)) below("backup.backupRetentionDays", days);
      }
      if (args.type === T.gcp.sql) {
        const backup = get(props, "settings.backupConfiguration") ?? {};
        if (backup.enabled !== true) report("settings.backupConfiguration.enabled is not true.");
        if (backup.pointInTimeRecoveryEnabled !== true) report("settings.backupConfiguration.pointInTimeRecoveryEnabled is not true.");
        if (!(Number(backup.transactionLogRetentionDays) >= minRetentionDays)) below("settings.backupConfiguration.transactionLogRetentionDays", backup.transactionLogRetentionDays);
      }
    },
  ),

  stackRule(
    {
      name: "dalp-postgres-enable-deletion-protection",
      description: "Managed PostgreSQL cannot be deleted by a single API call, and AWS keeps a final snapshot.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${READINESS}; Backup and recovery, Recovery boundary`,
      remediationSteps:
        "AWS: deletionProtection: true and skipFinalSnapshot: false. GCP: deletionProtection: true and settings.deletionProtectionEnabled: true. Azure: a CanNotDelete management lock on the server or its resource group.",
    },
    (args, report) => {
      for (const db of ofTypes(args.resources, MANAGED_POSTGRES)) {
        const p = db.props;
        if (db.type === T.aws.rdsInstance) {
          if (p.deletionProtection !== true) report("deletionProtection is not true.", db.urn);
          if (p.skipFinalSnapshot === true) report("skipFinalSnapshot is true: deleting the instance would leave no final snapshot.", db.urn);
        } else if (db.type === T.gcp.sql) {
          if (p.deletionProtection === false) report("deletionProtection is false (Pulumi side).", db.urn);
          if (get(p, "settings.deletionProtectionEnabled") !== true) report("settings.deletionProtectionEnabled is not true (API side).", db.urn);
        } else if (db.type === T.azure.postgres && !hasDeleteLock(db, args.resources)) {
          report("no CanNotDelete management lock covers the server.", db.urn);
        }
      }
    },
  ),

  resourceRule(
    {
      name: "dalp-postgres-require-encryption",
      description: "Managed PostgreSQL storage is encrypted at rest.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: READINESS,
      remediationSteps: "AWS: storageEncrypted: true (with kmsKeyId for a customer-managed key). Azure Flexible Server and Cloud SQL always encrypt at rest.",
    },
    MANAGED_POSTGRES,
    (props, args, report) => {
      if (args.type !== T.aws.rdsInstance) args.notApplicable("the service always encrypts storage at rest");
      if (props.storageEncrypted !== true) report("storageEncrypted is not true.");
    },
  ),

  resourceRule(
    {
      name: "dalp-postgres-deny-public-access",
      description: "Managed PostgreSQL has no public endpoint.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: READINESS,
      remediationSteps:
        "AWS: publiclyAccessible: false in private subnets. Azure: network.publicNetworkAccess: Disabled with a delegated subnet. GCP: settings.ipConfiguration.ipv4Enabled: false with a private network.",
    },
    MANAGED_POSTGRES,
    (props, args, report) => {
      if (args.type === T.aws.rdsInstance && props.publiclyAccessible === true) report("publiclyAccessible is true.");
      if (args.type === T.azure.postgres && get(props, "network.publicNetworkAccess") !== "Disabled") {
        report(`network.publicNetworkAccess is ${JSON.stringify(get(props, "network.publicNetworkAccess") ?? "Enabled")}.`);
      }
      if (args.type === T.gcp.sql && get(props, "settings.ipConfiguration.ipv4Enabled") !== false) report("settings.ipConfiguration.ipv4Enabled is not false: the instance has a public IP.");
    },
  ),

  stackRule(
    {
      name: "dalp-postgres-require-tls",
      description: "Managed PostgreSQL refuses connections without TLS.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${READINESS}; Managed cache row for TLS settings`,
      remediationSteps:
        "AWS: a parameter group with rds.force_ssl = 1. Azure: keep the server parameter require_secure_transport on. GCP: settings.ipConfiguration.sslMode: ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).",
    },
    (args, report) => {
      for (const db of ofTypes(args.resources, MANAGED_POSTGRES)) {
        if (db.type === T.aws.rdsInstance) {
          const group = args.resources.find((r) => r.type === T.aws.rdsParameterGroup && r.props.name === db.props.parameterGroupName);
          const forced = ((group?.props.parameters as Array<{ name: string; value: string }> | undefined) ?? []).some((p) => p.name === "rds.force_ssl" && String(p.value) === "1");
          if (!forced) report(`parameter group ${JSON.stringify(db.props.parameterGroupName ?? "default")} does not set rds.force_ssl = 1.`, db.urn);
        } else if (db.type === T.azure.postgres) {
          const off = args.resources.find(
            (r) => r.type === T.azure.postgresConfiguration && r.props.configurationName === "require_secure_transport" && String(r.props.value).toLowerCase() === "off" && r.props.serverName === db.props.serverName,
          );
          if (off) report("require_secure_transport is switched off.", db.urn);
        } else if (db.type === T.gcp.sql) {
          const ip = get(db.props, "settings.ipConfiguration") ?? {};
          if (!["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(ip.sslMode) && ip.requireSsl !== true) {
            report(`settings.ipConfiguration.sslMode is ${JSON.stringify(ip.sslMode ?? "ALLOW_UNENCRYPTED_AND_ENCRYPTED")}.`, db.urn);
          }
        }
      }
    },
  ),
];

/** Whether a CanNotDelete lock covers an Azure resource: on it, by its id as scope, or on its resource group. */
export function hasDeleteLock(resource: PolicyResource, resources: PolicyResource[]): boolean {
  const id = String(resource.props.id ?? "");
  const name = resource.props.serverName ?? resource.props.name ?? resource.props.accountName ?? resource.props.resourceName;
  const group = resource.props.resourceGroupName;
  return resources.some((lock) => {
    if (lock.props.level !== "CanNotDelete") return false;
    if (lock.type === T.azure.lockAtResource) return lock.props.resourceName === name && lock.props.resourceGroupName === group;
    if (lock.type === T.azure.lockByScope) {
      const scope = String(lock.props.scope ?? "");
      return (id !== "" && scope.toLowerCase() === id.toLowerCase()) || (group !== undefined && scope.toLowerCase().endsWith(`/resourcegroups/${String(group).toLowerCase()}`));
    }
    return lock.type === "azure-native:authorization:ManagementLockAtResourceGroupLevel" && lock.props.resourceGroupName === group;
  });
}

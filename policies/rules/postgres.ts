import { databaseSettings, DATABASE_TYPES, viewOf } from "../view";
import type { DatabaseSettings } from "../view";
import { DalpPolicy, DRILL_EXEMPT, inDrill, resourceRule, stackRule } from "./kit";

const READINESS = "Cloud-native HA, Production readiness checks: Managed PostgreSQL";

/** The database facts of the resource a resource rule is looking at (its type is one of DATABASE_TYPES). */
const settingsOf = (type: string, props: Record<string, any>): DatabaseSettings => databaseSettings(type, props) as DatabaseSettings;

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
    DATABASE_TYPES,
    (props, args, report) => {
      if (inDrill(args.urn)) args.notApplicable(DRILL_EXEMPT);
      const { ha } = settingsOf(args.type, props);
      if (ha.unsupported) args.notApplicable(ha.unsupported);
      if (ha.mode !== "zone-redundant") report(ha.problem ?? `the ${ha.mode} HA mode does not survive a zone failure.`);
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
    DATABASE_TYPES,
    (props, args, report) => {
      if (inDrill(args.urn)) args.notApplicable(DRILL_EXEMPT);
      const { minRetentionDays } = args.getConfig<{ minRetentionDays: number }>();
      const { backups } = settingsOf(args.type, props);
      if (!backups.ownBackups) args.notApplicable("a read replica keeps no backups of its own until promoted");
      for (const problem of backups.problems) report(problem);
      if (!((backups.retentionDays ?? 0) >= minRetentionDays)) {
        report(`${backups.retentionSetting} is ${JSON.stringify(backups.retentionRaw ?? null)}; at least ${minRetentionDays} days are required.`);
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
      const view = viewOf(args.resources);
      // The return's release step lifts it from the former primary on purpose, for the next step to delete it.
      for (const db of view.databases.filter((d) => !view.releasedForReturn.has(d.urn) && !inDrill(d.urn))) for (const problem of db.deletionProblems) report(problem, db.urn);
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
    DATABASE_TYPES,
    (props, args, report) => {
      const { encryption } = settingsOf(args.type, props);
      if (encryption === "always") args.notApplicable("the service always encrypts storage at rest");
      else if (!encryption.on) report(encryption.problem ?? "storage is not encrypted at rest.");
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
    DATABASE_TYPES,
    (props, args, report) => {
      const { publicAccess } = settingsOf(args.type, props);
      if (publicAccess) report(publicAccess);
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
      for (const db of viewOf(args.resources).databases) if (db.tlsProblem) report(db.tlsProblem, db.urn);
    },
  ),
];


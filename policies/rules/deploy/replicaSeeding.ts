import { viewOf } from "../../view";
import { DalpPolicy, stackRule } from "../kit";

/**
 * A cross-region replica is seeded with a copy of its source before the cloud reports it created, which takes
 * as long as moving the source's data between regions. The providers' default create timeouts are sized for an
 * empty instance: 40 minutes for RDS (terraform-provider-aws rds instance Timeouts), 90 for Cloud SQL
 * (terraform-provider-google resource_sql_database_instance.go Timeouts), 2 hours per operation for
 * azure-native, where Microsoft gives "minutes to several hours" for a geo replica (concepts-read-replicas);
 * all read 2026-12-01. A timeout fails the update half-way: the replica goes on building, recorded with an
 * error (Cloud SQL: forgotten), and in a return the former primary's deletion never runs.
 */
export const replicaSeedingRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-wait-for-replica-seeding",
    description: "A cross-region database replica waits long enough to be created: its data is copied across regions first.",
    severity: "high",
    // A timed-out create is recoverable (import or retry), so the rule advises rather than blocks.
    enforcementLevel: "advisory",
    source: "Hot-warm active-standby, Production requirements (PostgreSQL replicated cross-region); the providers' create timeouts (see the rule's source file)",
    remediationSteps: "Set the resource option customTimeouts.create on the replica to at least minCreateHours (the stacks use 6 h on RDS and Cloud SQL and 12 h on Flexible Server).",
    configSchema: { properties: { minCreateHours: { type: "integer", minimum: 1, default: 6 } } },
  },
  (args, report) => {
    const { minCreateHours } = args.getConfig<{ minCreateHours: number }>();
    const replicas = viewOf(args.resources).databases.filter((d) => d.streams);
    if (replicas.length === 0) args.notApplicable("no database of the stack is a cross-region replica");
    for (const db of replicas) {
      const seconds = db.resource.opts.customTimeouts?.createSeconds ?? 0;
      if (seconds < minCreateHours * 3600) {
        const given = seconds > 0 ? `${seconds / 3600} h` : "the provider's default";
        report(`${db.service} replica ${db.resource.name} waits ${given} to be created; seeding it across regions may take longer: at least ${minCreateHours} h.`, db.urn);
      }
    }
  },
);

import type { CloudCommands, DatabaseRef } from "./types";

/**
 * The instance name of a Cloud SQL connection name `project:region:instance` (the stack's identifier output);
 * a lookup of that output gets the split appended to its jq filter.
 */
function instanceName(db: DatabaseRef): string {
  const lookup = /^\$\((.*) \| jq -r '(.*)'\)$/.exec(db.identifier);
  if (lookup) return `$(${lookup[1]} | jq -r '${lookup[2]} | split(":")[2]')`;
  const parts = db.identifier.split(":");
  return parts.length === 3 ? parts[2] : db.identifier;
}

function projectOf(db: DatabaseRef): string {
  const parts = db.identifier.split(":");
  return db.project ?? (parts.length === 3 ? parts[0] : "<project>");
}

/** gcloud spellings of the runbook's reads. */
export const GCP_COMMANDS: CloudCommands = {
  cloud: "gcp",
  databaseModules: ["sql"],
  // Promote replicas (cloud.google.com/sql/docs/postgres/replication/manage-replicas#promote-replica, read 2026-12-01).
  promotion: "Cloud SQL promotes the cross-region replica to a standalone primary in place; it keeps its name and address",
  describeDatabase: (db, expect) => ({
    run: `gcloud sql instances describe ${instanceName(db)} --project ${projectOf(db)} --format='yaml(state,instanceType,masterInstanceName,region)'`,
    expect,
    calls: "Cloud SQL Admin API (global endpoint)",
  }),
  // replica_lag: seconds the replica is behind (cloud.google.com/sql/docs/postgres/replication/replication-lag,
  // "Monitor replication lag", read 2026-12-01); read through the Monitoring API, which gcloud has no time-series command for.
  replicaLag: (db) => ({
    run: `curl -s -H "Authorization: Bearer $(gcloud auth print-access-token)" "https://monitoring.googleapis.com/v3/projects/${projectOf(db)}/timeSeries?filter=metric.type%3D%22cloudsql.googleapis.com%2Fdatabase%2Freplication%2Freplica_lag%22%20AND%20resource.labels.database_id%3D%22${projectOf(db)}%3A${instanceName(db)}%22&interval.startTime=$(date -u -d '-60 min' +%FT%TZ)&interval.endTime=$(date -u +%FT%TZ)"`,
    expect: "the replica's lag in seconds; the last point reported before the source failed bounds the writes the replica is missing",
    calls: "Cloud Monitoring API (global endpoint)",
  }),
  // Cross-bucket replication copies only objects written after the job is created; a one-time transfer job copies
  // the rest (Storage Transfer Service, "Use cross-bucket replication", Limitations; `gcloud transfer jobs create`
  // without a schedule runs once, at once; read 2026-12-01).
  backfillBucket: (from, to, prefix) => ({
    run: `gcloud transfer jobs create "gs://${from.name}/" "gs://${to.name}/" --project ${from.project ?? "<project>"}${prefix ? ` --include-prefixes=${prefix}` : ""} --description="dalp return: objects of ${from.region} from before replication began"`,
    expect: `a job name; \`gcloud transfer operations list --job-names=<name> --project ${from.project ?? "<project>"}\` reports SUCCESS once ${to.region}'s bucket holds every object of ${from.region}'s${prefix ? ` under ${prefix}` : ""}`,
    calls: "Storage Transfer Service (global endpoint)",
  }),
  latestBackup: (_standby, source) => ({
    run: `gcloud sql backups list --instance ${instanceName(source)} --project ${projectOf(source)} --limit 5`,
    expect: `the latest successful backups of ${instanceName(source)}; Cloud SQL keeps them in a multi-region location by default, readable while the source region is down`,
    calls: "Cloud SQL Admin API (global endpoint)",
  }),
  routing: (t) => ({
    run: `gcloud dns record-sets describe ${t.hostname}. --type A --zone ${t.zone ?? "<dalp:traffic.zone>"} --project ${t.project ?? "<project>"}`,
    expect: "the record's primary-backup routing policy: the primary targets, the backup and the health check",
    calls: "Cloud DNS (global)",
  }),
  healthCheck: (t, region, id) => ({
    run: `gcloud compute health-checks describe ${id} --project ${t.project ?? "<project>"}`,
    expect: `the probe Cloud DNS uses to decide whether ${region} receives traffic`,
    calls: "Compute Engine API (global health check)",
  }),
  // Object versioning lists noncurrent generations with --all-versions (gcloud storage ls, read 2026-12-01).
  // The provider creates the instance, then restores the backup into it; a restore that fails (not one that times
  // out) leaves an empty instance in the state, which a later update never restores again (the restore input is
  // ignored once created; terraform-provider-google resource_sql_database_instance.go, read 2026-12-01).
  rebuildCaveat:
    "if the update failed on the backup's restore (not on a timeout), the restored instance exists and is empty: restore the backup into it by hand (gcloud sql backups restore <backup id from step 2> --restore-instance <the restored instance> --backup-instance <the home instance>), check that the dalp role and database are there, then rerun the update",
  objectVersions: (b) => ({
    run: `gcloud storage ls --all-versions --long gs://${b.name}/** --project ${b.project ?? "<project>"} | head -40`,
    expect: "the newest generations of the application's objects: the files the restored DALP reads must be there, at generations no newer than the restore point",
    calls: "Cloud Storage (global endpoint)",
  }),
};

import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { restoreScript } from "../addons/velero/namespaceRestore";

/**
 * The restore job's script against a stub kubectl that plays Velero: a location that syncs late, backups of
 * several schedules and phases, a Restore that completes or fails. Needs bash and jq (the kubectl image has
 * both); `.ci/run` installs jq where it is missing and sets DALP_HA_REQUIRE_JQ, which turns a missing jq into a
 * failure.
 */
const hasJq = spawnSync("jq", ["--version"]).status === 0;
if (!hasJq && process.env.DALP_HA_REQUIRE_JQ !== "1") console.warn("jq is not installed: the restore job's script is not exercised (apt-get install -y jq)");

const BACKUPS = {
  items: [
    { metadata: { name: "velero-dalp-hourly-20261201100000" }, status: { phase: "Completed", startTimestamp: "2026-12-01T10:00:00Z" } },
    { metadata: { name: "velero-dalp-hourly-20261201110000" }, status: { phase: "Completed", startTimestamp: "2026-12-01T11:00:00Z" } },
    { metadata: { name: "velero-dalp-hourly-20261201120000" }, status: { phase: "PartiallyFailed", startTimestamp: "2026-12-01T12:00:00Z" } },
    { metadata: { name: "velero-dalp-daily-20261201020000" }, status: { phase: "Completed", startTimestamp: "2026-12-01T02:00:00Z" } },
  ],
};

/** A kubectl that answers from files in `dir`, counting the location's sync polls, and a sleep that does not wait. */
function stubs(dir: string, finalPhase: string): void {
  fs.writeFileSync(path.join(dir, "backups.json"), JSON.stringify(BACKUPS));
  fs.writeFileSync(path.join(dir, "sleep"), "#!/bin/bash\nexit 0\n", { mode: 0o755 });
  fs.writeFileSync(
    path.join(dir, "kubectl"),
    `#!/bin/bash
d=${dir}
echo "$*" >> $d/calls
case "$*" in
  *"get backupstoragelocations.velero.io"*)
    n=$(cat $d/polls 2>/dev/null || echo 0); echo $((n + 1)) > $d/polls
    [ "$n" -ge 2 ] && echo "2026-12-01T12:30:00Z"; exit 0 ;;
  *"get backups.velero.io"*) echo "$*" > $d/selector; cat $d/backups.json ;;
  *"create -f -"*) cat > $d/restore.json ;;
  *"delete restores.velero.io"*) rm -f $d/restore.json $d/phasepolls $d/previous; echo deleted >> $d/deletions ;;
  *"get restores.velero.io"*"jsonpath"*)
    if [ -f $d/previous ]; then cat $d/previous; exit 0; fi
    [ -f $d/restore.json ] || exit 1
    m=$(cat $d/phasepolls 2>/dev/null || echo 0); echo $((m + 1)) > $d/phasepolls
    [ "$m" -ge 1 ] && echo ${finalPhase} || echo InProgress ;;
  *"get restores.velero.io"*) [ -f $d/restore.json ] ;;
esac
`,
    { mode: 0o755 },
  );
}

function run(env: Record<string, string>, finalPhase = "Completed", previous?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dalp-restore-"));
  stubs(dir, finalPhase);
  // A Restore of the same name left by an earlier attempt, in this phase.
  if (previous) fs.writeFileSync(path.join(dir, "previous"), `${previous}\n`);
  const result = spawnSync("bash", ["-c", restoreScript()], {
    encoding: "utf8",
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      RESTORE: "dalp-rebuild",
      LOCATION: "replicated-eu-central-1",
      SCHEDULES: "velero-dalp-hourly,velero-dalp-daily,velero-dalp-weekly",
      SOURCE_NAMESPACE: "dalp",
      TARGET_NAMESPACE: "dalp",
      POINT_IN_TIME: "",
      EXCLUDED: "",
      RESOURCE_MODIFIER: "",
      SYNC_WAIT_SECONDS: "60",
      ...env,
    },
  });
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : undefined);
  return { ...result, restore: read("restore.json") ? JSON.parse(read("restore.json")!) : undefined, selector: read("selector"), polls: Number(read("polls")), deletions: read("deletions") };
}

(hasJq || process.env.DALP_HA_REQUIRE_JQ === "1" ? describe : describe.skip)("the restore job's script", () => {
  it("waits for the location's first sync, then restores the latest completed backup, pods and volumes included", () => {
    const r = run({});
    expect(r.status).toBe(0);
    expect(r.polls).toBe(3);
    expect(r.selector).toContain("velero.io/storage-location=replicated-eu-central-1,velero.io/schedule-name in (velero-dalp-hourly,velero-dalp-daily,velero-dalp-weekly)");
    expect(r.restore).toEqual({
      apiVersion: "velero.io/v1",
      kind: "Restore",
      metadata: { name: "dalp-rebuild", namespace: "velero" },
      spec: { backupName: "velero-dalp-hourly-20261201110000", includedNamespaces: ["dalp"], restorePVs: true, existingResourcePolicy: "none" },
    });
  });

  it("takes no backup started after the point in time, and maps the namespace of a drill", () => {
    const r = run({ POINT_IN_TIME: "2026-12-01T10:30:00Z", TARGET_NAMESPACE: "dalp-drill", EXCLUDED: "ingresses.networking.k8s.io" });
    expect(r.status).toBe(0);
    expect(r.restore.spec).toMatchObject({ backupName: "velero-dalp-hourly-20261201100000", namespaceMapping: { dalp: "dalp-drill" }, excludedResources: ["ingresses.networking.k8s.io"] });
  });

  it("fails, naming the command to read, when no backup qualifies, when the location never syncs, or when the restore fails", () => {
    const none = run({ POINT_IN_TIME: "2026-11-01T00:00:00Z" });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no completed backup .* started by '2026-11-01T00:00:00Z'.*velero backup get/);
    expect(none.restore).toBeUndefined();
    const unsynced = run({ SYNC_WAIT_SECONDS: "10" });
    expect(unsynced.status).toBe(1);
    expect(unsynced.stderr).toMatch(/has not synced after 10 s: velero backup-location get replicated-eu-central-1/);
    const partial = run({}, "PartiallyFailed");
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(/restore dalp-rebuild ended PartiallyFailed: velero restore describe dalp-rebuild --details/);
  });

  it("stops on an earlier attempt that failed, naming what to clear, rather than restoring over it", () => {
    const again = run({}, "Completed", "PartiallyFailed");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/ended PartiallyFailed in an earlier attempt: .*delete all,pvc,secret,configmap -l velero.io\/restore-name=dalp-rebuild.*velero restore delete dalp-rebuild --confirm/);
    expect(again.restore).toBeUndefined();
    expect(again.deletions).toBeUndefined();
  });

  it("names the drill's modifiers in the Restore", () => {
    const drill = run({ RESOURCE_MODIFIER: "dalp-drill-restore-modifiers" });
    expect(drill.status).toBe(0);
    expect(drill.restore.spec).toMatchObject({ resourceModifier: { kind: "ConfigMap", name: "dalp-drill-restore-modifiers" } });
  });

  it("is valid bash", () => {
    expect(() => execFileSync("bash", ["-n", "-c", restoreScript()])).not.toThrow();
  });
});

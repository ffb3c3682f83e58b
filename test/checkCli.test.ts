import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../planner/stackFiles";

const BIN = path.join(PROJECT_ROOT, "bin", "dalp-ha.js");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-check-"));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("dalp-ha check (as a process)", () => {
  let exportFile: string;
  beforeAll(() => {
    exportFile = path.join(tmp(), "plan.json");
    expect(cli("plan", "aws-cloud-native", "--json", exportFile).code).toBe(0);
  });

  it("passes the reference stack with exit 0", () => {
    const { code, stdout } = cli("check", "aws-cloud-native");
    expect(code).toBe(0);
    // The one advisory every reference stack has: a stack file cannot know when its deployment last drilled.
    expect(stdout).toMatch(/^dalp-ha\/aws-cloud-native \(Pulumi\.aws-cloud-native\.yaml\): 0 mandatory, 1 advisory violation\(s\)\n {2}medium\n {4}\[advisory\] dalp-backup-drill-restores: no restore drill is running and none is recorded/);
  });

  it("reads a pulumi stack export with --state and prints JSON", () => {
    const { code, stdout } = cli("check", "--state", exportFile, "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((v: { policy: string }) => v.policy)).toEqual(["dalp-backup-drill-restores"]);
  });

  it("exits 1 on a mandatory violation, grouped by severity with the fix", () => {
    const doc = JSON.parse(fs.readFileSync(exportFile, "utf8"));
    const db = doc.deployment.resources.find((r: { type: string }) => r.type === "aws:rds/instance:Instance");
    db.inputs.publiclyAccessible = true;
    db.outputs.publiclyAccessible = true;
    const broken = path.join(tmp(), "broken.json");
    fs.writeFileSync(broken, JSON.stringify(doc));

    const text = cli("check", "--state", broken);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/1 mandatory, 1 advisory violation\(s\)\n {2}critical\n {4}\[mandatory\] dalp-postgres-deny-public-access: publiclyAccessible is true\.\n {6}resource: urn:pulumi:aws-cloud-native::dalp-ha::.*aws:rds\/instance:Instance::eu-central-1-postgres-db\n {6}fix: AWS: publiclyAccessible: false/);

    const json = cli("check", "--state", broken, "--format", "json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")).toEqual([
      { policy: "dalp-postgres-deny-public-access", severity: "critical", enforcementLevel: "mandatory", urn: db.urn, message: "publiclyAccessible is true." },
    ]);

    const sarif = JSON.parse(cli("check", "--state", broken, "--format", "sarif").stdout);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThan(20);
    expect(run.results.filter((r: { level: string }) => r.level === "error")).toEqual([
      expect.objectContaining({
        ruleId: "dalp-postgres-deny-public-access",
        level: "error",
        message: { text: "publiclyAccessible is true." },
        locations: [{ physicalLocation: { artifactLocation: { uri: broken } }, logicalLocations: [{ fullyQualifiedName: db.urn, kind: "resource" }] }],
      }),
    ]);
    const error = run.results.find((r: { level: string }) => r.level === "error");
    expect(run.tool.driver.rules[error.ruleIndex].id).toBe("dalp-postgres-deny-public-access");
  });

  it("applies a policy configuration file", () => {
    const config = path.join(tmp(), "policy.json");
    fs.writeFileSync(config, JSON.stringify({ "dalp-postgres-require-pitr": { minRetentionDays: 35 } }));
    const { code, stdout } = cli("check", "aws-cloud-native", "--policy-config", config, "--format", "json");
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0]).toMatchObject({ policy: "dalp-postgres-require-pitr", message: "backupRetentionPeriod is 30; at least 35 days are required." });
    fs.writeFileSync(config, JSON.stringify({ "dalp-postgres-require-pitr": { minRetentionDays: 35, enforcementLevel: "advisory" } }));
    expect(cli("check", "aws-cloud-native", "--policy-config", config).code).toBe(0);
  });

  it.each([
    [["check"], /name what to check/],
    [["check", "aws-cloud-native", "--format", "yaml"], /--format must be one of text, json, sarif/],
    [["check", "--state", "/nonexistent.json"], /--state \/nonexistent\.json: no such file/],
    [["check", "--state", path.join(PROJECT_ROOT, "package.json")], /is not a pulumi stack export of deployment version 3/],
    [["check", "no-such-stack"], /no reference stack "no-such-stack"/],
  ])("exits 2 with a message for bad usage: %j", (args, message) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 3, not 1, for an invalid stack configuration, naming the file", () => {
    const file = path.join(tmp(), "Pulumi.broken.yaml");
    const doc = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.aws-cloud-native.yaml"), "utf8").replace("backupRetentionDays: 30", "backupRetentionDays: 90");
    fs.writeFileSync(file, doc);
    const { code, stdout, stderr } = cli("check", "--config", file);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Invalid DALP configuration in .*Pulumi\.broken\.yaml; nothing was declared:\n {2}- dalp:postgres\.backupRetentionDays: got 90/);
  });

  describe("refuses a malformed export with the index of each bad entry", () => {
    const broken = (change: (resources: any[]) => void) => {
      const doc = JSON.parse(fs.readFileSync(exportFile, "utf8"));
      change(doc.deployment.resources);
      const file = path.join(tmp(), "state.json");
      fs.writeFileSync(file, JSON.stringify(doc));
      return file;
    };
    it.each([
      ["a null entry", (r: any[]) => r.push(null), /has 1 malformed resource entry; nothing was checked:\n {2}- resources\[\d+\] is null, not a resource object/],
      ["entries without urn or type", (r: any[]) => (delete r[3].urn, delete r[4].type), /has 2 malformed resource entries.*\n {2}- resources\[3\] has no urn\n {2}- resources\[4\] \(urn:pulumi:.*\) has no type/s],
      ["a urn that is not one", (r: any[]) => (r[2].urn = "eu-central-1-vpc"), /resources\[2\] has the urn "eu-central-1-vpc", not urn:pulumi:<stack>::<project>::<type>::<name>/],
      ["a type its urn contradicts", (r: any[]) => (r[5].type = "aws:s3/bucket:Bucket"), /resources\[5\] \(urn:pulumi:.*\) has the type aws:s3\/bucket:Bucket, but its urn says/],
      ["inputs that are not an object", (r: any[]) => (r[6].inputs = "x"), /resources\[6\] \(urn:pulumi:.*\) has inputs that is the string "x", not an object/],
      ["a urn twice", (r: any[]) => r.push(structuredClone(r[7])), /repeats the urn of resources\[7\]/],
    ])("%s", (_label, change, message) => {
      const file = broken(change);
      const { code, stderr } = cli("check", "--state", file);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).toContain(file);
      expect(stderr).not.toMatch(/TypeError|\n\s+at /);
    });

    it("leaves out resources pending deletion, which are not part of the stack any more", () => {
      const file = broken((r) => r.push({ ...structuredClone(r.find((x: any) => x.type === "aws:rds/instance:Instance")), delete: true, inputs: { publiclyAccessible: true }, outputs: { publiclyAccessible: true } }));
      expect(cli("check", "--state", file).code).toBe(0);
    });

    it("says to use --config for a stack file", () => {
      const { code, stderr } = cli("check", "--state", path.join(PROJECT_ROOT, "Pulumi.aws-cloud-native.yaml"));
      expect(code).toBe(2);
      expect(stderr).toMatch(/it looks like a stack file: check it with dalp-ha check --config/);
    });
  });

  it("exits 2 for an invalid policy configuration", () => {
    const config = path.join(tmp(), "policy.json");
    fs.writeFileSync(config, JSON.stringify({ "dalp-nope": "advisory" }));
    const { code, stderr } = cli("check", "aws-cloud-native", "--policy-config", config);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid policy configuration:\n {2}- "dalp-nope" is not a policy of this pack/);
  });
});

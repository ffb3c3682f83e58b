import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../planner/stackFiles";
import { referenceDoc, writeStackFile } from "./helpers/stacks";

const BIN = path.join(PROJECT_ROOT, "bin", "dalp-ha.js");

/** Runs the CLI as a user would: a separate Node process, from another working directory. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: os.tmpdir(), encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("dalp-ha plan (as a process)", () => {
  it("plans aws-cloud-native when no stack is named", () => {
    const { code, stdout, stderr } = cli("plan");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Plan of dalp-ha\/aws-cloud-native: \d+ resources in \d+ components \(9 protected\), offline/);
    expect(stdout).toMatch(/│ +aws:EksCluster +│[^\n]*\n│ +eu-central-1-eks +│/);
    expect(stdout).toContain("note: dalp:registryPassword is not in the stack file");
    expect(stdout).toContain("note: dalp:cluster.apiAccess.cidrs is not in the stack file");
  });

  it("writes the graph as pulumi stack export JSON with --json", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-cli-")), "out", "plan.json");
    const { code, stdout } = cli("plan", "aws-cloud-native", "--json", file);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${file}`);
    const exported = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(exported.version).toBe(3);
    expect(exported.deployment.resources.some((r: { type: string }) => r.type === "aws:rds/instance:Instance")).toBe(true);
  });

  it("exits 3 with the validation message, naming the file, for a bad configuration, and writes no JSON", () => {
    const doc = referenceDoc("aws-cloud-native");
    (doc.config["dalp:postgres"] as any).backupRetentionDays = 90;
    const stackFile = writeStackFile("broken", doc);
    const json = path.join(path.dirname(stackFile), "plan.json");
    const { code, stdout, stderr } = cli("plan", "--config", stackFile, "--json", json);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toContain(`Invalid DALP configuration in ${path.relative(os.tmpdir(), stackFile)}`);
    expect(stderr).toMatch(/dalp:postgres\.backupRetentionDays: got 90; expected an integer from 1 to 35 on aws/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(json)).toBe(false);
  });

  it("exits 2 and lists the reference stacks for an unknown stack", () => {
    const { code, stderr } = cli("plan", "aws-hot-nothing");
    expect(code).toBe(2);
    expect(stderr).toMatch(/no reference stack "aws-hot-nothing"; the reference stacks are: .*aws-cloud-native/);
  });

  it("exits 2 for a missing --config file and for an unknown command", () => {
    expect(cli("plan", "--config", "/nonexistent/Pulumi.x.yaml")).toMatchObject({ code: 2, stderr: expect.stringContaining("--config /nonexistent/Pulumi.x.yaml: no such file") });
    expect(cli("deploy").code).toBe(2);
  });

  it("exits 2 with a usage message for a --json path it cannot write, before planning", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-cli-"));
    const asDir = cli("plan", "--json", dir);
    expect(asDir.code).toBe(2);
    expect(asDir.stderr).toBe(`dalp-ha: --json ${dir} is a directory; name the file to write, such as ${path.join(dir, "plan.json")}\n`);
    expect(asDir.stdout).toBe("");
    const file = path.join(dir, "file");
    fs.writeFileSync(file, "");
    expect(cli("plan", "--json", path.join(file, "plan.json"))).toMatchObject({ code: 2, stderr: expect.stringContaining(`${file} is a file, not a directory`) });
  });

  it("exits 2 naming the file for a --config that is not a stack file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-cli-")), "image.png");
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const { code, stderr } = cli("plan", "--config", file);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^dalp-ha: ${file.replace(/[.]/g, "\\.")} is not a text file .*it is a PNG image`));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prints help, with the exit codes", () => {
    const { code, stdout } = cli("plan", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/--json <file>/);
    expect(stdout).toMatch(/With no STACK, plans aws-cloud-native/);
    expect(stdout).toMatch(/Exit codes:\n {2}0 {3}success\n {2}2 {3}bad usage or unreadable input .*\n {2}3 {3}invalid stack configuration/);
    expect(cli("--help").stdout).toMatch(/ {2}1 {3}the command's finding: check, a mandatory violation; diff, a change that stops pulumi up \(a protected resource replaced or deleted/);
  });
});

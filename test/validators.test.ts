import * as fs from "fs";
import { validatorReplicas, validatorValues, ValidatorsConfig } from "../addons/validators/values";
import { KUBECTL_IMAGE } from "../addons/validators/keyCheck";
import { ConfigError } from "../config/errors";
import { referenceValues, validateValues } from "./helpers/config";
import { patternHasValidators } from "../config/validatorsChecks";
import { VALIDATOR_ANNOTATIONS } from "../facts/validators";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import { isSecretValue, Plan, PlannedResource } from "../planner/model";
import { stackFilePath } from "../planner/stackFiles";
import { planTopology } from "../topology/topology";
import { descendants, inputsOf, ofType, plannedChange, referenceDoc } from "./helpers/stacks";

const KEYS = ["besu-node-validator-0-private-key", "besu-node-validator-1-private-key", "besu-node-validator-2-private-key", "besu-node-validator-3-private-key"];
const VALIDATORS = {
  repository: "oci://harbor.settlemint.com/dalp",
  chart: "network-nodes",
  version: "2.0.0",
  replicas: 4,
  replicaCountKey: "validatorReplicaCount",
  keySecrets: KEYS,
  values: { config: { minGasPrice: 0 }, persistence: { enabled: true, size: "20Gi" } },
};
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The one value a reference stack file leaves to each deployment: the runner's egress address. */
const withRunner = (c: Record<string, unknown>) => {
  c["dalp:cluster"] = { ...(c["dalp:cluster"] as object), apiAccess: { mode: "public", cidrs: ["198.51.100.7/32"] } };
};

const planOf = plannedChange;
const COMPONENT = "dalp:addons:Validators";

function validate(change: (v: Record<string, any>) => void = () => {}) {
  return validateValues({ ...referenceValues(), validators: structuredClone(VALIDATORS) }, change);
}

function errorOf(change: (v: Record<string, any>) => void): string {
  try {
    validate(change);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

const config = (over: Partial<ValidatorsConfig> = {}): ValidatorsConfig => ({ namespace: "dalp-validators", ...VALIDATORS, ...over });

describe("dalp:validators configuration", () => {
  it("is optional, and accepted with its defaults", () => {
    expect(validate((v) => delete v.validators).validators).toBeUndefined();
    const parsed = validate((v) => delete v.validators.replicaCountKey).validators!;
    expect(parsed).toMatchObject({ chart: "network-nodes", replicas: 4, namespace: "dalp-validators", replicaCountKey: "replicaCount", keySecrets: KEYS });
  });

  it.each<[string, (v: Record<string, any>) => void, RegExp]>([
    ["a repository that is not oci:// or https://", (v) => (v.validators.repository = "harbor.settlemint.com/dalp"), /dalp:validators\.repository: got "harbor\.settlemint\.com\/dalp"; expected an oci:\/\/ or https:\/\/ chart repository/],
    ["a chart name with a path", (v) => (v.validators.chart = "dalp/network-nodes"), /dalp:validators\.chart: .*expected a chart name such as network-nodes/],
    ["no validators", (v) => (v.validators.replicas = 0), /dalp:validators\.replicas: got 0; expected at least 1 validator/],
    ["fewer key Secrets than validators", (v) => (v.validators.keySecrets = KEYS.slice(0, 3)), /dalp:validators\.keySecrets: .*expected 4 Secret name\(s\), one per validator \(validators\.replicas is 4\)/],
    ["one key Secret twice", (v) => (v.validators.keySecrets = [KEYS[0], KEYS[1], KEYS[2], KEYS[0]]), /dalp:validators\.keySecrets\[3\]: got "besu-node-validator-0-private-key"; expected a Secret not already listed/],
    ["a Secret name Kubernetes refuses", (v) => (v.validators.keySecrets = ["Validator_0", ...KEYS.slice(1)]), /dalp:validators\.keySecrets\[0\]: got "Validator_0"; expected a Kubernetes Secret name/],
    ["the DALP namespace", (v) => (v.validators.namespace = "dalp"), /dalp:validators\.namespace: got "dalp"; expected a namespace of its own/],
    ["a kube- namespace", (v) => (v.validators.namespace = "kube-system"), /dalp:validators\.namespace: got "kube-system"; expected a namespace of its own/],
    ["the count in values", (v) => (v.validators.values = { validatorReplicaCount: 4 }), /dalp:validators\.values\.validatorReplicaCount: got 4; expected no value: the stack sets validatorReplicaCount itself/],
    ["the count in values at a nested path", (v) => ((v.validators.replicaCountKey = "network-nodes.validatorReplicaCount"), (v.validators.values = { "network-nodes": { validatorReplicaCount: 1 } })), /dalp:validators\.values\.network-nodes\.validatorReplicaCount: got 1/],
    ["a values path with an index", (v) => (v.validators.replicaCountKey = "nodes[0].replicas"), /dalp:validators\.replicaCountKey: .*expected a values path such as replicaCount/],
    ["an unknown field", (v) => (v.validators.mnemonicSecret = "x"), /dalp:validators\.mnemonicSecret/],
  ])("refuses %s, naming the key and what it accepts", (_what, change, message) => {
    expect(errorOf(change)).toMatch(message);
  });

  it("refuses a key in plain text in the chart values and never prints it", () => {
    const key = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
    const message = errorOf((v) => (v.validators.values = { config: { privateKey: key }, genesis: { nodeKey: key } }));
    expect(message).toMatch(/dalp:validators\.values\.config\.privateKey: got a plain-text credential; expected no credential or key in chart values/);
    expect(message).toMatch(/dalp:validators\.values\.genesis\.nodeKey: got a plain-text credential/);
    expect(message).not.toContain(key.slice(2, 20));
  });

  it("refuses validators for a pattern without any (hot-hot on a public chain), naming the key", () => {
    const message = errorOf((v) => {
      v.pattern = "hot-hot-public";
      v.regions = ["eu-central-1", "eu-west-1"];
      v.traffic = { zone: "Z0123456789ABCDEFGHIJ" };
    });
    expect(message).toMatch(/dalp:validators: got a validator configuration; expected not set for pattern hot-hot-public/);
  });

  it("asks the topology which patterns have validators", () => {
    expect(patternHasValidators("hot-hot-public")).toBe(false);
    for (const p of ["cloud-native", "hot-warm", "hot-cold", "hot-hot-consortium"] as const) expect(patternHasValidators(p)).toBe(true);
  });
});

describe("validator release values", () => {
  const on = { region: "eu-central-1", activeRegion: "eu-central-1", state: "on" } as const;
  const off = { region: "eu-west-1", activeRegion: "eu-central-1", state: "off" } as const;

  it("runs the configured count where validators are on and none where they are off", () => {
    expect(validatorReplicas(config(), "on")).toBe(4);
    expect(validatorReplicas(config(), "off")).toBe(0);
    expect(validatorValues(config(), on).validatorReplicaCount).toBe(4);
    expect(validatorValues(config(), off).validatorReplicaCount).toBe(0);
  });

  it("keeps an off region at zero even when the values ask for validators", () => {
    const values = validatorValues(config({ values: { validatorReplicaCount: 4 } }), off);
    expect(values.validatorReplicaCount).toBe(0);
    const nested = validatorValues(config({ replicaCountKey: "network-nodes.validatorReplicaCount", values: { "network-nodes": { validatorReplicaCount: 4, image: { tag: "25.1" } } } }), off);
    expect(nested["network-nodes"]).toMatchObject({ validatorReplicaCount: 0, image: { tag: "25.1" } });
  });

  it("annotates the pods with their region, the active region and their state, beside the count", () => {
    const values = validatorValues(config({ replicaCountKey: "network-nodes.validatorReplicaCount", values: { "network-nodes": { podAnnotations: { team: "chain" } } } }), off);
    expect((values["network-nodes"] as any).podAnnotations).toEqual({
      team: "chain",
      [VALIDATOR_ANNOTATIONS.region]: "eu-west-1",
      [VALIDATOR_ANNOTATIONS.activeRegion]: "eu-central-1",
      [VALIDATOR_ANNOTATIONS.validators]: "off",
    });
    expect((values.global as any).dalp).toEqual({ region: "eu-west-1", activeRegion: "eu-central-1", validators: "off", keySecrets: KEYS });
  });

  it("references the image pull Secret where a registry is configured", () => {
    expect(validatorValues(config(), on, "dalp-registry").imagePullSecrets).toEqual([{ name: "dalp-registry" }]);
    expect(validatorValues(config(), on).imagePullSecrets).toBeUndefined();
  });
});

/** Every string of a value, secrets revealed, for searching a plan for key material. */
function strings(value: unknown): string[] {
  if (isSecretValue(value)) return strings((value as { value: unknown }).value);
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const stampOf = (plan: Plan, region: string) => plan.resources.find((r) => r.type === "dalp:pattern:Stamp" && r.name === region)!;
const validatorsUnder = (plan: Plan, stamp: PlannedResource) => descendants(plan, stamp).filter((r) => r.type === COMPONENT);
const underComponent = (plan: Plan, component: PlannedResource, type: string) => descendants(plan, component).filter((r) => r.type === type);

describe("validators in the one-region stack (aws-cloud-native)", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await planOf("aws-cloud-native", (c) => {
      c["dalp:validators"] = structuredClone(VALIDATORS);
      withRunner(c);
    });
  }, 120_000);

  it("installs one validator component in the region's stamp, on, with the configured count", () => {
    const [component] = validatorsUnder(plan, stampOf(plan, "eu-central-1"));
    expect(ofType(plan, COMPONENT)).toHaveLength(1);
    expect(inputsOf(component)).toMatchObject({ region: "eu-central-1", activeRegion: "eu-central-1", validators: "on", replicas: 4 });
    const [release] = underComponent(plan, component, RELEASE);
    const inputs = inputsOf(release);
    expect(inputs).toMatchObject({ name: "validators", namespace: "dalp-validators", chart: "oci://harbor.settlemint.com/dalp/network-nodes", version: "2.0.0", atomic: true });
    expect(inputs.values).toMatchObject({ validatorReplicaCount: 4, config: { minGasPrice: 0 }, imagePullSecrets: [{ name: "dalp-registry" }] });
    expect(inputs.repositoryOpts).toMatchObject({ username: "robot$dalp-customer" });
  });

  it("leaves the zero-pod guard without limits where validators are on", () => {
    const [component] = ofType(plan, COMPONENT);
    const [quota] = underComponent(plan, component, "kubernetes:core/v1:ResourceQuota");
    expect(inputsOf(quota).spec).toEqual({ scopes: ["NotTerminating"], hard: {} });
  });

  it("checks the key Secrets by name, in the region, before the release", () => {
    const [component] = ofType(plan, COMPONENT);
    const [job] = underComponent(plan, component, "kubernetes:batch/v1:Job");
    const pod = inputsOf(job).spec.template.spec;
    expect(pod.containers[0]).toMatchObject({ image: KUBECTL_IMAGE, command: ["/bin/kubectl"], args: ["get", "secret", ...KEYS, "--namespace", "dalp-validators", "--output", "name"] });
    // A Terminating pod, so the zero-pod quota of an off region (scope NotTerminating) lets the check run.
    expect(pod.activeDeadlineSeconds).toBeGreaterThan(0);
    const [role] = underComponent(plan, component, "kubernetes:rbac.authorization.k8s.io/v1:Role");
    expect(inputsOf(role).rules).toEqual([{ apiGroups: [""], resources: ["secrets"], resourceNames: KEYS, verbs: ["get"] }]);
    const [release] = underComponent(plan, component, RELEASE);
    expect(release.dependencies).toContain(job.urn);
    // The stack reads nothing: no Secret of the keys is declared or read, only referenced by name.
    const secrets = underComponent(plan, component, "kubernetes:core/v1:Secret").map((s) => inputsOf(s).metadata.name);
    expect(secrets).toEqual(["dalp-registry"]);
  });

  it("holds no key material: the keys appear only as Secret names", () => {
    const [component] = ofType(plan, COMPONENT);
    for (const r of [component, ...descendants(plan, component)]) {
      for (const text of strings(r.inputs)) expect(text).not.toMatch(/^(0x)?[0-9a-f]{64}$/i);
    }
    const [release] = underComponent(plan, component, RELEASE);
    expect(strings(inputsOf(release).values).filter((s) => s.includes("private-key"))).toEqual(KEYS);
  });

  it("installs nothing for validators when the key is not set", async () => {
    const without = await planOf("aws-cloud-native", withRunner);
    expect(ofType(without, COMPONENT)).toHaveLength(0);
    expect(without.resources.filter((r) => r.type === RELEASE && inputsOf(r).name === "validators")).toHaveLength(0);
  }, 120_000);
});

describe("the topology's validator states, as the stamps read them", () => {
  const regions = ["eu-central-1", "eu-west-1"].map((name, i) => ({ name, zones: { count: 3 }, cidr: `10.${40 + i}.0.0/16` }));
  it("hot-warm: on in the active region, off in the standby; after failover off in the cold region", () => {
    const normal = planTopology({ pattern: "hot-warm", regions, primaryRegion: "eu-central-1" });
    expect(normal.stamps.map((s) => [s.region, s.validators, validatorReplicas(config(), s.validators as "on" | "off")])).toEqual([["eu-central-1", "on", 4], ["eu-west-1", "off", 0]]);
    const failed = planTopology({ pattern: "hot-warm", regions, primaryRegion: "eu-west-1" });
    expect(failed.stamps.map((s) => [s.region, s.role, s.validators])).toEqual([["eu-central-1", "cold", "off"], ["eu-west-1", "active", "on"]]);
  });
});

// The hot-warm reference stack is built in the same issue; these run once its stack file exists.
const hotWarm = fs.existsSync(stackFilePath("aws-hot-warm")) ? describe : describe.skip;
hotWarm("validators in the hot-warm stack (aws-hot-warm)", () => {
  const withValidators = (primary?: string) => (c: Record<string, unknown>) => {
    c["dalp:validators"] = structuredClone(VALIDATORS);
    withRunner(c);
    if (primary) c["dalp:primaryRegion"] = primary;
  };
  const regionsOf = (c: Record<string, unknown>) => (c["dalp:regions"] as Array<string | { name: string }>).map((r) => (typeof r === "string" ? r : r.name));
  const [home, other] = regionsOf(referenceDoc("aws-hot-warm").config);

  const state = (plan: Plan, region: string) => {
    const [component] = validatorsUnder(plan, stampOf(plan, region));
    const [release] = underComponent(plan, component, RELEASE);
    const [quota] = underComponent(plan, component, "kubernetes:core/v1:ResourceQuota");
    return { component: inputsOf(component), count: inputsOf(release).values.validatorReplicaCount, hard: inputsOf(quota).spec.hard, annotations: inputsOf(release).values.podAnnotations };
  };

  it("stages the standby's validators at zero behind the zero-pod guard, and runs them in the active region", async () => {
    const plan = await planOf("aws-hot-warm", withValidators());
    expect(state(plan, home)).toMatchObject({ component: { validators: "on" }, count: 4, hard: {} });
    expect(state(plan, other)).toMatchObject({ component: { validators: "off" }, count: 0, hard: { pods: "0" }, annotations: { [VALIDATOR_ANNOTATIONS.activeRegion]: home, [VALIDATOR_ANNOTATIONS.region]: other } });
  }, 180_000);

  it("after failover isolates the cold region's validators and turns the survivor's on", async () => {
    const plan = await planOf("aws-hot-warm", withValidators(other));
    expect(state(plan, home)).toMatchObject({ component: { validators: "off" }, count: 0, hard: { pods: "0" }, annotations: { [VALIDATOR_ANNOTATIONS.activeRegion]: other } });
    expect(state(plan, other)).toMatchObject({ component: { validators: "on" }, count: 4, hard: {} });
  }, 180_000);

  it("flips in place: the failover updates the release and the guard, and replaces only the key check, which re-runs", async () => {
    const before = await planOf("aws-hot-warm", withValidators());
    const after = await planOf("aws-hot-warm", withValidators(other));
    const mine = new Set(ofType(after, COMPONENT).flatMap((c) => [c, ...descendants(after, c)]).map((r) => r.urn));
    const changes = diffAgainstState(after, stateOfPlan(before)).changes.filter((c) => mine.has(c.urn) || c.type.startsWith("dalp:addons:Validators"));
    const ops = (type: string) => changes.filter((c) => c.type === type).map((c) => c.op).sort();
    expect(changes.filter((c) => c.op === "delete" || c.op === "create")).toEqual([]);
    expect(ops("kubernetes:core/v1:Namespace")).toEqual(["same", "same"]);
    expect(ops(RELEASE)).toEqual(["update", "update"]);
    expect(ops("kubernetes:core/v1:ResourceQuota")).toEqual(["update", "update"]);
    expect(ops("kubernetes:batch/v1:Job")).toEqual(["replace", "replace"]);
  }, 240_000);
});

import { inputsOf, ofType, only, referencePlan } from "./helpers/stacks";
import { promqlError } from "./helpers/promql";
import { chartValuesValidator, crdSpecValidator, errorsOf } from "./helpers/schemas";

const STACKS = ["aws-cloud-native", "azure-cloud-native", "gcp-cloud-native"] as const;

/** What is emitted for Velero and Prometheus, checked against the upstream schemas of the pinned versions. */
describe.each(STACKS)("%s: emitted values against upstream schemas", (stack) => {
  let veleroValues: Record<string, any>;
  let ruleSpec: Record<string, any>;
  beforeAll(async () => {
    const plan = await referencePlan(stack);
    veleroValues = inputsOf(ofType(plan, "kubernetes:helm.sh/v3:Release").find((r) => inputsOf(r).name === "velero")!).values;
    ruleSpec = inputsOf(only(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")).spec;
  });

  it("the Velero values satisfy the velero 12.1.0 chart's values schema", () => {
    const validate = chartValuesValidator("velero-chart-12.1.0.values.schema.json");
    expect(validate(veleroValues) ? "" : errorsOf(validate)).toBe("");
  });

  it("a value of the wrong type fails the same check", () => {
    const validate = chartValuesValidator("velero-chart-12.1.0.values.schema.json");
    expect(validate({ ...veleroValues, deployNodeAgent: "yes" })).toBe(false);
  });

  it("every schedule of the backup table is a valid Velero 1.18 Schedule spec, with no field the API server would drop", () => {
    const validate = crdSpecValidator("velero-1.18.1.schedules.crd.yaml");
    expect(Object.keys(veleroValues.schedules)).toHaveLength(5);
    for (const [name, entry] of Object.entries(veleroValues.schedules as Record<string, any>)) {
      // The chart copies these keys of a `schedules` entry into the Schedule's spec; `disabled` is the chart's own.
      const { disabled: _disabled, ...spec } = entry;
      expect({ name, errors: validate(spec) ? "" : errorsOf(validate) }).toEqual({ name, errors: "" });
    }
  });

  it("every alert expression is valid PromQL, as the Prometheus Operator's admission webhook requires", () => {
    const rules = (ruleSpec.groups as Array<{ rules: Array<{ alert: string; expr: string }> }>).flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.map((r) => ({ alert: r.alert, error: promqlError(r.expr) })).filter((r) => r.error !== undefined)).toEqual([]);
  });

  it("a broken expression fails the same check", () => {
    expect(promqlError("sum by (namespace) (kube_pod_status_ready{condition=\"false\"} >")).toMatch(/does not parse/);
    expect(promqlError("rate(velero_backup_failure_total[1h) > 0")).toMatch(/does not parse/);
  });

  it("a misspelt schedule field fails the same check", () => {
    const validate = crdSpecValidator("velero-1.18.1.schedules.crd.yaml");
    const { disabled: _disabled, ...spec } = veleroValues.schedules["dalp-daily"];
    expect(validate({ ...spec, template: { ...spec.template, excludeResources: ["events"] } })).toBe(false);
  });

  it("the alert rules are a valid PrometheusRule spec for prometheus-operator 0.93", () => {
    const validate = crdSpecValidator("prometheus-operator-0.93.0.prometheusrules.crd.yaml");
    expect(validate(ruleSpec) ? "" : errorsOf(validate)).toBe("");
  });

  it("a rule duration Prometheus cannot parse fails the same check", () => {
    const validate = crdSpecValidator("prometheus-operator-0.93.0.prometheusrules.crd.yaml");
    const [group] = ruleSpec.groups;
    expect(validate({ groups: [{ ...group, rules: [{ ...group.rules[0], for: "2 minutes" }] }] })).toBe(false);
  });
});

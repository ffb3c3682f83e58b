import { ALERT_SIGNALS } from "../addons/monitoring/alertRules";
import { inputsOf, only, ofType, referencePlan } from "./helpers/stacks";
import { chartValuesValidator, crdSpecValidator, errorsOf } from "./helpers/schemas";

/** What is emitted for Velero and Prometheus, checked against the upstream schemas of the pinned versions. */
describe("emitted values against upstream schemas", () => {
  let veleroValues: Record<string, any>;
  let ruleSpec: Record<string, any>;
  beforeAll(async () => {
    const plan = await referencePlan("aws-cloud-native");
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

  it("the DALP schedule is a valid Velero 1.18 Schedule spec, with no field the API server would drop", () => {
    const validate = crdSpecValidator("velero-1.18.1.schedules.crd.yaml");
    // The chart copies these keys of a `schedules` entry into the Schedule's spec; `disabled` is the chart's own.
    const { disabled: _disabled, ...spec } = veleroValues.schedules["dalp-daily"];
    expect(validate(spec) ? "" : errorsOf(validate)).toBe("");
  });

  it("a misspelt schedule field fails the same check", () => {
    const validate = crdSpecValidator("velero-1.18.1.schedules.crd.yaml");
    const { disabled: _disabled, ...spec } = veleroValues.schedules["dalp-daily"];
    expect(validate({ ...spec, template: { ...spec.template, excludeResources: ["events"] } })).toBe(false);
  });

  it("the alert rules are a valid PrometheusRule spec for prometheus-operator 0.93", () => {
    const validate = crdSpecValidator("prometheus-operator-0.93.0.prometheusrules.crd.yaml");
    expect(validate(ruleSpec) ? "" : errorsOf(validate)).toBe("");
    expect(ruleSpec.groups[0].rules.length).toBeGreaterThanOrEqual(ALERT_SIGNALS.length);
  });
});

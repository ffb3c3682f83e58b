import { CYCLES_PER_MONTH, EFFORT, monthlyHoursOf, PATTERNS } from "../facts";

describe("people effort per pattern", () => {
  it("cloud-native and both hot-hot variants carry the docs' own figures", () => {
    expect(EFFORT["cloud-native"]).toMatchObject({ basis: "documented", monthlyHours: { min: 8, max: 16 }, fte: { min: 0.25, max: 0.25 }, setupTotal: { text: "2 to 3 days" } });
    expect(EFFORT["hot-hot-consortium"]).toMatchObject({ basis: "documented", monthlyHours: { min: 40, max: 60 }, fte: { min: 1.5, max: 2 }, setupTotal: { text: "3 to 5 weeks" } });
    expect(EFFORT["hot-hot-public"]).toMatchObject({ basis: "documented", monthlyHours: { min: 20, max: 30 }, fte: { min: 0.5, max: 1 } });
    expect(EFFORT["cloud-native"].setup.map((t) => [t.task, t.hours.min, t.hours.max])).toEqual([
      ["Kubernetes cluster provisioning", 2, 4],
      ["Managed PostgreSQL setup", 1, 2],
      ["Velero installation and config", 2, 4],
      ["Backup verification", 2, 4],
      ["Monitoring and alerting", 2, 4],
      ["Documentation and runbooks", 4, 8],
    ]);
  });

  it("hot-warm and hot-cold are derived estimates, labelled so and summed from their parts", () => {
    for (const pattern of ["hot-warm", "hot-cold"] as const) {
      const e = EFFORT[pattern];
      expect(e.basis).toBe("derived");
      expect(e.derivation).toMatch(/product docs/);
      expect(e.monthlyHours).toEqual(monthlyHoursOf(e.recurring));
      expect(e.setupTotal.hours.min).toBe(e.setup.reduce((s, t) => s + t.hours.min, 0));
      for (const part of [...e.setup, ...e.recurring]) expect(part.source.length).toBeGreaterThan(10);
    }
    // Two regions and daily standby checks: more than cloud-native, less than consortium hot-hot.
    expect(EFFORT["hot-warm"].monthlyHours.min).toBeGreaterThan(EFFORT["cloud-native"].monthlyHours.max);
    expect(EFFORT["hot-warm"].monthlyHours.max).toBeLessThan(EFFORT["hot-hot-consortium"].monthlyHours.min);
    expect(EFFORT["hot-cold"].monthlyHours.min).toBeGreaterThan(EFFORT["cloud-native"].monthlyHours.min);
  });

  it("monthly hours count each activity at its frequency", () => {
    expect(monthlyHoursOf([{ activity: "a", frequency: "daily", hoursPerCycle: { min: 0.25, max: 0.5 }, source: "test" }])).toEqual({ min: 7.6, max: 15.2 });
    expect(monthlyHoursOf([{ activity: "a", frequency: "quarterly", hoursPerCycle: { min: 3, max: 6 }, source: "test" }])).toEqual({ min: 1, max: 2 });
    expect(CYCLES_PER_MONTH.weekly).toBeCloseTo(52 / 12, 1);
  });

  it("every pattern has an effort entry", () => {
    expect(Object.keys(EFFORT).sort()).toEqual([...PATTERNS].sort());
  });
});

import Ajv from "ajv";
import * as fs from "fs";
import type { DalpPolicy } from "../policies/rules";

import { PolicyConfigError } from "./policyConfigError";

export { PolicyConfigError };

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
type Level = (typeof LEVELS)[number];

/** Each rule's effective enforcement level and configuration. */
export type ResolvedConfig = Map<string, { enforcementLevel: Level; config: Record<string, unknown> }>;

/**
 * Resolves policy configuration the way `pulumi preview --policy-pack-config FILE` does: per rule an
 * enforcement level (a bare string, or `enforcementLevel` in an object), the pack-wide `all` level, and the
 * rule's properties, validated against its `configSchema` with the schema's defaults filled in.
 */
export function resolvePolicyConfig(rules: DalpPolicy[], raw: Record<string, unknown> = {}): ResolvedConfig {
  const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
  const names = new Set(rules.map((r) => r.name));
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (key !== "all" && !names.has(key)) problems.push(`"${key}" is not a policy of this pack (see docs/policies.md for the names)`);
  }
  const all = raw.all;
  if (all !== undefined && !LEVELS.includes(all as Level)) problems.push(`"all" must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(all)}`);

  const resolved: ResolvedConfig = new Map();
  for (const rule of rules) {
    const entry = raw[rule.name];
    const given = typeof entry === "string" ? { enforcementLevel: entry } : ((entry ?? {}) as Record<string, unknown>);
    if (entry !== undefined && typeof entry !== "string" && (typeof entry !== "object" || entry === null || Array.isArray(entry))) {
      problems.push(`${rule.name}: expected an enforcement level or an object, not ${JSON.stringify(entry)}`);
      continue;
    }
    const { enforcementLevel, ...properties } = given;
    if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as Level)) {
      problems.push(`${rule.name}.enforcementLevel must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(enforcementLevel)}`);
    }
    const schema = { type: "object", properties: rule.configSchema?.properties ?? {}, required: rule.configSchema?.required ?? [], additionalProperties: false };
    const config = structuredClone(properties);
    const validate = ajv.compile(schema);
    if (!validate(config)) {
      problems.push(...(validate.errors ?? []).map((e) => `${rule.name}${e.instancePath.replace(/\//g, ".")}: ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}`));
    }
    resolved.set(rule.name, { enforcementLevel: ((enforcementLevel ?? all ?? rule.enforcementLevel) as Level), config });
  }
  if (problems.length > 0) throw new PolicyConfigError(`invalid policy configuration:\n  - ${problems.join("\n  - ")}`);
  return resolved;
}

export function readPolicyConfig(file: string, rules: DalpPolicy[]): ResolvedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicyConfigError(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new PolicyConfigError(`${file}: expected a JSON object of policy names`);
  return resolvePolicyConfig(rules, raw as Record<string, unknown>);
}

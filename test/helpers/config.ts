import { ConfigError } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import { validateConfig } from "../../config/validate";
import { referenceDoc } from "./stacks";

export type Values = Record<string, any>;

/** The `dalp:` keys of a reference stack, as the program sees them, plus the registry secret. */
export function referenceValues(stack = "aws-cloud-native"): Values {
  const config = referenceDoc(stack).config;
  const values: Values = {};
  for (const [k, v] of Object.entries(config)) if (k.startsWith("dalp:")) values[k.slice(5)] = structuredClone(v);
  values.registryPassword = "token";
  // The one value a committed stack file leaves to each deployment: the runner's egress address.
  if (values.cluster?.apiAccess?.mode === "public") values.cluster.apiAccess.cidrs = ["198.51.100.7/32"];
  return values;
}

/** Validates `base` after `change`, as the program does before the cloud's checks. */
export function validateValues(base: Values, change: (v: Values) => void = () => {}, secretKeys = ["registryPassword"]): DalpConfig {
  const values = structuredClone(base);
  change(values);
  return validateConfig({ values, secretKeys: new Set(secretKeys), stack: "test", project: "dalp-ha" });
}

/** The ConfigError a change causes; fails the test when there is none. */
export function configErrorOf(base: Values, change: (v: Values) => void, secretKeys?: string[]): ConfigError {
  try {
    validateValues(base, change, secretKeys);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

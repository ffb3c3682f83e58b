import * as pulumi from "@pulumi/pulumi";
import { ConfigInput, NAMESPACE, validateConfig } from "./validate";
import type { DalpConfig } from "./types";

/**
 * Reads the stack configuration from the running Pulumi program (a real deployment or the offline planner):
 * the `dalp:` namespace, parsed, and the other namespaces' keys as text, for the checks that compare them.
 */
export function readConfigInput(): ConfigInput {
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const provider = { values: {} as Record<string, string>, secretKeys: new Set<string>() };
  const prefix = `${NAMESPACE}:`;
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) {
      provider.values[fullKey] = text;
      if (isSecret(fullKey)) provider.secretKeys.add(fullKey);
      continue;
    }
    const k = fullKey.slice(prefix.length);
    values[k] = parseConfigValue(text);
    if (isSecret(fullKey)) secretKeys.add(k);
  }
  return { values, secretKeys, stack: pulumi.getStack(), project: pulumi.getProject(), provider };
}

/** The validated configuration; throws `ConfigError` listing every problem, before anything is declared. */
export function loadConfig(): DalpConfig {
  return validateConfig(readConfigInput());
}

/** The registry password as a secret Output; only called when `charts.registry` is configured. */
export function registryPassword(): pulumi.Output<string> {
  return new pulumi.Config(NAMESPACE).requireSecret("registryPassword");
}

/** Structured values arrive as JSON text; scalars arrive as their string spelling. */
export function parseConfigValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

// The SDK keeps the list of secret keys it was handed; it exposes the check only internally.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };

function isSecret(fullKey: string): boolean {
  // Without the SDK's check there is no way to tell; do not block a deployment on it.
  return runtimeConfig.isConfigSecret ? runtimeConfig.isConfigSecret(fullKey) : true;
}

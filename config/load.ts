import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE, validateConfig } from "./validate";
import type { DalpConfig } from "./types";

/**
 * Reads the `dalp:` namespace from the running Pulumi program (a real deployment or the offline planner)
 * and validates it. Throws `ConfigError` before anything is declared.
 */
export function loadConfig(): DalpConfig {
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const prefix = `${NAMESPACE}:`;
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) continue;
    const k = fullKey.slice(prefix.length);
    values[k] = parseConfigValue(text);
    if (isSecret(fullKey)) secretKeys.add(k);
  }
  return validateConfig({ values, secretKeys, stack: pulumi.getStack(), project: pulumi.getProject() });
}

/** The registry password as a secret Output; only called when `charts.registry` is configured. */
export function registryPassword(): pulumi.Output<string> {
  return new pulumi.Config(NAMESPACE).requireSecret("registryPassword");
}

/** Structured values arrive as JSON text; scalars arrive as their string spelling. */
function parseConfigValue(text: string): unknown {
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

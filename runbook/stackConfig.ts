import { parseConfigValue } from "../config/load";
import { validateConfig } from "../config/validate";
import type { DalpConfig } from "../config/types";
import { projectName, readStackConfig } from "../planner/stackFiles";

/**
 * A stack file's configuration, validated as the program validates it before the cloud's checks: enough to
 * check `--failover-to` in milliseconds, before the seconds two plans take. Throws `ConfigError` as a plan would.
 */
export function stackConfig(file: string, stack: string): DalpConfig {
  const runtime = readStackConfig(file);
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const provider = { values: {} as Record<string, string>, secretKeys: new Set<string>() };
  for (const [key, text] of Object.entries(runtime.values)) {
    if (!key.startsWith("dalp:")) {
      provider.values[key] = text;
      if (runtime.secretKeys.includes(key)) provider.secretKeys.add(key);
      continue;
    }
    values[key.slice("dalp:".length)] = parseConfigValue(text);
    if (runtime.secretKeys.includes(key)) secretKeys.add(key.slice("dalp:".length));
  }
  return validateConfig({ values, secretKeys, stack, project: projectName(), provider });
}

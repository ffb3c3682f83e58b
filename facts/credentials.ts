/**
 * Key names that hold credentials; in chart values their place is a Secret reference. The program's
 * configuration check and the policy pack refuse the same keys.
 */
export const CREDENTIAL_KEY =
  /^(password|passwd|adminPassword|rootPassword|token|authToken|apiKey|accessKey|accessKeyId|secretKey|secretAccessKey|privateKey|mnemonic|connectionString)$/i;

/** Paths (as key lists) of non-empty credential values inside a values tree. */
export function credentialPaths(values: unknown, path: string[] = []): string[][] {
  if (Array.isArray(values)) return values.flatMap((v, i) => credentialPaths(v, [...path, String(i)]));
  if (values === null || typeof values !== "object") return [];
  return Object.entries(values as Record<string, unknown>).flatMap(([k, v]) =>
    CREDENTIAL_KEY.test(k) && typeof v === "string" && v.length > 0 ? [[...path, k]] : credentialPaths(v, [...path, k]),
  );
}

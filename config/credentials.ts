/** Key names that hold credentials; such values must come from a Secret, never from plain chart values. */
export const CREDENTIAL_KEY =
  /^(password|passwd|adminPassword|rootPassword|token|authToken|apiKey|accessKey|accessKeyId|secretKey|secretAccessKey|privateKey|mnemonic|connectionString)$/i;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Paths of plain-text credentials inside a values tree, each as a list of keys. */
export function credentialPaths(values: unknown, path: string[] = []): string[][] {
  if (Array.isArray(values)) return values.flatMap((v, i) => credentialPaths(v, [...path, String(i)]));
  if (!isPlainObject(values)) return [];
  return Object.entries(values).flatMap(([k, v]) =>
    CREDENTIAL_KEY.test(k) && typeof v === "string" && v.length > 0 ? [[...path, k]] : credentialPaths(v, [...path, k]),
  );
}

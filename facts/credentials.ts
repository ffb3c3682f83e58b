/**
 * What counts as a credential in a tree of values (chart values, configuration), in one place: the program's
 * configuration check, its error messages (which never print such a value) and the policy pack's
 * `dalp-app-deny-plaintext-credentials` all use these functions. In chart values a credential's place is a
 * Kubernetes Secret, named by a reference (`existingSecret`, `passwordSecret: {name, key}`).
 *
 * Key names are compared lower-cased with `_`, `-`, `.` and spaces removed, so `DB_PASSWORD`, `db-password`
 * and `dbPassword` are the same name.
 */

/** Words that make a key name hold a credential (Bitnami's `postgresPassword`, `auth.password`, `API_TOKEN`). */
const CREDENTIAL_WORD =
  /password|passwd|passphrase|^pwd$|secret|token|mnemonic|seedphrase|privatekey|nodekey|apikey|accesskey|secretkey|signingkey|encryptionkey|masterkey|licensekey|accountkey|sharedkey|credential|connectionstring|sastoken|bearer/;

/**
 * Names ending in `Secret` name a Kubernetes Secret by convention (`passwordSecret`, `imagePullSecret`,
 * `alertmanagerConfigSecret`), except these, which are the secret itself (OAuth, JWT, webhook signing).
 */
const SECRET_NOUN = /^(client|jwt|cookie|webhook|shared|app|api|hmac|session|signing|oauth|encryption|master|)secrets?$/;

/** Name endings that say the value points at or describes a credential rather than being one. */
const DESCRIBES =
  /(url|uri|endpoint|host|port|file|path|dir|mountpath|ref|refs|from|selector|name|names|env|envvar|length|minlength|policy|enabled|required|ttl|expiry|expiration|lifetime|duration|interval|period|timeout|version|type|mode|format|algorithm|header|prefix|issuer|audience|scope|scopes|provider|source|count|rotationdays)$/;

/** Bitnami's convention: `passwordKey`, `existingSecretPasswordKey`, `tokenKey` name a key inside a Secret. */
const SECRET_ENTRY_NAME = /(password|passwd|token|credential|credentials|mnemonic)keys?$/;

/** Names of plain, non-secret fields that sit next to credentials in a credentials block. */
const IDENTITY = /^(user|username|login|email|account|accountname|region|namespace|kind|description|enabled)$/;

/** A value that is only a reference to an environment variable (`${DB_PASSWORD}`, Kubernetes' `$(DB_PASSWORD)`). */
const VARIABLE_REFERENCE = /^(\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\))$/;

/** A private key pasted as a value, whatever key it sits under. */
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

export function normaliseKeyName(name: string): string {
  return name.toLowerCase().replace(/[-_. ]/g, "");
}

/** Whether a key name refers to a credential kept elsewhere (a Secret, a file, an environment variable). */
export function isCredentialReference(name: string): boolean {
  const n = normaliseKeyName(name);
  if (n.startsWith("existing")) return true;
  if (/secrets?$/.test(n)) return !SECRET_NOUN.test(n);
  return SECRET_ENTRY_NAME.test(n) || (CREDENTIAL_WORD.test(n) && DESCRIBES.test(n));
}

/** Whether a key name holds a credential: a credential word, and not a reference to one. */
export function isCredentialKey(name: string): boolean {
  const n = normaliseKeyName(name);
  return CREDENTIAL_WORD.test(n) && !isCredentialReference(name);
}

/**
 * Whether a value under a credential key is a credential in plain text: any non-empty string or number (a
 * numeric password is still a password). Booleans are switches (`useSecret: false`), and a value that only
 * names an environment variable is a reference.
 */
export function isCredentialValue(value: unknown): boolean {
  if (typeof value === "number" || typeof value === "bigint") return true;
  if (typeof value !== "string") return false;
  const text = value.trim();
  return text.length > 0 && !VARIABLE_REFERENCE.test(text);
}

/** `{name, key}` (and `optional`): a Kubernetes Secret key selector, a reference whatever key holds it. */
function isSecretKeySelector(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => ["name", "key", "optional", "namespace"].includes(k)) && typeof value.name === "string";
}

/**
 * Paths (as key lists) of plain-text credentials inside a values tree: values under credential keys, values
 * inside a block under a credential key (`secretContents: {cloud: ...}`), the `value` of a `{name, value}`
 * environment entry whose name is a credential (`{name: DB_PASSWORD, value: ...}`), and PEM private keys
 * anywhere. Secret references are not credentials.
 */
export function credentialPaths(values: unknown, path: string[] = []): string[][] {
  const found: string[][] = [];
  walk(values, path, false, found);
  return found;
}

function walk(value: unknown, path: string[], underCredential: boolean, found: string[][]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, String(i)], underCredential, found));
    return;
  }
  if (value === null || typeof value !== "object") {
    if ((underCredential && isCredentialValue(value)) || (typeof value === "string" && PEM_PRIVATE_KEY.test(value))) found.push(path);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (isSecretKeySelector(obj)) return;
  const envName = typeof obj.name === "string" && isCredentialKey(obj.name) && isCredentialValue(obj.value);
  for (const [k, v] of Object.entries(obj)) {
    const here = [...path, k];
    if (envName && k === "value") {
      found.push(here);
      continue;
    }
    if (isCredentialReference(k)) continue;
    const credential = isCredentialKey(k) || (underCredential && !IDENTITY.test(normaliseKeyName(k)));
    walk(v, here, credential, found);
  }
}

/** A copy of a value with every credential in it replaced by `[secret]`, for printing. */
export function redactCredentials(value: unknown): unknown {
  const paths = credentialPaths(value);
  if (paths.length === 0) return value;
  // Through JSON rather than structuredClone: the value may be a read-tracking proxy, which cannot be cloned.
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  for (const p of paths) {
    if (p.length === 0) return "[secret]";
    const parent = p.slice(0, -1).reduce<Record<string, unknown>>((node, k) => node[k] as Record<string, unknown>, copy);
    parent[p[p.length - 1]] = "[secret]";
  }
  return copy;
}

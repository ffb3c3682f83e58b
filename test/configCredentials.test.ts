import { credentialPaths, isCredentialKey, redactCredentials } from "../facts/credentials";
import { ofType, referencePlan } from "./helpers/stacks";
import { inputsOf } from "./helpers/stacks";
import { res, stackOf, violationsOf } from "./helpers/checkInput";

const RULE = "dalp-app-deny-plaintext-credentials";

/** Values that hold credentials, each with where. */
const CREDENTIALS: Array<[string, unknown, string[][]]> = [
  ["Bitnami's postgresPassword", { postgresql: { auth: { postgresPassword: "hunter2" } } }, [["postgresql", "auth", "postgresPassword"]]],
  ["auth.password", { redis: { auth: { password: "hunter2" } } }, [["redis", "auth", "password"]]],
  ["a number as a password", { auth: { password: 123456 } }, [["auth", "password"]]],
  ["an environment-style key", { env: { DB_PASSWORD: "x", API_TOKEN: "y", "db-pass-phrase": "z" } }, [["env", "DB_PASSWORD"], ["env", "API_TOKEN"], ["env", "db-pass-phrase"]]],
  ["keys and mnemonics", { s3: { accessKeyId: "AKIA", secretKey: "s", apiKey: "k" }, validator: { privateKey: "0xabc", mnemonic: "word word", nodeKey: "0x1" } }, [
    ["s3", "accessKeyId"], ["s3", "secretKey"], ["s3", "apiKey"], ["validator", "privateKey"], ["validator", "mnemonic"], ["validator", "nodeKey"],
  ]],
  ["an OAuth client secret and a JWT secret", { oidc: { clientSecret: "c", jwtSecret: "j", secret: "s" } }, [["oidc", "clientSecret"], ["oidc", "jwtSecret"], ["oidc", "secret"]]],
  ["a {name, value} environment entry", { extraEnv: [{ name: "API_TOKEN", value: "abc" }, { name: "LOG_LEVEL", value: "debug" }] }, [["extraEnv", "0", "value"]]],
  ["a block under a credential key", { credentials: { secretContents: { cloud: "[default]\naws_secret_access_key=x" } } }, [["credentials", "secretContents", "cloud"]]],
  ["a connection string", { datastore: { connectionString: "postgres://u:p@h/db" } }, [["datastore", "connectionString"]]],
  ["a PEM private key under any key", { tls: { cert: "-----BEGIN CERTIFICATE-----", extra: "-----BEGIN RSA PRIVATE KEY-----\nMII" } }, [["tls", "extra"]]],
  ["a list of passwords", { users: { passwords: ["a", "b"] } }, [["users", "passwords", "0"], ["users", "passwords", "1"]]],
];

/** Values that only refer to credentials kept elsewhere. */
const REFERENCES: Array<[string, unknown]> = [
  ["existingSecret and its key names", { auth: { existingSecret: "pg", existingSecretPasswordKey: "password", secretKeys: { adminPasswordKey: "admin-password" } } }],
  ["a Secret key selector under a credential key", { datasource: { passwordSecret: { name: "pg", key: "password" } }, auth: { secret: { name: "redis", key: "password" } } }],
  ["Secret names", { imagePullSecrets: [{ name: "dalp-registry" }], imagePullSecret: "dalp-registry", tls: { secretName: "dalp-tls" }, alertmanagerConfigSecret: "am" }],
  ["switches", { credentials: { useSecret: false }, auth: { enabled: true }, tokenAuth: false }],
  ["references to the environment and to files", { auth: { password: "${DB_PASSWORD}", token: "$(API_TOKEN)", passwordFile: "/run/secrets/pw", tokenPath: "/var/run/token" } }],
  ["descriptions of a credential", { oauth: { tokenUrl: "https://idp.example.com/token", tokenEndpoint: "https://idp/x", passwordLength: 24, tokenTtl: 3600, clientId: "dalp" } }],
  ["a valueFrom environment entry", { env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "pg", key: "password" } } }] }],
  ["a username next to a password reference", { credentials: { username: "robot", existingSecret: "reg" } }],
  ["keys that merely contain 'key'", { affinity: { podAntiAffinityTopologyKey: "topology.kubernetes.io/zone" }, config: { kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/abc" } }],
  ["empty values", { auth: { password: "", token: null } }],
];

describe("credentials in values (facts/credentials.ts)", () => {
  it.each(CREDENTIALS)("finds %s", (_label, values, paths) => {
    expect(credentialPaths(values)).toEqual(paths);
  });

  it.each(REFERENCES)("leaves %s alone", (_label, values) => {
    expect(credentialPaths(values)).toEqual([]);
  });

  it("reads key names regardless of case and separators", () => {
    for (const name of ["password", "PASSWORD", "db_password", "db-password", "dbPassword", "postgresPassword", "redis.password"]) expect(isCredentialKey(name)).toBe(true);
    for (const name of ["passwordSecret", "existingSecret", "imagePullSecret", "secretName", "passwordKey", "tokenUrl"]) expect(isCredentialKey(name)).toBe(false);
  });

  it("redacts every credential of a value it prints, and nothing else", () => {
    const value = { name: "x", auth: { password: "hunter2", existingSecret: "pg" }, env: [{ name: "API_TOKEN", value: 42 }] };
    expect(redactCredentials(value)).toEqual({ name: "x", auth: { password: "[secret]", existingSecret: "pg" }, env: [{ name: "API_TOKEN", value: "[secret]" }] });
    expect(value.auth.password).toBe("hunter2");
  });

  it.each(["aws-cloud-native", "azure-cloud-native", "gcp-cloud-native"])("finds none in the values %s generates for any chart", async (stack) => {
    const plan = await referencePlan(stack);
    const releases = ofType(plan, "kubernetes:helm.sh/v3:Release");
    expect(releases.length).toBeGreaterThan(3);
    for (const release of releases) expect([release.name, credentialPaths(inputsOf(release).values)]).toEqual([release.name, []]);
  });
});

describe(`the policy pack uses the same definition (${RULE})`, () => {
  const release = (values: unknown) => res("kubernetes:helm.sh/v3:Release", { chart: "dalp", values });

  it.each(CREDENTIALS)("reports %s", async (_label, values, paths) => {
    const violations = await violationsOf(RULE, stackOf(release(values)));
    expect(violations).toHaveLength(1);
    for (const p of paths) expect(violations[0].message).toContain(p.join("."));
  });

  it.each(REFERENCES)("passes %s", async (_label, values) => {
    expect(await violationsOf(RULE, stackOf(release(values)))).toEqual([]);
  });
});

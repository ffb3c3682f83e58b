import { ConfigError } from "../config/errors";
import { validateConfig } from "../config/validate";
import { referenceValues, validateValues } from "./helpers/config";

function validate(change: (v: Record<string, any>) => void = () => {}, secretKeys = ["registryPassword"]) {
  return validateValues(referenceValues(), change, secretKeys);
}

/** The message of the ConfigError a change causes. */
function errorOf(change: (v: Record<string, any>) => void, secretKeys?: string[]): string {
  try {
    validate(change, secretKeys);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration: valid input", () => {
  it("accepts the reference stack and applies defaults", () => {
    const config = validate();
    expect(config.primaryRegion).toBe("eu-central-1");
    expect(config.regions).toEqual([{ name: "eu-central-1", zones: { count: 3 }, cidr: "10.40.0.0/16" }]);
    expect(config.postgres.pointInTimeRecovery).toBe(true);
    expect(config.postgres.databaseName).toBe("dalp");
    expect(config.network.natGateways).toBe("per-zone");
    expect(config.backup).toEqual({
      enabled: true,
      hourly: { schedule: "0 * * * *", retentionHours: 48 },
      daily: { schedule: "0 2 * * *", retentionHours: 168 },
      weekly: { schedule: "0 3 * * 0", retentionHours: 720 },
      support: { schedule: "0 */4 * * *", retentionHours: 168 },
      observability: { schedule: "30 2 * * *", retentionHours: 72 },
    });
    expect(config.charts.values).toEqual({});
    expect(config).not.toHaveProperty("registryPassword");
  });

  it("fills every default from a minimal configuration", () => {
    const config = validateConfig({
      values: {
        cloud: "aws",
        pattern: "cloud-native",
        regions: ["eu-west-1"],
        cluster: { apiAccess: { mode: "public", cidrs: ["198.51.100.7/32"] } },
        charts: { repository: "oci://registry.example.com/dalp", dalpVersion: "1.0.0", supportVersion: "1.0.0", domain: "dalp.example.org" },
      },
      secretKeys: new Set(),
      stack: "minimal",
      project: "dalp-ha",
    });
    expect(config.regions[0]).toEqual({ name: "eu-west-1", zones: { count: 3 }, cidr: "10.40.0.0/16" });
    expect(config.postgres.backupRetentionDays).toBe(30);
    expect(config.cache).toMatchObject({ engine: "valkey", replicas: 2, snapshotRetentionDays: 7 });
    expect(config.postgres.geoRedundantBackup).toBe(false);
    expect(config.account).toBeUndefined();
    expect(config.objectStorage.noncurrentVersionRetentionDays).toBe(90);
    expect(config.alerts.enabled).toBe(true);
    expect(config.cluster).toMatchObject({ minPerZone: 1, maxPerZone: 3, adminPrincipals: [], apiAccess: { mode: "public", cidrs: ["198.51.100.7/32"] } });
    expect(config.backup.daily).toEqual({ schedule: "0 2 * * *", retentionHours: 168 });
  });

  it("takes each cloud's own defaults for what the managed services differ in", () => {
    const base = { pattern: "cloud-native", charts: { repository: "oci://r.example.com/dalp", dalpVersion: "1", supportVersion: "1", domain: "dalp.example.org" } };
    const access = (cloud: string) => ({ apiAccess: cloud === "gcp" ? { mode: "dns" } : { mode: "public", cidrs: ["198.51.100.7/32"] } });
    const of = (cloud: string, regions: string[], account?: string) =>
      validateConfig({ values: { ...base, cloud, regions, cluster: access(cloud), ...(account ? { account } : {}) }, secretKeys: new Set(), stack: "s", project: "p" }).cache;
    expect(of("aws", ["eu-west-1"])).toMatchObject({ engine: "valkey", replicas: 2, snapshotRetentionDays: 7 });
    expect(of("azure", ["westeurope"])).toMatchObject({ engine: "redis", replicas: 1, snapshotRetentionDays: 0 });
    expect(of("gcp", ["europe-west1"], "dalp-prod-123456")).toMatchObject({ engine: "redis", replicas: 2, snapshotRetentionDays: 0 });
  });

  it("reads numbers and booleans given as strings, as `pulumi config set --path` stores them", () => {
    const config = validate((v) => {
      v.postgres.backupRetentionDays = "14";
      v.backup.enabled = "false";
    });
    expect(config.postgres.backupRetentionDays).toBe(14);
    expect(config.backup.enabled).toBe(false);
  });

  it("takes zones by name and a per-region CIDR", () => {
    const config = validate((v) => (v.regions = [{ name: "eu-central-1", zones: ["eu-central-1a", "eu-central-1b"], cidr: "10.80.0.0/16" }]));
    expect(config.regions[0]).toEqual({ name: "eu-central-1", zones: { names: ["eu-central-1a", "eu-central-1b"] }, cidr: "10.80.0.0/16" });
  });
});

describe("configuration: every bad input names the key, the value and what is allowed", () => {
  const cases: Array<[string, (v: Record<string, any>) => void, RegExp[]]> = [
    ["an unknown top-level key", (v) => (v.regoins = ["eu-west-1"]), [/dalp:regoins: got \["eu-west-1"\]; expected no such key here; did you mean "regions"\?; the keys of the dalp: namespace are cloud, account, pattern, regions/]],
    ["an unknown nested key", (v) => (v.postgres.backupRetention = 30), [/dalp:postgres\.backupRetention: got 30; expected no such key here; did you mean "backupRetentionDays"\?; the keys of dalp:postgres are version, instanceClass, storageGb/]],
    ["a wrong type", (v) => (v.cluster.minPerZone = "three"), [/dalp:cluster\.minPerZone: got "three"; expected a number/]],
    ["an unknown cloud", (v) => (v.cloud = "oracle"), [/dalp:cloud: got "oracle"; expected one of "aws", "azure", "gcp", "kubernetes"/]],
    ["an unknown pattern", (v) => (v.pattern = "active-active"), [/dalp:pattern: got "active-active"; expected one of "cloud-native", "hot-warm", "hot-cold", "hot-hot-public", "hot-hot-consortium"/]],
    ["fewer than 2 zones by count", (v) => (v.regions = [{ name: "eu-central-1", zones: 1 }]), [/dalp:regions\[0\]\.zones: got 1; expected at least 2 zones/]],
    ["fewer than 2 zones by name", (v) => (v.regions = [{ name: "eu-central-1", zones: ["eu-central-1a"] }]), [/dalp:regions\[0\]\.zones: got \["eu-central-1a"\]; expected at least 2 zones/]],
    ["more zones than the cloud has", (v) => (v.regions = [{ name: "eu-central-1", zones: 7 }]), [/dalp:regions\[0\]\.zones: got 7; expected a number <= 6/]],
    ["PITR retention beyond the RDS limit", (v) => (v.postgres.backupRetentionDays = 40), [/dalp:postgres\.backupRetentionDays: got 40; expected an integer from 1 to 35 on aws: RDS automated backup retention/, /USER_WorkingWithAutomatedBackups/]],
    ["PITR retention below the Flexible Server limit", (v) => ((v.cloud = "azure"), (v.postgres.backupRetentionDays = 5)), [/dalp:postgres\.backupRetentionDays: got 5; expected an integer from 7 to 35 on azure/]],
    ["cache snapshots beyond the ElastiCache limit", (v) => (v.cache.snapshotRetentionDays = 36), [/dalp:cache\.snapshotRetentionDays: got 36; expected an integer from 0 to 35 on aws: ElastiCache SnapshotRetentionLimit/]],
    ["PITR switched off where the service cannot", (v) => (v.postgres.pointInTimeRecovery = false), [/dalp:postgres\.pointInTimeRecovery: got false; expected true on aws/]],
    ["a primary region that is not configured", (v) => (v.primaryRegion = "us-east-1"), [/dalp:primaryRegion: got "us-east-1"; expected one of the configured regions: eu-central-1/]],
    ["two regions for cloud-native", (v) => (v.regions = ["eu-central-1", "eu-west-1"]), [/dalp:regions: got \["eu-central-1","eu-west-1"\]; expected exactly 1 region\(s\) for pattern cloud-native/]],
    ["three regions for consortium", (v) => ((v.pattern = "hot-hot-consortium"), (v.regions = ["eu-central-1", "eu-west-1", "eu-north-1"])), [/expected 4 to 8 region\(s\) for pattern hot-hot-consortium: .*3f\+1/]],
    ["the same region twice", (v) => ((v.pattern = "hot-warm"), (v.regions = ["eu-central-1", "eu-central-1"])), [/dalp:regions\[1\]: got "eu-central-1"; expected a region not already listed/]],
    ["a region CIDR that is not a /16", (v) => (v.regions = [{ name: "eu-central-1", cidr: "10.40.0.0/20" }]), [/dalp:regions\[0\]\.cidr: got "10\.40\.0\.0\/20"; expected an IPv4 \/16 network/]],
    ["max nodes below min nodes", (v) => ((v.cluster.minPerZone = 4), (v.cluster.maxPerZone = 2)), [/dalp:cluster\.maxPerZone: got 2; expected a number >= cluster\.minPerZone \(4\)/]],
    ["an API open to the internet", (v) => (v.cluster.apiAccess.cidrs = ["0.0.0.0/0"]), [/dalp:cluster\.apiAccess\.cidrs\[0\]: got "0\.0\.0\.0\/0"; expected a CIDR narrower than \/0/]],
    ["an API without the runner's address", (v) => delete v.cluster.apiAccess.cidrs, [/dalp:cluster\.apiAccess\.cidrs: got nothing \(the key is not set\); expected the public addresses allowed to the API.*pulumi config set --path 'dalp:cluster\.apiAccess\.cidrs\[0\]'.*; or \{mode: private, runnerNetwork/]],
    ["a private address for a public endpoint", (v) => (v.cluster.apiAccess.cidrs = ["10.1.2.3/32"]), [/dalp:cluster\.apiAccess\.cidrs\[0\]: got "10\.1\.2\.3\/32"; expected a public address: a public endpoint never sees a private or shared address/]],
    ["GKE's DNS endpoint on AWS", (v) => (v.cluster.apiAccess = { mode: "dns" }), [/dalp:cluster\.apiAccess\.mode: got "dns"; expected one of public, private on aws/]],
    ["a private API without the runner's network", (v) => (v.cluster.apiAccess = { mode: "private" }), [/dalp:cluster\.apiAccess\.runnerNetwork: got nothing \(the key is not set\); expected the existing network pulumi up runs in/]],
    ["a runner network that overlaps the region's", (v) => (v.cluster.apiAccess = { mode: "private", runnerNetwork: { id: "vpc-0123456789abcdef0", cidr: "10.40.128.0/20", routeTableIds: ["rtb-0123456789abcdef0"] } }), [/dalp:cluster\.apiAccess\.runnerNetwork\.cidr: got "10\.40\.128\.0\/20"; expected an address space that does not overlap region eu-central-1 \(10\.40\.0\.0\/16\)/]],
    ["a runner VPC without route tables", (v) => (v.cluster.apiAccess = { mode: "private", runnerNetwork: { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16" } }), [/dalp:cluster\.apiAccess\.runnerNetwork\.routeTableIds: got nothing \(the key is not set\); expected the runner VPC's route tables/]],
    ["a runner VPC of no stated region, peered with two regions", (v) => ((v.pattern = "hot-warm"), (v.regions = ["eu-central-1", "eu-west-1"]), (v.cluster.apiAccess = { mode: "private", runnerNetwork: { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", routeTableIds: ["rtb-0123456789abcdef0"] } })), [/dalp:cluster\.apiAccess\.runnerNetwork\.region: got nothing \(the key is not set\); expected the region of the runner's VPC \(vpc-0123456789abcdef0\): with 2 regions/]],
    ["no API access at all", (v) => delete v.cluster.apiAccess, [/dalp:cluster\.apiAccess: got nothing \(the key is not set\); expected how pulumi up reaches the cluster API.*\{mode: public, cidrs: .*; or \{mode: private/]],
    ["a malformed backup schedule", (v) => (v.backup.daily = { schedule: "0 25 * * *" }), [/dalp:backup\.daily\.schedule: got "0 25 \* \* \*"; expected a five-field cron expression/]],
    ["a malformed backup retention", (v) => (v.backup.weekly = { retention: "30 days" }), [/dalp:backup\.weekly\.retention: got "30 days"; expected a retention such as "48h" or "30d"/]],
    ["the old one-schedule backup keys", (v) => (v.backup.schedule = "0 2 * * *"), [/dalp:backup\.schedule: got "0 2 \* \* \*"; expected no such key here; .*the keys of dalp:backup are enabled, hourly, daily, weekly, support, observability/]],
    ["a malformed domain", (v) => (v.charts.domain = "https://dalp.example.com"), [/dalp:charts\.domain: got "https:\/\/dalp\.example\.com"; expected a lower-case DNS name/]],
    ["a chart repository without scheme", (v) => (v.charts.repository = "harbor.settlemint.com/dalp"), [/dalp:charts\.repository: got "harbor\.settlemint\.com\/dalp"; expected an oci:\/\/ or https:\/\/ chart repository/]],
    ["missing chart settings", (v) => delete v.charts, [/dalp:charts: got nothing \(the key is not set\); expected a map: The DALP charts as SettleMint delivers them/]],
    ["a plain-text credential in chart values", (v) => (v.charts.values = { dapp: { env: { password: "hunter2" } } }), [/dalp:charts\.values\.dapp\.env\.password: got a plain-text credential; expected no credential in chart values/]],
    ["a registry without its password", (v) => delete v.registryPassword, [/dalp:registryPassword: got nothing \(the key is not set\); expected a secret, because dalp:charts\.registry is set: pulumi config set --secret dalp:registryPassword/]],
    ["an account id in another cloud's format", (v) => (v.account = "my-project"), [/dalp:account: got "my-project"; expected an id such as 123456789012/]],
    ["a GCP stack without its project", (v) => ((v.cloud = "gcp"), (v.regions = ["europe-west1"])), [/dalp:account: got nothing \(the key is not set\); expected the gcp account to deploy into, e\.g\. my-project-123456/]],
    ["a cache engine the cloud does not run", (v) => ((v.cloud = "azure"), (v.regions = ["westeurope"]), (v.cache.engine = "valkey")), [/dalp:cache\.engine: got "valkey"; expected "redis" on azure/]],
    ["geo-redundant backup where it is not a setting", (v) => (v.postgres.geoRedundantBackup = true), [/dalp:postgres\.geoRedundantBackup: got true; expected false on aws/]],
    ["a tag value that is too long", (v) => (v.tags = { owner: "x".repeat(300) }), [/dalp:tags\.owner: got "x+\.\.\.; expected at most 256 characters/]],
  ];

  it.each(cases)("rejects %s", (_label, change, patterns) => {
    const message = errorOf(change);
    expect(message).toMatch(/^Invalid DALP configuration.*nothing was declared:/);
    for (const p of patterns) expect(message).toMatch(p);
  });

  it("rejects a registry password kept in plain text", () => {
    expect(errorOf(() => {}, [])).toMatch(/dalp:registryPassword: got a plain-text value; expected a secret: pulumi config set --secret dalp:registryPassword <value>/);
  });

  it("never prints a secret it rejects", () => {
    const message = errorOf((v) => (v.registryPassword = 42));
    expect(message).toMatch(/dalp:registryPassword: got \[secret\]; expected text/);
    expect(message).not.toContain("42");
  });

  it("lists every problem at once", () => {
    const err = (() => {
      try {
        validate((v) => {
          v.cloud = "oracle";
          v.postgres.storageGb = 5;
          v.charts.domain = "UPPER.example.com";
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(err.issues.map((i) => i.key).sort()).toEqual(["dalp:charts.domain", "dalp:cloud", "dalp:postgres.storageGb"]);
    expect(err.message).toMatch(/\(3 problems\)/);
  });
});

/** The ConfigError a change causes. */
function errorFor(change: (v: Record<string, any>) => void, secretKeys?: string[]): ConfigError {
  try {
    validate(change, secretKeys);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration: values YAML reads as numbers", () => {
  it("takes a PostgreSQL major version written as a number", () => {
    expect(validate((v) => (v.postgres.version = 17)).postgres.version).toBe("17");
  });

  it("takes whole-number chart versions, registry users and tag values as their digits", () => {
    const config = validate((v) => {
      v.charts.dalpVersion = 2;
      v.charts.registry.username = 42;
      v.tags = { costCenter: 1234, billable: true };
    });
    expect(config.charts.dalpVersion).toBe("2");
    expect(config.charts.registry?.username).toBe("42");
    expect(config.tags).toEqual({ costCenter: "1234", billable: "true" });
  });

  it("refuses a Kubernetes version written as a number, saying to quote it", () => {
    const message = errorOf((v) => (v.cluster.kubernetesVersion = 1.3));
    expect(message).toMatch(/dalp:cluster\.kubernetesVersion: got 1\.3; expected a Kubernetes minor version in quotes, such as "1\.35": YAML reads an unquoted 1\.30 as the number 1\.3/);
  });

  it("says to quote an AWS account id that lost its leading zero", () => {
    expect(errorOf((v) => (v.account = "12345678901"))).toMatch(/dalp:account: got "12345678901"; expected an id such as 123456789012; an account id that starts with 0 must be quoted/);
  });

  it("points a key written as a --path to its nested form", () => {
    expect(errorOf((v) => (v["cluster.minPerZone"] = 2))).toMatch(/dalp:cluster\.minPerZone: got 2; expected no such key here: cluster\.minPerZone is a path, which the stack file nests \(cluster: \{minPerZone: \.\.\.\}\)/);
  });
});

describe("configuration: every problem in one round, without follow-ons", () => {
  it("reports schema and cross-key problems together", () => {
    const err = errorFor((v) => {
      v.postgres.storageGb = "lots"; // schema
      v.cluster.minPerZone = 4; // cross-key, with maxPerZone 3
      v.postgres.backupRetentionDays = 90; // per-cloud limit
      v.primaryRegion = "us-east-1"; // cross-key
    });
    expect(err.issues.map((i) => i.key).sort()).toEqual(["dalp:cluster.maxPerZone", "dalp:postgres.backupRetentionDays", "dalp:postgres.storageGb", "dalp:primaryRegion"]);
  });

  it("leaves out the rules that would only repeat a key that already failed", () => {
    const err = errorFor((v) => {
      v.cluster.minPerZone = "three"; // maxPerZone >= minPerZone cannot be judged
      v.postgres.storageGb = 5; // maxStorageGb >= storageGb neither
      v.cloud = "oracle"; // nor any per-cloud limit
      v.postgres.backupRetentionDays = 90;
    });
    expect(err.issues.map((i) => i.key).sort()).toEqual(["dalp:cloud", "dalp:cluster.minPerZone", "dalp:postgres.storageGb"]);
  });

  it("judges the regions it can read when another one failed", () => {
    const err = errorFor((v) => {
      v.pattern = "hot-warm";
      v.regions = [{ name: "eu-central-1", zones: 1 }, { name: "eu-west-1", cidr: "10.40.0.0/16" }];
      v.traffic = { zone: "Z0123456789ABCDEFGHIJ" };
    });
    expect(err.issues.map((i) => `${i.key}: ${i.given}`).sort()).toEqual(['dalp:regions[0].zones: 1', 'dalp:regions[1].cidr: "10.40.0.0/16"']);
  });

  it("still checks chart values when the domain is wrong", () => {
    const err = errorFor((v) => {
      v.charts.domain = "not a domain";
      v.charts.values = { auth: { password: "hunter2" } };
    });
    expect(err.issues.map((i) => i.key).sort()).toEqual(["dalp:charts.domain", "dalp:charts.values.auth.password"]);
  });
});

describe("configuration: a secret is never printed", () => {
  const secret = "hunter2-s3cret";
  const cases: Array<[string, (v: Record<string, any>) => void, RegExp]> = [
    ["a registry password typed into charts.registry", (v) => (v.charts.registry.password = secret), /dalp:charts\.registry\.password: got \[secret\]; expected no such key here \(the registry password is the secret dalp:registryPassword: pulumi config set --secret dalp:registryPassword <token>/],
    ["an unknown credential-looking top-level key", (v) => (v.dbPassword = secret), /dalp:dbPassword: got \[secret\]; expected no such key here \(a credential is never a plain configuration value.*pulumi config set --secret/],
    ["a numeric password in chart values", (v) => (v.charts.supportValues = { postgresql: { auth: { postgresPassword: 123456 } } }), /dalp:charts\.supportValues\.postgresql\.auth\.postgresPassword: got a plain-text credential/],
    ["a credential inside an object an error prints", (v) => (v.regions = [{ name: "eu-central-1", zones: 1, token: secret }]), /dalp:regions\[0\]\.token: got \[secret\]/],
    ["a credential in a tag", (v) => (v.tags = { apiToken: secret }), /dalp:tags\.apiToken: got \[secret\]; expected no credential in a tag/],
  ];
  it.each(cases)("%s", (_label, change, pattern) => {
    const message = errorOf(change);
    expect(message).toMatch(pattern);
    expect(message).not.toContain(secret);
    expect(message).not.toContain("123456");
  });

  it("does not print a key Pulumi holds as a secret, whatever it is", () => {
    const message = errorOf((v) => (v.account = "not-an-account-99"), ["registryPassword", "account"]);
    expect(message).toMatch(/dalp:account: got \[secret\]/);
    expect(message).not.toContain("not-an-account-99");
  });
});

describe("configuration: provider keys agree with the dalp: keys", () => {
  const withProvider = (values: Record<string, string>, change: (v: Record<string, any>) => void = () => {}) => {
    const v = referenceValues();
    change(v);
    return validateConfig({ values: v, secretKeys: new Set(["registryPassword"]), stack: "t", project: "dalp-ha", provider: { values, secretKeys: new Set() } });
  };
  const messageOf = (values: Record<string, string>, change?: (v: Record<string, any>) => void) => {
    try {
      withProvider(values, change);
    } catch (err) {
      return (err as ConfigError).message;
    }
    throw new Error("expected a ConfigError");
  };

  it("accepts aws:region when it is one of dalp:regions", () => {
    expect(() => withProvider({ "aws:region": "eu-central-1" })).not.toThrow();
  });

  it("refuses aws:region naming another region", () => {
    expect(messageOf({ "aws:region": "us-east-1" })).toMatch(/aws:region: got "us-east-1"; expected one of dalp:regions \(eu-central-1\)/);
  });

  it("refuses aws:allowedAccountIds without dalp:account", () => {
    expect(messageOf({ "aws:allowedAccountIds": '["111111111111"]' }, (v) => (v.account = "222222222222"))).toMatch(/aws:allowedAccountIds: got .*; expected a list that includes dalp:account \(222222222222\)/);
  });

  it("refuses gcp:project, gcp:region and gcp:zone that disagree, and Azure's location compared by name", () => {
    const gcp = (v: Record<string, any>) => {
      v.cloud = "gcp";
      v.account = "dalp-prod-123456";
      v.regions = ["europe-west1"];
      v.cluster.apiAccess = { mode: "dns" };
    };
    const message = messageOf({ "gcp:project": "other-project-1", "gcp:region": "europe-west4", "gcp:zone": "us-east1-b" }, gcp);
    expect(message).toMatch(/gcp:project: got "other-project-1"; expected dalp:account \(dalp-prod-123456\)/);
    expect(message).toMatch(/gcp:region: got "europe-west4"; expected one of dalp:regions \(europe-west1\)/);
    expect(message).toMatch(/gcp:zone: got "us-east1-b"; expected a zone of one of dalp:regions/);
    const azure = (v: Record<string, any>) => {
      v.cloud = "azure";
      v.regions = ["westeurope"];
      v.cache = {};
    };
    expect(() => withProvider({ "azure-native:location": "West Europe" }, azure)).not.toThrow();
  });

  it("names gcp:project when dalp:account is missing on GCP", () => {
    const message = messageOf({ "gcp:project": "dalp-prod-123456" }, (v) => {
      v.cloud = "gcp";
      v.regions = ["europe-west1"];
      v.cluster.apiAccess = { mode: "dns" };
      delete v.account;
    });
    expect(message).toMatch(/dalp:account: got nothing \(the key is not set\); expected the gcp account to deploy into, .*\(gcp:project is "dalp-prod-123456": pulumi config set dalp:account dalp-prod-123456\)/);
  });
});

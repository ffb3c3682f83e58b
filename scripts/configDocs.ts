/**
 * Writes docs/configuration.md from the configuration's own definitions: every key of `config/schema.ts` with
 * its description and default, the per-cloud defaults and limits (`stacks/<cloud>/defaults.ts`,
 * `config/limits.ts`, the Kubernetes calendars, the region lists, the tag limits) and the CLI's exit codes.
 * A test fails when the file and the definitions disagree:  npm run docs:config
 */
import * as path from "path";
import { writeGenerated } from "./writeGenerated";
import type { ZodType } from "zod";
import { EXIT } from "../cli/exitCodes";
import { API_ACCESS_BY_CLOUD } from "../config/apiAccess";
import { supportedMinors } from "../config/kubernetesVersionSupport";
import { CLOUD_LIMITS, Limit, PATTERN_REGIONS } from "../config/limits";
import { DalpConfigSchema, SECRET_KEYS } from "../config/schema";
import { coreOf, defOf } from "../config/schemaTree";
import { MAX_STACK_FILE_BYTES } from "../planner/stackFiles";
import { AWS_DEFAULTS } from "../stacks/aws/defaults";
import { EKS_CALENDAR } from "../stacks/aws/kubernetesVersions";
import { AWS_COMMERCIAL_REGIONS } from "../stacks/aws/regions";
import { AWS_PER_RESOURCE_TAGS, AWS_TAGS } from "../stacks/aws/validate";
import { AZURE_DEFAULTS } from "../stacks/azure/defaults";
import { AKS_CALENDAR } from "../stacks/azure/kubernetesVersions";
import { AZURE_ZONAL_REGIONS } from "../stacks/azure/regions";
import { AZURE_MAX_TAGS, AZURE_TAG_KEY_LENGTH, AZURE_TAG_VALUE_LENGTH } from "../stacks/azure/validate";
import { stackTags } from "../patterns/tags";
import { GCP_DEFAULTS } from "../stacks/gcp/defaults";
import { GKE_CALENDAR } from "../stacks/gcp/kubernetesVersions";
import { GCP_LABEL_LIMITS } from "../stacks/gcp/labels";
import { GCP_REGIONS } from "../stacks/gcp/regions";

export const DOC_FILE = path.join(__dirname, "..", "docs", "configuration.md");

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

/** The description set on a field, on its outermost wrapper or any wrapper inside. */
function descriptionOf(schema: ZodType): string {
  let node: ZodType | undefined = schema;
  while (node) {
    const meta = node.meta() as { description?: string } | undefined;
    if (meta?.description) return meta.description;
    const def = defOf(node);
    node = (def.innerType ?? def.in) as ZodType | undefined;
  }
  return "";
}

/** The default as a stack file would spell it, "required", or "not set". */
function defaultOf(schema: ZodType): string {
  let node: ZodType | undefined = schema;
  while (node) {
    const def = defOf(node);
    if (def.type === "default" || def.type === "prefault") {
      const value = def.defaultValue;
      return value !== null && typeof value === "object" && Object.keys(value).length === 0 ? (Array.isArray(value) ? "`[]`" : "`{}`") : code(value);
    }
    if (def.type === "optional") return "not set";
    node = (def.innerType ?? (def.type === "pipe" ? def.in : undefined)) as ZodType | undefined;
  }
  return "required";
}

/** The custom wording of a field's rule, such as "a lower-case DNS name such as dalp.example.com". */
function ruleOf(schema: ZodType): string | undefined {
  const pending: ZodType[] = [schema];
  while (pending.length > 0) {
    const def = defOf(pending.shift()!);
    for (const check of def.checks ?? []) {
      const message = check._zod.def.error?.();
      if (typeof message === "string") return message;
    }
    if (def.innerType) pending.push(def.innerType as ZodType);
    if (def.type === "pipe") pending.push(def.in as ZodType, def.out as ZodType);
  }
  return undefined;
}

function allowedOf(schema: ZodType): string {
  const node = coreOf(schema);
  const def = defOf(node);
  const rule = ruleOf(schema);
  switch (def.type) {
    case "enum":
      return Object.values(def.entries as Record<string, string>).map(code).join(", ");
    case "boolean":
      return "`true` or `false`";
    case "number": {
      const bounds = (def.checks ?? []).map((c) => c._zod.def).filter((c) => c.check === "greater_than" || c.check === "less_than");
      const min = bounds.find((b) => b.check === "greater_than")?.value;
      const max = bounds.find((b) => b.check === "less_than")?.value;
      const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : "";
      return rule && !rule.startsWith("at least") ? rule : `a whole number${range}`;
    }
    case "string":
      return rule ?? "text";
    case "array": {
      const each = allowedOf(def.element as ZodType);
      const list = each === "text" ? "a list of text values" : `a list, each ${each}`;
      return rule ? `${list}; ${rule}` : list;
    }
    case "record":
      return "a map";
    case "union":
      return (def.options as ZodType[])
        .map((o) => (defOf(coreOf(o)).type === "object" ? `\`{${Object.keys(defOf(coreOf(o)).shape as object).join(", ")}}\`` : allowedOf(o)))
        .join(", or ");
    case "object":
      return "a map of the keys below";
    default:
      return rule ?? def.type;
  }
}

interface Row {
  key: string;
  defaultText: string;
  allowed: string;
  description: string;
}

/** Every key of the schema, depth first, objects before their keys. */
function rows(schema: ZodType, prefix: string): Row[] {
  const out: Row[] = [];
  const def = defOf(coreOf(schema));
  const shape = def.shape as Record<string, ZodType>;
  for (const [name, field] of Object.entries(shape)) {
    const key = prefix ? `${prefix}.${name}` : `dalp:${name}`;
    const inner = coreOf(field);
    const innerDef = defOf(inner);
    const description = descriptionOf(field);
    if (innerDef.type === "object") {
      if (description) out.push({ key, defaultText: defaultOf(field), allowed: allowedOf(field), description });
      out.push(...rows(field, key));
    } else if (innerDef.type === "array" && defOf(innerDef.element as ZodType).type === "union") {
      out.push({ key, defaultText: defaultOf(field), allowed: "a list of region names, or of `{name, zones, cidr}`", description });
      const object = (defOf(innerDef.element as ZodType).options as ZodType[]).find((o) => defOf(coreOf(o)).type === "object");
      if (object) out.push(...rows(object, `${key}[]`));
    } else {
      out.push({ key, defaultText: defaultOf(field), allowed: allowedOf(field), description });
    }
  }
  return out;
}

function keysTable(): string {
  const body = rows(DalpConfigSchema, "").map((r) => `| \`${r.key}\` | ${cell(r.defaultText)} | ${cell(r.allowed)} | ${cell(r.description)} |`);
  return ["| key | default | allowed | meaning |", "| --- | --- | --- | --- |", ...body].join("\n");
}

const range = (l: Limit) => (l.min === l.max ? `exactly ${l.min}` : `${l.min} to ${l.max}`);
const cited = (l: Limit) => `${range(l)} ([source](${l.source.startsWith("http") ? l.source : `https://${l.source}`}))`;

function perCloudTable(): string {
  const own = Object.keys(stackTags({ project: "p", stack: "s", pattern: "cloud-native", tags: {} })).length;
  const clouds = ["aws", "azure", "gcp"] as const;
  const calendars = { aws: EKS_CALENDAR, azure: AKS_CALENDAR, gcp: GKE_CALENDAR };
  const row = (what: string, values: Record<(typeof clouds)[number], string>) => `| ${what} | ${clouds.map((c) => cell(values[c])).join(" | ")} |`;
  const each = (f: (cloud: (typeof clouds)[number]) => string) => Object.fromEntries(clouds.map((c) => [c, f(c)])) as Record<(typeof clouds)[number], string>;
  return [
    "| setting | aws | azure | gcp |",
    "| --- | --- | --- | --- |",
    row("regions", {
      aws: `the ${AWS_COMMERCIAL_REGIONS.length} regions of the commercial partition in @pulumi/aws's \`Region\` list`,
      azure: `the ${AZURE_ZONAL_REGIONS.size} regions with availability zones (stacks/azure/regions.ts)`,
      gcp: `${GCP_REGIONS.size} regions (stacks/gcp/regions.ts)`,
    }),
    row("zones per region", each((c) => `2 to ${CLOUD_LIMITS[c].zonesPerRegion.max}`)),
    row("`cluster.apiAccess.mode`", each((c) => API_ACCESS_BY_CLOUD[c].map(code).join(", "))),
    row("`cluster.kubernetesVersion` default", { aws: code(AWS_DEFAULTS.kubernetesVersion), azure: code(AZURE_DEFAULTS.kubernetesVersion), gcp: `${code(GCP_DEFAULTS.kubernetesVersion)} (a minimum; release channel ${GCP_DEFAULTS.releaseChannel})` }),
    row(
      "Kubernetes minors accepted",
      each((c) => `${supportedMinors(calendars[c]).join(", ")}: ${calendars[c].service} standard support on ${calendars[c].readOn} (${calendars[c].file})`),
    ),
    row("`cluster.nodeType` default", { aws: code(AWS_DEFAULTS.nodeType), azure: code(AZURE_DEFAULTS.nodeType), gcp: code(GCP_DEFAULTS.nodeType) }),
    row("`postgres.instanceClass` default", {
      aws: `${code(AWS_DEFAULTS.postgresInstanceClass)}; must start with \`db.\``,
      azure: `${code(AZURE_DEFAULTS.postgresSku)}; General Purpose or Memory Optimized (Burstable has no zone-redundant HA)`,
      gcp: `${code(GCP_DEFAULTS.postgresTier)}; must start with \`db-\` (the tier decides the edition: Enterprise keeps at most 7 days of PITR)`,
    }),
    row("`postgres.backupRetentionDays`", each((c) => cited(CLOUD_LIMITS[c].postgresBackupRetentionDays))),
    row("`postgres.pointInTimeRecovery: false`", each((c) => (CLOUD_LIMITS[c].postgresPitrOptional ? "allowed" : "refused: the service always keeps PITR"))),
    row("`postgres.geoRedundantBackup: true`", each((c) => (CLOUD_LIMITS[c].postgresGeoRedundantBackup ? "allowed (fixed at creation)" : "refused: no such setting"))),
    row("`cache.engine`", each((c) => CLOUD_LIMITS[c].cacheEngines.map(code).join(" or ") + ` (default ${code(CLOUD_LIMITS[c].cacheEngines[0])})`)),
    row("`cache.nodeType` default", { aws: `${code(AWS_DEFAULTS.cacheNodeType)}; must start with \`cache.\``, azure: `${code(AZURE_DEFAULTS.cacheSku)} (an Azure Managed Redis SKU)`, gcp: `\`${GCP_DEFAULTS.cacheMemoryGb}GB\` (a Memorystore size)` }),
    row("`cache.version` default", { aws: `Valkey ${code(AWS_DEFAULTS.cacheEngineVersion.valkey)}, Redis ${code(AWS_DEFAULTS.cacheEngineVersion.redis)}`, azure: "not settable: the service manages it", gcp: code(GCP_DEFAULTS.cacheVersion) }),
    row("`cache.replicas`", each((c) => `default ${CLOUD_LIMITS[c].cacheReplicas.default}; ${cited(CLOUD_LIMITS[c].cacheReplicas)}`)),
    row("`cache.snapshotRetentionDays`", each((c) => `default ${Math.min(7, CLOUD_LIMITS[c].cacheSnapshotRetentionDays.max)}; ${cited(CLOUD_LIMITS[c].cacheSnapshotRetentionDays)}`)),
    row("`account`", each((c) => `${CLOUD_LIMITS[c].accountRequired ? "required" : "optional"}; such as ${CLOUD_LIMITS[c].accountPattern.example}`)),
    row("`tags`", {
      aws: `at most ${AWS_TAGS.perResource - own - AWS_PER_RESOURCE_TAGS} (${AWS_TAGS.perResource} per resource less the stack's ${own} and the ${AWS_PER_RESOURCE_TAGS} a subnet adds); keys up to ${AWS_TAGS.keyLength} characters, values up to ${AWS_TAGS.valueLength}; not ${AWS_TAGS.reservedPrefixes.map((r) => code(r.prefix)).join(" or ")}`,
      azure: `at most ${AZURE_MAX_TAGS - own} (${AZURE_MAX_TAGS} on private DNS zones less the stack's ${own}); names up to ${AZURE_TAG_KEY_LENGTH} characters, values up to ${AZURE_TAG_VALUE_LENGTH}; not \`microsoft\`, \`azure\` or \`windows\`; spelt for Azure (\`dalp:stack\` becomes \`dalp_stack\`)`,
      gcp: `at most ${GCP_LABEL_LIMITS.perResource - 1 - own} (${GCP_LABEL_LIMITS.perResource} labels less the stack's ${own} and \`purpose\`); keys and values up to ${GCP_LABEL_LIMITS.length} characters, lower-cased`,
    }),
  ].join("\n");
}

function patternsTable(): string {
  return ["| pattern | regions | why |", "| --- | --- | --- |", ...Object.entries(PATTERN_REGIONS).map(([p, c]) => `| \`${p}\` | ${c.min === c.max ? c.min : `${c.min} to ${c.max}`} | ${cell(c.why)} |`)].join("\n");
}

function exitCodes(): string {
  const meaning: Record<keyof typeof EXIT, string> = {
    ok: "success",
    failed: "the command's finding: `check`, a mandatory violation; `diff`, a change that stops `pulumi up` (a protected resource replaced or deleted, an update the provider refuses, a database created to be promoted)",
    usage: "bad usage or unreadable input: no such file, not a stack file, not a state export",
    invalidConfig: "invalid stack configuration: every problem is listed and nothing was declared",
    internal: "an internal error (a bug), printed with its stack trace",
  };
  return Object.entries(EXIT)
    .map(([name, value]) => `- \`${value}\`: ${meaning[name as keyof typeof EXIT]}`)
    .join("\n");
}

export function configurationDoc(): string {
  return `# Configuration: the \`dalp:\` namespace

<!-- Generated by npm run docs:config from config/schema.ts, config/limits.ts and stacks/<cloud>/; do not edit. -->

Every key a stack file may hold, with its default. Anything else is refused before a resource is declared,
with the key, the value given (never a secret, nor anything under a key that names a credential) and what is
allowed. Every problem is reported in one round: the schema's, the cross-key rules' (\`config/validate.ts\`),
the cloud's (\`stacks/<cloud>/validate.ts\`) and the provider keys' agreement, each on every key the earlier
ones accepted. Only what needs the cloud's answer (the zones a region offers) comes in a second round.

Numbers and booleans may be written as strings (\`"30"\`, \`"true"\`), which is how \`pulumi config set --path\`
stores them. Versions are text: a whole number is read as its digits (\`postgres.version: 17\`), but write a
version with a dot in quotes (\`"1.30"\`; YAML reads an unquoted 1.30 as 1.3). A stack file is UTF-8 YAML of at
most ${MAX_STACK_FILE_BYTES / 1024 / 1024} MiB with a \`config:\` map.

## Keys

${keysTable()}

Secret keys (${SECRET_KEYS.map((k) => `\`dalp:${k}\``).join(", ")}) are set with \`pulumi config set --secret\`; a plain-text value is
refused. Chart values (\`charts.values\`, \`charts.supportValues\`) and tags hold no credential: a key named for
a password, secret, token, key or mnemonic with a value in plain text, string or number, is refused (the rule is
\`facts/credentials.ts\`, shared with the policy pack's \`dalp-app-deny-plaintext-credentials\`); reference a
Kubernetes Secret instead (\`existingSecret\`, \`passwordSecret: {name, key}\`).

## Regions per pattern

${patternsTable()}

## Per cloud

${perCloudTable()}

## Provider keys

The program builds one explicit provider per region, pinned to \`dalp:account\`, and ignores the providers' own
keys; a default provider, \`pulumi import\` and readers of the stack file do not. So where they are set they
must agree: \`aws:region\`, \`azure-native:location\` and \`gcp:region\` name one of \`dalp:regions\`, \`gcp:zone\` a
zone of one, \`gcp:project\` and \`azure-native:subscriptionId\` equal \`dalp:account\`, and \`aws:allowedAccountIds\`
includes it. The reference stack files also set \`pulumi:disable-default-providers: ["*"]\`, so every resource
must name its provider (the program's do).

## Exit codes of \`dalp-ha\`

${exitCodes()}
`;
}

if (require.main === module) writeGenerated(DOC_FILE, () => configurationDoc());

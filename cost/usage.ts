import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";

const gb = z.number().nonnegative();
const byPurpose = z.object({ app: gb, backup: gb }).strict();

const usageShape = {
  bucketStoredGb: byPurpose,
  bucketReplicationGb: byPurpose,
  databaseBackupGb: gb,
  databaseReplicationGb: gb,
  cacheDatasetGb: gb,
  natGb: gb,
  loadBalancerGb: gb,
  internetEgressGb: gb,
  loadBalancerCapacityUnits: gb,
  privateEndpointGb: gb,
  logIngestionGb: gb,
  dnsQueriesMillions: gb,
};

const fullUsage = z.object(usageShape).strict();
const partialUsage = z.object({ ...usageShape, bucketStoredGb: byPurpose.partial(), bucketReplicationGb: byPurpose.partial() }).partial().strict();
const usageFile = z.object({ version: z.literal(1), defaults: partialUsage.optional(), stacks: z.record(z.string(), partialUsage).optional() }).strict();

/** Monthly usage for one stack: the defaults with the usage file's overrides applied. */
export type Usage = z.infer<typeof fullUsage>;
export type UsageKey = keyof Usage;
type PartialUsage = z.infer<typeof partialUsage>;
type UsageDocument = z.infer<typeof usageFile>;

export const DEFAULT_USAGE_FILE = path.join(__dirname, "usage.defaults.yaml");

/** Reads and validates a usage file; errors name the file, the key and what it must be. */
export function readUsageFile(file: string): UsageDocument {
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageFileError(`${file}: ${(e as Error).message.split("\n")[0]}`);
  }
  const parsed = usageFile.safeParse(doc);
  if (!parsed.success) {
    const keys = Object.keys(usageShape).join(", ");
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new UsageFileError([`${file} is not a usage file:`, ...issues, `A usage file is {version: 1, defaults: {...}, stacks: {<stack>: {...}}} with keys ${keys} (docs/cost.md).`].join("\n"));
  }
  return parsed.data;
}

export class UsageFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageFileError";
  }
}

function apply(base: Usage, over: PartialUsage | undefined): Usage {
  if (!over) return base;
  return { ...base, ...over, bucketStoredGb: { ...base.bucketStoredGb, ...over.bucketStoredGb }, bucketReplicationGb: { ...base.bucketReplicationGb, ...over.bucketReplicationGb } };
}

let builtIn: Usage | undefined;
/** The documented defaults (cost/usage.defaults.yaml). */
export function defaultUsage(): Usage {
  if (!builtIn) {
    const doc = readUsageFile(DEFAULT_USAGE_FILE);
    builtIn = fullUsage.parse(doc.defaults);
  }
  return builtIn;
}

/** The usage of `stack`: defaults, then the file's `defaults:`, then its `stacks.<stack>:`. */
export function usageFor(stack: string, file?: string): Usage {
  const doc = file ? readUsageFile(file) : undefined;
  return apply(apply(defaultUsage(), doc?.defaults), doc?.stacks?.[stack]);
}

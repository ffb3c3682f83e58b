import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";

/** The clouds with a price book. Self-hosted Kubernetes has none: its hardware is the operator's. */
export const PRICED_CLOUDS = ["aws", "azure", "gcp"] as const;
export type PricedCloud = (typeof PRICED_CLOUDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** Where one number comes from: the page or API that lists it, and the day it was read there. */
const provenance = {
  source: z.string().url(),
  asOf: isoDate,
  /** Set when no public list gives this exact number: how it was derived (a ratio, a neighbouring region). */
  estimate: z.string().min(10).optional(),
};

const regionalPrice = z.union([z.number().nonnegative(), z.object({ usd: z.number().nonnegative(), ...provenance }).strict()]);

/**
 * How `npm run prices:refresh` finds this price in the cloud's public list. Absent: the price is kept by hand
 * and only its age is reported.
 */
const query = z.union([
  /** AWS Price List bulk API: the offer file of `service` in the region; products whose attributes all match. */
  z.object({ api: z.literal("aws-bulk"), service: z.string(), attributes: z.record(z.string(), z.string()), unit: z.string().optional() }).strict(),
  /** Azure Retail Prices API: Consumption prices whose fields all match, in the region (`armRegionName`). */
  z.object({ api: z.literal("azure-retail"), filter: z.record(z.string(), z.string()), unitOfMeasure: z.string().optional() }).strict(),
  /** Cloud Billing Catalog API: the service's SKUs whose description matches and whose serviceRegions hold the region. */
  z.object({ api: z.literal("gcp-catalog"), serviceId: z.string(), description: z.string(), usageType: z.string().default("OnDemand") }).strict(),
]);

const entry = z
  .object({
    /** What is priced, `<service>.<dimension>` (`ec2.instance`, `rds.storage-gp3`). */
    key: z.string().regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$/, "service.dimension in lower case"),
    /** The SKU within the key (an instance type, a tier); absent when the key has one price. */
    sku: z.string().optional(),
    unit: z.enum(["hour", "month", "GB", "GB-month", "GB-hour", "million", "LCU-hour", "vCPU-hour"]),
    description: z.string().min(5),
    ...provenance,
    query: query.optional(),
    regions: z.record(z.string(), regionalPrice).refine((r) => Object.keys(r).length > 0, "at least one region"),
  })
  .strict();

const bookSchema = z
  .object({
    cloud: z.enum(PRICED_CLOUDS),
    currency: z.literal("USD"),
    /** A price older than this many days is reported stale by the refresh script and by `cost`. */
    staleAfterDays: z.number().int().positive(),
    prices: z.array(entry),
  })
  .strict();

export type PriceEntry = z.infer<typeof entry>;
export type PriceQuery = z.infer<typeof query>;

/** One looked-up price: the number, its unit, and where it comes from. */
export interface Price {
  key: string;
  sku?: string;
  region: string;
  unit: PriceEntry["unit"];
  usd: number;
  source: string;
  asOf: string;
  estimate?: string;
}

/** A price the book does not hold: named by key, SKU and region, with what the book does hold. */
export class UnknownPriceError extends Error {
  constructor(
    readonly cloud: string,
    readonly key: string,
    readonly sku: string | undefined,
    readonly region: string,
    known: string[],
  ) {
    const what = sku ? `${key} "${sku}"` : key;
    super(`no ${cloud} price for ${what} in ${region}: the price book (cost/prices/${cloud}.yaml) has ${known.length > 0 ? known.join(", ") : "nothing"} for it. Add the price with its source and date, or choose a priced SKU or region.`);
    this.name = "UnknownPriceError";
  }
}

export class PriceBook {
  private readonly byKey = new Map<string, PriceEntry>();

  constructor(
    readonly cloud: PricedCloud,
    readonly currency: "USD",
    readonly staleAfterDays: number,
    readonly entries: PriceEntry[],
  ) {
    for (const e of entries) {
      const id = entryId(e.key, e.sku);
      if (this.byKey.has(id)) throw new Error(`cost/prices/${cloud}.yaml: ${id} is listed twice`);
      this.byKey.set(id, e);
    }
  }

  /** The price of `key` (and `sku`) in `region`; throws UnknownPriceError rather than ever answering zero by default. */
  price(key: string, region: string, sku?: string): Price {
    const e = this.byKey.get(entryId(key, sku));
    if (!e) {
      const skus = this.entries.filter((x) => x.key === key).map((x) => x.sku ?? "(no SKU)");
      throw new UnknownPriceError(this.cloud, key, sku, region, skus.length > 0 ? skus.map((s) => `SKU ${s}`) : []);
    }
    const value = e.regions[region];
    if (value === undefined) throw new UnknownPriceError(this.cloud, key, sku, region, Object.keys(e.regions).map((r) => `region ${r}`));
    const own = typeof value === "number" ? { usd: value } : value;
    return { key, sku, region, unit: e.unit, usd: own.usd, source: "source" in own ? own.source : e.source, asOf: "asOf" in own ? own.asOf : e.asOf, estimate: ("estimate" in own ? own.estimate : undefined) ?? e.estimate };
  }

  /** The regions every entry of the book prices: the regions `cost` can price a whole stack in. */
  regions(): string[] {
    const all = this.entries.map((e) => new Set(Object.keys(e.regions)));
    return [...(all[0] ?? [])].filter((r) => all.every((s) => s.has(r))).sort();
  }

  /** Entries (or regional prices) read more than `staleAfterDays` before `today`. */
  stale(today: Date): { id: string; region?: string; asOf: string; ageDays: number }[] {
    const out: { id: string; region?: string; asOf: string; ageDays: number }[] = [];
    const age = (d: string) => Math.floor((today.getTime() - Date.parse(`${d}T00:00:00Z`)) / 86_400_000);
    for (const e of this.entries) {
      for (const [region, v] of Object.entries(e.regions)) {
        const asOf = typeof v === "number" ? e.asOf : v.asOf;
        if (age(asOf) > this.staleAfterDays) out.push({ id: entryId(e.key, e.sku), region, asOf, ageDays: age(asOf) });
      }
    }
    return out;
  }
}

export const entryId = (key: string, sku?: string) => (sku ? `${key}:${sku}` : key);

export const PRICES_DIR = path.join(__dirname, "prices");
export const priceBookPath = (cloud: PricedCloud, dir = PRICES_DIR) => path.join(dir, `${cloud}.yaml`);

/** Parses and validates a price book's text; errors name the file and the offending entry. */
export function parsePriceBook(text: string, file: string): PriceBook {
  const parsed = bookSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new Error(`${file} is not a valid price book:\n${issues}`);
  }
  const b = parsed.data;
  return new PriceBook(b.cloud, b.currency, b.staleAfterDays, b.prices);
}

const cache = new Map<string, PriceBook>();

/** The price book of a cloud, from `cost/prices/<cloud>.yaml` (read once per process). */
export function priceBook(cloud: PricedCloud, dir = PRICES_DIR): PriceBook {
  const file = priceBookPath(cloud, dir);
  let book = cache.get(file);
  if (!book) {
    book = parsePriceBook(fs.readFileSync(file, "utf8"), path.relative(process.cwd(), file) || file);
    if (book.cloud !== cloud) throw new Error(`${file} says cloud: ${book.cloud}, not ${cloud}`);
    cache.set(file, book);
  }
  return book;
}

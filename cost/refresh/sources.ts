import type { PriceQuery } from "../priceBook";

/** Fetches a URL's JSON; injectable so the refresh can be tested against recorded responses. */
export type FetchJson = (url: string) => Promise<unknown>;

/** The parts of the price lists' responses the refresh reads. */
interface AwsOffer {
  products?: Record<string, { sku: string; attributes?: Record<string, string> }>;
  terms?: { OnDemand?: Record<string, Record<string, { priceDimensions?: Record<string, { unit?: string; beginRange?: string; pricePerUnit?: { USD?: string } }> }>> };
}
interface AzurePage {
  Items?: Array<{ retailPrice: number; unitOfMeasure?: string; skuName?: string; productName?: string; meterName?: string; tierMinimumUnits?: number }>;
  NextPageLink?: string | null;
}
interface GcpSku {
  description?: string;
  serviceRegions?: string[];
  category?: { usageType?: string };
  pricingInfo?: Array<{ pricingExpression?: { tieredRates?: Array<{ unitPrice?: { units?: string; nanos?: number } }> } }>;
}
interface GcpPage {
  skus?: GcpSku[];
  nextPageToken?: string;
}

/** Responses already fetched in one refresh, by URL: an offer file serves every entry of its service and region. */
export type ResponseCache = Map<string, Promise<unknown>>;

export const defaultFetchJson: FetchJson = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} from ${url.replace(/key=[^&]+/, "key=...")}`);
  return res.json();
};

/** A price found in a public list, or why none was. */
export type Lookup = { usd: number; url: string } | { missing: string };

const AWS_BULK = (service: string, region: string) => `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${service}/current/${region}/index.json`;

/** AWS Price List bulk API: the region's offer file, products matching every attribute, their OnDemand price. */
async function awsBulk(q: Extract<PriceQuery, { api: "aws-bulk" }>, region: string, get: FetchJson, cache: ResponseCache): Promise<Lookup> {
  const url = AWS_BULK(q.service, region);
  if (!cache.has(url)) cache.set(url, get(url));
  const offer = (await cache.get(url)) as AwsOffer;
  const skus = Object.values(offer.products ?? {})
    .filter((p) => Object.entries(q.attributes).every(([k, v]) => p.attributes?.[k] === v))
    .map((p) => p.sku);
  const prices = new Set<number>();
  for (const sku of skus) {
    for (const term of Object.values(offer.terms?.OnDemand?.[sku] ?? {})) {
      for (const dim of Object.values(term.priceDimensions ?? {})) {
        if (q.unit && dim.unit !== q.unit) continue;
        if (dim.beginRange !== undefined && dim.beginRange !== "0") continue;
        prices.add(Number(dim.pricePerUnit?.USD));
      }
    }
  }
  return single(prices, url, `${q.service} products with ${JSON.stringify(q.attributes)}`);
}

const AZURE_RETAIL = "https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview";

/** Azure Retail Prices API: Consumption items in the region whose fields all match, first tier, no Spot/Windows. */
async function azureRetail(q: Extract<PriceQuery, { api: "azure-retail" }>, region: string, get: FetchJson): Promise<Lookup> {
  const clauses = [`armRegionName eq '${region}'`, `priceType eq 'Consumption'`, ...Object.entries(q.filter).map(([k, v]) => `${k} eq '${v.replace(/'/g, "''")}'`)];
  const first = `${AZURE_RETAIL}&$filter=${encodeURIComponent(clauses.join(" and "))}`;
  const items: NonNullable<AzurePage["Items"]> = [];
  for (let url: string | null = first; url; ) {
    const page = (await get(url)) as AzurePage;
    items.push(...(page.Items ?? []));
    url = page.NextPageLink ?? null;
  }
  const prices = new Set(
    items
      .filter((i) => !/Spot|Low Priority|Windows/.test(`${i.skuName} ${i.productName} ${i.meterName}`))
      .filter((i) => !q.unitOfMeasure || i.unitOfMeasure === q.unitOfMeasure)
      .filter((i) => Number(i.tierMinimumUnits ?? 0) === 0)
      .map((i) => Number(i.retailPrice)),
  );
  return single(prices, first, `items with ${JSON.stringify(q.filter)}`);
}

/** Cloud Billing Catalog API: the service's SKUs by description prefix in the region (needs GOOGLE_API_KEY). */
async function gcpCatalog(q: Extract<PriceQuery, { api: "gcp-catalog" }>, region: string, get: FetchJson, cache: ResponseCache, apiKey?: string): Promise<Lookup> {
  if (!apiKey) return { missing: "set GOOGLE_API_KEY: the Cloud Billing Catalog API needs an API key" };
  const base = `https://cloudbilling.googleapis.com/v1/services/${q.serviceId}/skus?currencyCode=USD&key=${apiKey}`;
  if (!cache.has(base)) {
    cache.set(
      base,
      (async () => {
        const skus: GcpSku[] = [];
        for (let token: string | undefined = ""; token !== undefined; ) {
          const page = (await get(`${base}${token ? `&pageToken=${token}` : ""}`)) as GcpPage;
          skus.push(...(page.skus ?? []));
          token = page.nextPageToken || undefined;
        }
        return skus;
      })(),
    );
  }
  const skus = (await cache.get(base)) as GcpSku[];
  const prices = new Set<number>();
  for (const s of skus) {
    if (!String(s.description ?? "").startsWith(q.description) || !(s.serviceRegions ?? []).includes(region) || s.category?.usageType !== q.usageType) continue;
    const rates = s.pricingInfo?.[0]?.pricingExpression?.tieredRates ?? [];
    const rate = rates.filter((t) => Number(t.unitPrice?.units ?? 0) > 0 || Number(t.unitPrice?.nanos ?? 0) > 0)[0] ?? rates[0];
    if (rate) prices.add(Number(rate.unitPrice?.units ?? 0) + Number(rate.unitPrice?.nanos ?? 0) / 1e9);
  }
  return single(prices, `https://cloudbilling.googleapis.com/v1/services/${q.serviceId}/skus`, `SKUs described "${q.description}..." in ${region}`);
}

function single(prices: Set<number>, url: string, what: string): Lookup {
  const found = [...prices].filter((p) => Number.isFinite(p));
  if (found.length === 0) return { missing: `no ${what}` };
  if (found.length > 1) return { missing: `${found.length} different prices for ${what} (${found.slice(0, 4).join(", ")}): narrow the query` };
  return { usd: found[0], url };
}

/** Looks one price up in its cloud's public list. */
export function lookupPrice(q: PriceQuery, region: string, get: FetchJson, cache: ResponseCache, env: NodeJS.ProcessEnv = process.env): Promise<Lookup> {
  switch (q.api) {
    case "aws-bulk":
      return awsBulk(q, region, get, cache);
    case "azure-retail":
      return azureRetail(q, region, get);
    case "gcp-catalog":
      return gcpCatalog(q, region, get, cache, env.GOOGLE_API_KEY);
  }
}

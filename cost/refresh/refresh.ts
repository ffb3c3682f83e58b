import * as fs from "fs";
import { parseDocument, type YAMLMap } from "yaml";
import { parsePriceBook, type PriceEntry } from "../priceBook";
import { lookupPrice, type FetchJson, type ResponseCache } from "./sources";

export interface RefreshLine {
  entry: string;
  region: string;
  outcome: "updated" | "unchanged" | "not found" | "unreachable" | "manual";
  detail: string;
}

/**
 * Refreshes one price book file in place from the clouds' public price lists: each entry with a `query` is
 * looked up per region; a changed price is written with today's date, an unchanged one gets today's date too
 * (it was confirmed today). Comments and layout are kept. Entries without a query are reported as kept by hand.
 */
export async function refreshBook(file: string, get: FetchJson, today: string, env: NodeJS.ProcessEnv = process.env): Promise<RefreshLine[]> {
  const text = fs.readFileSync(file, "utf8");
  const book = parsePriceBook(text, file);
  const doc = parseDocument(text);
  const cache: ResponseCache = new Map();
  const lines: RefreshLine[] = [];
  const items = (doc.get("prices") as { items: YAMLMap[] }).items;
  for (const [i, entry] of book.entries.entries()) {
    const id = entry.sku ? `${entry.key}:${entry.sku}` : entry.key;
    const node = items[i];
    for (const region of Object.keys(entry.regions)) {
      if (!entry.query) {
        lines.push({ entry: id, region, outcome: "manual", detail: `kept by hand, read ${asOfOf(entry, region)}` });
        continue;
      }
      let found;
      try {
        found = await lookupPrice(entry.query, region, get, cache, env);
      } catch (e) {
        lines.push({ entry: id, region, outcome: "unreachable", detail: (e as Error).message.split("\n")[0] });
        continue;
      }
      if ("missing" in found) {
        lines.push({ entry: id, region, outcome: found.missing.startsWith("set ") ? "unreachable" : "not found", detail: found.missing });
        continue;
      }
      const old = priceOf(entry, region);
      const regions = node.get("regions") as YAMLMap;
      // A refreshed price carries its own provenance: the API it was read from, today.
      regions.set(region, doc.createNode({ usd: found.usd, source: found.url, asOf: today }, { flow: true }));
      lines.push({ entry: id, region, outcome: old === found.usd ? "unchanged" : "updated", detail: old === found.usd ? `${found.usd}` : `${old} -> ${found.usd}` });
    }
  }
  if (lines.some((l) => l.outcome === "updated" || l.outcome === "unchanged")) fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return lines;
}

function priceOf(e: PriceEntry, region: string): number {
  const v = e.regions[region];
  return typeof v === "number" ? v : v.usd;
}

function asOfOf(e: PriceEntry, region: string): string {
  const v = e.regions[region];
  return typeof v === "number" ? e.asOf : v.asOf;
}


/**
 * `npm run prices:refresh`: refreshes cost/prices/*.yaml from the clouds' public price lists (AWS Price List
 * bulk API, Azure Retail Prices API, and the Cloud Billing Catalog API with GOOGLE_API_KEY), where they are
 * reachable, and then lists every price older than its book's staleAfterDays.
 * `npm run prices:stale` only lists the stale prices, offline; it exits 1 when there are any.
 */
import { PRICED_CLOUDS, priceBook, priceBookPath } from "../cost/priceBook";
import { refreshBook } from "../cost/refresh/refresh";
import { defaultFetchJson } from "../cost/refresh/sources";

async function main(): Promise<number> {
  const staleOnly = process.argv.includes("--stale");
  const today = new Date();
  if (!staleOnly) {
    for (const cloud of PRICED_CLOUDS) {
      const lines = await refreshBook(priceBookPath(cloud), defaultFetchJson, today.toISOString().slice(0, 10));
      const counts = new Map<string, number>();
      for (const l of lines) counts.set(l.outcome, (counts.get(l.outcome) ?? 0) + 1);
      console.log(`${cloud}: ${[...counts].map(([k, v]) => `${v} ${k}`).join(", ")}`);
      for (const l of lines.filter((x) => x.outcome !== "unchanged" && x.outcome !== "manual")) console.log(`  ${l.outcome}: ${l.entry} in ${l.region}: ${l.detail}`);
    }
  }
  let stale = 0;
  for (const cloud of PRICED_CLOUDS) {
    const book = priceBook(cloud);
    for (const s of book.stale(today)) {
      stale++;
      console.log(`stale: ${cloud} ${s.id} in ${s.region}: read ${s.asOf}, ${s.ageDays} days ago (books go stale after ${book.staleAfterDays})`);
    }
  }
  if (stale === 0) console.log("no stale prices");
  return staleOnly && stale > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(70);
  },
);

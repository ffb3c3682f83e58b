import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsePriceBook } from "../cost/priceBook";
import { refreshBook } from "../cost/refresh/refresh";
import type { FetchJson } from "../cost/refresh/sources";

const BOOK = `# A price book under test: comments stay where they are.
cloud: aws
currency: USD
staleAfterDays: 180
prices:
  # The control plane.
  - key: eks.cluster
    unit: hour
    description: EKS control plane, standard support
    source: https://aws.amazon.com/eks/pricing/
    asOf: "2025-01-01"
    query: {api: aws-bulk, service: AmazonEKS, attributes: {usagetype: AmazonEKS-Hours:perCluster}, unit: Hours}
    regions:
      eu-west-1: 0.10
      eu-central-1: 0.10
  - key: kms.key
    unit: month
    description: customer managed key
    source: https://aws.amazon.com/kms/pricing/
    asOf: "2025-01-01"
    regions:
      eu-west-1: 1
`;

/** An offer file of the AWS Price List bulk API, as much of it as the refresh reads. */
const offer = (usd: string) => ({
  products: { SKU1: { sku: "SKU1", attributes: { usagetype: "AmazonEKS-Hours:perCluster" } }, SKU2: { sku: "SKU2", attributes: { usagetype: "Other" } } },
  terms: { OnDemand: { SKU1: { "SKU1.T": { priceDimensions: { "SKU1.T.D": { unit: "Hours", beginRange: "0", pricePerUnit: { USD: usd } } } } }, SKU2: { "SKU2.T": { priceDimensions: { d: { unit: "Hours", pricePerUnit: { USD: "9" } } } } } } },
});

function bookFile(text = BOOK): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-prices-")), "aws.yaml");
  fs.writeFileSync(file, text);
  return file;
}

describe("npm run prices:refresh", () => {
  it("updates a changed price with the API it came from and today's date, confirms an unchanged one, keeps comments", async () => {
    const file = bookFile();
    const urls: string[] = [];
    const get: FetchJson = async (url) => {
      urls.push(url);
      return offer(url.includes("/eu-west-1/") ? "0.1000000000" : "0.1200000000");
    };
    const lines = await refreshBook(file, get, "2026-12-01");
    expect(lines).toEqual([
      { entry: "eks.cluster", region: "eu-west-1", outcome: "unchanged", detail: "0.1" },
      { entry: "eks.cluster", region: "eu-central-1", outcome: "updated", detail: "0.1 -> 0.12" },
      { entry: "kms.key", region: "eu-west-1", outcome: "manual", detail: "kept by hand, read 2025-01-01" },
    ]);
    expect(urls).toEqual(["https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEKS/current/eu-west-1/index.json", "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEKS/current/eu-central-1/index.json"]);
    const text = fs.readFileSync(file, "utf8");
    expect(text).toContain("# A price book under test: comments stay where they are.");
    expect(text).toContain("# The control plane.");
    const book = parsePriceBook(text, file);
    expect(book.price("eks.cluster", "eu-central-1")).toMatchObject({ usd: 0.12, asOf: "2026-12-01", source: expect.stringContaining("/AmazonEKS/current/eu-central-1/") });
    expect(book.price("kms.key", "eu-west-1")).toMatchObject({ usd: 1, asOf: "2025-01-01" });
  });

  it("reports an unreachable list or a query that matches nothing, and leaves the file as it was", async () => {
    const file = bookFile();
    const down = await refreshBook(file, async () => Promise.reject(new Error("getaddrinfo ENOTFOUND pricing.us-east-1.amazonaws.com")), "2026-12-01");
    expect(down.filter((l) => l.outcome === "unreachable").map((l) => l.region)).toEqual(["eu-west-1", "eu-central-1"]);
    const empty = await refreshBook(file, async () => ({ products: {}, terms: {} }), "2026-12-01");
    expect(empty[0]).toMatchObject({ outcome: "not found", detail: expect.stringContaining("no AmazonEKS products with") });
    expect(fs.readFileSync(file, "utf8")).toBe(BOOK);
  });

  it("reads the Azure Retail Prices API page by page and skips Spot and Windows meters", async () => {
    const file = bookFile(
      BOOK.replace("cloud: aws", "cloud: azure").replace(
        "query: {api: aws-bulk, service: AmazonEKS, attributes: {usagetype: AmazonEKS-Hours:perCluster}, unit: Hours}",
        "query: {api: azure-retail, filter: {serviceName: Virtual Machines, armSkuName: Standard_D4s_v5}, unitOfMeasure: 1 Hour}",
      ),
    );
    const get: FetchJson = async (url) =>
      url.includes("page=2")
        ? { Items: [{ retailPrice: 0.2, unitOfMeasure: "1 Hour", skuName: "D4s v5", productName: "Virtual Machines DSv5 Series", meterName: "D4s v5", tierMinimumUnits: 0 }], NextPageLink: null }
        : { Items: [{ retailPrice: 0.05, unitOfMeasure: "1 Hour", skuName: "D4s v5 Spot", productName: "Virtual Machines DSv5 Series", meterName: "D4s v5 Spot", tierMinimumUnits: 0 }, { retailPrice: 0.4, unitOfMeasure: "1 Hour", skuName: "D4s v5", productName: "Virtual Machines DSv5 Series Windows", meterName: "D4s v5", tierMinimumUnits: 0 }], NextPageLink: "https://prices.azure.com/next?page=2" };
    const lines = await refreshBook(file, get, "2026-12-01");
    expect(lines.slice(0, 2).map((l) => [l.outcome, l.detail])).toEqual([
      ["updated", "0.1 -> 0.2"],
      ["updated", "0.1 -> 0.2"],
    ]);
  });

  it("asks for GOOGLE_API_KEY before calling the Cloud Billing Catalog API", async () => {
    const file = bookFile(BOOK.replace("cloud: aws", "cloud: gcp").replace(/query: \{api: aws-bulk[^\n]*/, 'query: {api: gcp-catalog, serviceId: 6F81-5844-456A, description: "N2 Instance Core running in"}'));
    const lines = await refreshBook(file, async () => ({ skus: [] }), "2026-12-01", {});
    expect(lines[0]).toMatchObject({ outcome: "unreachable", detail: expect.stringContaining("GOOGLE_API_KEY") });
  });

  it("lists prices older than the book's staleAfterDays", () => {
    const book = parsePriceBook(BOOK, "aws.yaml");
    expect(book.stale(new Date("2025-03-01T00:00:00Z"))).toEqual([]);
    expect(book.stale(new Date("2026-12-01T00:00:00Z")).map((s) => [s.id, s.region, s.ageDays])).toEqual([
      ["eks.cluster", "eu-west-1", 699],
      ["eks.cluster", "eu-central-1", 699],
      ["kms.key", "eu-west-1", 699],
    ]);
  });
});

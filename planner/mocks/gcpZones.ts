/**
 * Zones of Google Cloud regions, by suffix. Source: Compute Engine "Regions and zones", Available regions and
 * zones (cloud.google.com/compute/docs/regions-zones), read 2026-11-22; e.g. europe-west1 is b, c, d (there is
 * no europe-west1-a) and us-central1 has four. The real program reads the zones that are UP at plan time.
 */
export const GCP_ZONES: Record<string, string[]> = {
  "us-central1": ["a", "b", "c", "f"],
  "us-east1": ["b", "c", "d"],
  "us-east4": ["a", "b", "c"],
  "us-east5": ["a", "b", "c"],
  "us-south1": ["a", "b", "c"],
  "us-west1": ["a", "b", "c"],
  "us-west2": ["a", "b", "c"],
  "us-west3": ["a", "b", "c"],
  "us-west4": ["a", "b", "c"],
  "northamerica-northeast1": ["a", "b", "c"],
  "northamerica-northeast2": ["a", "b", "c"],
  "southamerica-east1": ["a", "b", "c"],
  "europe-west1": ["b", "c", "d"],
  "europe-west2": ["a", "b", "c"],
  "europe-west3": ["a", "b", "c"],
  "europe-west4": ["a", "b", "c"],
  "europe-west6": ["a", "b", "c"],
  "europe-west8": ["a", "b", "c"],
  "europe-west9": ["a", "b", "c"],
  "europe-west10": ["a", "b", "c"],
  "europe-west12": ["a", "b", "c"],
  "europe-north1": ["a", "b", "c"],
  "europe-central2": ["a", "b", "c"],
  "europe-southwest1": ["a", "b", "c"],
  "asia-east1": ["a", "b", "c"],
  "asia-northeast1": ["a", "b", "c"],
  "asia-south1": ["a", "b", "c"],
  "asia-southeast1": ["a", "b", "c"],
  "australia-southeast1": ["a", "b", "c"],
  "me-central2": ["a", "b", "c"],
};

/** Zone names of a region; an unlisted region is assumed to have the usual three, a to c. */
export function gcpZonesOf(region: string): string[] {
  return (GCP_ZONES[region] ?? ["a", "b", "c"]).map((letter) => `${region}-${letter}`);
}

/**
 * Google Cloud regions. The provider ships no list, and the program checks the name before it asks Compute
 * Engine for the region's zones (a mistyped region would otherwise reach the API as a 404, or plan clean
 * offline). Source: the locations of Google's regional service endpoints listed in the Firestore REST reference
 * (firebase.google.com/docs/firestore/reference/rest/v1/projects.databases.documents/listCollectionIds), read
 * 2026-12-01; every one of them but europe-west15 is also in a public list of the Cloud Build regions read the
 * same day. The canonical page is Compute Engine "Regions and zones" (cloud.google.com/compute/docs/
 * regions-zones). A region Google opens later is refused until it is added here.
 */
export const GCP_REGIONS: ReadonlySet<string> = new Set([
  "africa-south1",
  "asia-east1",
  "asia-east2",
  "asia-northeast1",
  "asia-northeast2",
  "asia-northeast3",
  "asia-south1",
  "asia-south2",
  "asia-southeast1",
  "asia-southeast2",
  "asia-southeast3",
  "australia-southeast1",
  "australia-southeast2",
  "europe-central2",
  "europe-north1",
  "europe-north2",
  "europe-southwest1",
  "europe-west1",
  "europe-west2",
  "europe-west3",
  "europe-west4",
  "europe-west6",
  "europe-west8",
  "europe-west9",
  "europe-west10",
  "europe-west12",
  "europe-west15",
  "me-central1",
  "me-central2",
  "me-west1",
  "northamerica-northeast1",
  "northamerica-northeast2",
  "northamerica-south1",
  "southamerica-east1",
  "southamerica-west1",
  "us-central1",
  "us-east1",
  "us-east4",
  "us-east5",
  "us-south1",
  "us-west1",
  "us-west2",
  "us-west3",
  "us-west4",
]);

import type { PolicyResource } from "@pulumi/policy";
import { awsReader } from "./aws";
import { azureReader } from "./azure";
import { gcpReader } from "./gcp";
import { kubernetesReader, secrets, validators } from "./kubernetes";
import type { Database, DatabaseSettings, Props, Reader, Stamp, View } from "./model";
import { stampMembership, stamps, type WithParent } from "./stamps";

export type * from "./model";

/** One reader per target. A new cloud adds its reader here; the rules read the view and stay unchanged. */
export const READERS: readonly Reader[] = [awsReader, azureReader, gcpReader, kubernetesReader];

/** Every resource type a reader reads as a database from its own inputs (the resource rules' types). */
export const DATABASE_TYPES: readonly string[] = READERS.flatMap((r) => r.databaseTypes ?? []);

/** A database's facts from its inputs alone, for a resource rule; undefined for a type no reader knows. */
export function databaseSettings(type: string, props: Props): DatabaseSettings | undefined {
  for (const reader of READERS) {
    const found = reader.database?.(type, props);
    if (found) return found;
  }
  return undefined;
}

/** Computes once, on first use; a reading that throws (an unknown value in a preview) is retried next time. */
function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

const views = new WeakMap<PolicyResource[], View>();

/**
 * The view of a stack, computed once per resources array. Each part is read on first use, so a value unknown
 * during a preview fails only the rules that read that part (databases, buckets, ...).
 */
export function viewOf(resources: PolicyResource[]): View {
  const cached = views.get(resources);
  if (cached) return cached;
  const each = <T>(read: (r: Reader) => ((rs: PolicyResource[]) => T[]) | undefined) => lazy(() => READERS.flatMap((reader) => read(reader)?.(resources) ?? []));
  const databases = each((r) => r.databases);
  const buckets = each((r) => r.buckets);
  const containers = each((r) => r.containers);
  const routes = each((r) => r.routes);
  const clusters = each((r) => r.clusters);
  const allStamps = lazy(() => stamps(resources));
  const membership = lazy(() => stampMembership(resources, allStamps()));
  const allValidators = lazy(() => validators(resources));
  const allSecrets = lazy(() => secrets(resources));
  const released = lazy(() => releasedForReturn(resources, databases(), (urn) => membership().get(urn)));
  // A region that holds only copies has neither cluster nor database, and is a region of the stack all the same.
  const regions = lazy(() => [...new Set([...clusters(), ...databases(), ...allStamps()].map((x) => x.region).filter((r): r is string => r !== undefined))]);
  const view: View = {
    get databases() {
      return databases();
    },
    get buckets() {
      return buckets();
    },
    get containers() {
      return containers();
    },
    get routes() {
      return routes();
    },
    get clusters() {
      return clusters();
    },
    get stamps() {
      return allStamps();
    },
    get validators() {
      return allValidators();
    },
    get secrets() {
      return allSecrets();
    },
    get regions() {
      return regions();
    },
    stampOf: (urn: string): Stamp | undefined => membership().get(urn),
    get releasedForReturn() {
      return released();
    },
  };
  views.set(resources, view);
  return view;
}

/** The released databases and their siblings under the same parent component (see View.releasedForReturn). */
function releasedForReturn(resources: PolicyResource[], databases: Database[], stampOf: (urn: string) => Stamp | undefined): Set<string> {
  const parents = new Set(
    databases.filter((d) => stampOf(d.urn)?.database.released === true).map((d) => (d.resource as WithParent).parent?.urn).filter((u): u is string => u !== undefined),
  );
  return new Set(resources.filter((r) => parents.has((r as WithParent).parent?.urn ?? "")).map((r) => r.urn));
}

/** Databases that replay another server's WAL: the only places a replica-side lag metric rises above zero. */
export const streaming = (view: View): Database[] => view.databases.filter((d) => d.streams);

/**
 * A property of a stateful resource that the cloud changes by itself after creation: the zone a database
 * fails over to, storage that grows on its own, a node count the autoscaler owns. Unless the resource ignores
 * it (`ignoreChanges`), the next `pulumi up --refresh` plans to undo the cloud's change: move the primary
 * back, shrink a disk, or replace the resource.
 */
export interface DriftFact {
  /** The resource type token, e.g. `azure-native:dbforpostgresql:Server`. */
  type: string;
  /** The property path as `ignoreChanges` names it, e.g. `highAvailability.standbyAvailabilityZone`. */
  property: string;
  /** What changes it, in a sentence. */
  why: string;
  /** The provider documentation or public module that says so, with the date it was read. */
  source: string;
  /** When the cloud changes it only under some setting (storage autogrow on, say); absent means always. */
  appliesWhen?: (props: Record<string, any>) => boolean;
}

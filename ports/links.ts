import type * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../config/types";
import type { Link, Stamp, Topology } from "../topology/types";
import type { CloudFacts, IngressPort, StampContext } from "./adapter";

/**
 * The link ports: what the pattern layer asks of a cloud for each link of the topology, once every stamp is
 * built. A cloud declares the links it builds; a topology with a link no port builds is refused before
 * anything is declared, which is how a pattern is "built" on one cloud and not yet on another.
 */

type LinkOf<K extends Link["kind"]> = Extract<Link, { kind: K }>;

/**
 * A stamp as phase one built it, handed to the link ports. `Handles` is the cloud's own (its network, cluster,
 * database and bucket handles), passed back to it untouched.
 */
export interface BuiltPorts<Handles> {
  stamp: Stamp;
  ctx: StampContext;
  handles: Handles;
  /** The region's public entry; absent in a region without a cluster. */
  ingress?: IngressPort;
}

/** Everything a link builder needs beside the stamps it joins. */
export interface LinkContext {
  config: DalpConfig;
  topology: Topology;
  facts: CloudFacts;
  tags: Record<string, string>;
  /**
   * Parent of resources that belong to no region (DNS records, global health checks, traffic profiles). A
   * resource that lives in a region is parented to that region's stamp instead, so that a failover with one
   * region down can target everything outside it by URN.
   */
  global: pulumi.ComponentResource;
  sharedProviders: pulumi.ProviderResource[];
}

/** What the traffic port reports: where users are sent, for the outputs and the runbook. */
export interface TrafficPort {
  /** The host name users resolve; `charts.domain`. */
  hostname: string;
  /** Region to the health check that decides whether it receives traffic. */
  healthChecks: Record<string, pulumi.Output<string>>;
  /** The records or profile that move with a failover, by the cloud's own identifier. */
  routing: pulumi.Output<string>;
}

/**
 * `Vault`: the handles of a region that holds only copies (ports/adapter.ts, VaultHandles), the destination of
 * hot-cold's links; a full stamp's handles hold as much, so a link into either takes `BuiltPorts<Vault>`.
 */
export interface LinkPorts<Handles, Vault = Handles> {
  "database-replication"?: {
    modes: ReadonlyArray<LinkOf<"database-replication">["mode"]>;
    /** What the replica in `to` needs beyond itself (backups copied along, a stable writer name). */
    build(link: LinkOf<"database-replication">, from: BuiltPorts<Handles>, to: BuiltPorts<Handles>, ctx: LinkContext): void;
  };
  /**
   * The source database's automated backups kept in `to`, a region without a database: a copy resource there
   * (RDS), or the source's own backup settings (Flexible Server geo-redundant backup, Cloud SQL's backup
   * location), which the source's `postgres()` reads from the topology (topology/backupCopy.ts).
   */
  "database-backup-copy"?: {
    build(link: LinkOf<"database-backup-copy">, from: BuiltPorts<Handles>, to: BuiltPorts<Vault>, ctx: LinkContext): void;
  };
  "bucket-replication"?: {
    build(link: LinkOf<"bucket-replication">, from: BuiltPorts<Handles>, to: BuiltPorts<Vault>, ctx: LinkContext): void;
  };
  traffic?: {
    routings: ReadonlyArray<LinkOf<"traffic">["routing"]>;
    /** Builds the routing; `undefined` where the routing needs nothing of the stack (one region's own load balancer). */
    build(link: LinkOf<"traffic">, targets: BuiltPorts<Handles>[], ctx: LinkContext): TrafficPort | undefined;
  };
}

/** What of a link a cloud must support to build it: its kind and, where it has one, its mode or routing. */
export function linkVariant(link: Link): string {
  switch (link.kind) {
    case "database-replication":
      return `${link.kind} (${link.mode})`;
    case "traffic":
      return `${link.kind} (${link.routing})`;
    default:
      return link.kind;
  }
}

/** Whether the cloud's link ports build this link. */
export function supportsLink<H>(ports: LinkPorts<H>, link: Link): boolean {
  switch (link.kind) {
    case "database-replication":
      return ports[link.kind]?.modes.includes(link.mode) ?? false;
    case "traffic":
      return ports.traffic?.routings.includes(link.routing) ?? false;
    default:
      return ports[link.kind] !== undefined;
  }
}

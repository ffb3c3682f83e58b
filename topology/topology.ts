import type { DalpConfig, RegionConfig } from "../config/types";
import type { DatabasePlacement, Link, Recover, Reseed, Stamp, Topology } from "./types";

type TopologyInput = Pick<DalpConfig, "pattern" | "regions" | "primaryRegion"> & { reseed?: Reseed; recover?: Recover };

/**
 * The pattern as regions and links, from configuration alone. Pure: no cloud, no Pulumi.
 *
 * Failover is a change of `primaryRegion`. The first configured region is the home of the data; each other
 * region's database identity (replica of home, backup copies of home) is fixed, and failover only promotes,
 * isolates or restores. That keeps every stateful resource's identity, so `pulumi up` after a flip updates in
 * place and never replaces a database.
 */
export function planTopology(config: TopologyInput): Topology {
  const [home, ...others] = config.regions;
  const primary = config.primaryRegion;
  const build = BUILDERS[config.pattern];
  const { stamps, links } = build(home, others, primary, config.reseed, config.recover);
  return { pattern: config.pattern, primaryRegion: primary, homeRegion: home.name, stamps, links };
}

/**
 * The topology over regions known by name alone. Roles, placements and links depend on neither zones nor
 * address space, so a check that asks the topology before the regions themselves are validated uses this.
 */
export function topologyOfNames(pattern: DalpConfig["pattern"], names: readonly string[], primaryRegion: string = names[0], reseed?: Reseed, recover?: Recover): Topology {
  return planTopology({ pattern, regions: names.map((name) => ({ name, zones: { count: 3 }, cidr: "" })), primaryRegion, reseed, recover });
}

/** `reseed` is only ever the region a failover left behind (config/reseedChecks.ts refuses anything else). */
type Builder = (home: RegionConfig, others: RegionConfig[], primary: string, reseed?: Reseed, recover?: Recover) => { stamps: Stamp[]; links: Link[] };

function stamp(region: RegionConfig, fields: Omit<Stamp, "region" | "zones" | "cidr">): Stamp {
  return { region: region.name, zones: region.zones, cidr: region.cidr, ...fields };
}

const active = (database: DatabasePlacement, validators: Stamp["validators"]) =>
  ({ role: "active", cluster: true, workloads: "serving", validators, database }) as const;

/** A former active region after failover: kept, isolated, never serving. */
const cold = (database: DatabasePlacement) =>
  ({ role: "cold", cluster: true, workloads: "isolated", validators: "off", database }) as const;

/** A warm stamp: workloads started but not serving, validators staged and stopped. */
const standby = (database: DatabasePlacement) => ({ role: "standby", cluster: true, workloads: "warm", validators: "off", database }) as const;

/** Hot-warm's links while `active` serves and `warm` follows it. */
const replicated = (active: RegionConfig, warm: RegionConfig): Link[] => [
  { kind: "database-replication", from: active.name, to: warm.name, mode: "cross-region-replica" },
  { kind: "bucket-replication", from: active.name, to: warm.name, buckets: ["app", "backup"] },
  { kind: "traffic", routing: "failover", targets: [active.name, warm.name], healthChecked: true },
];

const BUILDERS: Record<string, Builder> = {
  "cloud-native": (home) => ({
    stamps: [stamp(home, active({ kind: "primary" }, "on"))],
    links: [{ kind: "traffic", routing: "regional", targets: [home.name], healthChecked: true }],
  }),

  "hot-warm": (home, [other], primary, reseed) => {
    const failedOver = other.name === primary;
    if (reseed?.step === "recreate" || reseed?.step === "returned") {
      // After the return the other region's promoted database is the origin of the data and the home region
      // holds a new replica of it. A failover back to home promotes that replica in place and leaves the other
      // region's database declared exactly as it was, isolated: the same move as the first failover, mirrored.
      const origin = { kind: "promoted", formerSource: home.name, formerSourceReseeded: true } as const;
      return failedOver
        ? { stamps: [stamp(home, standby({ kind: "reseeded", source: other.name })), stamp(other, active(origin, "on"))], links: replicated(other, home) }
        : {
            stamps: [stamp(home, active({ kind: "reseeded", source: other.name, promoted: true }, "on")), stamp(other, cold(origin))],
            links: [{ kind: "traffic", routing: "failover", targets: [home.name], healthChecked: true }],
          };
    }
    return failedOver
      ? {
          // Nothing is replicated towards the failed region: writing there needs its APIs, which the failover
          // must not. Replication back starts when the region returns as the standby (dalp:reseed).
          stamps: [
            stamp(home, cold(reseed?.step === "release" ? { kind: "former-primary", released: true } : { kind: "former-primary" })),
            stamp(other, active({ kind: "promoted", formerSource: home.name }, "on")),
          ],
          links: [{ kind: "traffic", routing: "failover", targets: [other.name], healthChecked: true }],
        }
      : {
          stamps: [stamp(home, active({ kind: "primary" }, "on")), stamp(other, standby({ kind: "replica", source: home.name }))],
          links: replicated(home, other),
        };
  },

  "hot-cold": (home, [other], primary, _reseed, recover) => {
    // The rebuild is `dalp:recover`, whose region is then the active one (config/validate.ts); primaryRegion
    // alone never moves a hot-cold stack, since there is nothing in the other region to promote.
    const rebuilt = recover?.region === other.name && primary === other.name;
    const restored: DatabasePlacement = { kind: "restored", source: home.name, ...(recover?.pointInTime ? { pointInTime: recover.pointInTime } : {}) };
    return rebuilt
      ? {
          // The failed region stays declared as it was, isolated; the rebuild's targeted update leaves it alone
          // (runbook). Nothing is copied towards it: writing there needs its APIs.
          stamps: [stamp(home, cold({ kind: "former-primary" })), stamp(other, active(restored, "on"))],
          links: [{ kind: "traffic", routing: "regional", targets: [other.name], healthChecked: true }],
        }
      : {
          stamps: [
            stamp(home, active({ kind: "primary" }, "on")),
            stamp(other, { role: "recovery", cluster: false, workloads: "none", validators: "none", database: { kind: "backup-copy", source: home.name } }),
          ],
          links: [
            { kind: "database-backup-copy", from: home.name, to: other.name },
            { kind: "bucket-replication", from: home.name, to: other.name, buckets: ["app", "backup"] },
            { kind: "traffic", routing: "regional", targets: [home.name], healthChecked: true },
          ],
        };
  },

  "hot-hot-public": (home, [other], primary) => {
    const failedOver = other.name === primary;
    // The public chain is the source of truth: no validators, and each region indexes it itself.
    return failedOver
      ? {
          stamps: [stamp(home, cold({ kind: "former-primary" })), stamp(other, active({ kind: "promoted", formerSource: home.name }, "none"))],
          links: [
            { kind: "bucket-replication", from: other.name, to: home.name, buckets: ["app", "backup"] },
            { kind: "traffic", routing: "latency", targets: [other.name], healthChecked: true },
          ],
        }
      : {
          stamps: [stamp(home, active({ kind: "primary" }, "none")), stamp(other, active({ kind: "replica", source: home.name }, "none"))],
          links: [
            { kind: "database-replication", from: home.name, to: other.name, mode: "cross-region-replica" },
            { kind: "bucket-replication", from: home.name, to: other.name, buckets: ["app", "backup"] },
            { kind: "traffic", routing: "latency", targets: [home.name, other.name], healthChecked: true },
          ],
        };
  },

  "hot-hot-consortium": (home, others, primary) => {
    const all = [home, ...others];
    // Every region stays active; failover moves the writable cluster of the distributed topology.
    return {
      stamps: all.map((r) => stamp(r, active({ kind: "distributed", primary }, "on"))),
      links: [
        ...all.filter((r) => r.name !== primary).map((r): Link => ({ kind: "database-replication", from: primary, to: r.name, mode: "cnpg-replica-cluster" })),
        ...all.filter((r) => r.name !== primary).map((r): Link => ({ kind: "bucket-replication", from: primary, to: r.name, buckets: ["app", "backup"] })),
        { kind: "traffic", routing: "latency", targets: all.map((r) => r.name), healthChecked: true },
      ],
    };
  },
};

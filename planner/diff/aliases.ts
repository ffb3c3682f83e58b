import type { AliasSpec, PlannedResource } from "../model";
import { createUrn, newUrn, parseUrn, ROOT_STACK_TYPE } from "./urn";

/**
 * How the engine finds the old state of a registration: by its URN, else by each alias it generates, in order
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go `getOldResource`, `generateAliases`,
 * `collapseAliasToUrn`, `inheritedChildAlias`; read 2026-12-01). A resource found under an alias passes that old
 * URN on to its children: a renamed component keeps its children without an alias of their own, and a child
 * whose name starts with the parent's name is looked for under the old parent's name.
 */
type Registration = Pick<PlannedResource, "urn" | "name" | "type" | "parent" | "aliases">;

class AliasGenerator {
  /** New URN → the old URN it was found under, for resources found through an alias (the engine's `sg.aliases`). */
  readonly foundUnder = new Map<string, string>();

  constructor(
    private readonly project: string,
    private readonly stack: string,
  ) {}

  private collapse(alias: AliasSpec, r: Registration): string {
    if ("urn" in alias) return alias.urn;
    const name = alias.name || r.name;
    const type = alias.type || r.type;
    let parent = alias.parentUrn ?? "";
    if (!parent) parent = r.parent ?? "";
    else parent = this.foundUnder.get(parent) ?? parent;
    if (alias.noParent || (parent && parseUrn(parent).qualifiedType === ROOT_STACK_TYPE)) parent = "";
    return createUrn(name, type, parent, alias.project || this.project, alias.stack || this.stack);
  }

  private inherited(childType: string, childName: string, parentName: string, parentAlias: string): string {
    const old = parseUrn(parentAlias);
    const name = childName.startsWith(parentName) ? old.name + childName.slice(parentName.length) : childName;
    return newUrn(this.stack, this.project, old.qualifiedType, childType, name);
  }

  /** The alias URNs of a registration, in the engine's order. */
  aliasesOf(r: Registration): string[] {
    const out: string[] = [];
    const add = (urn: string) => {
      if (!out.includes(urn)) out.push(urn);
    };
    for (const alias of r.aliases) add(this.collapse(alias, r));
    const parentAlias = r.parent ? this.foundUnder.get(r.parent) : undefined;
    if (r.parent && parentAlias) {
      const parentName = parseUrn(r.parent).name;
      add(this.inherited(r.type, r.name, parentName, parentAlias));
      for (const alias of r.aliases) {
        const collapsed = parseUrn(this.collapse(alias, r));
        add(this.inherited(collapsed.type, collapsed.name, parentName, parentAlias));
      }
    }
    return out;
  }
}

export interface StateMatch {
  /** New URN → the old URN whose state it takes over (its own, or an alias); absent when it is new. */
  oldUrnOf: Map<string, string>;
  /** Old URNs two registrations claim (the engine stops on these with "Duplicate resource alias"). */
  contested: Array<{ oldUrn: string; urns: string[] }>;
}

/** Matches registrations, in registration order, to the URNs a state holds, as the engine does. */
export function matchToState(resources: readonly Registration[], oldUrns: ReadonlySet<string>, project: string, stack: string): StateMatch {
  const generator = new AliasGenerator(project, stack);
  const oldUrnOf = new Map<string, string>();
  const claimedBy = new Map<string, string>();
  const contested: StateMatch["contested"] = [];
  for (const r of resources) {
    const candidates = [r.urn, ...generator.aliasesOf(r)];
    const found = candidates.find((urn) => oldUrns.has(urn));
    if (!found) continue;
    const earlier = claimedBy.get(found);
    if (earlier) {
      contested.push({ oldUrn: found, urns: [earlier, r.urn] });
      continue;
    }
    claimedBy.set(found, r.urn);
    oldUrnOf.set(r.urn, found);
    if (found !== r.urn) generator.foundUnder.set(r.urn, found);
  }
  return { oldUrnOf, contested };
}

/**
 * The alias URNs each registration declares, for a state export: its own aliases, and those it inherits from a
 * parent taken to be found under the parent's first alias.
 */
export function declaredAliasUrns(resources: readonly Registration[], project: string, stack: string): Map<string, string[]> {
  const generator = new AliasGenerator(project, stack);
  const out = new Map<string, string[]>();
  for (const r of resources) {
    const aliases = generator.aliasesOf(r);
    if (aliases.length === 0) continue;
    out.set(r.urn, aliases);
    generator.foundUnder.set(r.urn, aliases[0]);
  }
  return out;
}

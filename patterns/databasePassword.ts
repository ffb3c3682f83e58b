import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { DalpConfig } from "../config/types";
import type { PostgresPasswordSpec } from "../ports/adapter";
import type { Topology } from "../topology/types";

/**
 * The deployment's database master password, declared once above the stamps. It used to belong to the home
 * region's database component, the only one that created a database of its own. A return breaks that: the
 * promoted region keeps the password it inherited, and the home region's re-seeded replica follows the
 * promoted region, so neither stamp can declare it before the other. The alias keeps the earlier URN, so a
 * stack deployed before this change keeps its password instead of generating a new one; the arguments are the
 * ones the component used, any change to which would replace it.
 */
export function databasePassword(spec: PostgresPasswordSpec, config: Pick<DalpConfig, "stack" | "project">, topology: Topology, parent: pulumi.ComponentResource, provider: pulumi.ProviderResource): pulumi.Output<string> {
  const name = `${topology.homeRegion}-postgres-password`;
  const formerUrn = `urn:pulumi:${config.stack}::${config.project}::dalp:pattern:Stamp$${spec.formerParentType}$random:index/randomPassword:RandomPassword::${name}`;
  return new random.RandomPassword("postgres-password", { length: 40, special: true, overrideSpecial: spec.specials }, { parent, provider, aliases: [formerUrn] }).result;
}

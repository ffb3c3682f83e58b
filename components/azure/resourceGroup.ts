import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";

export interface ResourceGroupArgs {
  location: string;
  tags: Record<string, string>;
}

/**
 * The stamp's resource group: one per region, so a stamp's resources are listed, tagged, costed and
 * access-controlled together. Protected, because deleting a resource group deletes everything in it.
 */
export class ResourceGroup extends pulumi.ComponentResource {
  readonly group: resources.ResourceGroup;
  readonly name: pulumi.Output<string>;
  readonly id: pulumi.Output<string>;

  constructor(name: string, args: ResourceGroupArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:ResourceGroup", name, {}, opts);
    this.group = new resources.ResourceGroup(name, { location: args.location, tags: args.tags }, { parent: this, protect: true });
    this.name = this.group.name;
    this.id = this.group.id;
    this.registerOutputs({ name: this.name, id: this.id });
  }
}

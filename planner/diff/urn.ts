/**
 * URNs as the Pulumi engine forms and reads them (`urn:pulumi:<stack>::<project>::<qualified type>::<name>`,
 * the qualified type being the parent's qualified type, `$`, and the resource's own type; the root stack is
 * never part of it). Mirrors `resource.NewURN`, `CreateURN`, `URN.QualifiedType`, `URN.Type` and `URN.Name`
 * of the engine (pulumi/pulumi sdk/go/common/resource/urn.go).
 */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface UrnParts {
  stack: string;
  project: string;
  /** The parent's qualified type chain and the resource's type, joined by `$`. */
  qualifiedType: string;
  /** The resource's own type: the last link of the chain. */
  type: string;
  name: string;
}

/** The parts of a URN; the name may itself contain `::`, so everything after the fourth separator is the name. */
export function parseUrn(urn: string): UrnParts {
  const match = /^urn:pulumi:(.*?)::(.*?)::(.*?)::(.*)$/s.exec(urn);
  if (!match) throw new Error(`not a Pulumi URN: ${urn}`);
  const [, stack, project, qualifiedType, name] = match;
  return { stack, project, qualifiedType, type: qualifiedType.split("$").pop() ?? qualifiedType, name };
}

/** `resource.NewURN`: a URN from a parent's qualified type (empty or the root stack for none). */
export function newUrn(stack: string, project: string, parentQualifiedType: string, type: string, name: string): string {
  const qualified = parentQualifiedType && parentQualifiedType !== ROOT_STACK_TYPE ? `${parentQualifiedType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** `resource.CreateURN`: a URN from the parent's URN (empty for none). */
export function createUrn(name: string, type: string, parentUrn: string, project: string, stack: string): string {
  return newUrn(stack, project, parentUrn ? parseUrn(parentUrn).qualifiedType : "", type, name);
}

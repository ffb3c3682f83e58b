/**
 * For every node of a resource tree, the mark of its nearest marked ancestor (the node itself first), by URN;
 * nodes with no marked ancestor are left out. A parent that is not among the nodes, or a cycle, ends the walk.
 * The policy pack (which region's stamp a resource is under) and the runbook (a resource's scope) both ask it.
 */
export function nearestMarks<N extends { urn: string }, T>(nodes: readonly N[], parentUrnOf: (node: N) => string | undefined, mark: (node: N) => T | undefined): Map<string, T> {
  const byUrn = new Map(nodes.map((n) => [n.urn, n]));
  const found = new Map<string, T | null>();
  const visit = (node: N, path: Set<string>): T | null => {
    const known = found.get(node.urn);
    if (known !== undefined) return known;
    let result: T | null = mark(node) ?? null;
    if (result === null) {
      const parentUrn = parentUrnOf(node);
      const parent = parentUrn ? byUrn.get(parentUrn) : undefined;
      if (parent && !path.has(parent.urn)) result = visit(parent, new Set(path).add(node.urn));
    }
    found.set(node.urn, result);
    return result;
  };
  for (const n of nodes) visit(n, new Set());
  const out = new Map<string, T>();
  for (const [urn, value] of found) if (value !== null) out.set(urn, value);
  return out;
}

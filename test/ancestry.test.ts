import { nearestMarks } from "../lib/ancestry";

type N = { urn: string; parent?: string; mark?: string };
const marks = (nodes: N[]) => Object.fromEntries(nearestMarks(nodes, (n) => n.parent, (n) => n.mark));

describe("the nearest marked ancestor", () => {
  it("is the node's own mark first, then the closest one up the chain", () => {
    expect(marks([{ urn: "a", mark: "A" }, { urn: "b", parent: "a" }, { urn: "c", parent: "b", mark: "C" }, { urn: "d", parent: "c" }])).toEqual({ a: "A", b: "A", c: "C", d: "C" });
  });

  it("leaves out nodes with no marked ancestor, a parent outside the tree and a cycle alike", () => {
    expect(marks([{ urn: "x", parent: "missing" }, { urn: "p", parent: "q" }, { urn: "q", parent: "p" }, { urn: "m", mark: "M" }])).toEqual({ m: "M" });
  });
});

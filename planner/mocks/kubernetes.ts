import { autoName, MockContext } from "./context";

/** Answers for `kubernetes:` resources: the object as applied, with the fields the API server adds. */
export function kubernetesResource(ctx: MockContext): { id: string; state: Record<string, unknown> } {
  const state: Record<string, unknown> = { ...ctx.inputs };
  if (ctx.type === "kubernetes:helm.sh/v3:Release") {
    const name = String(state.name ?? autoName(ctx));
    state.name = name;
    state.status = {
      name,
      namespace: state.namespace,
      chart: String(state.chart).split("/").pop(),
      version: state.version,
      status: "deployed",
      revision: 1,
    };
    return { id: `${state.namespace}/${name}`, state };
  }
  const metadata = { ...((state.metadata as Record<string, unknown> | undefined) ?? {}) };
  metadata.name = metadata.name ?? autoName(ctx);
  metadata.uid = `${ctx.hash.slice(0, 8)}-${ctx.hash.slice(8, 12)}-4${ctx.hash.slice(13, 16)}-8${ctx.hash.slice(1, 4)}-${ctx.hash.slice(4, 16)}`;
  state.metadata = metadata;
  const id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : String(metadata.name);
  return { id, state };
}

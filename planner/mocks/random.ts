import { MockContext } from "./context";

/** Answers for `random:` resources: deterministic values of the requested shape. */
export function randomResource(ctx: MockContext): { id: string; state: Record<string, unknown> } {
  const state: Record<string, unknown> = { ...ctx.inputs };
  if (ctx.type === "random:index/randomPassword:RandomPassword") {
    const length = Number(ctx.inputs.length ?? 16);
    const alphabet = `abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789${ctx.inputs.special === false ? "" : String(ctx.inputs.overrideSpecial ?? "!#$%&*()-_=+[]{}<>:?")}`;
    const chars = Array.from({ length }, (_, i) => alphabet[parseInt(ctx.hash.slice(i % 14, (i % 14) + 2), 16) % alphabet.length]);
    state.result = chars.join("");
    state.bcryptHash = `$2a$10$planned${ctx.hash}`;
  } else if (ctx.type === "random:index/randomString:RandomString") {
    const length = Number(ctx.inputs.length ?? 16);
    const alphabet = `abcdefghijklmnopqrstuvwxyz${ctx.inputs.upper === false ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}${ctx.inputs.numeric === false ? "" : "0123456789"}`;
    state.result = Array.from({ length }, (_, i) => alphabet[parseInt(ctx.hash.slice(i % 30, (i % 30) + 2), 16) % alphabet.length]).join("");
  } else if (ctx.type === "random:index/randomId:RandomId") {
    state.hex = ctx.hash.slice(0, Number(ctx.inputs.byteLength ?? 8) * 2);
  }
  return { id: "none", state };
}

/**
 * Just enough PromQL to read an alert's threshold: the comparisons at the top level of an expression, the
 * constant each compares against, and the scale and range the compared side is expressed in.
 */

export type Operator = ">" | ">=" | "<" | "<=" | "==" | "!=";

export interface Comparison {
  /** The compared expression, with a constant factor peeled off into `scale` (left = core * scale). */
  core: string;
  scale: number;
  op: Operator;
  value: number;
}

/** Walks an expression at nesting depth zero (outside (), {}, [] and quotes), calling `at` at each index. */
function topLevel(text: string, at: (i: number) => boolean | void): void {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) depth--;
    else if (depth === 0 && at(i) === true) return;
  }
}

/** The parts of an expression joined at top level by `or`, `and` or `unless`; each is judged on its own. */
export function alternatives(expr: string): string[] {
  const parts: string[] = [];
  let start = 0;
  topLevel(expr, (i) => {
    const m = /^\s(or|and|unless)(\s|\()/.exec(expr.slice(i));
    if (m) {
      parts.push(expr.slice(start, i));
      start = i + m[0].length - (m[2] === "(" ? 1 : 0);
    }
  });
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** The value of a constant arithmetic expression (numbers, + - * /, parentheses), or undefined. */
export function constant(text: string): number | undefined {
  const t = text.trim();
  if (!/^[\d\s.eE+\-*/()]+$/.test(t) || t === "") return undefined;
  const tokens = t.match(/\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[()+\-*/]/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const factor = (): number => {
    const tok = tokens[pos++];
    if (tok === "(") {
      const v = sum();
      pos++;
      return v;
    }
    if (tok === "-") return -factor();
    return Number(tok);
  };
  const product = (): number => {
    let v = factor();
    while (peek() === "*" || peek() === "/") v = tokens[pos++] === "*" ? v * factor() : v / factor();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === "+" || peek() === "-") v = tokens[pos++] === "+" ? v + product() : v - product();
    return v;
  };
  const value = sum();
  return pos === tokens.length && Number.isFinite(value) ? value : undefined;
}

const FLIP: Record<Operator, Operator> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!=" };

/** Removes parentheses that wrap a whole expression. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith("(") && t.endsWith(")")) {
    let closesAtEnd = true;
    let depth = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === "(") depth++;
      else if (t[i] === ")") depth--;
      if (depth === 0 && i < t.length - 1) {
        closesAtEnd = false;
        break;
      }
    }
    if (!closesAtEnd) break;
    t = t.slice(1, -1).trim();
  }
  return t;
}

/** Peels constant factors off the end of an expression: `x / 86400` is x at scale 1/86400. */
function peelScale(text: string): { core: string; scale: number } {
  let core = unwrap(text);
  let scale = 1;
  for (;;) {
    let cut = -1;
    topLevel(core, (i) => {
      if (core[i] === "*" || core[i] === "/") cut = i;
    });
    const factor = cut >= 0 ? constant(core.slice(cut + 1)) : undefined;
    if (cut >= 0 && factor !== undefined && factor !== 0) {
      scale = core[cut] === "*" ? scale * factor : scale / factor;
      core = unwrap(core.slice(0, cut));
      continue;
    }
    // A leading constant factor: `100 * x / y`.
    let first = -1;
    topLevel(core, (i) => {
      if (core[i] === "*") {
        first = i;
        return true;
      }
      return "+-/".includes(core[i]) ? true : undefined;
    });
    const leading = first >= 0 ? constant(core.slice(0, first)) : undefined;
    if (first < 0 || leading === undefined || leading === 0) return { core, scale };
    scale *= leading;
    core = unwrap(core.slice(first + 1));
  }
}

/** The comparison of one part of an expression against a constant, or undefined when it has none. */
export function comparisonOf(part: string): Comparison | undefined {
  let found: { at: number; op: Operator } | undefined;
  topLevel(part, (i) => {
    const two = part.slice(i, i + 2);
    if ([">=", "<=", "==", "!="].includes(two)) found = { at: i, op: two as Operator };
    else if ((part[i] === ">" || part[i] === "<") && part[i + 1] !== "=") found = { at: i, op: part[i] as Operator };
  });
  if (!found) return undefined;
  const left = part.slice(0, found.at);
  const right = part.slice(found.at + found.op.length).replace(/^\s*bool\b/, "");
  const rightValue = constant(right);
  if (rightValue !== undefined) return { ...peelScale(left), op: found.op, value: rightValue };
  const leftValue = constant(left);
  if (leftValue !== undefined) return { ...peelScale(right), op: FLIP[found.op], value: leftValue };
  return undefined;
}

/** Hours in a PromQL duration (`1h`, `30m`, `1h30m`, `2d`), or undefined. */
export function durationHours(text: string): number | undefined {
  if (!/^(\d+(ms|[smhdwy]))+$/.test(text)) return undefined;
  const hours: Record<string, number> = { ms: 1 / 3_600_000, s: 1 / 3600, m: 1 / 60, h: 1, d: 24, w: 168, y: 8760 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|[smhdwy])/g)) total += Number(n) * hours[unit];
  return total;
}

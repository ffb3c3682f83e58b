import type { FailureType } from "../facts/recovery";
import type { Range } from "./model";
import type { FailureRow } from "./model";

const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

/** A duration range in the unit that reads best: "21-36 s", "1-2.5 min", "4-8 h". */
export function duration(r: Range): string {
  if (r.max === Infinity) return r.min === 0 ? "unbounded" : `${duration({ min: r.min, max: r.min })} or more`;
  const [unit, div] = r.max < 120 ? ["s", 1] : r.max < 3 * 3600 ? ["min", 60] : ["h", 3600];
  const lo = round(r.min / (div as number));
  const hi = round(r.max / (div as number));
  return lo === hi ? `${hi} ${unit}` : `${lo}-${hi} ${unit}`;
}

export const money = (usd: number) => `$${Math.round(usd).toLocaleString("en-US")}`;
export const moneyRange = (r: Range) => (Math.round(r.min) === Math.round(r.max) ? money(r.min) : `${money(r.min)}-${money(r.max)}`);
export const numberRange = (r: Range, digits = 1) => {
  const f = (n: number) => (Math.round(n * 10 ** digits) / 10 ** digits).toString();
  return f(r.min) === f(r.max) ? f(r.min) : `${f(r.min)}-${f(r.max)}`;
};

/** One failure's cell: "RTO 1-2.5 min, RPO 0" or "not survived". */
export function recoveryCell(f: FailureRow): string {
  if (!f.survives || !f.rto || !f.rpo) return "not survived";
  const rpo = f.rpo.max === 0 ? "0" : duration(f.rpo);
  return `RTO ${duration(f.rto)}, RPO ${rpo}${f.recovery === "manual" ? " (manual)" : ""}`;
}

export const FAILURE_LABEL: Record<FailureType, string> = { pod: "Pod", node: "Node", zone: "Zone", database: "Database", region: "Region" };

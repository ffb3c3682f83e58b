import type { Plan, PlannedResource } from "../../planner/model";
import { descendants, only } from "./stacks";
import { utcSecond } from "../../lib/utcSecond";

/** A point in time inside the PITR window: an hour ago, to the second, as `dalp:drill.pointInTime` takes it. */
export const anHourAgo = (): string => utcSecond(Date.now() - 3600_000);

/** The stack's drill component, and everything below it. */
export const drillOf = (p: Plan): PlannedResource => only(p, "dalp:pattern:Drill");
export const inDrillOf = (p: Plan): PlannedResource[] => descendants(p, drillOf(p));

/** The drill's one resource of a type. */
export function oneInDrill(p: Plan, type: string): PlannedResource {
  const found = inDrillOf(p).filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} in the drill, found ${found.length}`);
  return found[0];
}

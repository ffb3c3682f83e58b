export { diffAgainstState, losesProtectedResources } from "./diff";
export type { BlockedChange, DiffOp, DiffResult, DiffState, ResourceChange } from "./diff";
export { readState, stateOfPlan } from "./state";
export { matchToState } from "./aliases";

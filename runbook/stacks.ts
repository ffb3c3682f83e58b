import { readStackConfig, referenceStacks, stackFilePath, PROJECT_ROOT } from "../planner/stackFiles";

/** The reference stacks that configure more than one region: the ones with a regional failover. */
export function multiRegionReferenceStacks(root = PROJECT_ROOT): string[] {
  return referenceStacks(root).filter((stack) => {
    const regions = readStackConfig(stackFilePath(stack, root)).values["dalp:regions"];
    try {
      const parsed = JSON.parse(regions ?? "[]") as unknown;
      return Array.isArray(parsed) && parsed.length > 1;
    } catch {
      return false;
    }
  });
}

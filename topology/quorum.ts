/** Whether a BFT validator set (QBFT/IBFT) keeps quorum when any single region is lost. */
export interface QuorumCheck {
  /** Validators in total. */
  n: number;
  /** Faulty validators tolerated: the largest f with n >= 3f + 1. */
  f: number;
  /** Per region: validators lost with it, and whether the rest keep quorum. */
  regions: Array<{ region: string; validators: number; survives: boolean }>;
  survivesAnyRegionLoss: boolean;
}

/**
 * Losing a region takes all its validators at once; the set stays live only when that is at most f, so no
 * region may hold more than f = floor((n - 1) / 3) of the n validators.
 */
export function checkRegionLossQuorum(validatorsByRegion: Record<string, number>): QuorumCheck {
  const n = Object.values(validatorsByRegion).reduce((a, b) => a + b, 0);
  const f = n > 0 ? Math.floor((n - 1) / 3) : 0;
  const regions = Object.entries(validatorsByRegion).map(([region, validators]) => ({ region, validators, survives: n > 0 && validators <= f }));
  return { n, f, regions, survivesAnyRegionLoss: regions.length > 0 && regions.every((r) => r.survives) };
}

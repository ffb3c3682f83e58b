import { distance } from "fastest-levenshtein";

/**
 * The candidate a mistyped word most likely meant, or nothing when none is close: at most a third of the
 * word's letters apart (two for short words), which catches a dropped, doubled or swapped letter
 * (`eu-centrl-1`, `regoins`) without suggesting an unrelated name.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(typed, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === word) return undefined;
  return bestDistance <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}

/** `; did you mean "x"?`, or nothing: appended to what an error says is allowed. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}

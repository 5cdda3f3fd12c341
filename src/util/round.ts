/** Rounds to three decimals: milliseconds to the microsecond, ratios and scores to 0.001. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}

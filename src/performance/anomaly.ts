/**
 * Anomaly detection against a baseline (by default the seven days before the window).
 *
 * An operation on a provider is flagged as slower when all of these hold:
 * 1. enough data: at least `minSamples` runs in the window and `minBaselineSamples` in the
 *    baseline (one slow run on a quiet day is not an alarm);
 * 2. practically slower: the window's p95 is at least `p95Factor` (1.5) times the baseline's p95;
 * 3. not chance: the share of the window's runs slower than the baseline's p95 is above the 5%
 *    the baseline itself has, by a one-sided binomial z-test with z ≥ `minZ` (3.09, p < 0.001).
 *    Runs whose sketch bucket holds the baseline p95 are not counted as slower, so the test
 *    errs towards not flagging.
 * The test is distribution-free (no normality of durations assumed) and reads only sketches,
 * so it works on rollups. It catches a shifted median and a heavier tail alike.
 */
import {round3} from '../util/round.js'
import type {DurationSketch} from './duration-sketch.js'

export interface AnomalyPolicy {
  p95Factor: number
  minSamples: number
  minBaselineSamples: number
  minZ: number
}

export const DEFAULT_POLICY: AnomalyPolicy = {minBaselineSamples: 50, minSamples: 20, minZ: 3.09, p95Factor: 1.5}

/** The baseline's own share of runs above its p95. */
const EXPECTED_SHARE = 0.05

export interface AnomalyVerdict {
  flagged: boolean
  /** Why (or why not), in one line. */
  reason: string
  p95Ratio: number | null
  /** Share of the window's runs above the baseline p95, and the z-score of that share against 5%. */
  slowerShare: number | null
  z: number | null
}

export function judge(current: DurationSketch, baseline: DurationSketch, policy: AnomalyPolicy = DEFAULT_POLICY): AnomalyVerdict {
  if (current.count < policy.minSamples || baseline.count < policy.minBaselineSamples) {
    return {
      flagged: false,
      p95Ratio: null,
      reason: `not judged: ${current.count} run(s) in the window (need ${policy.minSamples}), ${baseline.count} in the baseline (need ${policy.minBaselineSamples})`,
      slowerShare: null,
      z: null,
    }
  }

  const baseP95 = baseline.quantile(0.95)!
  const p95Ratio = baseP95 > 0 ? current.quantile(0.95)! / baseP95 : null
  const slowerShare = current.countAbove(baseP95) / current.count
  const z = (slowerShare - EXPECTED_SHARE) / Math.sqrt((EXPECTED_SHARE * (1 - EXPECTED_SHARE)) / current.count)
  const slower = p95Ratio !== null && p95Ratio >= policy.p95Factor
  const significant = z >= policy.minZ
  const flagged = slower && significant
  const figures = `p95 ${p95Ratio === null ? 'n/a' : round3(p95Ratio) + '×'} the baseline, ${round3(slowerShare * 100)}% of runs above the baseline p95 (z = ${round3(z)})`
  return {
    flagged,
    p95Ratio: p95Ratio === null ? null : round3(p95Ratio),
    reason: flagged ? `slower: ${figures}` : `normal: ${figures}`,
    slowerShare: round3(slowerShare),
    z: round3(z),
  }
}

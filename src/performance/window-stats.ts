import {round3} from '../util/round.js'
import type {DurationSketch} from './duration-sketch.js'

/**
 * The statistics of one operation over a window. Count, successes, success rate, min, mean and
 * max are exact; median, p95 and p99 are nearest-rank quantiles within a relative 1% of the exact
 * value (see duration-sketch.ts). Durations in milliseconds; null when the window is empty.
 */
export interface OperationStats {
  count: number
  successes: number
  successRate: number | null
  minMs: number | null
  meanMs: number | null
  medianMs: number | null
  p95Ms: number | null
  p99Ms: number | null
  maxMs: number | null
}

export const STAT_FIELDS = ['count', 'successRate', 'minMs', 'meanMs', 'medianMs', 'p95Ms', 'p99Ms', 'maxMs'] as const
export type StatField = (typeof STAT_FIELDS)[number]

function round3OrNull(value: number | undefined): number | null {
  return value === undefined ? null : round3(value)
}

export function summarize(sketch: DurationSketch): OperationStats {
  const n = sketch.count
  return {
    count: n,
    maxMs: n > 0 ? round3(sketch.max) : null,
    meanMs: n > 0 ? round3(sketch.sum / n) : null,
    medianMs: round3OrNull(sketch.quantile(0.5)),
    minMs: n > 0 ? round3(sketch.min) : null,
    p95Ms: round3OrNull(sketch.quantile(0.95)),
    p99Ms: round3OrNull(sketch.quantile(0.99)),
    successRate: n > 0 ? sketch.successes / n : null,
    successes: sketch.successes,
  }
}

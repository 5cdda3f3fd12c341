import {STAT_FIELDS, type OperationStats, type StatField} from './window-stats.js'

/** One statistic now and in the previous window of the same length. */
export interface StatChange {
  current: number | null
  previous: number | null
  /** current - previous. */
  delta: number | null
  /** current / previous - 1 (0.25 = 25% higher); null when the previous value is missing or 0. */
  relative: number | null
}

export type Trend = Record<StatField, StatChange>

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/** The change of every statistic from the previous window to the current one. */
export function trend(current: OperationStats, previous: OperationStats): Trend {
  const result = {} as Trend
  for (const field of STAT_FIELDS) {
    const now = current[field]
    const before = previous[field]
    const both = now !== null && before !== null
    result[field] = {
      current: now,
      delta: both ? round(now - before) : null,
      previous: before,
      relative: both && before !== 0 ? round(now / before - 1) : null,
    }
  }

  return result
}

/**
 * The service behind `mgit monitoring performance`: compacts the journal into rollups, then
 * merges the rollups' hourly sketches into, per operation and provider, the current window, the
 * previous window of the same length (trends) and the baseline (anomalies). Memory grows with the
 * number of operations, providers and hours, never with the number of events.
 *
 * Windows are whole UTC hours: `hours: 24` covers the 24 hours before the current hour plus the
 * current hour so far (between 24 and 25 hours). The previous window is the `hours` hours before
 * that, the baseline the `baselineDays` days before the window.
 */
import {utcDay} from '../journal/segment-names.js'
import {round3} from '../util/round.js'
import {type AnomalyPolicy, type AnomalyVerdict, DEFAULT_POLICY, judge} from './anomaly.js'
import {type CompactionReport, compact} from './compaction.js'
import {DurationSketch, RELATIVE_ACCURACY} from './duration-sketch.js'
import {splitSeriesKey} from './operation-key.js'
import type {StoreOptions} from './performance-options.js'
import {HOUR_MS, type Rollup} from './rollup-store.js'
import {type Trend, trend} from './trend.js'
import {type OperationStats, summarize} from './window-stats.js'

export interface PerformanceQuery {
  hours: number
  baselineDays: number
  /** An operation id (`git:clone`) or its name alone (`clone`). */
  operation?: string
  provider?: string
  now?: number
  policy?: AnomalyPolicy
}

/** A query that cannot be answered as asked (bad window, unknown operation): a user error. */
export class PerformanceQueryError extends Error {}

export interface HourPoint {
  /** Start of the hour, ISO 8601. */
  hour: string
  count: number
  meanMs: number | null
}

export interface OperationReport {
  operation: string
  /** Provider type, or null for operations that have none (commands). */
  provider: string | null
  current: OperationStats
  previous: OperationStats
  baseline: OperationStats
  trend: Trend
  anomaly: AnomalyVerdict
  /** Runs and mean duration per hour of the window, oldest first. */
  hourly: HourPoint[]
  /** Counts per sketch bucket of the window (upper bound in ms), for a distribution chart. */
  distribution: Array<{upperMs: number; count: number}>
}

export interface Span {
  start: string
  end: string
}

export interface PerformanceReport {
  window: Span & {hours: number}
  previousWindow: Span
  baseline: Span & {days: number}
  filters: {operation: string | null; provider: string | null}
  method: {quantiles: string; relativeError: number; anomaly: AnomalyPolicy & {rule: string}}
  operations: OperationReport[]
  /** `operation@provider` of every flagged operation. */
  anomalies: string[]
  compaction: CompactionReport
}

interface Series {
  current: DurationSketch
  previous: DurationSketch
  baseline: DurationSketch
  hourlyCount: number[]
  hourlySum: number[]
}

const MAX_BASELINE_DAYS = 366

export function validateQuery(query: PerformanceQuery): void {
  if (!Number.isInteger(query.hours) || query.hours <= 0) {
    throw new PerformanceQueryError(`--hours must be a positive whole number of hours, got ${query.hours}`)
  }

  if (!Number.isInteger(query.baselineDays) || query.baselineDays <= 0 || query.baselineDays > MAX_BASELINE_DAYS) {
    throw new PerformanceQueryError(`--baseline-days must be a whole number of days from 1 to ${MAX_BASELINE_DAYS}, got ${query.baselineDays}`)
  }
}

function iso(hour: number): string {
  return new Date(hour * HOUR_MS).toISOString()
}

/** Whether series `operation` is the one asked for: by full id, or by name when the kind is left out. */
function matchesOperation(operation: string, wanted: string): boolean {
  return operation === wanted || operation.slice(operation.indexOf(':') + 1) === wanted
}

export async function analysePerformance(store: StoreOptions, query: PerformanceQuery): Promise<PerformanceReport> {
  validateQuery(query)
  const now = query.now ?? Date.now()
  const policy = query.policy ?? DEFAULT_POLICY
  const nowHour = Math.floor(now / HOUR_MS)
  const windowStart = nowHour - query.hours
  const previousStart = windowStart - query.hours
  const baselineStart = windowStart - query.baselineDays * 24
  const earliest = Math.min(previousStart, baselineStart)
  const series = new Map<string, Series>()

  const onRollup = (rollup: Rollup): void => {
    for (const [key, hours] of rollup.series) {
      if (query.provider !== undefined && splitSeriesKey(key).provider !== query.provider) continue
      let s = series.get(key)
      for (const [hour, sketch] of hours) {
        if (hour < earliest || hour > nowHour) continue
        s ??= newSeries(series, key, query.hours + 1)
        if (hour >= windowStart) {
          s.current.merge(sketch)
          s.hourlyCount[hour - windowStart] += sketch.count
          s.hourlySum[hour - windowStart] += sketch.sum
        } else {
          if (hour >= previousStart) s.previous.merge(sketch)
          if (hour >= baselineStart) s.baseline.merge(sketch)
        }
      }
    }
  }

  const compaction = await compact({...store, fromDay: utcDay(earliest * HOUR_MS), now, onRollup})
  const wanted = query.operation
  if (wanted !== undefined) {
    const known = [...new Set([...series.keys()].map((k) => splitSeriesKey(k).operation))]
    if (!known.some((op) => matchesOperation(op, wanted))) throw new PerformanceQueryError(unknownOperation(wanted, known, query))
  }

  const operations: OperationReport[] = []
  for (const [key, s] of [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const {operation, provider} = splitSeriesKey(key)
    if (wanted === undefined ? s.current.count === 0 : !matchesOperation(operation, wanted)) continue
    const current = summarize(s.current)
    const previous = summarize(s.previous)
    operations.push({
      anomaly: judge(s.current, s.baseline, policy),
      baseline: summarize(s.baseline),
      current,
      distribution: [...s.current.bucketCounts()],
      hourly: s.hourlyCount.map((count, i) => ({count, hour: iso(windowStart + i), meanMs: count > 0 ? round3(s.hourlySum[i] / count) : null})),
      operation,
      previous,
      provider: provider === '' ? null : provider,
      trend: trend(current, previous),
    })
  }

  return {
    anomalies: operations.filter((o) => o.anomaly.flagged).map((o) => `${o.operation}@${o.provider ?? '-'}`),
    baseline: {days: query.baselineDays, end: iso(windowStart), start: iso(baselineStart)},
    compaction,
    filters: {operation: wanted ?? null, provider: query.provider ?? null},
    method: {
      anomaly: {
        ...policy,
        rule: `p95 ≥ ${policy.p95Factor}× baseline p95, and the share of runs above the baseline p95 exceeds 5% with z ≥ ${policy.minZ}; at least ${policy.minSamples} runs in the window and ${policy.minBaselineSamples} in the baseline`,
      },
      quantiles: 'nearest rank; count, success rate, min, mean and max exact',
      relativeError: RELATIVE_ACCURACY,
    },
    operations,
    previousWindow: {end: iso(windowStart), start: iso(previousStart)},
    window: {end: new Date(now).toISOString(), hours: query.hours, start: iso(windowStart)},
  }
}

function newSeries(series: Map<string, Series>, key: string, hours: number): Series {
  const s: Series = {
    baseline: new DurationSketch(),
    current: new DurationSketch(),
    hourlyCount: new Array<number>(hours).fill(0),
    hourlySum: new Array<number>(hours).fill(0),
    previous: new DurationSketch(),
  }
  series.set(key, s)
  return s
}

function unknownOperation(wanted: string, known: string[], query: PerformanceQuery): string {
  const scope = `in the last ${query.hours} hour(s) or the ${query.baselineDays} day(s) before${query.provider ? ` on ${query.provider}` : ''}`
  if (known.length === 0) return `unknown operation "${wanted}": no operations recorded ${scope}`
  const close = known
    .map((op) => ({d: Math.min(distance(wanted, op), distance(wanted, op.slice(op.indexOf(':') + 1))), op}))
    .sort((a, b) => a.d - b.d || (a.op < b.op ? -1 : 1))
    .slice(0, 3)
    .map((c) => c.op)
  return `unknown operation "${wanted}" ${scope}; did you mean: ${close.join(', ')}?`
}

/** Levenshtein distance (short names only). */
function distance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = row
  }

  return previous[b.length]
}


import type {CheckResult, CheckStatus, HealthScope} from './health-types.js'

/** What a check returns; the service adds its name, duration and time. */
export type CheckOutcome = Omit<CheckResult, 'durationMs' | 'name' | 'time'>

/** One entry of a check's `details` (e.g. one provider), as reported: `name` is the check's, `component` the item's. */
export type ReportedDetail = NonNullable<CheckResult['details']>[number]

/** A detail as a check builds it; `rollUp` adds the check's name. */
export type CheckDetail = Omit<ReportedDetail, 'name'>

export interface CheckContext {
  /** Aborted when the check's timeout elapses; pass it to every I/O call. */
  signal: AbortSignal
  /** The check's own timeout, so that it can give inner requests a shorter one and report them itself. */
  timeoutMs: number
}

export interface HealthCheck {
  name: string
  /** Scopes (besides `full`) that include this check: `ready` for what mgit needs to work. */
  ready: boolean
  /** Overrides the service's default timeout for this check. */
  timeoutMs?: number
  run(context: CheckContext): Promise<CheckOutcome>
}

const RANK: Record<CheckStatus, number> = {fail: 2, pass: 0, warn: 1}

export function worst(statuses: Iterable<CheckStatus>): CheckStatus {
  let result: CheckStatus = 'pass'
  for (const status of statuses) if (RANK[status] > RANK[result]) result = status
  return result
}

/** 1 pass, 0.5 warn, 0 fail: the encoding of the score and of the health gauges. */
export function statusValue(status: CheckStatus): number {
  return status === 'pass' ? 1 : status === 'warn' ? 0.5 : 0
}

export function includedIn(check: HealthCheck, scope: HealthScope): boolean {
  return scope === 'full' || (scope === 'ready' && check.ready)
}

/**
 * Folds per-component details into one outcome: the worst status wins, the message counts them,
 * and the recommendations of the non-passing components are joined.
 */
export function rollUp(name: string, details: CheckDetail[], what: string, empty: CheckOutcome): CheckOutcome {
  if (details.length === 0) return empty
  const status = worst(details.map((d) => d.status))
  const bad = details.filter((d) => d.status !== 'pass')
  const passing = details.length - bad.length
  const message = bad.length === 0
    ? `${details.length} ${what} ok`
    : `${passing} of ${details.length} ${what} ok; ` + bad.map((d) => `${d.component}: ${d.message}`).join('; ')
  const recommendations = [...new Set(bad.map((d) => d.recommendation).filter((r): r is string => r !== undefined))]
  return {
    details: details.map((d) => ({name, ...d})),
    message,
    observedUnit: `${what} ok`,
    observedValue: passing,
    status,
    ...(recommendations.length > 0 ? {recommendation: recommendations.join(' ')} : {}),
  }
}

import {type CheckOutcome, type HealthCheck, includedIn, statusValue, worst} from './check.js'
import type {CheckResult, HealthReport, HealthScope, HealthService} from './health-types.js'
import {redactDeep} from './redact.js'
import {round3} from '../util/round.js'

export interface HealthServiceOptions {
  checks: HealthCheck[]
  /** Per-check timeout unless a check sets its own. */
  timeoutMs?: number
  /** Reports are reused for this long, per scope; 0 runs the checks on every call. */
  cacheMs?: number
  /** Wall clock (ms since the epoch), for times and the cache. */
  now?: () => number
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5000
export const DEFAULT_CACHE_MS = 30_000

/** Runs one check under its own timeout; a hang or a throw becomes a `fail`, never an unanswered report. */
async function runCheck(check: HealthCheck, timeoutMs: number, now: () => number): Promise<CheckResult> {
  const started = now()
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`))
      resolve({message: `timed out after ${timeoutMs} ms`, recommendation: `The ${check.name} check did not finish in time; run it with --detailed to see which dependency is slow.`, status: 'fail'})
    }, timeoutMs)
  })
  let outcome: CheckOutcome
  try {
    outcome = await Promise.race([check.run({signal: controller.signal, timeoutMs}), timedOut])
  } catch (error) {
    outcome = {message: `check failed: ${(error as Error).message?.split('\n', 1)[0] ?? String(error)}`, recommendation: 'This is a bug or an unexpected environment; report it with the message above.', status: 'fail'}
  } finally {
    clearTimeout(timer)
  }

  // Defence in depth: whatever a check let through, token shapes and URL credentials are masked.
  return redactDeep({name: check.name, ...outcome, durationMs: Math.max(0, now() - started), time: new Date(started).toISOString()})
}

function report(checks: CheckResult[], started: number, now: () => number): HealthReport {
  const score = checks.length === 0 ? 1 : checks.reduce((sum, c) => sum + statusValue(c.status), 0) / checks.length
  return {
    checks,
    durationMs: Math.max(0, now() - started),
    score: round3(score),
    status: worst(checks.map((c) => c.status)),
    time: new Date(started).toISOString(),
  }
}

/**
 * Liveness: the process answers, nothing else (a dependency's outage must not get a healthy
 * process restarted). Built synchronously, with no I/O.
 */
function liveReport(now: () => number): HealthReport {
  const started = now()
  const process_: CheckResult = {
    durationMs: 0,
    message: `process ${process.pid} is running`,
    name: 'process',
    observedUnit: 's',
    observedValue: Math.round(process.uptime()),
    status: 'pass',
    time: new Date(started).toISOString(),
  }
  return report([process_], started, now)
}

interface Cached {
  at: number
  report: HealthReport
}

export function createHealthService(options: HealthServiceOptions): HealthService {
  const now = options.now ?? Date.now
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS
  const defaultTimeout = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS
  const cache = new Map<HealthScope, Cached>()
  // Concurrent callers of one scope (probes arriving together) share a single run.
  const running = new Map<HealthScope, Promise<HealthReport>>()
  let latestFull: HealthReport | undefined

  async function runScope(scope: HealthScope): Promise<HealthReport> {
    const started = now()
    const selected = options.checks.filter((check) => includedIn(check, scope))
    const results = await Promise.all(selected.map((check) => runCheck(check, check.timeoutMs ?? defaultTimeout, now)))
    const result = report(results, started, now)
    cache.set(scope, {at: now(), report: result})
    if (scope === 'full') latestFull = result
    return result
  }

  return {
    check(scope: HealthScope): Promise<HealthReport> {
      if (scope === 'live') return Promise.resolve(liveReport(now))
      const cached = cache.get(scope)
      if (cached !== undefined && now() - cached.at < cacheMs) return Promise.resolve(cached.report)
      const inFlight = running.get(scope)
      if (inFlight !== undefined) return inFlight
      const run = runScope(scope).finally(() => running.delete(scope))
      running.set(scope, run)
      return run
    },
    latest(): HealthReport | undefined {
      return latestFull
    },
  }
}

/**
 * The health model shared by the checks, the `monitoring health` command, the server's probes and
 * the metrics. Status words follow the IETF health-check response format draft (pass/warn/fail).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail'

/** Which checks a caller wants: `live` is the process alone, `ready` what mgit needs to work, `full` everything. */
export type HealthScope = 'live' | 'ready' | 'full'

export interface CheckResult {
  /** Stable check name, a metric label value: `system`, `git`, `network`, `disk`, `memory`, `providers`, `auth`, `journal`. */
  name: string
  status: CheckStatus
  observedValue?: number | string
  observedUnit?: string
  /** Human message; masked, never holds a secret. */
  message: string
  /** What to do about a warn or fail. */
  recommendation?: string
  durationMs: number
  /** ISO 8601 time the check ran. */
  time: string
  /** Per-item details, e.g. one entry per provider. */
  details?: Array<Omit<CheckResult, 'details' | 'durationMs' | 'time'> & {component: string}>
}

export interface HealthReport {
  status: CheckStatus
  /** 0..1: the share of checks passing, warn counting half. */
  score: number
  checks: CheckResult[]
  time: string
  durationMs: number
}

export interface HealthService {
  check(scope: HealthScope): Promise<HealthReport>
  /** The most recent full report, if any, without running checks (for metrics at scrape time). */
  latest(): HealthReport | undefined
}

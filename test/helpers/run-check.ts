import type {CheckOutcome, HealthCheck} from '../../src/health/check.js'

/** Runs a check directly, as the service would, with a generous timeout. */
export function runCheck(check: HealthCheck, timeoutMs = 10_000): Promise<CheckOutcome> {
  return check.run({signal: new AbortController().signal, timeoutMs})
}

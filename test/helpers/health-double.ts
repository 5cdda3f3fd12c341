import type {CheckStatus, HealthReport, HealthScope, HealthService} from '../../src/health/health-types.js'

/** A HealthService test double: answers with whatever status the test sets, and records the scopes asked. */
export class HealthDouble implements HealthService {
  status: CheckStatus = 'pass'
  throws = false
  /** When set, check() waits for it (to hold a request in flight). */
  gate: Promise<void> | undefined
  readonly scopes: HealthScope[] = []
  private last: HealthReport | undefined

  async check(scope: HealthScope): Promise<HealthReport> {
    this.scopes.push(scope)
    if (this.gate) await this.gate
    if (this.throws) throw new Error('secret-bearing failure text /home/user/.config')
    const score = this.status === 'pass' ? 1 : this.status === 'warn' ? 0.5 : 0
    const report: HealthReport = {
      checks: [{durationMs: 1, message: `double says ${this.status}`, name: 'git', status: this.status, time: new Date().toISOString()}],
      durationMs: 1,
      score,
      status: this.status,
      time: new Date().toISOString(),
    }
    if (scope === 'full') this.last = report
    return report
  }

  latest(): HealthReport | undefined {
    return this.last
  }
}

import {Gauge} from 'prom-client'

import type {CheckStatus, HealthReport, HealthService} from '../health/health-types.js'
import type {MetricsRegistry} from './exposition.js'

const STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail']
/** A report older than this is refreshed in the background; the scrape still gets the old one at once. */
export const HEALTH_REFRESH_MS = 60_000
/** Check names become label values: only plain identifiers are kept. */
const CHECK_NAME = /^[a-z][a-z0-9_]{0,31}$/

/**
 * `mgit_health_overall` (the report's score, 0..1) and `mgit_health_check_status` (a state set:
 * 1 for each check's current status, 0 for the others), read from the health service at scrape
 * time. A scrape waits on the checks only when no report exists yet; a stale report is served as
 * it is while a fresh one is made in the background (one at a time).
 */
export function registerHealthMetrics(registry: MetricsRegistry, health: HealthService, now: () => number = Date.now): void {
  let refreshing: Promise<unknown> | undefined
  const latest = async (): Promise<HealthReport> => {
    const report = health.latest()
    if (report === undefined) return health.check('full')
    if (refreshing === undefined && now() - Date.parse(report.time) > HEALTH_REFRESH_MS) {
      refreshing = health.check('full').catch(() => {}).finally(() => {
        refreshing = undefined
      })
    }

    return report
  }

  // eslint-disable-next-line no-new
  new Gauge({
    async collect() {
      this.set((await latest()).score)
    },
    help: 'Overall health of mgit on this machine: the share of health checks passing (warn counts half), 0..1.',
    name: 'mgit_health_overall',
    registers: [registry],
  })
  // eslint-disable-next-line no-new
  new Gauge({
    async collect() {
      const report = await latest()
      this.reset()
      for (const check of report.checks) {
        if (!CHECK_NAME.test(check.name)) continue
        for (const status of STATUSES) this.set({check: check.name, status}, check.status === status ? 1 : 0)
      }
    },
    help: 'Status of each health check: 1 for its current status (pass, warn or fail), 0 for the others.',
    labelNames: ['check', 'status'],
    name: 'mgit_health_check_status',
    registers: [registry],
  })
}

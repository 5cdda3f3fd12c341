import {Gauge} from 'prom-client'

import {statusValue} from '../health/check.js'
import type {HealthService} from '../health/health-types.js'
import type {MetricsRegistry} from './exposition.js'

/**
 * Registers the health gauges on `registry`. Values are read from `service.latest()` at scrape
 * time (collect callbacks), so scraping never runs a check. Encoding: 1 pass, 0.5 warn, 0 fail.
 * Before the first full report the gauges have no sample (absent, rather than a made-up value).
 */
export function registerHealthMetrics(registry: MetricsRegistry, service: HealthService): void {
  new Gauge({
    collect() {
      const report = service.latest()
      // An unlabelled gauge starts at 0, which would read as "fail": drop the sample until there is a report.
      if (report === undefined) this.remove()
      else this.set(statusValue(report.status))
    },
    help: 'Overall health of mgit on this machine: 1 pass, 0.5 warn, 0 fail (worst of the checks).',
    name: 'mgit_health_overall',
    registers: [registry],
  })
  new Gauge({
    collect() {
      this.reset()
      for (const check of service.latest()?.checks ?? []) this.set({check: check.name}, statusValue(check.status))
    },
    help: 'Status of each health check: 1 pass, 0.5 warn, 0 fail.',
    labelNames: ['check'] as const,
    name: 'mgit_health_check_status',
    registers: [registry],
  })
  new Gauge({
    collect() {
      const report = service.latest()
      if (report === undefined) this.remove()
      else this.set(report.score)
    },
    help: 'Health score 0..1: the share of checks passing, a warning counting half.',
    name: 'mgit_health_score',
    registers: [registry],
  })
}

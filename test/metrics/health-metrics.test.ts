import {expect} from 'chai'
import {Registry, type RegistryContentType} from 'prom-client'

import type {HealthReport, HealthService} from '../../src/health/health-types.js'
import {registerHealthMetrics} from '../../src/metrics/health-metrics.js'

function serviceWith(report: HealthReport | undefined): HealthService & {report: HealthReport | undefined; checks: number} {
  const service = {
    async check(): Promise<HealthReport> {
      service.checks++
      throw new Error('a scrape must not run checks')
    },
    checks: 0,
    latest: () => service.report,
    report,
  }
  return service
}

const report = (status: HealthReport['status'], checks: Array<[string, HealthReport['status']]>, score: number): HealthReport => ({
  checks: checks.map(([name, s]) => ({durationMs: 1, message: '', name, status: s, time: new Date(0).toISOString()})),
  durationMs: 3,
  score,
  status,
  time: new Date(0).toISOString(),
})

describe('health metrics', function () {
  it('exposes the latest full report at scrape time: 1 pass, 0.5 warn, 0 fail', async function () {
    const registry = new Registry<RegistryContentType>()
    const service = serviceWith(report('warn', [['git', 'pass'], ['disk', 'warn'], ['auth', 'pass']], 0.833))
    registerHealthMetrics(registry, service)
    let text = await registry.metrics()
    expect(text).to.contain('mgit_health_overall 0.5')
    expect(text).to.contain('mgit_health_check_status{check="git"} 1')
    expect(text).to.contain('mgit_health_check_status{check="disk"} 0.5')
    expect(text).to.contain('mgit_health_score 0.833')
    expect(text).to.contain('# TYPE mgit_health_overall gauge')

    service.report = report('fail', [['git', 'fail']], 0)
    text = await registry.metrics()
    expect(text).to.contain('mgit_health_overall 0')
    expect(text).to.contain('mgit_health_check_status{check="git"} 0')
    // A check gone from the report is gone from the series.
    expect(text).not.to.contain('check="disk"')
    expect(service.checks).to.equal(0)
  })

  it('has no samples before the first full report', async function () {
    const registry = new Registry<RegistryContentType>()
    registerHealthMetrics(registry, serviceWith(undefined))
    const json = await registry.getMetricsAsJSON()
    for (const metric of json) expect(metric.values, metric.name).to.deep.equal([])
    expect(json.map((m) => m.name)).to.have.members(['mgit_health_overall', 'mgit_health_check_status', 'mgit_health_score'])
  })
})

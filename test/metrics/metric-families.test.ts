import {expect} from 'chai'
import {Registry, type RegistryContentType} from 'prom-client'

import {
  type ApiRequestEvent,
  type AuthAttemptEvent,
  type GitOperationEvent,
  type RepositoryResultEvent,
  SCHEMA_VERSION,
} from '../../src/journal/event-types.js'
import {MetricsCatalog} from '../../src/metrics/catalog.js'
import type {MetricsRegistry} from '../../src/metrics/exposition.js'
import {HEALTH_REFRESH_MS, registerHealthMetrics} from '../../src/metrics/health-metrics.js'
import {DEFAULT_IN_FLIGHT_MAX_AGE_MS, maxAgeFromEnv} from '../../src/metrics/in-flight-metrics.js'
import {HealthDouble} from '../helpers/health-double.js'
import {endEvent, startEvent} from '../helpers/journal-files.js'
import {labelSets, samples, valueOf} from '../helpers/metric-values.js'

const base = {cid: 'c', pid: 1, ts: 1_700_000_000_000, v: SCHEMA_VERSION} as const

function git(extra: Partial<GitOperationEvent>): GitOperationEvent {
  return {...base, durationMs: 1500, errorCategory: 'none', exitCode: 0, operation: 'clone', provider: 'github', success: true, type: 'git_operation', ...extra}
}

function api(extra: Partial<ApiRequestEvent>): ApiRequestEvent {
  return {...base, durationMs: 80, endpoint: '/orgs/{org}/repos', errorCategory: 'none', method: 'GET', provider: 'github', rateLimited: false, status: 200, statusClass: '2xx', type: 'api_request', ...extra}
}

describe('metric families', function () {
  let registry: MetricsRegistry
  let catalog: MetricsCatalog

  beforeEach(function () {
    registry = new Registry<RegistryContentType>()
    catalog = new MetricsCatalog(registry)
  })

  describe('commands', function () {
    it('counts operations, successes and failures by category, and keeps the latest success time', async function () {
      catalog.observe(endEvent('clone-all', {ts: 2000_000}))
      catalog.observe(endEvent('clone-all', {ts: 1000_000}))
      catalog.observe(endEvent('clone-all', {errorCategory: 'network', exitCode: 1, success: false}))
      catalog.observe(endEvent('', {kind: 'help'}))
      expect(await valueOf(registry, 'mgit_operations_total', {operation: 'clone-all'})).to.equal(3)
      expect(await valueOf(registry, 'mgit_operations_success_total', {operation: 'clone-all'})).to.equal(2)
      expect(await valueOf(registry, 'mgit_operations_failure_total', {error_category: 'network', operation: 'clone-all'})).to.equal(1)
      expect(await valueOf(registry, 'mgit_operation_last_success_timestamp_seconds', {operation: 'clone-all'})).to.equal(2000)
      expect(await valueOf(registry, 'mgit_cli_invocations_total', {kind: 'help', result: 'success'})).to.equal(1)
    })

    it('maps a command ID that is not one onto "other" and an unknown error category onto "unknown"', async function () {
      catalog.observe(endEvent('https://example.com/x?token=1', {errorCategory: 'free text' as never, exitCode: 1, success: false}))
      expect(await labelSets(registry, 'mgit_operations_failure_total')).to.deep.equal([{error_category: 'unknown', operation: 'other'}])
    })
  })

  describe('git', function () {
    it('counts git operations by subcommand, provider and result, and times clones only', async function () {
      catalog.observe(git({}))
      catalog.observe(git({durationMs: 40_000}))
      catalog.observe(git({errorCategory: 'auth', exitCode: 128, operation: 'pull', success: false}))
      catalog.observe(git({operation: 'gc' as never, provider: 'gitlab' as never}))
      expect(await valueOf(registry, 'mgit_git_operations_total', {error_category: 'none', operation: 'clone', provider: 'github', result: 'success'})).to.equal(2)
      expect(await valueOf(registry, 'mgit_git_operations_total', {error_category: 'auth', operation: 'pull', provider: 'github', result: 'failure'})).to.equal(1)
      expect(await valueOf(registry, 'mgit_git_operations_total', {error_category: 'none', operation: 'other', provider: 'other', result: 'success'})).to.equal(1)
      const histogram = await samples(registry, 'mgit_git_clone_duration_seconds')
      const count = histogram.find((v) => v.metricName === 'mgit_git_clone_duration_seconds_count')
      const sum = histogram.find((v) => v.metricName === 'mgit_git_clone_duration_seconds_sum')
      const le2 = histogram.find((v) => v.metricName === 'mgit_git_clone_duration_seconds_bucket' && v.labels.le === 2.5)
      expect(count?.value).to.equal(2)
      expect(sum?.value).to.equal(41.5)
      expect(le2?.value).to.equal(1)
    })
  })

  describe('provider API', function () {
    it('counts requests by provider, method and status class, times them, and counts rate-limit hits', async function () {
      catalog.observe(api({}))
      catalog.observe(api({method: 'get'}))
      catalog.observe(api({rateLimited: true, status: 429, statusClass: '4xx'}))
      catalog.observe(api({method: 'BREW', provider: 'bitbucket', status: 0, statusClass: 'error'}))
      expect(await valueOf(registry, 'mgit_api_requests_total', {method: 'GET', provider: 'github', status_class: '2xx'})).to.equal(2)
      expect(await valueOf(registry, 'mgit_api_requests_total', {method: 'GET', provider: 'github', status_class: '4xx'})).to.equal(1)
      expect(await valueOf(registry, 'mgit_api_requests_total', {method: 'other', provider: 'bitbucket', status_class: 'error'})).to.equal(1)
      expect(await valueOf(registry, 'mgit_api_rate_limit_hits_total', {provider: 'github'})).to.equal(1)
      const values = await samples(registry, 'mgit_api_request_duration_seconds')
      expect(values.find((v) => v.metricName?.endsWith('_count') && v.labels.provider === 'github')?.value).to.equal(3)
      // The endpoint template is never a label.
      for (const labels of await labelSets(registry, 'mgit_api_requests_total')) expect(labels).not.to.have.property('endpoint')
    })
  })

  describe('authentication', function () {
    it('counts attempts by provider and result', async function () {
      const attempt = (extra: Partial<AuthAttemptEvent>): AuthAttemptEvent => ({...base, durationMs: 3, errorCategory: 'none', provider: 'azuredevops', success: true, type: 'auth_attempt', ...extra})
      catalog.observe(attempt({}))
      catalog.observe(attempt({errorCategory: 'auth', success: false}))
      expect(await valueOf(registry, 'mgit_auth_attempts_total', {error_category: 'none', provider: 'azuredevops', result: 'success'})).to.equal(1)
      expect(await valueOf(registry, 'mgit_auth_attempts_total', {error_category: 'auth', provider: 'azuredevops', result: 'failure'})).to.equal(1)
    })
  })

  describe('repositories', function () {
    it('counts repositories by result with a series count independent of the number of repositories', async function () {
      for (let i = 0; i < 500; i++) {
        const event: RepositoryResultEvent = {...base, operation: 'clone-all', provider: 'github', result: i % 10 === 0 ? 'failed' : 'cloned', type: 'repository_result'}
        catalog.observe(event)
      }

      expect(await valueOf(registry, 'mgit_repositories_processed_total', {operation: 'clone-all', provider: 'github', result: 'cloned'})).to.equal(450)
      expect(await valueOf(registry, 'mgit_repositories_processed_total', {operation: 'clone-all', provider: 'github', result: 'failed'})).to.equal(50)
      expect(await labelSets(registry, 'mgit_repositories_processed_total')).to.have.length(2)
    })
  })

  describe('in-flight operations', function () {
    let alive: Set<number>
    let now: number

    beforeEach(function () {
      alive = new Set([101, 102, 103])
      now = 1_700_000_000_000
      catalog = new MetricsCatalog((registry = new Registry<RegistryContentType>()), {inFlight: {isAlive: (pid) => alive.has(pid), maxAgeMs: 60_000, now: () => now}})
    })

    it('counts starts without their end (by cid and pid), and shows 0 once they end', async function () {
      catalog.observe(startEvent('clone-all', {cid: 'a', pid: 101, ts: now}))
      catalog.observe(startEvent('clone-all', {cid: 'b', pid: 102, ts: now}))
      catalog.observe(startEvent('list', {cid: 'c', pid: 103, ts: now}))
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'clone-all'})).to.equal(2)
      catalog.observe(endEvent('clone-all', {cid: 'a', pid: 101}))
      // An end from another process with the same cid (a nested mgit) does not close this one.
      catalog.observe(endEvent('clone-all', {cid: 'b', pid: 999}))
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'clone-all'})).to.equal(1)
      catalog.observe(endEvent('clone-all', {cid: 'b', pid: 102}))
      catalog.observe(endEvent('list', {cid: 'c', pid: 103}))
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'clone-all'})).to.equal(0)
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'list'})).to.equal(0)
    })

    it('stops counting a process that died without an end event', async function () {
      catalog.observe(startEvent('pull-all', {cid: 'a', pid: 101, ts: now}))
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'pull-all'})).to.equal(1)
      alive.delete(101)
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'pull-all'})).to.equal(0)
    })

    it('stops counting a start older than the maximum age even if its pid is alive (reused)', async function () {
      catalog.observe(startEvent('pull-all', {cid: 'a', pid: 101, ts: now - 120_000}))
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'pull-all'})).to.equal(0)
    })

    it('takes the maximum age from MGIT_MONITORING_INFLIGHT_MAX_AGE_HOURS, ignoring nonsense', function () {
      expect(maxAgeFromEnv({MGIT_MONITORING_INFLIGHT_MAX_AGE_HOURS: '48'})).to.equal(48 * 3600 * 1000)
      expect(maxAgeFromEnv({MGIT_MONITORING_INFLIGHT_MAX_AGE_HOURS: 'soon'})).to.equal(DEFAULT_IN_FLIGHT_MAX_AGE_MS)
      expect(maxAgeFromEnv({})).to.equal(DEFAULT_IN_FLIGHT_MAX_AGE_MS)
    })

    it('uses the real process table by default', async function () {
      catalog = new MetricsCatalog((registry = new Registry<RegistryContentType>()))
      catalog.observe(startEvent('status', {cid: 'self', pid: process.pid, ts: Date.now()}))
      catalog.observe(startEvent('status', {cid: 'gone', pid: 2 ** 22 + 12_345, ts: Date.now()}))
      expect(await valueOf(registry, 'mgit_concurrent_operations', {operation: 'status'})).to.equal(1)
    })
  })

  describe('health', function () {
    it('reads the score and the check states from the service at scrape time', async function () {
      const health = new HealthDouble()
      catalog = new MetricsCatalog((registry = new Registry<RegistryContentType>()), {health})
      expect(await valueOf(registry, 'mgit_health_overall')).to.equal(1)
      health.status = 'fail'
      await health.check('full')
      expect(await valueOf(registry, 'mgit_health_overall')).to.equal(0)
      expect(await valueOf(registry, 'mgit_health_check_status', {check: 'git', status: 'fail'})).to.equal(1)
      expect(await valueOf(registry, 'mgit_health_check_status', {check: 'git', status: 'pass'})).to.equal(0)
    })

    it('serves a stale report at once and refreshes it in the background', async function () {
      const health = new HealthDouble()
      await health.check('full')
      let now = Date.now()
      registerHealthMetrics((registry = new Registry<RegistryContentType>()), health, () => now)
      health.status = 'fail'
      expect(await valueOf(registry, 'mgit_health_overall')).to.equal(1)
      expect(health.scopes).to.have.length(1)
      now += HEALTH_REFRESH_MS + 1
      expect(await valueOf(registry, 'mgit_health_overall')).to.equal(1)
      expect(health.scopes).to.have.length(2)
      await new Promise((resolve) => setImmediate(resolve))
      expect(await valueOf(registry, 'mgit_health_overall')).to.equal(0)
    })

    it('is absent without a service, rather than a made-up value', function () {
      expect(registry.getSingleMetric('mgit_health_overall')).to.equal(undefined)
    })
  })

  describe('process metrics', function () {
    it('are included on request, without the gauges named like counters', async function () {
      catalog = new MetricsCatalog((registry = new Registry<RegistryContentType>()), {processMetrics: true})
      const names = registry.getMetricsAsArray().map((m) => (m as unknown as {name: string}).name)
      expect(names).to.include('process_resident_memory_bytes')
      expect(names).to.include('nodejs_active_handles')
      expect(names).not.to.include('nodejs_active_handles_total')
    })
  })

  it('ignores event types it does not know', function () {
    expect(() => catalog.observe({...base, type: 'future_event'})).not.to.throw()
  })
})

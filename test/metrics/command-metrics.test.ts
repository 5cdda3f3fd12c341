import {expect} from 'chai'
import {Registry, type RegistryContentType} from 'prom-client'

import type {CommandEndEvent} from '../../src/journal/event-types.js'
import {COMMAND_DURATION_BUCKETS} from '../../src/metrics/buckets.js'
import {CommandMetrics} from '../../src/metrics/command-metrics.js'

function end(fields: Partial<CommandEndEvent>): CommandEndEvent {
  return {
    cid: 'c', cliVersion: '1.0.0', cmd: 'clone-all', durationMs: 1500, errorCategory: 'none', exitCode: 0, flags: [],
    kind: 'command', pid: 1, plugin: 'mgit', pluginVersion: '1.0.0', processMs: 2000, success: true,
    ts: 1_790_000_000_000, type: 'command_end', v: 1, ...fields,
  }
}

async function values(registry: Registry<RegistryContentType>, name: string) {
  const metric = registry.getSingleMetric(name)
  expect(metric, name).to.not.equal(undefined)
  return (await metric!.get()).values
}

describe('CommandMetrics', function () {
  let registry: Registry<RegistryContentType>
  let metrics: CommandMetrics
  beforeEach(function () {
    registry = new Registry<RegistryContentType>()
    metrics = new CommandMetrics(registry)
  })

  it('counts operations, successes and failures by category', async function () {
    metrics.observe(end({}))
    metrics.observe(end({}))
    metrics.observe(end({errorCategory: 'network', exitCode: 1, success: false}))
    metrics.observe(end({cmd: 'list', errorCategory: 'exit_code', exitCode: 3, success: false}))
    expect(await values(registry, 'mgit_operations_total')).to.deep.include.members([
      {labels: {operation: 'clone-all'}, value: 3},
      {labels: {operation: 'list'}, value: 1},
    ])
    expect(await values(registry, 'mgit_operations_success_total')).to.deep.equal([{labels: {operation: 'clone-all'}, value: 2}])
    expect(await values(registry, 'mgit_operations_failure_total')).to.deep.include.members([
      {labels: {error_category: 'network', operation: 'clone-all'}, value: 1},
      {labels: {error_category: 'exit_code', operation: 'list'}, value: 1},
    ])
  })

  it('observes durations in seconds into buckets from 10 ms to an hour', async function () {
    expect(COMMAND_DURATION_BUCKETS[0]).to.equal(0.01)
    expect(COMMAND_DURATION_BUCKETS.at(-1)).to.equal(3600)
    metrics.observe(end({durationMs: 1500}))
    metrics.observe(end({durationMs: 45 * 60 * 1000}))
    const series = await values(registry, 'mgit_operation_duration_seconds')
    const bucket = (le: number) => series.find((s) => s.labels.le === le && s.labels.result === 'success')?.value
    expect(bucket(1)).to.equal(0)
    expect(bucket(2.5)).to.equal(1)
    expect(bucket(1800)).to.equal(1)
    expect(bucket(3600)).to.equal(2)
    const sum = series.find((s) => (s as {metricName?: string}).metricName === 'mgit_operation_duration_seconds_sum')
    expect(sum?.value).to.be.closeTo(1.5 + 2700, 1e-9)
  })

  it('keeps the latest success time even when events arrive out of order', async function () {
    metrics.observe(end({ts: 2_000_000}))
    metrics.observe(end({ts: 1_000_000}))
    metrics.observe(end({errorCategory: 'internal', exitCode: 1, success: false, ts: 3_000_000}))
    expect(await values(registry, 'mgit_operation_last_success_timestamp_seconds')).to.deep.equal([
      {labels: {operation: 'clone-all'}, value: 2000},
    ])
  })

  it('keeps help, version and unknown commands out of the operation metrics', async function () {
    metrics.observe(end({cmd: '', kind: 'version'}))
    metrics.observe(end({cmd: 'list', kind: 'help'}))
    metrics.observe(end({cmd: '', errorCategory: 'command_not_found', exitCode: 2, kind: 'not_found', success: false}))
    expect(await values(registry, 'mgit_operations_total')).to.deep.equal([])
    expect(await values(registry, 'mgit_cli_invocations_total')).to.deep.include.members([
      {labels: {kind: 'version', result: 'success'}, value: 1},
      {labels: {kind: 'help', result: 'success'}, value: 1},
      {labels: {kind: 'not_found', result: 'failure'}, value: 1},
    ])
  })
})

import {RECORDED} from '../recording-rules.js'
import type {PanelSpec} from './panel-builders.js'
import {quantile, ratio, sel, sumIncrease, sumRate} from './promql.js'

export interface Category {
  title: string
  /** Overview panels must show data as soon as a server is scraped and mgit has run. */
  core: boolean
  panels: PanelSpec[]
}

const percent = {max: 1, min: 0}

/** The seed's categories (overview, operations, performance, providers, authentication, resources). */
export function categories(slo: number): Category[] {
  return [
    {core: true, panels: overview(), title: 'Overview'},
    {core: false, panels: operations(slo), title: 'Operations'},
    {core: false, panels: performance(), title: 'Performance'},
    {core: false, panels: providers(), title: 'Providers'},
    {core: false, panels: authentication(), title: 'Authentication'},
    {core: false, panels: resources(), title: 'Resources'},
  ]
}

function overview(): PanelSpec[] {
  return [
    {
      description: 'Share of health checks passing (warnings count half); the lowest of the selected servers.',
      higherIsBetter: {bad: 0.5, warn: 0.8},
      kind: 'stat',
      queries: [{expr: `min(${sel('mgit_health_overall')})`, legend: 'health'}],
      title: 'Health score',
      unit: 'percentunit',
      ...percent,
    },
    {
      description: 'Health checks currently failing on the selected servers.',
      kind: 'stat',
      lowerIsBetter: {bad: 1, warn: 1},
      queries: [{expr: `sum(${sel('mgit_health_check_status', 'status="fail"')})`, legend: 'failing'}],
      title: 'Failing health checks',
      unit: 'short',
    },
    {
      description: 'mgit commands finished per second.',
      kind: 'stat',
      queries: [{expr: sumRate('mgit_operations_total'), legend: 'commands/s'}],
      title: 'Command rate',
      unit: 'ops',
    },
    {
      description: 'Share of mgit commands that exited 0.',
      higherIsBetter: {bad: 0.9, warn: 0.99},
      kind: 'stat',
      queries: [{expr: ratio(sumRate('mgit_operations_success_total'), sumRate('mgit_operations_total')), legend: 'success'}],
      title: 'Command success ratio',
      unit: 'percentunit',
      ...percent,
    },
    {
      description: 'mgit commands running now (started, not yet ended, process alive).',
      kind: 'stat',
      queries: [{expr: `sum(${sel('mgit_concurrent_operations')})`, legend: 'running'}],
      title: 'Commands running',
      unit: 'short',
    },
    {
      description: 'Monitoring servers Prometheus scrapes successfully.',
      higherIsBetter: {bad: 1, warn: 1},
      kind: 'stat',
      queries: [{expr: `sum(${sel('up')})`, legend: 'up'}],
      title: 'Monitoring servers up',
      unit: 'short',
    },
    {
      description: 'The current status of each health check (pass, warn or fail).',
      kind: 'table',
      queries: [{expr: `max by (check, status) (${sel('mgit_health_check_status')}) == 1`}],
      title: 'Health checks',
      unit: 'short',
    },
  ]
}

function operations(slo: number): PanelSpec[] {
  return [
    {description: 'Commands finished per second, by command.', kind: 'timeseries', queries: [{expr: sumRate('mgit_operations_total', ['operation']), legend: '{{operation}}'}], title: 'Commands by operation', unit: 'ops'},
    {
      description: 'Failed commands per second, by command and error category.',
      kind: 'timeseries',
      queries: [{expr: sumRate('mgit_operations_failure_total', ['operation', 'error_category']), legend: '{{operation}} {{error_category}}'}],
      title: 'Failures by error category',
      unit: 'ops',
    },
    {
      description: 'Share of commands that exited 0, by command.',
      kind: 'timeseries',
      queries: [{expr: ratio(sumRate('mgit_operations_success_total', ['operation']), sumRate('mgit_operations_total', ['operation'])), legend: '{{operation}}'}],
      title: 'Success ratio by operation',
      unit: 'percentunit',
      ...percent,
    },
    {
      description: `Error-budget burn rate of all commands against the ${slo} objective: 1 spends the 30-day budget in exactly 30 days. The alerts fire at 14.4 (1 h and 5 m) and 6 (6 h and 30 m).`,
      kind: 'timeseries',
      lowerIsBetter: {bad: 14.4, warn: 6},
      queries: [
        {expr: `${RECORDED.failureRatio('1h')}{job=~"$job"} / ${Number((1 - slo).toPrecision(6))}`, legend: '1h {{job}}'},
        {expr: `${RECORDED.failureRatio('6h')}{job=~"$job"} / ${Number((1 - slo).toPrecision(6))}`, legend: '6h {{job}}'},
      ],
      title: 'Error budget burn rate',
      unit: 'short',
    },
    {
      description: 'Repositories processed by bulk commands (clone-all, pull-all), by result.',
      kind: 'timeseries',
      queries: [{expr: sumIncrease('mgit_repositories_processed_total', ['operation', 'result']), legend: '{{operation}} {{result}}'}],
      title: 'Repositories processed',
      unit: 'short',
    },
    {
      description: 'Time since each command last succeeded: a scheduled job that stopped running shows here first.',
      kind: 'table',
      lowerIsBetter: {bad: 93_600, warn: 86_400},
      queries: [{expr: `time() - max by (operation) (${sel('mgit_operation_last_success_timestamp_seconds')})`}],
      title: 'Time since last success',
      unit: 's',
    },
    {
      description: 'Every invocation of the CLI, including help, version and unknown commands.',
      kind: 'timeseries',
      queries: [{expr: sumRate('mgit_cli_invocations_total', ['kind', 'result']), legend: '{{kind}} {{result}}'}],
      title: 'CLI invocations',
      unit: 'ops',
    },
    {description: 'Commands running, by command.', kind: 'timeseries', queries: [{expr: `sum by (operation) (${sel('mgit_concurrent_operations')})`, legend: '{{operation}}'}], title: 'Commands running by operation', unit: 'short'},
  ]
}

function performance(): PanelSpec[] {
  const histogram = 'mgit_operation_duration_seconds'
  return [
    {
      description: 'Duration percentiles of all commands.',
      kind: 'timeseries',
      queries: [0.5, 0.95, 0.99].map((q) => ({expr: quantile(q, histogram), legend: `p${q * 100}`})),
      title: 'Command duration percentiles',
      unit: 's',
    },
    {description: '95th percentile duration, by command.', kind: 'timeseries', queries: [{expr: quantile(0.95, histogram, ['operation']), legend: '{{operation}}'}], title: 'Command duration p95 by operation', unit: 's'},
    {
      description: 'Mean duration, by command.',
      kind: 'timeseries',
      queries: [{expr: ratio(sumRate(`${histogram}_sum`, ['operation']), sumRate(`${histogram}_count`, ['operation'])), legend: '{{operation}}'}],
      title: 'Mean command duration',
      unit: 's',
    },
    {
      description: '95th percentile duration of a single git clone, by provider.',
      kind: 'timeseries',
      queries: [{expr: quantile(0.95, 'mgit_git_clone_duration_seconds', ['provider']), legend: '{{provider}}'}],
      title: 'git clone duration p95',
      unit: 's',
    },
    {
      description: 'git processes run by mgit per second, by subcommand and result.',
      kind: 'timeseries',
      queries: [{expr: sumRate('mgit_git_operations_total', ['operation', 'result']), legend: '{{operation}} {{result}}'}],
      title: 'git operations',
      unit: 'ops',
    },
    {
      description: 'Failed git processes per second, by subcommand and error category.',
      kind: 'timeseries',
      queries: [{expr: sumRate('mgit_git_operations_total', ['operation', 'error_category'], 'result="failure"'), legend: '{{operation}} {{error_category}}'}],
      title: 'git failures',
      unit: 'ops',
    },
  ]
}

function providers(): PanelSpec[] {
  const requests = 'mgit_api_requests_total'
  return [
    {description: 'Provider API requests per second, by provider.', kind: 'timeseries', queries: [{expr: sumRate(requests, ['provider']), legend: '{{provider}}'}], title: 'API requests', unit: 'reqps'},
    {
      description: 'Share of provider API requests answered with a 5xx or not at all.',
      kind: 'timeseries',
      lowerIsBetter: {bad: 0.05, warn: 0.01},
      queries: [{expr: ratio(sumRate(requests, ['provider'], 'status_class=~"5xx|error"'), sumRate(requests, ['provider'])), legend: '{{provider}}'}],
      title: 'API error ratio',
      unit: 'percentunit',
      ...percent,
    },
    {
      description: '95th percentile latency of provider API requests, by provider.',
      kind: 'timeseries',
      queries: [{expr: quantile(0.95, 'mgit_api_request_duration_seconds', ['provider']), legend: '{{provider}}'}],
      title: 'API latency p95',
      unit: 's',
    },
    {
      description: 'Provider API responses per second, by provider and HTTP status class.',
      kind: 'timeseries',
      queries: [{expr: sumRate(requests, ['provider', 'status_class']), legend: '{{provider}} {{status_class}}'}],
      title: 'API responses by status class',
      unit: 'reqps',
    },
    {
      description: 'Responses that reported an exhausted rate limit, by provider.',
      kind: 'timeseries',
      lowerIsBetter: {bad: 1, warn: 1},
      queries: [{expr: sumIncrease('mgit_api_rate_limit_hits_total', ['provider']), legend: '{{provider}}'}],
      title: 'Rate-limit hits',
      unit: 'short',
    },
  ]
}

function authentication(): PanelSpec[] {
  const attempts = 'mgit_auth_attempts_total'
  return [
    {description: 'Authentication attempts per second, by provider and result.', kind: 'timeseries', queries: [{expr: sumRate(attempts, ['provider', 'result']), legend: '{{provider}} {{result}}'}], title: 'Authentication attempts', unit: 'ops'},
    {
      description: 'Share of authentication attempts that succeeded, by provider.',
      higherIsBetter: {bad: 0.9, warn: 0.99},
      kind: 'timeseries',
      queries: [{expr: ratio(sumRate(attempts, ['provider'], 'result="success"'), sumRate(attempts, ['provider'])), legend: '{{provider}}'}],
      title: 'Authentication success ratio',
      unit: 'percentunit',
      ...percent,
    },
    {
      description: 'Failed authentication attempts, by provider and error category.',
      kind: 'timeseries',
      queries: [{expr: sumIncrease(attempts, ['provider', 'error_category'], 'result="failure"'), legend: '{{provider}} {{error_category}}'}],
      title: 'Authentication failures',
      unit: 'short',
    },
  ]
}

function resources(): PanelSpec[] {
  return [
    {description: 'Resident memory of each monitoring server.', kind: 'timeseries', queries: [{expr: `sum by (instance) (${sel('process_resident_memory_bytes')})`, legend: '{{instance}}'}], title: 'Server memory', unit: 'bytes'},
    {description: 'CPU time per second of each monitoring server (1 = one core).', kind: 'timeseries', queries: [{expr: sumRate('process_cpu_seconds_total', ['instance']), legend: '{{instance}}'}], title: 'Server CPU', unit: 'percentunit'},
    {description: 'V8 heap in use by each monitoring server.', kind: 'timeseries', queries: [{expr: `sum by (instance) (${sel('nodejs_heap_size_used_bytes')})`, legend: '{{instance}}'}], title: 'Server heap used', unit: 'bytes'},
    {description: '99th percentile event-loop lag of each monitoring server.', kind: 'timeseries', queries: [{expr: `max by (instance) (${sel('nodejs_eventloop_lag_p99_seconds')})`, legend: '{{instance}}'}], title: 'Event-loop lag p99', unit: 's'},
    {description: 'Journal events read per second by each monitoring server.', kind: 'timeseries', queries: [{expr: sumRate('mgit_journal_events_total', ['instance']), legend: '{{instance}}'}], title: 'Journal events read', unit: 'ops'},
    {
      description: 'Journal lines skipped as torn or corrupt, and events of a newer schema than this plugin reads.',
      kind: 'timeseries',
      lowerIsBetter: {bad: 1, warn: 1},
      queries: [
        {expr: sumIncrease('mgit_journal_corrupt_lines_total', ['instance']), legend: 'corrupt {{instance}}'},
        {expr: sumIncrease('mgit_journal_unsupported_events_total', ['instance']), legend: 'newer schema {{instance}}'},
      ],
      title: 'Journal lines skipped',
      unit: 'short',
    },
    {description: 'Open file descriptors of each monitoring server.', kind: 'timeseries', queries: [{expr: `sum by (instance) (${sel('process_open_fds')})`, legend: '{{instance}}'}], title: 'Open file descriptors', unit: 'short'},
  ]
}

import type {StackOptions} from './options.js'

export interface RecordingRule {
  record: string
  expr: string
}

/** The windows of the multi-window burn-rate alerts (Google SRE workbook, chapter 5). */
export const BURN_WINDOWS = ['5m', '30m', '1h', '6h'] as const
export type BurnWindow = (typeof BURN_WINDOWS)[number]

/** Names of the recorded series, shared by the alert rules so that a rename cannot break them. */
export const RECORDED = {
  apiErrorRatio: 'job_provider:mgit_api_requests_errors:ratio_rate5m',
  failureRatio: (window: BurnWindow) => `job:mgit_operations_failure:ratio_rate${window}`,
  lastSuccess: 'job_operation:mgit_last_success_timestamp_seconds:max',
  operationFailureRatio: 'job_operation:mgit_operations_failure:ratio_rate30m',
  operationP95: 'job_operation:mgit_operation_duration_seconds:p95_rate1h',
} as const

/** `name{job="…",extra}`: every rule looks only at the stack's own job. */
export function jobSelector(metric: string, job: string, extra = ''): string {
  return `${metric}{job="${job}"${extra ? `,${extra}` : ''}}`
}

/**
 * Failure share of commands over a window, per `by` labels: (runs - successes) / runs. Not from
 * `mgit_operations_failure_total`: its series are born at their first failure of a category, and
 * rate() cannot see a series' first sample, while the run counters exist (the server starts them
 * at 0) before the first failure. `or … * 0` keeps commands that never succeeded.
 */
function failureRatio(job: string, by: string, window: string): string {
  const runs = `sum by (${by}) (rate(${jobSelector('mgit_operations_total', job)}[${window}]))`
  const successes = `sum by (${by}) (rate(${jobSelector('mgit_operations_success_total', job)}[${window}]))`
  return `(\n  ${runs}\n  - (${successes} or ${runs} * 0)\n)\n/\n${runs}`
}

/**
 * Expressions the alerts use more than once (the failure ratio over four windows) or that are
 * expensive (a quantile over an hour of buckets), evaluated once per interval.
 */
export function recordingRules(options: StackOptions): RecordingRule[] {
  const {job} = options
  return [
    ...BURN_WINDOWS.map((window) => ({expr: failureRatio(job, 'job', window), record: RECORDED.failureRatio(window)})),
    {expr: failureRatio(job, 'job, operation', '30m'), record: RECORDED.operationFailureRatio},
    {
      expr: `sum by (job, provider) (rate(${jobSelector('mgit_api_requests_total', job, 'status_class=~"5xx|error"')}[5m]))\n/\nsum by (job, provider) (rate(${jobSelector('mgit_api_requests_total', job)}[5m]))`,
      record: RECORDED.apiErrorRatio,
    },
    {
      expr: `histogram_quantile(0.95, sum by (job, operation, le) (rate(${jobSelector('mgit_operation_duration_seconds_bucket', job)}[1h])))`,
      record: RECORDED.operationP95,
    },
    {
      // The server's gauge, or the one ephemeral runners push to a Pushgateway (scraped with honor_labels).
      expr: `max by (job, operation) (\n  ${jobSelector('mgit_operation_last_success_timestamp_seconds', job)}\n  or ${jobSelector('mgit_last_success_timestamp_seconds', job)}\n)`,
      record: RECORDED.lastSuccess,
    },
  ]
}

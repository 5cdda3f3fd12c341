import type {StackOptions} from './options.js'
import {RECORDED, jobSelector} from './recording-rules.js'

export type Severity = 'critical' | 'warning'

export const ALERT_NAMES = [
  'MgitUnhealthy',
  'MgitHealthDegraded',
  'MgitHighFailureRate',
  'MgitAPIErrors',
  'MgitRateLimitHit',
  'MgitSlowOperations',
  'MgitExporterDown',
  'MgitExporterAbsent',
  'MgitScheduledRunMissing',
  'MgitErrorBudgetBurnFast',
  'MgitErrorBudgetBurnSlow',
] as const
export type AlertName = (typeof ALERT_NAMES)[number]

export interface AlertRule {
  alert: AlertName
  expr: string
  for: string
  labels: {severity: Severity}
  /** Templates may use `{{ $labels.NAME }}` only, so that the rule tests can render them exactly. */
  annotations: {summary: string; description: string; runbook_url: string}
}

/** Thresholds, documented in the stack's README and runbook. */
export const THRESHOLDS = {
  apiErrorRatio: 0.05,
  degradedHealth: 0.8,
  failureRatio: 0.1,
  /** Burn-rate factors for a 30-day budget: 2% of it in 1 hour (fast), 5% in 6 hours (slow). */
  fastBurn: 14.4,
  /** Daily jobs, with two hours of slack. */
  scheduledRunMaxAgeSeconds: 26 * 60 * 60,
  slowBurn: 6,
  slowOperationSeconds: 30 * 60,
} as const

/** Operations expected to run on a schedule (cron, CronJob, CI); ad hoc commands like `list` are not. */
export const SCHEDULED_OPERATIONS = ['clone-all', 'pull-all'] as const

/** The anchor of an alert's section in the runbook (GitHub's heading ids: lowercase). */
export function runbookAnchor(alert: AlertName): string {
  return alert.toLowerCase()
}

/** 0.99 → 99, without the floating-point tail. */
export function percent(ratio: number): number {
  return Number((ratio * 100).toPrecision(6))
}

/** 14.4 × (1 − 0.99) without the floating-point tail (0.14400000000000013). */
export function burnThreshold(factor: number, slo: number): number {
  return Number((factor * (1 - slo)).toPrecision(6))
}

interface AlertSpec extends Omit<AlertRule, 'annotations' | 'labels'> {
  severity: Severity
  summary: string
  description: string
}

/** The seed's six alerts plus exporter down/absent, stale scheduled runs and the SLO burn rates. */
export function alertRules(options: StackOptions): AlertRule[] {
  const {job, slo} = options
  const budget = `${percent(1 - slo)}%`
  const objective = `${percent(slo)}%`
  const fast = burnThreshold(THRESHOLDS.fastBurn, slo)
  const slow = burnThreshold(THRESHOLDS.slowBurn, slo)
  const specs: AlertSpec[] = [
    {
      alert: 'MgitUnhealthy',
      description: 'The health check {{ $labels.check }} of the mgit monitoring server {{ $labels.instance }} has been failing for 5 minutes: mgit cannot do its job there.',
      expr: `${jobSelector('mgit_health_check_status', job, 'status="fail"')} == 1`,
      for: '5m',
      severity: 'critical',
      summary: 'mgit health check {{ $labels.check }} is failing on {{ $labels.instance }}',
    },
    {
      alert: 'MgitHealthDegraded',
      description: `The health score of {{ $labels.instance }} (share of checks passing, warnings count half) has been below ${THRESHOLDS.degradedHealth * 100}% for 10 minutes.`,
      expr: `${jobSelector('mgit_health_overall', job)} < ${THRESHOLDS.degradedHealth}`,
      for: '10m',
      severity: 'warning',
      summary: 'mgit health is degraded on {{ $labels.instance }}',
    },
    {
      alert: 'MgitHighFailureRate',
      description: `More than ${THRESHOLDS.failureRatio * 100}% of mgit {{ $labels.operation }} commands failed over the last 30 minutes.`,
      expr: `${RECORDED.operationFailureRatio}{job="${job}"} > ${THRESHOLDS.failureRatio}`,
      for: '10m',
      severity: 'warning',
      summary: 'mgit {{ $labels.operation }} commands are failing',
    },
    {
      alert: 'MgitAPIErrors',
      description: `More than ${THRESHOLDS.apiErrorRatio * 100}% of the {{ $labels.provider }} API requests made by mgit got a 5xx answer or none at all over 5 minutes, for 10 minutes.`,
      expr: `${RECORDED.apiErrorRatio}{job="${job}"} > ${THRESHOLDS.apiErrorRatio}`,
      for: '10m',
      severity: 'warning',
      summary: 'The {{ $labels.provider }} API is failing mgit requests',
    },
    {
      alert: 'MgitRateLimitHit',
      description: 'The {{ $labels.provider }} API answered mgit with an exhausted rate limit (429, or 403 with the limit at zero) in the last 10 minutes.',
      expr: `sum by (job, provider) (increase(${jobSelector('mgit_api_rate_limit_hits_total', job)}[10m])) > 0`,
      for: '1m',
      severity: 'warning',
      summary: 'mgit hit the {{ $labels.provider }} API rate limit',
    },
    {
      alert: 'MgitSlowOperations',
      description: `The 95th percentile duration of mgit {{ $labels.operation }} over the last hour is above ${THRESHOLDS.slowOperationSeconds / 60} minutes.`,
      expr: `${RECORDED.operationP95}{job="${job}"} > ${THRESHOLDS.slowOperationSeconds}`,
      for: '15m',
      severity: 'warning',
      summary: 'mgit {{ $labels.operation }} is slow',
    },
    {
      alert: 'MgitExporterDown',
      description: 'Prometheus has failed to scrape the mgit monitoring server {{ $labels.instance }} for 5 minutes: no mgit metric or health data is coming from it.',
      expr: `${jobSelector('up', job)} == 0`,
      for: '5m',
      severity: 'critical',
      summary: 'mgit monitoring server {{ $labels.instance }} is down',
    },
    {
      alert: 'MgitExporterAbsent',
      description: `Prometheus has no scrape target at all for job ${job}: the scrape configuration, the ServiceMonitor or service discovery lost the mgit monitoring server, so every other mgit alert is blind.`,
      expr: `absent(${jobSelector('up', job)})`,
      for: '10m',
      severity: 'critical',
      summary: `No mgit monitoring server is being scraped (job ${job})`,
    },
    {
      alert: 'MgitScheduledRunMissing',
      description: `mgit {{ $labels.operation }} has not completed successfully for more than ${THRESHOLDS.scheduledRunMaxAgeSeconds / 3600} hours: the scheduled run is not happening or keeps failing.`,
      expr: `time() - ${RECORDED.lastSuccess}{job="${job}",operation=~"${SCHEDULED_OPERATIONS.join('|')}"} > ${THRESHOLDS.scheduledRunMaxAgeSeconds}`,
      for: '10m',
      severity: 'warning',
      summary: 'No successful mgit {{ $labels.operation }} for too long',
    },
    {
      alert: 'MgitErrorBudgetBurnFast',
      description: `mgit commands are failing ${THRESHOLDS.fastBurn} times faster than the ${objective} objective allows (error budget ${budget}), over both the last hour and the last 5 minutes: at this rate the 30-day budget is gone in about 2 days.`,
      expr: `${RECORDED.failureRatio('1h')}{job="${job}"} > ${fast}\nand\n${RECORDED.failureRatio('5m')}{job="${job}"} > ${fast}`,
      for: '2m',
      severity: 'critical',
      summary: 'mgit is burning its error budget fast',
    },
    {
      alert: 'MgitErrorBudgetBurnSlow',
      description: `mgit commands are failing ${THRESHOLDS.slowBurn} times faster than the ${objective} objective allows (error budget ${budget}), over both the last 6 hours and the last 30 minutes: at this rate the 30-day budget is gone in 5 days.`,
      expr: `${RECORDED.failureRatio('6h')}{job="${job}"} > ${slow}\nand\n${RECORDED.failureRatio('30m')}{job="${job}"} > ${slow}`,
      for: '15m',
      severity: 'warning',
      summary: 'mgit is burning its error budget',
    },
  ]
  // Keys in the order people read a rule in: name, condition, duration, labels, annotations.
  return specs.map(({alert, description, expr, for: duration, severity, summary}) => ({
    alert,
    expr,
    for: duration,
    labels: {severity},
    annotations: {summary, description, runbook_url: `${options.runbookUrl}#${runbookAnchor(alert)}`},
  }))
}

/** Renders the `{{ $labels.NAME }}` templates of an annotation as Prometheus would. */
export function renderTemplate(template: string, labels: Record<string, string>): string {
  return template.replaceAll(/\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '')
}

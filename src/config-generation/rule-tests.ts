import {posix} from 'node:path'

import {type AlertName, type AlertRule, SCHEDULED_OPERATIONS, THRESHOLDS, burnThreshold, renderTemplate} from './alert-rules.js'
import type {StackOptions} from './options.js'
import {RULE_PATHS, type RuleFiles} from './rule-files.js'

interface InputSeries {
  series: string
  values: string
}

/** Input and expectation of one case: the alert's labels when it fires, none when it must stay quiet. */
interface Case {
  /** Sample spacing, also the evaluation interval of the file the case lands in; at most 5 minutes, or promtool sees gaps. */
  interval: Interval
  series: InputSeries[]
  evalTime: string
  /** Labels the expression gives each firing alert (the rule's own labels are added). */
  fires: Array<Record<string, string>>
}

interface Scenario {
  firing: Case
  quiet: Case
}

type Interval = '1m' | '5m'
const TEST_FILES: Record<Interval, string> = {'1m': RULE_PATHS.tests, '5m': RULE_PATHS.testsHours}
const INSTANCE = 'mgit-1:8080'
/** Commands per sample step in the burn-rate and failure-rate cases. */
const COMMANDS_PER_STEP = 1000

/** A counter growing by `perStep` each sample, `steps` samples after the first. */
function counter(perStep: number, steps: number): string {
  return `0+${Number(perStep.toPrecision(6))}x${steps}`
}

function series(metric: string, labels: Record<string, string>, values: string): InputSeries {
  const text = Object.entries(labels).map(([name, value]) => `${name}="${value}"`).join(',')
  return {series: `${metric}{${text}}`, values}
}

/** Commands at a failure ratio, for the failure-rate and burn-rate alerts (per step of the case's interval). */
function commandsFailing(job: string, operation: string, ratio: number, steps: number): InputSeries[] {
  return [
    series('mgit_operations_total', {instance: INSTANCE, job, operation}, counter(COMMANDS_PER_STEP, steps)),
    series('mgit_operations_success_total', {instance: INSTANCE, job, operation}, counter(COMMANDS_PER_STEP * (1 - ratio), steps)),
    series('mgit_operations_failure_total', {error_category: 'network', instance: INSTANCE, job, operation}, counter(COMMANDS_PER_STEP * ratio, steps)),
  ]
}

function apiRequests(job: string, ratio5xx: number): InputSeries[] {
  const labels = {instance: INSTANCE, job, method: 'GET', provider: 'github'}
  return [
    series('mgit_api_requests_total', {...labels, status_class: '2xx'}, counter(100 * (1 - ratio5xx), 40)),
    series('mgit_api_requests_total', {...labels, status_class: '5xx'}, counter(100 * ratio5xx, 40)),
  ]
}

/** Every command of the hour took `seconds`: one bucket at or above it gets them all. */
function durations(job: string, seconds: number): InputSeries[] {
  const labels = {instance: INSTANCE, job, operation: 'clone-all', result: 'success'}
  const below = seconds <= THRESHOLDS.slowOperationSeconds
  return [
    series('mgit_operation_duration_seconds_bucket', {...labels, le: String(THRESHOLDS.slowOperationSeconds)}, counter(below ? 1 : 0, 90)),
    series('mgit_operation_duration_seconds_bucket', {...labels, le: '3600'}, counter(1, 90)),
    series('mgit_operation_duration_seconds_bucket', {...labels, le: '+Inf'}, counter(1, 90)),
  ]
}

/**
 * One firing and one quiet case per alert. `Record<AlertName, …>` makes the compiler insist on a
 * scenario for every alert; thresholds come from the same constants the rules use, so a changed
 * threshold or SLO moves the cases with it.
 */
function scenarios(options: StackOptions): Record<AlertName, Scenario> {
  const {job, slo} = options
  const fast = burnThreshold(THRESHOLDS.fastBurn, slo)
  const slow = burnThreshold(THRESHOLDS.slowBurn, slo)
  const one = (interval: Interval, evalTime: string, input: InputSeries[], fires: Array<Record<string, string>> = []): Case => ({evalTime, fires, interval, series: input})
  const health = (status: string, value: string): InputSeries => series('mgit_health_check_status', {check: 'git', instance: INSTANCE, job, status}, value)
  const scheduled = SCHEDULED_OPERATIONS[0]
  // 27 hours of 5-minute samples: the last success either stays at time 0 or follows the clock.
  const lastSuccess = (values: string): InputSeries => series('mgit_operation_last_success_timestamp_seconds', {instance: INSTANCE, job, operation: scheduled}, values)
  return {
    MgitAPIErrors: {
      firing: one('1m', '30m', apiRequests(job, 0.2), [{job, provider: 'github'}]),
      quiet: one('1m', '30m', apiRequests(job, THRESHOLDS.apiErrorRatio / 2)),
    },
    MgitErrorBudgetBurnFast: {
      firing: one('1m', '70m', commandsFailing(job, 'pull-all', Math.min(1, fast * 2), 80), [{job}]),
      quiet: one('1m', '70m', commandsFailing(job, 'pull-all', fast / 2, 80)),
    },
    MgitErrorBudgetBurnSlow: {
      firing: one('5m', '400m', commandsFailing(job, 'pull-all', Math.min(1, slow * 2), 84), [{job}]),
      quiet: one('5m', '400m', commandsFailing(job, 'pull-all', slow / 2, 84)),
    },
    MgitExporterAbsent: {
      firing: one('1m', '15m', [series('up', {instance: INSTANCE, job: `${job}-other`}, '1x30')], [{job}]),
      quiet: one('1m', '15m', [series('up', {instance: INSTANCE, job}, '1x30')]),
    },
    MgitExporterDown: {
      firing: one('1m', '10m', [series('up', {instance: INSTANCE, job}, '0x15')], [{instance: INSTANCE, job}]),
      quiet: one('1m', '10m', [series('up', {instance: INSTANCE, job}, '1x15')]),
    },
    MgitHealthDegraded: {
      firing: one('1m', '15m', [series('mgit_health_overall', {instance: INSTANCE, job}, '0.6x20')], [{instance: INSTANCE, job}]),
      quiet: one('1m', '15m', [series('mgit_health_overall', {instance: INSTANCE, job}, '0.9x20')]),
    },
    MgitHighFailureRate: {
      firing: one('1m', '40m', commandsFailing(job, 'pull-all', THRESHOLDS.failureRatio * 2, 60), [{job, operation: 'pull-all'}]),
      quiet: one('1m', '40m', commandsFailing(job, 'pull-all', THRESHOLDS.failureRatio / 2, 60)),
    },
    MgitRateLimitHit: {
      firing: one('1m', '20m', [series('mgit_api_rate_limit_hits_total', {instance: INSTANCE, job, provider: 'github'}, '0x10 1+1x20')], [{job, provider: 'github'}]),
      quiet: one('1m', '20m', [series('mgit_api_rate_limit_hits_total', {instance: INSTANCE, job, provider: 'github'}, '0x30')]),
    },
    MgitScheduledRunMissing: {
      firing: one('5m', '27h', [lastSuccess('0x330')], [{job, operation: scheduled}]),
      quiet: one('5m', '27h', [lastSuccess(counter(300, 330))]),
    },
    MgitSlowOperations: {
      firing: one('1m', '60m', durations(job, THRESHOLDS.slowOperationSeconds * 1.5), [{job, operation: 'clone-all'}]),
      quiet: one('1m', '60m', durations(job, THRESHOLDS.slowOperationSeconds / 2)),
    },
    MgitUnhealthy: {
      firing: one('1m', '10m', [health('fail', '1x15'), health('pass', '0x15')], [{check: 'git', instance: INSTANCE, job, status: 'fail'}]),
      quiet: one('1m', '10m', [health('fail', '0x15'), health('pass', '1x15')]),
    },
  }
}

export interface RuleTestFile {
  path: string
  document: Record<string, unknown>
}

/**
 * promtool's unit-test files (`promtool test rules`), built from the same rule documents as the
 * rule files: one per evaluation interval, so that day-long cases do not evaluate every minute.
 */
export function ruleTests(options: StackOptions, rules: RuleFiles): RuleTestFile[] {
  const cases = scenarios(options)
  const groups = rules.alerts.groups.flatMap((group) => group.rules.flatMap((rule) => {
    const scenario = cases[rule.alert]
    return [{interval: scenario.firing.interval, test: testGroup(rule, 'fires', scenario.firing)}, {interval: scenario.quiet.interval, test: testGroup(rule, 'stays quiet', scenario.quiet)}]
  }))
  return (Object.entries(TEST_FILES) as Array<[Interval, string]>).map(([interval, path]) => ({
    document: {
      rule_files: [RULE_PATHS.recording, RULE_PATHS.alerts].map((rulePath) => posix.relative(posix.dirname(path), rulePath)),
      evaluation_interval: interval,
      tests: groups.filter((group) => group.interval === interval).map((group) => group.test),
    },
    path,
  }))
}

function testGroup(rule: AlertRule, verb: string, test: Case): Record<string, unknown> {
  return {
    name: `${rule.alert} ${verb}`,
    interval: test.interval,
    input_series: test.series,
    alert_rule_test: [{
      eval_time: test.evalTime,
      alertname: rule.alert,
      exp_alerts: test.fires.map((labels) => {
        const all = {...labels, ...rule.labels}
        return {
          exp_labels: all,
          exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([name, template]) => [name, renderTemplate(template, all)])),
        }
      }),
    }],
  }
}

import {type AlertRule, alertRules} from './alert-rules.js'
import type {StackOptions} from './options.js'
import {type RecordingRule, recordingRules} from './recording-rules.js'

export interface RuleGroup<R> {
  name: string
  rules: R[]
}

export interface RuleFile<R> {
  groups: Array<RuleGroup<R>>
}

/** Paths inside the output folder; prometheus.yml and the rule tests name the rule files relative to their own folder. */
export const RULE_PATHS = {
  alerts: 'prometheus/rules/mgit-alerts.yml',
  recording: 'prometheus/rules/mgit-recording-rules.yml',
  /** Cases evaluated every minute. */
  tests: 'prometheus/tests/mgit-alerts.test.yml',
  /** Cases spanning many hours, evaluated every 5 minutes (a minute's evaluations over 27 hours take seconds). */
  testsHours: 'prometheus/tests/mgit-alerts-hours.test.yml',
} as const

export interface RuleFiles {
  recording: RuleFile<RecordingRule>
  alerts: RuleFile<AlertRule>
}

/** Both rule files, as documents: Prometheus's files, the PrometheusRule and the rule tests are built from these. */
export function ruleFiles(options: StackOptions): RuleFiles {
  return {
    alerts: {groups: [{name: 'mgit-alerts', rules: alertRules(options)}]},
    recording: {groups: [{name: 'mgit-recording-rules', rules: recordingRules(options)}]},
  }
}

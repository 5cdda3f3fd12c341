import {expect} from 'chai'

import {ALERT_NAMES, SCHEDULED_OPERATIONS, alertRules, burnThreshold, renderTemplate, runbookAnchor} from '../../src/config-generation/alert-rules.js'
import {validateOptions} from '../../src/config-generation/options.js'
import {RULE_PATHS, ruleFiles} from '../../src/config-generation/rule-files.js'
import {ruleTests} from '../../src/config-generation/rule-tests.js'
import {runbook} from '../../src/config-generation/runbook.js'
import {catalogSeriesNames, selectedNames} from '../helpers/catalog-names.js'

interface TestGroup {
  name: string
  interval: string
  input_series: Array<{series: string; values: string}>
  alert_rule_test: Array<{alertname: string; eval_time: string; exp_alerts: Array<{exp_labels: Record<string, string>; exp_annotations: Record<string, string>}>}>
}

describe('alert and recording rules', function () {
  const options = validateOptions({job: 'mgit-sync', runbookUrl: 'https://docs.example.com/mgit/runbook.md', slo: 0.995})
  const rules = ruleFiles(options)
  const alerts = alertRules(options)
  const recorded = rules.recording.groups.flatMap((group) => group.rules)

  it('has the seed\'s six alerts plus exporter down and absent, a stale scheduled run and two burn rates', function () {
    expect(alerts.map((rule) => rule.alert)).to.deep.equal([...ALERT_NAMES])
    for (const seed of ['MgitUnhealthy', 'MgitHealthDegraded', 'MgitHighFailureRate', 'MgitAPIErrors', 'MgitRateLimitHit', 'MgitSlowOperations']) expect(ALERT_NAMES).to.include(seed)
  })

  it('gives each alert a severity, a for duration, and summary, description and runbook annotations', function () {
    const book = runbook(alerts)
    for (const rule of alerts) {
      expect(['critical', 'warning']).to.include(rule.labels.severity)
      expect(rule.for, rule.alert).to.match(/^\d+[mh]$/)
      expect(rule.annotations.summary, rule.alert).to.be.a('string').and.not.equal('')
      expect(rule.annotations.description.length, rule.alert).to.be.greaterThan(rule.annotations.summary.length)
      expect(rule.annotations.runbook_url).to.equal(`https://docs.example.com/mgit/runbook.md#${rule.alert.toLowerCase()}`)
      expect(book).to.contain(`<a id="${runbookAnchor(rule.alert)}"></a>\n## ${rule.alert}\n`)
      // Only $labels templates: the rule tests render them exactly as Prometheus does.
      for (const template of Object.values(rule.annotations)) expect(template.replaceAll(/\{\{ \$labels\.\w+ \}\}/g, '')).not.to.contain('{{')
      expect(rule.expr, rule.alert).to.contain('job="mgit-sync"')
    }

    // Label placeholders as code, not as HTML-like tags Markdown would swallow; no template left raw.
    expect(book).to.contain('mgit health check `check` is failing on `instance`')
    expect(book).not.to.match(/\{\{|<(check|instance|operation|provider)>/)
  })

  it('uses only catalog series, `up` and recorded series that the recording rules define', function () {
    const known = catalogSeriesNames()
    known.add('up')
    // Pushed by ephemeral runners to the Pushgateway (src/push).
    known.add('mgit_last_success_timestamp_seconds')
    const records = new Set(recorded.map((rule) => rule.record))
    for (const rule of recorded) for (const name of selectedNames(rule.expr)) expect(known.has(name), `${rule.record}: ${name}`).to.equal(true)
    for (const rule of alerts) {
      for (const name of selectedNames(rule.expr)) expect(known.has(name) || records.has(name), `${rule.alert}: ${name}`).to.equal(true)
    }
  })

  it('derives the burn-rate thresholds from the SLO and reads the scheduled operations from one list', function () {
    expect(burnThreshold(14.4, 0.99)).to.equal(0.144)
    expect(burnThreshold(6, 0.995)).to.equal(0.03)
    const fast = alerts.find((rule) => rule.alert === 'MgitErrorBudgetBurnFast')!
    expect(fast.expr).to.equal('job:mgit_operations_failure:ratio_rate1h{job="mgit-sync"} > 0.072\nand\njob:mgit_operations_failure:ratio_rate5m{job="mgit-sync"} > 0.072')
    expect(alerts.find((rule) => rule.alert === 'MgitScheduledRunMissing')!.expr).to.contain(`operation=~"${SCHEDULED_OPERATIONS.join('|')}"`)
  })

  it('renders annotation templates from labels', function () {
    expect(renderTemplate('{{ $labels.check }} on {{$labels.instance}}; {{ $labels.none }}.', {check: 'git', instance: 'a:1'})).to.equal('git on a:1; .')
  })

  describe('promtool unit tests generated with them', function () {
    const files = ruleTests(options, rules).map((file) => ({...file, document: file.document as {rule_files: string[]; evaluation_interval: string; tests: TestGroup[]}}))
    const tests = files.flatMap((file) => file.document.tests)

    it('name the two rule files relative to each test file', function () {
      expect(files.map((file) => file.path)).to.deep.equal([RULE_PATHS.tests, RULE_PATHS.testsHours])
      for (const file of files) expect(file.document.rule_files).to.deep.equal(['../rules/mgit-recording-rules.yml', '../rules/mgit-alerts.yml'])
    })

    it('have, for every alert, a case where it fires and one where it stays quiet', function () {
      for (const rule of alerts) {
        const groups = tests.filter((group) => group.alert_rule_test.some((t) => t.alertname === rule.alert))
        const firing = groups.filter((group) => group.alert_rule_test.some((t) => t.exp_alerts.length > 0))
        const quiet = groups.filter((group) => group.alert_rule_test.every((t) => t.exp_alerts.length === 0))
        expect(firing, rule.alert).to.have.length(1)
        expect(quiet, rule.alert).to.have.length(1)
        for (const expected of firing[0].alert_rule_test[0].exp_alerts) {
          expect(expected.exp_labels.severity).to.equal(rule.labels.severity)
          expect(expected.exp_annotations.runbook_url).to.equal(rule.annotations.runbook_url)
        }
      }
    })

    it('feed samples at most 5 minutes apart, evaluated as often, with the job the rules select', function () {
      for (const file of files) {
        expect(file.document.tests.length, file.path).to.be.greaterThan(0)
        for (const group of file.document.tests) {
          expect(group.interval, group.name).to.equal(file.document.evaluation_interval)
          for (const input of group.input_series) expect(input.series).to.match(/job="mgit-sync(-other)?"/)
        }
      }

      expect(['1m', '5m']).to.include.members(files.map((file) => file.document.evaluation_interval))
    })
  })
})

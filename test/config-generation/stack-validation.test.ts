import {expect} from 'chai'
import {readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {stringify} from 'yaml'

import {ALERT_NAMES} from '../../src/config-generation/alert-rules.js'
import {COMPOSE_PATH} from '../../src/config-generation/docker-compose.js'
import {PROMETHEUS_CONFIG_PATH} from '../../src/config-generation/prometheus-config.js'
import {RULE_PATHS} from '../../src/config-generation/rule-files.js'
import {type GeneratedStack, generateStack} from '../helpers/generated-stack.js'
import {requireBinaries} from '../helpers/real-server.js'
import {STACK_TOOLS, runTool} from '../helpers/stack-tools.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

/** The generated stack, with options other than the defaults, through the real validators. */
describe('generated stack, validated by promtool, amtool and docker-compose', function () {
  const temp = useTempDir('mgit-stack-')
  let stack: GeneratedStack

  before(function () {
    requireBinaries(this, ...STACK_TOOLS)
  })
  beforeEach(async function () {
    stack = await generateStack(temp(), {job: 'mgit-sync', scrapeInterval: '30s', slo: 0.999, targets: ['build-1.example.com:9464', '10.0.0.7:8080']})
  })

  it('promtool check config accepts prometheus.yml and finds both rule files', async function () {
    const {exitCode, output} = await runTool('promtool', ['check', 'config', PROMETHEUS_CONFIG_PATH], {cwd: stack.dir})
    expect(output).to.contain('SUCCESS: 2 rule files found')
    expect(exitCode, output).to.equal(0)
  })

  it('promtool check rules accepts both rule files', async function () {
    const {exitCode, output} = await runTool('promtool', ['check', 'rules', RULE_PATHS.recording, RULE_PATHS.alerts], {cwd: stack.dir})
    expect(output).to.contain(`SUCCESS: ${ALERT_NAMES.length} rules found`)
    expect(exitCode, output).to.equal(0)
  })

  it('promtool test rules passes the generated unit tests', async function () {
    const {exitCode, output} = await runTool('promtool', ['test', 'rules', RULE_PATHS.tests, RULE_PATHS.testsHours], {cwd: stack.dir})
    expect(output.match(/SUCCESS/g), output).to.have.length(2)
    expect(exitCode, output).to.equal(0)
  })

  it('and the unit tests fail when a rule is broken (a threshold, a duration, a label)', async function () {
    const path = join(stack.dir, RULE_PATHS.alerts)
    const original = readFileSync(path, 'utf8')
    // Only the broken alert's cases, to keep this quick.
    const only = async (alert: string): Promise<string> => {
      for (const file of [RULE_PATHS.tests, RULE_PATHS.testsHours]) {
        const document = stack.yaml<{tests: Array<{name: string}>}>(file)
        const tests = document.tests.filter((test) => test.name.startsWith(`${alert} `))
        if (tests.length === 0) continue
        const focused = join(dirname(join(stack.dir, file)), 'focused.test.yml')
        writeFileSync(focused, stringify({...document, tests}))
        return focused
      }

      throw new Error(`no test cases for ${alert}`)
    }

    const breakages: Array<[string, string, string]> = [
      ['MgitHighFailureRate', ' > 0.1\n', ' > 0.9\n'],
      ['MgitExporterDown', 'up{job="mgit-sync"} == 0', 'up{job="mgit-sync"} == 2'],
      ['MgitExporterAbsent', 'absent(up{job="mgit-sync"})', 'absent(up{job="mgit"})'],
      ['MgitUnhealthy', 'for: 5m', 'for: 1h'],
      ['MgitErrorBudgetBurnFast', 'ratio_rate5m{job="mgit-sync"} > 0.0144', 'ratio_rate5m{job="mgit-sync"} > 0.5'],
      ['MgitErrorBudgetBurnSlow', 'ratio_rate30m{job="mgit-sync"} > 0.006', 'ratio_rate30m{job="mgit-sync"} > 0.5'],
      ['MgitScheduledRunMissing', '> 93600', '> 193600'],
      ['MgitHealthDegraded', 'severity: warning', 'severity: info'],
    ]
    for (const [alert, from, to] of breakages) {
      expect(original, alert).to.contain(from)
      const focused = await only(alert)
      writeFileSync(path, original)
      expect((await runTool('promtool', ['test', 'rules', focused])).exitCode, `${alert} before breaking it`).to.equal(0)
      writeFileSync(path, original.replace(from, to))
      const {exitCode, output} = await runTool('promtool', ['test', 'rules', focused])
      expect(exitCode, `${alert}: ${output}`).to.equal(1)
      expect(output).to.contain(`alertname: ${alert}`)
    }
  })

  it('amtool check-config accepts alertmanager.yml', async function () {
    const {exitCode, output} = await runTool('amtool', ['check-config', 'alertmanager/alertmanager.yml'], {cwd: stack.dir})
    expect(output).to.contain('SUCCESS')
    expect(exitCode, output).to.equal(0)
  })

  it('docker-compose config accepts the compose file with a Grafana password, and refuses it without one', async function () {
    const ok = await runTool('docker-compose', ['-f', COMPOSE_PATH, 'config', '-q'], {cwd: stack.dir, env: {GRAFANA_ADMIN_PASSWORD: 'correct horse'}})
    expect(ok.exitCode, ok.output).to.equal(0)
    const missing = await runTool('docker-compose', ['-f', COMPOSE_PATH, 'config', '-q'], {cwd: stack.dir, env: {GRAFANA_ADMIN_PASSWORD: undefined}})
    expect(missing.exitCode).to.not.equal(0)
    expect(missing.output).to.contain('GRAFANA_ADMIN_PASSWORD')
  })
})

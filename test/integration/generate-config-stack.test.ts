import {expect} from 'chai'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {GenerateConfigJson} from '../../src/commands/monitoring/generate-config.js'
import {ALERT_NAMES} from '../../src/config-generation/alert-rules.js'
import {COMPOSE_PATH} from '../../src/config-generation/docker-compose.js'
import {GRAFANA_PATHS} from '../../src/config-generation/grafana-provisioning.js'
import {PROMETHEUS_CONFIG_PATH} from '../../src/config-generation/prometheus-config.js'
import {RULE_PATHS} from '../../src/config-generation/rule-files.js'
import {SCHEMA_VERSION} from '../../src/journal/event-types.js'
import {journalOptions} from '../../src/journal/journal-options.js'
import {JournalWriter} from '../../src/journal/journal-writer.js'
import {type PanelQuery, dashboardQueries, resolveVariables} from '../helpers/dashboard-queries.js'
import {FakeGitHub} from '../helpers/fake-github.js'
import {createBareRepos} from '../helpers/git-repos.js'
import {HostCli} from '../helpers/host-cli.js'
import {type HostServer, startHostServer} from '../helpers/host-server.js'
import {type RealServer, requireBinaries, startRealServer} from '../helpers/real-server.js'
import {STACK_TOOLS, runTool} from '../helpers/stack-tools.js'
import {waitFor} from '../helpers/wait-for.js'

interface QueryAnswer {
  status: 'error' | 'success'
  errorType?: string
  error?: string
  data?: {result: Array<{metric: Record<string, string>; value: [number, string]}>}
}

async function query(prometheus: RealServer, expr: string): Promise<QueryAnswer> {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`)
  return (await response.json()) as QueryAnswer
}

/**
 * The whole issue end to end: `mgit monitoring generate-config` through the real host CLI into a
 * fresh folder, every file through the real validators, then a real Prometheus started with the
 * generated prometheus.yml and rules, scraping the plugin's server while the host runs commands,
 * and every dashboard query run through Prometheus's HTTP API.
 */
/**
 * What `$__rate_interval` becomes in these queries: wide enough to hold both rounds of commands on
 * a loaded machine (Grafana's own value depends on the time range and the panel's width).
 */
const RATE_INTERVAL = '5m'

describe('generate-config: a generated stack, validated and run against a real Prometheus', function () {
  const JOB = 'mgit'
  let host: HostCli
  let server: HostServer | undefined
  let prometheus: RealServer | undefined
  let output: string
  let source: string
  let github: FakeGitHub | undefined

  before(async function () {
    requireBinaries(this, 'prometheus', ...STACK_TOOLS)
    host = new HostCli()
    await host.linkPlugin()
    source = join(host.root, 'org')
    const names = await createBareRepos(source, 2)
    // A self-hosted GitHub for clone-all's API calls (the explicit type makes its host a provider).
    github = new FakeGitHub({repos: names.map((name) => ({cloneUrl: join(source, `${name}.git`), name}))})
    await github.start()
    writeFileSync(join(host.configDir, 'config.yaml'), ['global:', '  default_provider: work', 'providers:', '  work:', `    url: ${github.url}`, '    type: github', '    user: ci', ''].join('\n'))
    server = await startHostServer(host)
    output = join(host.root, 'stack')
    const generated = await host.run(['monitoring', 'generate-config', '--output', output, '--target', `127.0.0.1:${server.port}`, '--scrape-interval', '1s', '--json'])
    expect(generated.exitCode, generated.stderr).to.equal(0)
    const json = JSON.parse(generated.stdout) as GenerateConfigJson
    expect(json.files).to.include(join(output, PROMETHEUS_CONFIG_PATH))
    prometheus = await startRealServer({
      args: (port, dir) => [`--config.file=${join(output, PROMETHEUS_CONFIG_PATH)}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${dir}`],
      binary: 'prometheus',
      readyPath: '/-/ready',
    })
  })

  after(async function () {
    await prometheus?.stop()
    await server?.stop()
    await github?.stop()
    host?.cleanup()
  })

  describe('every file passes the real validators', function () {
    it('promtool check config (which checks both rule files too)', async function () {
      const {exitCode, output: text} = await runTool('promtool', ['check', 'config', PROMETHEUS_CONFIG_PATH], {cwd: output})
      expect(text).to.contain('SUCCESS: 2 rule files found')
      expect(exitCode, text).to.equal(0)
    })

    it('promtool check rules', async function () {
      const {exitCode, output: text} = await runTool('promtool', ['check', 'rules', RULE_PATHS.recording, RULE_PATHS.alerts], {cwd: output})
      expect(exitCode, text).to.equal(0)
    })

    it('promtool test rules: every alert fires in one case and stays quiet in another', async function () {
      const {exitCode, output: text} = await runTool('promtool', ['test', 'rules', RULE_PATHS.tests, RULE_PATHS.testsHours], {cwd: output})
      expect(exitCode, text).to.equal(0)
      const names = [RULE_PATHS.tests, RULE_PATHS.testsHours].flatMap((file) => [...readFileSync(join(output, file), 'utf8').matchAll(/^ {2}- name: (\S+) (fires|stays quiet)$/gm)].map((m) => `${m[1]} ${m[2]}`))
      for (const alert of ALERT_NAMES) expect(names).to.include.members([`${alert} fires`, `${alert} stays quiet`])
    })

    it('amtool check-config', async function () {
      const {exitCode, output: text} = await runTool('amtool', ['check-config', 'alertmanager/alertmanager.yml'], {cwd: output})
      expect(exitCode, text).to.equal(0)
    })

    it('docker-compose config', async function () {
      const {exitCode, output: text} = await runTool('docker-compose', ['-f', COMPOSE_PATH, 'config', '-q'], {cwd: output, env: {GRAFANA_ADMIN_PASSWORD: 'not-a-real-password'}})
      expect(exitCode, text).to.equal(0)
    })
  })

  describe('a real Prometheus running the generated configuration', function () {
    let queries: PanelQuery[]

    before(async function () {
      const runs = (round: number): Array<{args: string[]; exitCode: number}> => [
        {args: ['clone-all', 'acme', join(host.root, `clones-${round}`), '--source', source], exitCode: 0},
        // Through the provider API: API requests and git clones, recorded by the hooks.
        {args: ['clone-all', 'acme', join(host.root, `api-clones-${round}`)], exitCode: 0},
        {args: ['list', '--source', source], exitCode: 0},
        {args: ['list', '--limit', 'many', '--source', source], exitCode: 2},
        {args: ['status', join(host.root, `clones-${round}`)], exitCode: 0},
        {args: ['fail-exit'], exitCode: 3},
      ]
      // What the fixture host cannot produce (it authenticates through no monitor, reports no
      // repository results, meets no rate limit or git failure), written as those producers do:
      // through the journal writer.
      const writer = new JournalWriter(journalOptions(host.dataDir))
      const producers = (): void => {
        const base = {cid: 'producers', pid: process.pid, ts: Date.now(), v: SCHEMA_VERSION}
        writer.append({...base, durationMs: 4, errorCategory: 'none', provider: 'github', success: true, type: 'auth_attempt'})
        writer.append({...base, durationMs: 9, errorCategory: 'auth', provider: 'azuredevops', success: false, type: 'auth_attempt'})
        writer.append({...base, operation: 'clone-all', provider: 'github', result: 'cloned', type: 'repository_result'})
        writer.append({...base, durationMs: 80, endpoint: '/orgs/{org}/repos', errorCategory: 'rate_limit', method: 'GET', provider: 'github', rateLimited: true, status: 429, statusClass: '4xx', type: 'api_request'})
        writer.append({...base, durationMs: 30_000, endpoint: '/orgs/{org}/repos', errorCategory: 'timeout', method: 'GET', provider: 'github', rateLimited: false, status: 0, statusClass: 'error', type: 'api_request'})
        writer.append({...base, durationMs: 700, errorCategory: 'network', exitCode: 128, operation: 'pull', provider: 'github', success: false, type: 'git_operation'})
      }

      // Twice: a counter series first appears already incremented, and rate() only sees increases
      // between samples, so the second round is what rates and ratios show.
      for (const round of [1, 2]) {
        for (const run of runs(round)) {
          const result = await host.run(run.args)
          expect(result.exitCode, `${run.args.join(' ')}: ${result.stderr}`).to.equal(run.exitCode)
        }

        producers()
        await waitFor(`Prometheus to scrape round ${round} of the host's commands`, async () => {
          const commands = await query(prometheus!, `sum(mgit_operations_total{job="${JOB}",operation!~"monitoring .*"})`)
          const auth = await query(prometheus!, `sum(mgit_auth_attempts_total{job="${JOB}"})`)
          return commands.data?.result[0]?.value[1] === String(runs(round).length * round) && auth.data?.result[0]?.value[1] === String(2 * round) ? true : undefined
        })
      }

      queries = dashboardQueries(JSON.parse(readFileSync(join(output, GRAFANA_PATHS.dashboard), 'utf8')))
    })

    it('loads both rule groups, and evaluates every rule without error', async function () {
      const rules = await waitFor('every rule to be evaluated', async () => {
        const response = await fetch(`${prometheus!.url}/api/v1/rules`)
        const body = (await response.json()) as {data: {groups: Array<{name: string; rules: Array<{name: string; type: string; health: string; lastError?: string}>}>}}
        const all = body.data.groups.flatMap((group) => group.rules)
        return all.length > 0 && all.every((rule) => rule.health !== 'unknown') ? body.data.groups : undefined
      })
      expect(rules.map((group) => group.name)).to.have.members(['mgit-recording-rules', 'mgit-alerts'])
      expect(rules.find((group) => group.name === 'mgit-alerts')!.rules.map((rule) => rule.name)).to.deep.equal([...ALERT_NAMES])
      for (const rule of rules.flatMap((group) => group.rules)) expect(rule.health, `${rule.name}: ${rule.lastError}`).to.equal('ok')
    })

    it('records the failure ratio the burn-rate alerts read, from the host\'s failures', async function () {
      // An evaluation between a round's first commands and its failures records 0: wait for the failures.
      const ratio = await waitFor('the recorded failure ratio to count the failures', async () => {
        const answer = await query(prometheus!, `job:mgit_operations_failure:ratio_rate5m{job="${JOB}"}`)
        const value = Number(answer.data?.result[0]?.value[1])
        return value > 0 ? value : undefined
      })
      expect(ratio).to.be.lessThan(1)
    })

    it('parses every dashboard query (variables substituted as Grafana does), and each one returns data', async function () {
      expect(queries.length).to.be.at.least(20)
      const empty: string[] = []
      for (const {expr, panel} of queries) {
        const answer = await query(prometheus!, resolveVariables(expr, {instance: '.+', job: JOB, rateInterval: RATE_INTERVAL}))
        expect(answer.status, `${panel}: ${answer.errorType} ${answer.error}\n${expr}`).to.equal('success')
        if (answer.data?.result.length === 0) empty.push(panel)
      }

      expect(empty, 'panels without data').to.deep.equal([])
    })

    it('shows the host\'s activity in every overview panel', async function () {
      const overview = queries.filter((q) => q.row === 'Overview')
      expect(overview.length).to.be.at.least(6)
      const values = new Map<string, number[]>()
      for (const {expr, panel} of overview) {
        const result = await waitFor(`data for "${panel}"`, async () => {
          const answer = await query(prometheus!, resolveVariables(expr, {instance: '.+', job: JOB, rateInterval: RATE_INTERVAL}))
          return answer.data && answer.data.result.length > 0 ? answer.data.result : undefined
        })
        values.set(panel, result.map((r) => Number(r.value[1])))
      }

      // The host ran six commands twice, two of which failed each time, within the window.
      expect(values.get('Command rate')![0]).to.be.greaterThan(0)
      expect(values.get('Command success ratio')![0]).to.be.greaterThan(0).and.lessThan(1)
      expect(values.get('Monitoring servers up')).to.deep.equal([1])
      // The server itself is a command in flight.
      expect(values.get('Commands running')![0]).to.be.at.least(1)
      const health = values.get('Health score')![0]
      expect(health).to.be.at.least(0).and.at.most(1)
    })

    it('fills the job variable from the catalog\'s health metric', async function () {
      const response = await fetch(`${prometheus!.url}/api/v1/label/job/values?match[]=mgit_health_overall`)
      const body = (await response.json()) as {data: string[]}
      expect(body.data).to.deep.equal([JOB])
    })
  })
})

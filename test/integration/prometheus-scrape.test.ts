import {expect} from 'chai'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {SCHEMA_VERSION} from '../../src/journal/event-types.js'
import {journalOptions} from '../../src/journal/journal-options.js'
import {JournalWriter} from '../../src/journal/journal-writer.js'
import {createBareRepos} from '../helpers/git-repos.js'
import {HostCli} from '../helpers/host-cli.js'
import {type HostServer, startHostServer} from '../helpers/host-server.js'
import {promtoolCheckMetrics} from '../helpers/promtool.js'
import {type RealServer, requireBinaries, startRealServer} from '../helpers/real-server.js'
import {waitFor} from '../helpers/wait-for.js'

interface QueryResult {
  metric: Record<string, string>
  value: [number, string]
}

/** Instant query through Prometheus's HTTP API: `labels → value` for every series returned. */
async function query(prometheus: RealServer, expr: string): Promise<QueryResult[]> {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`)
  const body = (await response.json()) as {status: string; data: {result: QueryResult[]}}
  if (body.status !== 'success') throw new Error(`query failed: ${JSON.stringify(body)}`)
  return body.data.result
}

function byLabel(results: QueryResult[], label: string): Record<string, number> {
  return Object.fromEntries(results.map((r) => [r.metric[label], Number(r.value[1])]))
}

describe('a real Prometheus scraping `mgit monitoring server` while the host runs commands', function () {
  let host: HostCli
  let server: HostServer | undefined
  let prometheus: RealServer | undefined
  let source: string

  before(async function () {
    requireBinaries(this, 'prometheus', 'promtool')
    host = new HostCli()
    await host.linkPlugin()
    source = join(host.root, 'org')
    await createBareRepos(source, 3)
    server = await startHostServer(host)
    const config = join(host.root, 'prometheus.yml')
    writeFileSync(config, [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: mgit',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${server.port}']`,
      '',
    ].join('\n'))
    prometheus = await startRealServer({
      args: (port, dir) => [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${dir}`],
      binary: 'prometheus',
      readyPath: '/-/ready',
    })
  })

  after(async function () {
    await prometheus?.stop()
    if (server) {
      const {exitCode} = await server.stop()
      expect(exitCode, 'server exit code after SIGTERM').to.equal(0)
    }

    host?.cleanup()
  })

  it('shows the same command counts and failures that the host produced', async function () {
    // The server starts every host command's run counters at 0; wait until Prometheus holds them.
    await waitFor('a first scrape with the run counters at 0', async () => {
      const zero = byLabel(await query(prometheus!, 'mgit_operations_total{job="mgit",operation="status"}'), 'operation')
      return zero.status === 0 ? true : undefined
    })
    const runs: Array<{args: string[]; exitCode: number}> = [
      {args: ['clone-all', 'acme', join(host.root, 'clones'), '--source', source], exitCode: 0},
      {args: ['list', '--source', source], exitCode: 0},
      {args: ['list', '--source', source], exitCode: 0},
      {args: ['list', '--limit', 'many', '--source', source], exitCode: 2},
      {args: ['status', join(host.root, 'clones')], exitCode: 0},
      {args: ['fail-exit'], exitCode: 3},
      {args: ['fail-exit'], exitCode: 3},
      {args: ['fail-error', '--exit', '5'], exitCode: 5},
    ]
    for (const run of runs) {
      const result = await host.run(run.args)
      expect(result.exitCode, `${run.args.join(' ')}: ${result.stderr}`).to.equal(run.exitCode)
    }

    // What the fixture produced, from its own journal.
    const {ends} = await host.journal()
    const commands = ends.filter((e) => e.kind === 'command' && e.cmd !== 'monitoring server')
    expect(commands).to.have.length(runs.length)
    const expectedTotal: Record<string, number> = {}
    const expectedFailures: Record<string, number> = {}
    for (const end of commands) {
      expectedTotal[end.cmd] = (expectedTotal[end.cmd] ?? 0) + 1
      if (!end.success) expectedFailures[`${end.cmd}/${end.errorCategory}`] = (expectedFailures[`${end.cmd}/${end.errorCategory}`] ?? 0) + 1
    }

    expect(expectedTotal).to.deep.equal({'clone-all': 1, 'fail-error': 1, 'fail-exit': 2, list: 3, status: 1})
    const totals = await waitFor('Prometheus to scrape every command', async () => {
      const values = byLabel(await query(prometheus!, 'mgit_operations_total{job="mgit",operation!="monitoring server"} > 0'), 'operation')
      return JSON.stringify(sorted(values)) === JSON.stringify(sorted(expectedTotal)) ? values : undefined
    })
    expect(totals).to.deep.equal(expectedTotal)

    const failures = await query(prometheus!, 'mgit_operations_failure_total{job="mgit"}')
    expect(Object.fromEntries(failures.map((r) => [`${r.metric.operation}/${r.metric.error_category}`, Number(r.value[1])]))).to.deep.equal(expectedFailures)
    expect(expectedFailures).to.deep.equal({'fail-error/command_error': 1, 'fail-exit/exit_code': 2, 'list/usage': 1})
    const successes = byLabel(await query(prometheus!, 'mgit_operations_success_total{job="mgit",operation!="monitoring server"} > 0'), 'operation')
    expect(successes).to.deep.equal({'clone-all': 1, list: 2, status: 1})
    const durations = byLabel(await query(prometheus!, 'sum by (operation) (mgit_operation_duration_seconds_count{job="mgit",operation!="monitoring server"})'), 'operation')
    expect(durations).to.deep.equal(expectedTotal)
    // The server itself is the one command in flight; everything else has ended.
    const inFlight = byLabel(await query(prometheus!, 'mgit_concurrent_operations{job="mgit"}'), 'operation')
    expect(inFlight).to.deep.include({'clone-all': 0, list: 0, 'monitoring server': 1})
    expect(byLabel(await query(prometheus!, 'up{job="mgit"}'), 'job')).to.deep.equal({mgit: 1})
    // Commands never run are there at 0, and the first run of each after the server started shows
    // in increase(), as does a failure computed as runs - successes (what the generated rules use).
    expect(byLabel(await query(prometheus!, 'mgit_operations_total{job="mgit",operation="pull-all"}'), 'operation')).to.deep.equal({'pull-all': 0})
    const firstRuns = byLabel(await query(prometheus!, 'increase(mgit_operations_total{job="mgit",operation=~"status|fail-error"}[5m]) > 0'), 'operation')
    expect(Object.keys(firstRuns).sort()).to.deep.equal(['fail-error', 'status'])
    const failed = byLabel(await query(prometheus!, 'sum by (operation) (increase(mgit_operations_total{job="mgit"}[5m])) - (sum by (operation) (increase(mgit_operations_success_total{job="mgit"}[5m])) or sum by (operation) (increase(mgit_operations_total{job="mgit"}[5m])) * 0) > 0'), 'operation')
    expect(Object.keys(failed).sort()).to.deep.equal(['fail-error', 'fail-exit', 'list'])
  })

  it('carries git, API, auth and repository events from the journal through to Prometheus', async function () {
    // Events as the other producers write them, through the real journal writer. The host's own
    // clone-all above also produced git events (provider `other`: local repositories), hence the filters.
    const writer = new JournalWriter(journalOptions(host.dataDir))
    const base = {cid: 'producer-test', pid: process.pid, ts: Date.now(), v: SCHEMA_VERSION}
    for (let i = 0; i < 4; i++) {
      writer.append({...base, durationMs: 1200, errorCategory: 'none', exitCode: 0, operation: 'clone', provider: 'github', success: true, type: 'git_operation'})
      writer.append({...base, operation: 'clone-all', provider: 'github', result: i === 0 ? 'failed' : 'cloned', type: 'repository_result'})
    }

    writer.append({...base, durationMs: 90, endpoint: '/orgs/{org}/repos', errorCategory: 'rate_limit', method: 'GET', provider: 'github', rateLimited: true, status: 429, statusClass: '4xx', type: 'api_request'})
    writer.append({...base, durationMs: 5, errorCategory: 'auth', provider: 'azuredevops', success: false, type: 'auth_attempt'})
    await waitFor('Prometheus to scrape the producer events', async () => {
      const results = await query(prometheus!, 'mgit_git_operations_total{job="mgit",operation="clone",provider="github",result="success"}')
      return results.length === 1 && results[0].value[1] === '4' ? true : undefined
    })
    expect(byLabel(await query(prometheus!, 'mgit_repositories_processed_total{job="mgit"}'), 'result')).to.deep.equal({cloned: 3, failed: 1})
    expect(byLabel(await query(prometheus!, 'mgit_git_clone_duration_seconds_count{job="mgit",provider="github"}'), 'provider')).to.deep.equal({github: 4})
    expect(byLabel(await query(prometheus!, 'mgit_api_requests_total{job="mgit"}'), 'status_class')).to.deep.equal({'4xx': 1})
    expect(byLabel(await query(prometheus!, 'mgit_api_rate_limit_hits_total{job="mgit"}'), 'provider')).to.deep.equal({github: 1})
    expect(byLabel(await query(prometheus!, 'mgit_auth_attempts_total{job="mgit"}'), 'result')).to.deep.equal({failure: 1})
    expect((await query(prometheus!, 'mgit_health_overall{job="mgit"}')).length).to.equal(1)
  })

  it('serves an exposition that `promtool check metrics` finds nothing wrong with', async function () {
    const response = await fetch(`${server!.url}/metrics`)
    const text = await response.text()
    expect(text).to.contain('mgit_operations_total')
    expect(text).to.contain('process_resident_memory_bytes')
    const {exitCode, output} = await promtoolCheckMetrics(text)
    expect(output).to.equal('')
    expect(exitCode).to.equal(0)
  })

  it('`monitoring metrics` renders the same catalog, which promtool also accepts', async function () {
    const result = await host.run(['monitoring', 'metrics'])
    expect(result.exitCode, result.stderr).to.equal(0)
    for (const name of ['mgit_operations_total', 'mgit_git_operations_total', 'mgit_api_requests_total', 'mgit_auth_attempts_total', 'mgit_repositories_processed_total', 'mgit_concurrent_operations']) {
      expect(result.stdout).to.contain(`# TYPE ${name} `)
    }

    // execa strips the final newline the command wrote; the exposition format requires it.
    const {exitCode, output} = await promtoolCheckMetrics(result.stdout + '\n')
    expect(output).to.equal('')
    expect(exitCode).to.equal(0)
  })
})

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)))
}

import {expect} from 'chai'

import type {PerformanceReport} from '../../../src/performance/analysis.js'
import {HostCli} from '../../helpers/host-cli.js'
import {expectMatchesExact} from '../../helpers/perf-expect.js'
import {type Sample, generateJournal} from '../../helpers/perf-journal.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** The test's own invocations, recorded by the plugin's hooks like any other command. */
const OWN = ['command:monitoring performance@-']

describe('mgit monitoring performance (host CLI, plugin linked)', function () {
  let host: HostCli
  let samples: Sample[]

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
    // A week of runs up to now, git clones on GitHub 2.5 times slower since the window began.
    const now = Date.now()
    const windowStart = Math.floor(now / HOUR) * HOUR - DAY
    samples = generateJournal({
      collect: true,
      end: now - 1000,
      journalDir: host.journalDir,
      runsPerBusyHour: 12,
      seed: 42,
      slowdown: {factor: 2.5, from: windowStart, operation: 'git:clone', provider: 'github'},
      start: windowStart - 7 * DAY,
    }).samples
  })
  after(function () {
    host.cleanup()
  })

  async function performance(args: string[]): Promise<{exitCode: number; stdout: string; stderr: string; message: string}> {
    const result = await host.run(['monitoring', 'performance', ...args])
    const stderr = String(result.stderr)
    // oclif wraps a long error message at 80 columns, continuing each line with ' ›   '.
    const message = stderr.trim().replace(/\s*\n ›\s+/g, ' ')
    return {exitCode: result.exitCode ?? -1, message, stderr, stdout: String(result.stdout)}
  }

  it('--json flags exactly the injected slowdown and reports statistics matching an exact computation', async function () {
    const {exitCode, stderr, stdout} = await performance(['--json'])
    expect(exitCode, stderr).to.equal(0)
    const report = JSON.parse(stdout) as PerformanceReport
    expect(report.anomalies).to.deep.equal(['git:clone@github'])
    expect(report.window.hours).to.equal(24)
    expect(report.baseline.days).to.equal(7)
    expect(report.compaction.eventsRead).to.be.greaterThan(10_000)
    expectMatchesExact(report, samples, OWN)
    const clone = report.operations.find((o) => o.operation === 'git:clone' && o.provider === 'github')!
    expect(clone.anomaly.reason).to.match(/^slower: p95 [\d.]+× the baseline/)
  })

  it('prints a table with a chart per operation, the anomaly, and no colour when not on a terminal', async function () {
    const {exitCode, stderr, stdout} = await performance(['--provider', 'github'])
    expect(exitCode, stderr).to.equal(0)
    expect(stdout).not.to.contain('\u001B[')
    const lines = stdout.split('\n')
    expect(lines[0]).to.match(/^mgit performance, \S+ to \S+ \(24h\), baseline 7 day\(s\) before$/)
    expect(lines[2]).to.match(/^OPERATION\s+PROVIDER\s+RUNS\s+OK\s+MIN\s+MEAN\s+P50\s+P95\s+P99\s+MAX\s+P95 Δ\s+HOURLY MEAN \(24h\)$/)
    const clone = lines.find((l) => l.startsWith('git:clone '))!
    expect(clone).to.match(/ github +\d+ +[\d.]+% .*[▁▂▃▄▅▆▇█ ]{20,}  SLOWER$/)
    expect(lines.filter((l) => l.endsWith('SLOWER'))).to.have.length(1)
    expect(stdout).to.contain('1 anomaly:\n  git:clone on github: slower: p95 ')
    // Only GitHub rows (commands have no provider and are left out by --provider).
    const rows = lines.slice(3, lines.indexOf('', 3))
    expect(rows.length).to.be.greaterThan(4)
    for (const row of rows) expect(row).to.match(/^\S.* {2,}github {2,}\d+ /)
  })

  it('--operation narrows to one operation; the second run reads rollups, not the raw journal', async function () {
    const {exitCode, stdout} = await performance(['--operation', 'clone', '--json'])
    expect(exitCode).to.equal(0)
    const report = JSON.parse(stdout) as PerformanceReport
    expect(report.operations.map((o) => `${o.operation}@${o.provider}`)).to.deep.equal(['git:clone@azuredevops', 'git:clone@bitbucket', 'git:clone@github'])
    expect(report.compaction.eventsRead).to.be.lessThan(10)
  })

  it('a non-positive window is a one-line error with exit 2 and no stack trace', async function () {
    for (const hours of ['0', '-5']) {
      const {exitCode, message, stdout} = await performance(['--hours', hours])
      expect(exitCode).to.equal(2)
      expect(stdout).to.equal('')
      expect(message).to.equal(`›   Error: --hours must be a positive whole number of hours, got ${hours}`)
    }
  })

  it('an unknown operation is a one-line error naming close operations', async function () {
    const {exitCode, message, stderr} = await performance(['--operation', 'git:clon'])
    expect(exitCode).to.equal(2)
    expect(message).to.equal('›   Error: unknown operation "git:clon" in the last 24 hour(s) or the 7 day(s) before; did you mean: git:clone, git:pull, git:fetch?')
    expect(stderr).not.to.match(/\n\s+at /)
  })

  it('an unknown provider is refused by the flag parser', async function () {
    const {exitCode, message} = await performance(['--provider', 'gitlab'])
    expect(exitCode).to.equal(2)
    expect(message).to.match(/Expected --provider=gitlab to be one of: github, azuredevops, bitbucket, other/)
  })
})

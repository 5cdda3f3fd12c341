import {expect} from 'chai'
import {execa} from 'execa'
import {mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {HealthJson} from '../../../src/health/render.js'
import {ALL_TOKENS, TOKENS} from '../../helpers/fake-tokens.js'
import {HOST_BIN, HostCli} from '../../helpers/host-cli.js'
import {type ProviderScenario, type ThreeProviders, PROVIDER_SCENARIOS, startThreeProviders, stopAll, threeProviderConfig} from '../../helpers/provider-api-server.js'

const TIMEOUT_MS = 1500
/** Process start-up of the host plus every check's timeout, with room for a loaded 2-core machine. */
const WALL_BOUND_MS = TIMEOUT_MS + 12_000

// Thresholds this machine cannot miss, so that each scenario's verdict depends on the providers alone.
const LENIENT = {
  MGIT_HEALTH_DISK_FAIL_BYTES: '0',
  MGIT_HEALTH_DISK_FAIL_RATIO: '0',
  MGIT_HEALTH_DISK_WARN_BYTES: '0',
  MGIT_HEALTH_DISK_WARN_RATIO: '0',
  MGIT_HEALTH_MEMORY_FAIL_RATIO: '0',
  MGIT_HEALTH_MEMORY_WARN_RATIO: '0',
}

interface Expected {
  network: string
  providers: string
  auth: string
  status: string
  exitCode: number
}

const SCENARIOS: Record<ProviderScenario, Expected> = {
  down: {auth: 'fail', exitCode: 1, network: 'fail', providers: 'fail', status: 'fail'},
  invalid: {auth: 'fail', exitCode: 1, network: 'pass', providers: 'pass', status: 'fail'},
  'rate-limited': {auth: 'warn', exitCode: 0, network: 'pass', providers: 'warn', status: 'warn'},
  slow: {auth: 'fail', exitCode: 1, network: 'pass', providers: 'fail', status: 'fail'},
  valid: {auth: 'pass', exitCode: 0, network: 'pass', providers: 'pass', status: 'pass'},
}

function expectNoSecret(...outputs: string[]): void {
  for (const output of outputs) {
    for (const token of ALL_TOKENS) expect(output).not.to.contain(token)
    expect(output).not.to.match(/authorization|Basic [A-Za-z0-9+/=]{8,}/i)
  }
}

describe('mgit monitoring health (host CLI, plugin linked)', function () {
  let host: HostCli
  let fakes: ThreeProviders | undefined

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
  })
  after(function () {
    host.cleanup()
  })
  afterEach(async function () {
    await stopAll(fakes)
    fakes = undefined
    rmSync(join(host.configDir, 'config.yaml'), {force: true})
  })

  async function useProviders(scenario: ProviderScenario): Promise<ThreeProviders> {
    fakes = await startThreeProviders(scenario, TOKENS)
    writeFileSync(join(host.configDir, 'config.yaml'), threeProviderConfig(fakes, TOKENS))
    return fakes
  }

  async function health(args: string[], env: Record<string, string | undefined> = {}): Promise<{exitCode: number; stdout: string; stderr: string; ms: number}> {
    const started = Date.now()
    const result = await host.run(['monitoring', 'health', ...args], {env: {...LENIENT, MGIT_HEALTH_CLONE_DIR: host.root, ...env}})
    return {exitCode: result.exitCode ?? -1, ms: Date.now() - started, stderr: String(result.stderr), stdout: String(result.stdout)}
  }

  for (const scenario of PROVIDER_SCENARIOS) {
    const expected = SCENARIOS[scenario]
    it(`--detailed --json with three providers ${scenario}: network ${expected.network}, providers ${expected.providers}, auth ${expected.auth}, exit ${expected.exitCode}`, async function () {
      await useProviders(scenario)
      const run = await health(['--detailed', '--json', '--timeout', String(TIMEOUT_MS)])
      expect(run.exitCode, run.stderr).to.equal(expected.exitCode)
      expect(run.ms).to.be.below(WALL_BOUND_MS)
      const doc = JSON.parse(run.stdout) as HealthJson
      expect(doc.status).to.equal(expected.status)
      expect(doc.scope).to.equal('full')
      expect(Object.keys(doc.checks)).to.deep.equal(['system', 'git', 'network', 'disk', 'memory', 'providers', 'auth', 'journal'])
      for (const local of ['system', 'git', 'disk', 'memory', 'journal']) expect(doc.checks[local][0].status, `${local}: ${doc.checks[local][0].output}`).to.equal('pass')
      for (const check of ['network', 'providers', 'auth'] as const) {
        const [summary, ...components] = doc.checks[check]
        expect(summary.status, `${check}: ${summary.output}`).to.equal(expected[check])
        expect(components.map((c) => c.componentId)).to.deep.equal(['gh', 'ado', 'bb'])
        for (const component of components) expect(component.status, `${check}/${component.componentId}: ${component.output}`).to.equal(expected[check])
      }

      if (scenario === 'slow') expect(doc.checks.auth[1].output).to.contain(`timed out after ${Math.floor(TIMEOUT_MS * 0.8)} ms`)
      expect(doc.score).to.be.within(0, 1)
      expectNoSecret(run.stdout, run.stderr)
    })
  }

  it('prints a short verdict by default and a table with --detailed, exit code following the status', async function () {
    await useProviders('invalid')
    const short = await health([])
    expect(short.exitCode).to.equal(1)
    expect(short.stdout.split('\n')[0]).to.match(/^mgit health \(full\): FAIL, score [\d.]+, 8 check\(s\) in \d+ ms$/)
    expect(short.stdout).to.contain('FAIL auth:')
    expect(short.stdout).not.to.contain('PASS git')
    const detailed = await health(['--detailed'])
    expect(detailed.exitCode).to.equal(1)
    expect(detailed.stdout).to.match(/CHECK\s+STATUS\s+OBSERVED\s+MESSAGE/)
    expect(detailed.stdout).to.match(/\n {2}gh\s+FAIL/)
    expect(detailed.stdout).to.contain('Recommendations:')
    // No progress indicator when stderr is not a terminal.
    expect(detailed.stderr).to.equal('')
    expectNoSecret(short.stdout, short.stderr, detailed.stdout, detailed.stderr)
  })

  it('answers --scope live at once while a provider hangs', async function () {
    await useProviders('slow')
    const run = await health(['--scope', 'live', '--json', '--timeout', '60000'])
    expect(run.exitCode).to.equal(0)
    expect(run.ms).to.be.below(10_000)
    const doc = JSON.parse(run.stdout) as HealthJson
    expect(Object.keys(doc.checks)).to.deep.equal(['process'])
    expect(doc.durationMs).to.be.below(50)
  })

  it('checks only what mgit needs locally with --scope ready', async function () {
    await useProviders('down')
    const run = await health(['--scope', 'ready', '--json'])
    expect(run.exitCode).to.equal(0)
    expect(Object.keys((JSON.parse(run.stdout) as HealthJson).checks)).to.deep.equal(['system', 'git', 'disk', 'journal'])
  })

  it('fails git when it is not on PATH', async function () {
    const bin = join(host.root, 'bin-without-git')
    mkdirSync(bin, {recursive: true})
    symlinkSync(process.execPath, join(bin, 'node'))
    const run = await health(['--scope', 'ready', '--json'], {PATH: bin})
    expect(run.exitCode).to.equal(1)
    const doc = JSON.parse(run.stdout) as HealthJson
    expect(doc.checks.git[0]).to.include({output: 'git not found on PATH', status: 'fail'})
    expect(doc.output).to.contain('git: git not found on PATH')
  })

  it('fails the disk check with a threshold this machine cannot meet', async function () {
    const run = await health(['--scope', 'ready', '--json'], {MGIT_HEALTH_DISK_FAIL_BYTES: String(10 ** 18)})
    expect(run.exitCode).to.equal(1)
    expect((JSON.parse(run.stdout) as HealthJson).checks.disk[0].status).to.equal('fail')
  })

  it('reports a missing config as a warning, and a malformed one as a failure without echoing it', async function () {
    const missing = await health(['--json'])
    const missingDoc = JSON.parse(missing.stdout) as HealthJson
    expect(missingDoc.checks.auth[0]).to.include({status: 'warn'})
    expect(missingDoc.checks.auth[0].output).to.contain('no mgit config at')
    expect(missing.exitCode).to.equal(0)

    writeFileSync(join(host.configDir, 'config.yaml'), `providers:\n  gh:\n    token: ${TOKENS.github}\n   url: [\n`)
    const malformed = await health(['--json'])
    expect(malformed.exitCode).to.equal(1)
    const doc = JSON.parse(malformed.stdout) as HealthJson
    expect(doc.checks.providers[0].output).to.match(/is not valid YAML at line \d+/)
    expectNoSecret(malformed.stdout, malformed.stderr)
  })

  it('shows a progress indicator on a terminal only, never with --json (util-linux script gives it a pty)', async function () {
    const hasScript = await execa('script', ['--version'], {reject: false})
    if (hasScript.exitCode !== 0) this.skip()
    const onTty = async (args: string): Promise<string> => {
      const result = await execa('script', ['-qec', `node ${HOST_BIN} monitoring health --scope ready ${args}`, '/dev/null'], {env: host.env(LENIENT), reject: false})
      return String(result.stdout)
    }

    expect(await onTty('')).to.contain('Running health checks')
    const json = await onTty('--json')
    expect(json).not.to.contain('Running health checks')
    expect(json).to.contain('"status"')
  })

  const badInputs: Array<{args: string[]; env?: Record<string, string>; message: RegExp}> = [
    {args: ['--timeout', 'soon'], message: /Expected an integer but received: soon/},
    {args: ['--timeout', '0'], message: /Expected an integer greater than or equal to 1/},
    {args: ['--scope', 'everything'], message: /Expected --scope=everything to be one of: live, ready, full/},
    {args: [], env: {MGIT_HEALTH_DISK_WARN_BYTES: 'lots'}, message: /MGIT_HEALTH_DISK_WARN_BYTES must be a whole number of bytes, got "lots"/},
    {args: [], env: {MGIT_HEALTH_MEMORY_WARN_RATIO: '5'}, message: /MGIT_HEALTH_MEMORY_WARN_RATIO must be a ratio between 0 and 1/},
  ]
  for (const bad of badInputs) {
    it(`rejects ${bad.args.join(' ') || Object.entries(bad.env ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')} with a one-line message`, async function () {
      const run = await health(bad.args, bad.env)
      expect(run.exitCode).to.equal(2)
      // oclif wraps long messages to the terminal width with a ' ›' margin: compare the text itself.
      expect(run.stderr.replaceAll(/\s*›\s*/g, ' ').replaceAll(/\s+/g, ' ')).to.match(bad.message)
      expect(run.stderr).not.to.match(/\n\s+at /)
      expect(run.stdout).to.equal('')
    })
  }
})

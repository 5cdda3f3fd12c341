import {expect} from 'chai'
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {CommandEndEvent} from '../../src/journal/event-types.js'
import {freePort} from '../helpers/free-port.js'
import {createBareRepos} from '../helpers/git-repos.js'
import {HostCli} from '../helpers/host-cli.js'

const SECRET = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'

describe('automatic instrumentation of the host CLI', function () {
  let host: HostCli
  let source: string

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
    source = join(host.root, 'org')
    await createBareRepos(source, 3)
  })

  after(function () {
    host.cleanup()
  })

  beforeEach(function () {
    host.clearJournal()
  })

  async function onlyEnd(): Promise<CommandEndEvent> {
    const {ends, stats} = await host.journal()
    expect(stats.corrupt).to.equal(0)
    expect(ends).to.have.length(1)
    return ends[0]
  }

  it('records a successful command with real git: start and end, duration, plugin, flag names', async function () {
    const target = join(host.root, 'clones-ok')
    const result = await host.run(['clone-all', 'acme', target, '--source', source, '--token', SECRET, '-c', '2'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.contain('Cloned 3, skipped 0, failed 0 of 3')
    const {starts, ends} = await host.journal()
    expect(starts).to.have.length(1)
    expect(ends).to.have.length(1)
    const [start] = starts
    const [end] = ends
    expect(start.cmd).to.equal('clone-all')
    expect(end).to.include({cmd: 'clone-all', errorCategory: 'none', exitCode: 0, kind: 'command', plugin: 'mgit', success: true})
    expect(end.pluginVersion).to.equal('1.4.0')
    expect(end.cliVersion).to.equal('1.4.0')
    expect(end.cid).to.equal(start.cid)
    expect(end.flags).to.deep.equal(['concurrency', 'source', 'token'])
    expect(end.durationMs).to.be.greaterThan(0)
    expect(end.processMs).to.be.greaterThan(end.durationMs)
    expect(end.ts).to.be.at.least(start.ts)
  })

  it('never writes a flag value (or a mistyped flag) to the journal', async function () {
    await host.run(['list', '--source', source, `--token=${SECRET}`, '-t', SECRET, `--${SECRET}`])
    await host.run(['list', '--source', source, '--token', SECRET])
    const raw = (await host.journal()).events.map((e) => JSON.stringify(e)).join('\n')
    expect(raw).not.to.contain(SECRET)
    expect(raw).not.to.contain(source)
    expect(raw).to.contain('(unknown)')
  })

  it('measures the duration of the command itself', async function () {
    const result = await host.run(['sleep', '--ms', '300'])
    expect(result.exitCode).to.equal(0)
    const end = await onlyEnd()
    expect(end.durationMs).to.be.within(300, 3000)
  })

  const failures: Array<{title: string; args: string[]; exitCode: number; category: string; errorClass?: string}> = [
    {args: ['fail-throw'], category: 'internal', errorClass: 'TypeError', exitCode: 1, title: 'a thrown error'},
    {args: ['fail-exit'], category: 'exit_code', errorClass: 'ExitError', exitCode: 3, title: 'this.exit(3)'},
    {args: ['fail-error', '--exit', '5'], category: 'command_error', errorClass: 'CLIError', exitCode: 5, title: 'this.error() with exit 5'},
    {args: ['fail-json', '--json'], category: 'unknown', exitCode: 1, title: 'a --json failure (error swallowed by oclif)'},
    {args: ['list', '--limit', 'many', '--source', '.'], category: 'usage', exitCode: 2, title: 'a flag parse error'},
    {args: ['clone-all', 'acme'], category: 'usage', exitCode: 2, title: 'a missing argument'},
  ]
  for (const failure of failures) {
    it(`records ${failure.title} with exit code ${failure.exitCode}`, async function () {
      const result = await host.run(failure.args)
      expect(result.exitCode).to.equal(failure.exitCode)
      const end = await onlyEnd()
      expect(end).to.include({cmd: failure.args[0], errorCategory: failure.category, exitCode: failure.exitCode, success: false})
      if (failure.errorClass) expect(end.errorClass).to.equal(failure.errorClass)
    })
  }

  it('records a network failure by category, never its message', async function () {
    const port = await freePort()
    const result = await host.run(['fail-network', '--url', `http://127.0.0.1:${port}/api?token=${SECRET}`])
    expect(result.exitCode).to.equal(1)
    const end = await onlyEnd()
    expect(end.errorCategory).to.equal('network')
    expect(JSON.stringify(end)).not.to.contain(SECRET)
  })

  it('treats this.exit(0) as success', async function () {
    const result = await host.run(['fail-exit', '--code', '0'])
    expect(result.exitCode).to.equal(0)
    const end = await onlyEnd()
    expect(end).to.include({errorCategory: 'none', exitCode: 0, success: true})
  })

  const specials: Array<{args: string[]; kind: string; cmd: string; exitCode: number}> = [
    {args: ['--version'], cmd: '', exitCode: 0, kind: 'version'},
    {args: ['--help'], cmd: '', exitCode: 0, kind: 'help'},
    {args: [], cmd: '', exitCode: 0, kind: 'help'},
    {args: ['list', '--help'], cmd: 'list', exitCode: 0, kind: 'help'},
    {args: ['help', 'list'], cmd: 'help', exitCode: 0, kind: 'help'},
    {args: ['monitoring'], cmd: '', exitCode: 0, kind: 'help'},
  ]
  for (const special of specials) {
    it(`records \`mgit ${special.args.join(' ')}\` as ${special.kind}`, async function () {
      const result = await host.run(special.args)
      expect(result.exitCode).to.equal(special.exitCode)
      const end = await onlyEnd()
      expect(end).to.include({cmd: special.cmd, exitCode: special.exitCode, kind: special.kind, success: true})
    })
  }

  it('records an unknown command without its name (it could be a secret typed in the wrong place)', async function () {
    const result = await host.run([SECRET])
    expect(result.exitCode).to.equal(2)
    expect(result.stderr).to.contain('not found')
    const end = await onlyEnd()
    expect(end).to.include({cmd: '', errorCategory: 'command_not_found', exitCode: 2, kind: 'not_found', success: false})
    expect(JSON.stringify(end)).not.to.contain(SECRET)
  })

  it('keeps the caller’s correlation ID and passes it to child processes', async function () {
    const result = await host.run(['child-env'], {env: {MGIT_CORRELATION_ID: 'nightly-run-42'}})
    expect(result.stdout.trim()).to.equal('nightly-run-42')
    expect((await onlyEnd()).cid).to.equal('nightly-run-42')
  })

  it('creates a correlation ID when none is given, and exports it to child processes', async function () {
    const result = await host.run(['child-env'])
    const end = await onlyEnd()
    expect(end.cid).to.match(/^[0-9a-f-]{36}$/)
    expect(result.stdout.trim()).to.equal(end.cid)
  })

  it('replaces a caller correlation ID that is not a plain identifier', async function () {
    const result = await host.run(['child-env'], {env: {MGIT_CORRELATION_ID: 'x y\n{"injected":1}'}})
    const end = await onlyEnd()
    expect(end.cid).to.match(/^[0-9a-f-]{36}$/)
    expect(result.stdout.trim()).to.equal(end.cid)
  })

  it('does nothing when MGIT_MONITORING_DISABLED=1', async function () {
    const result = await host.run(['list', '--source', source], {env: {MGIT_MONITORING_DISABLED: '1'}})
    expect(result.exitCode).to.equal(0)
    const {events} = await host.journal()
    expect(events).to.have.length(0)
  })

  it('leaves stdout, stderr and the exit code untouched', async function () {
    const plain = await host.run(['list', '--source', source, '--json'], {env: {MGIT_MONITORING_DISABLED: '1'}})
    const observed = await host.run(['list', '--source', source, '--json'])
    expect(observed.stdout).to.equal(plain.stdout)
    expect(observed.stderr).to.equal(plain.stderr)
    expect(observed.exitCode).to.equal(plain.exitCode)
    const failedPlain = await host.run(['fail-exit'], {env: {MGIT_MONITORING_DISABLED: '1'}})
    const failedObserved = await host.run(['fail-exit'])
    expect(failedObserved.exitCode).to.equal(failedPlain.exitCode)
    expect(failedObserved.stdout).to.equal(failedPlain.stdout)
    expect(failedObserved.stderr).to.equal(failedPlain.stderr)
  })

  it('costs the host command nothing when the data directory cannot be written', async function () {
    // As root, permissions do not stop writes: a file where the journal directory should be does.
    mkdirSync(join(host.dataDir, 'monitoring'), {recursive: true})
    writeFileSync(join(host.dataDir, 'monitoring', 'journal'), 'not a directory')
    chmodSync(join(host.dataDir, 'monitoring', 'journal'), 0o444)
    const plain = await host.run(['list', '--source', source], {env: {MGIT_MONITORING_DISABLED: '1'}})
    const observed = await host.run(['list', '--source', source])
    expect(observed.exitCode).to.equal(0)
    expect(observed.stdout).to.equal(plain.stdout)
    expect(observed.stderr).to.equal(plain.stderr)
  })

  it('records every event of 16 host processes started at once', async function () {
    const runs = await Promise.all(Array.from({length: 16}, (_, i) => host.run(i % 2 ? ['sleep', '--ms', '50'] : ['list', '--source', source])))
    for (const run of runs) expect(run.exitCode).to.equal(0)
    const {starts, ends, stats} = await host.journal()
    expect(stats.corrupt).to.equal(0)
    expect(starts).to.have.length(16)
    expect(ends).to.have.length(16)
    expect(new Set(ends.map((e) => e.pid)).size).to.equal(16)
    expect(new Set(ends.map((e) => e.cid)).size).to.equal(16)
  })

  it('instruments the plugin’s own commands too', async function () {
    const result = await host.run(['monitoring', 'metrics', '--format', 'json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const end = await onlyEnd()
    expect(end).to.include({cmd: 'monitoring metrics', plugin: '@mgit/plugin-monitoring', success: true})
    expect(end.flags).to.deep.equal(['format'])
  })
})

import {expect} from 'chai'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {GenerateConfigJson} from '../../../src/commands/monitoring/generate-config.js'
import {HostCli} from '../../helpers/host-cli.js'

function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  expect(lines, stderr).to.have.length(1)
  expect(lines[0]).to.match(pattern)
  expect(stderr).not.to.match(/\n\s+at /)
}

describe('mgit monitoring generate-config (host CLI, plugin linked)', function () {
  let host: HostCli
  // oclif wraps messages at 80 columns when stderr is not a terminal; a wide screen shows each as the one line it is.
  const run = (args: string[]): ReturnType<HostCli['run']> => host.run(['monitoring', 'generate-config', ...args], {env: {OCLIF_COLUMNS: '1000'}})

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
  })
  after(function () {
    host.cleanup()
  })

  it('writes the stack and lists the files with --json', async function () {
    const output = join(host.root, 'json')
    const result = await run(['--output', output, '--target', '127.0.0.1:9464', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const json = JSON.parse(result.stdout) as GenerateConfigJson
    expect(json.output).to.equal(output)
    expect(json.files.length).to.be.at.least(15)
    for (const file of json.files) expect(file.startsWith(output + '/')).to.equal(true)
    expect(json.files).to.include.members(['prometheus/prometheus.yml', 'docker-compose.yml', 'README.md', 'docs/runbook.md', 'k8s/deployment.yaml'].map((f) => join(output, f)))
    expect(readFileSync(join(output, 'prometheus/prometheus.yml'), 'utf8')).to.contain("127.0.0.1:9464")
  })

  it('prints the files written, one per line, and the summary on stderr', async function () {
    const output = join(host.root, 'plain')
    const result = await run(['-o', output])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout.split('\n')).to.include(join(output, 'docker-compose.yml'))
    expect(result.stderr).to.match(/wrote \d+ files to /)
  })

  it('refuses to overwrite without --force (exit 1, one line), and overwrites with it', async function () {
    const output = join(host.root, 'twice')
    expect((await run(['--output', output])).exitCode).to.equal(0)
    writeFileSync(join(output, 'README.md'), 'edited\n')
    const refused = await run(['--output', output])
    expect(refused.exitCode).to.equal(1)
    expectOneLineError(refused.stderr, /already exist: use --force to overwrite$/)
    expect(readFileSync(join(output, 'README.md'), 'utf8')).to.equal('edited\n')
    const forced = await run(['--output', output, '--force'])
    expect(forced.exitCode, forced.stderr).to.equal(0)
    expect(readFileSync(join(output, 'README.md'), 'utf8')).to.contain('# mgit monitoring stack')
  })

  it('rejects a bad --target with a one-line usage error (exit 2) and writes nothing', async function () {
    const output = join(host.root, 'bad-target')
    const result = await run(['--output', output, '--target', 'http://mgit:8080/metrics'])
    expect(result.exitCode).to.equal(2)
    expectOneLineError(result.stderr, /invalid --target "http:\/\/mgit:8080\/metrics": use host:port/)
  })

  it('reports an unwritable output folder in one line (exit 1)', async function () {
    const blocker = join(host.root, 'blocker')
    writeFileSync(blocker, '')
    const result = await run(['--output', join(blocker, 'stack')])
    expect(result.exitCode).to.equal(1)
    expectOneLineError(result.stderr, /cannot create the output folder .*blocker\/stack: part of the path is a file, not a folder$/)
  })

  it('rejects an out-of-range --slo (exit 2)', async function () {
    const result = await run(['--output', join(host.root, 'slo'), '--slo', '1.5'])
    expect(result.exitCode).to.equal(2)
    expectOneLineError(result.stderr, /invalid --slo "1.5"/)
  })
})

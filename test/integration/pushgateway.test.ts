import {expect} from 'chai'
import {existsSync, readFileSync} from 'node:fs'
import {type Server, createServer} from 'node:http'
import {join} from 'node:path'

import {HostCli} from '../helpers/host-cli.js'
import {type RealServer, requireBinaries, startRealServer} from '../helpers/real-server.js'
import {waitFor} from '../helpers/wait-for.js'

/** Samples of `name` in an exposition, keyed by their label text. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line)
    if (match && match[1] === name) found.set(match[2] ?? '', Number(match[3]))
  }

  return found
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve)
  })
  return (server.address() as {port: number}).port
}

describe('Pushgateway: MGIT_MONITORING_PUSHGATEWAY pushes each command’s result', function () {
  let host: HostCli
  let gateway: RealServer | undefined

  before(async function () {
    requireBinaries(this, 'prometheus-pushgateway')
    host = new HostCli()
    await host.linkPlugin()
    gateway = await startRealServer({
      args: (port, dir) => [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(dir, 'pushgateway.data')}`],
      binary: 'prometheus-pushgateway',
      readyPath: '/-/ready',
    })
  })

  after(async function () {
    await gateway?.stop()
    host?.cleanup()
  })

  async function gatewayMetrics(): Promise<string> {
    return (await fetch(`${gateway!.url}/metrics`)).text()
  }

  const group = (operation: string): string => `instance="runner-7",job="mgit",operation="${operation}"`

  it('a real Pushgateway receives the result of a host command, grouped by job, instance and operation', async function () {
    const env = {MGIT_MONITORING_PUSH_INSTANCE: 'runner-7', MGIT_MONITORING_PUSHGATEWAY: gateway!.url}
    const result = await host.run(['fail-exit'], {env})
    expect(result.exitCode).to.equal(3)
    const text = await waitFor('the push to arrive', async () => {
      const body = await gatewayMetrics()
      return samples(body, 'mgit_last_run_exit_code').has(`{${group('fail-exit')}}`) ? body : undefined
    })
    expect(samples(text, 'mgit_last_run_exit_code').get(`{${group('fail-exit')}}`)).to.equal(3)
    expect(samples(text, 'mgit_last_run_success').get(`{error_category="exit_code",${group('fail-exit')}}`)).to.equal(0)
    const ended = samples(text, 'mgit_last_run_timestamp_seconds').get(`{${group('fail-exit')}}`)!
    const {ends} = await host.journal()
    expect(ended).to.equal(ends[0].ts / 1000)
    expect(samples(text, 'mgit_last_success_timestamp_seconds').has(`{${group('fail-exit')}}`)).to.equal(false)
  })

  it('keeps the last success time when a later run of the same operation fails', async function () {
    const env = {MGIT_MONITORING_PUSH_INSTANCE: 'runner-7', MGIT_MONITORING_PUSHGATEWAY: gateway!.url}
    host.clearJournal()
    expect((await host.run(['sleep', '--ms', '1'], {env})).exitCode).to.equal(0)
    const success = await waitFor('the success to arrive', async () => samples(await gatewayMetrics(), 'mgit_last_success_timestamp_seconds').get(`{${group('sleep')}}`))
    expect(success).to.equal((await host.journal()).ends[0].ts / 1000)
    expect((await host.run(['sleep', '--ms', 'x'], {env})).exitCode).to.equal(2)
    await waitFor('the failure to arrive', async () => (samples(await gatewayMetrics(), 'mgit_last_run_exit_code').get(`{${group('sleep')}}`) === 2 ? true : undefined))
    const text = await gatewayMetrics()
    expect(samples(text, 'mgit_last_success_timestamp_seconds').get(`{${group('sleep')}}`)).to.equal(success)
    expect(samples(text, 'mgit_last_run_success').get(`{error_category="usage",${group('sleep')}}`)).to.equal(0)
  })

  it('checks the status itself: a 301 is recorded as a failed push, never as success', async function () {
    const redirecting = createServer((_req, res) => {
      res.writeHead(301, {location: 'http://127.0.0.1:1/'})
      res.end()
    })
    const port = await listen(redirecting)
    try {
      const result = await host.run(['sleep', '--ms', '1'], {env: {MGIT_MONITORING_PUSHGATEWAY: `http://127.0.0.1:${port}`}})
      expect(result.exitCode).to.equal(0)
      const errorFile = join(host.dataDir, 'monitoring', 'pushgateway-last-error.json')
      const record = await waitFor('the push failure to be recorded', async () => (existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : undefined))
      expect(JSON.parse(record).message).to.equal('Pushgateway answered HTTP 301')
    } finally {
      redirecting.close()
    }
  })

  it('never holds the command up: a Pushgateway that does not answer leaves the command’s result untouched', async function () {
    const silent = createServer(() => {
      // Accepts the request and never answers.
    })
    const port = await listen(silent)
    try {
      const plain = await host.run(['fail-exit'], {env: {MGIT_MONITORING_DISABLED: '1'}})
      const pushed = await host.run(['fail-exit'], {env: {MGIT_MONITORING_PUSHGATEWAY: `http://127.0.0.1:${port}`}})
      expect(pushed.exitCode).to.equal(plain.exitCode)
      expect(pushed.stdout).to.equal(plain.stdout)
      expect(pushed.stderr).to.equal(plain.stderr)
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })
})

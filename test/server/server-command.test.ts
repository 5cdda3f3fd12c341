import {expect} from 'chai'
import {createServer} from 'node:net'

import {HostCli} from '../helpers/host-cli.js'
import {startHostServer} from '../helpers/host-server.js'

const TOKEN = 'env-token-' + 'Q1w2E3r4T5y6'

describe('`mgit monitoring server` as a command of the host', function () {
  let host: HostCli

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
  })

  after(function () {
    host.cleanup()
  })

  it('exits 0 on SIGTERM after serving, and is recorded as a successful command', async function () {
    host.clearJournal()
    const server = await startHostServer(host)
    expect((await fetch(`${server.url}/health/live`)).status).to.equal(200)
    const {exitCode, stderr} = await server.stop()
    expect(exitCode).to.equal(0)
    expect(stderr).to.contain('SIGTERM received')
    const {ends} = await host.journal()
    expect(ends.find((e) => e.cmd === 'monitoring server')).to.include({exitCode: 0, success: true})
  })

  it('exits 0 on SIGINT too', async function () {
    const server = await startHostServer(host)
    const {exitCode, stderr} = await server.stop('SIGINT')
    expect(exitCode).to.equal(0)
    expect(stderr).to.contain('SIGINT received')
  })

  it('takes the token from MGIT_MONITORING_TOKEN and never prints it', async function () {
    const server = await startHostServer(host, [], {MGIT_MONITORING_TOKEN: TOKEN})
    try {
      expect((await fetch(`${server.url}/metrics`)).status).to.equal(401)
      expect((await fetch(`${server.url}/health/live`)).status).to.equal(200)
      const ok = await fetch(`${server.url}/metrics`, {headers: {authorization: `Bearer ${TOKEN}`}})
      expect(ok.status).to.equal(200)
    } finally {
      const {stderr} = await server.stop()
      expect(stderr).to.contain('"route":"/metrics"')
      expect(stderr).not.to.contain(TOKEN)
    }
  })

  it('reports a port in use in one line, with a non-zero exit and no stack trace', async function () {
    const blocker = createServer()
    await new Promise<void>((resolve) => {
      blocker.listen(0, '127.0.0.1', resolve)
    })
    const {port} = blocker.address() as {port: number}
    try {
      const result = await host.run(['monitoring', 'server', '--port', String(port)])
      expect(result.exitCode).to.equal(1)
      expect(result.stderr).to.contain(`cannot listen on 127.0.0.1:${port}: the port is already in use`)
      expect(result.stderr).not.to.match(/\n\s+at /)
      expect(result.stderr.trim().split('\n').filter((l) => l.trim() !== '')).to.have.length(1)
    } finally {
      blocker.close()
    }
  })

  it('rejects an empty token and a bad port with a usage error', async function () {
    const empty = await host.run(['monitoring', 'server', '--auth-token', ' '])
    expect(empty.exitCode).to.equal(2)
    expect(empty.stderr).to.contain('the auth token is empty')
    const badPort = await host.run(['monitoring', 'server', '--port', '70000'])
    expect(badPort.exitCode).to.equal(2)
    expect(badPort.stderr).not.to.match(/\n\s+at /)
  })
})

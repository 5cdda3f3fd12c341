import {expect} from 'chai'
import {type Server, createServer} from 'node:net'

import {networkCheck} from '../../../src/health/checks/network.js'
import {TOKENS} from '../../helpers/fake-tokens.js'
import {type ThreeProviders, startThreeProviders, stopAll, threeProviderConfig} from '../../helpers/provider-api-server.js'
import {runProviderCheck, statusOf} from '../../helpers/provider-check-run.js'

describe('network check', function () {
  let fakes: ThreeProviders | undefined
  afterEach(async function () {
    await stopAll(fakes)
    fakes = undefined
  })

  it('passes DNS and TCP to every provider host that listens, even when its API is slow', async function () {
    fakes = await startThreeProviders('slow', TOKENS)
    const {result} = await runProviderCheck((s) => networkCheck(s), threeProviderConfig(fakes, TOKENS))
    expect(result.status, JSON.stringify(result)).to.equal('pass')
    for (const component of ['gh', 'ado', 'bb']) expect(statusOf(result, component)).to.equal('pass')
    expect(result.details?.[0].message).to.match(/^127\.0\.0\.1:\d+: TCP ok in \d+ ms$/)
  })

  it('fails every provider whose port is closed', async function () {
    fakes = await startThreeProviders('down', TOKENS)
    const {result} = await runProviderCheck((s) => networkCheck(s), threeProviderConfig(fakes, TOKENS))
    expect(result.status).to.equal('fail')
    for (const component of ['gh', 'ado', 'bb']) expect(statusOf(result, component)).to.equal('fail')
    expect(result.details?.[0].message).to.contain('TCP failed: connection refused')
  })

  it('fails the TLS handshake against a server that does not speak TLS', async function () {
    const plain: Server = createServer((socket) => {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
    })
    await new Promise<void>((resolve) => {
      plain.listen(0, '127.0.0.1', resolve)
    })
    try {
      const {port} = plain.address() as {port: number}
      const yaml = `providers:\n  gh:\n    url: https://github.com/acme\n    api_url: https://127.0.0.1:${port}\n`
      const {result} = await runProviderCheck((s) => networkCheck(s), yaml)
      expect(statusOf(result, 'gh')).to.equal('fail')
      expect(result.details?.[0].message).to.contain('TLS failed')
      expect(result.details?.[0].recommendation).to.contain('certificate')
    } finally {
      plain.close()
    }
  })

  it('fails a host name that does not resolve', async function () {
    const yaml = 'providers:\n  gh:\n    url: https://github.com/acme\n    api_url: https://no-such-host.invalid\n'
    const {result} = await runProviderCheck((s) => networkCheck(s), yaml, 3000)
    expect(statusOf(result, 'gh')).to.equal('fail')
    expect(result.details?.[0].message).to.match(/DNS failed/)
  })

  it('warns when the connection is slower than the threshold', async function () {
    fakes = await startThreeProviders('valid', TOKENS)
    const {result} = await runProviderCheck((s) => networkCheck(s, {slowMs: -1}), threeProviderConfig(fakes, TOKENS))
    expect(result.status).to.equal('warn')
    expect(result.details?.[0].message).to.contain('(slow)')
  })
})

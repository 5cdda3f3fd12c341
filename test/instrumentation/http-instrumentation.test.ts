import {expect} from 'chai'
import {type IncomingHttpHeaders, createServer, get} from 'node:http'

import {currentContext, withCorrelation} from '../../src/correlation/context.js'
import {HttpInstrumentation} from '../../src/instrumentation/http/http-instrumentation.js'
import type {ApiRequestEvent, ProviderType} from '../../src/journal/event-types.js'

describe('HTTP instrumentation through diagnostics channels', function () {
  const events: ApiRequestEvent[] = []
  const received: IncomingHttpHeaders[] = []
  let base = ''
  let configuredReads = 0
  let configured = new Map<string, ProviderType>()
  const server = createServer((request, response) => {
    received.push(request.headers)
    if (request.url?.startsWith('/limited')) {
      response.writeHead(429, {'retry-after': '1'})
    } else {
      response.writeHead(200, {'content-type': 'application/json'})
    }

    response.end('[]')
  })
  const instrumentation = new HttpInstrumentation({
    configuredHosts() {
      configuredReads++
      return configured
    },
    sink: (event) => events.push(event),
  })

  before(async function () {
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve)
    })
    base = `http://127.0.0.1:${(server.address() as {port: number}).port}`
    instrumentation.start()
  })

  after(async function () {
    instrumentation.stop()
    await new Promise((resolve) => {
      server.close(resolve)
    })
  })

  beforeEach(function () {
    events.length = 0
    received.length = 0
  })

  it('records fetch calls to a configured provider host, with a template and the correlation header', async function () {
    configured = new Map([[new URL(base).host, 'azuredevops']])
    const response = await fetch(`${base}/acme/project/_apis/git/repositories?api-version=7.1&token=abc`)
    await response.text()
    expect(events).to.have.length(1)
    expect(events[0]).to.include({
      endpoint: '/{org}/{project}/_apis/git/repositories', method: 'GET', provider: 'azuredevops', rateLimited: false, status: 200, statusClass: '2xx',
    })
    expect(received[0]['x-correlation-id']).to.equal(events[0].cid)
    expect(JSON.stringify(events[0])).not.to.contain('acme')
  })

  it('records 429 as rate limited', async function () {
    await (await fetch(`${base}/limited`)).text()
    expect(events[0]).to.include({errorCategory: 'rate_limit', rateLimited: true, status: 429, statusClass: '4xx'})
  })

  it('sends no correlation header to hosts that are not providers', async function () {
    configured = new Map()
    const fresh = new HttpInstrumentation({configuredHosts: () => new Map(), sink: () => {}})
    instrumentation.stop()
    fresh.start()
    try {
      await (await fetch(`${base}/user`)).text()
      expect(received[0]['x-correlation-id']).to.equal(undefined)
    } finally {
      fresh.stop()
      instrumentation.start()
    }
  })

  it('records node:http requests (without adding headers: they are already sent)', async function () {
    await new Promise<void>((resolve, reject) => {
      get(`${base}/orgs/acme/repos?per_page=100`, (response) => {
        response.resume()
        response.on('end', resolve)
      }).on('error', reject)
    })
    expect(events).to.have.length(1)
    expect(events[0]).to.include({endpoint: '/orgs/{org}/repos', method: 'GET', status: 200, statusClass: '2xx'})
    expect(received[0]['x-correlation-id']).to.equal(undefined)
  })

  it('ties each request to the span that made it, under concurrency', async function () {
    const spans = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        withCorrelation({fields: {i}}, async () => {
          await (await fetch(`${base}/user?i=${i}`)).text()
          return currentContext()!.spanId
        }),
      ),
    )
    expect(events.map((e) => e.parentSpanId).sort()).to.deep.equal([...spans].sort())
  })

  it('reads the configured hosts at most once', function () {
    expect(configuredReads).to.be.at.most(1)
  })
})

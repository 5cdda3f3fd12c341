import {expect} from 'chai'
import {request} from 'node:http'
import {join} from 'node:path'

import {MonitoringServer, type MonitoringServerOptions} from '../../src/server/monitoring-server.js'
import {HealthDouble} from '../helpers/health-double.js'
import {appendLines, endEvent, line, segment} from '../helpers/journal-files.js'
import {makeTempDir} from '../helpers/temp-dir.js'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw node:http request (fetch hides some headers and always negotiates). */
function get(port: number, path: string, options: {method?: string; headers?: Record<string, string>} = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({headers: options.headers, host: '127.0.0.1', method: options.method ?? 'GET', path, port}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({body, headers: res.headers, status: res.statusCode ?? 0}))
    })
    req.on('error', reject)
    req.end()
  })
}

const TOKEN = 'monitoring-token-' + 'x9Y8z7W6v5'

describe('monitoring server (in process, real HTTP on loopback)', function () {
  let temp: ReturnType<typeof makeTempDir>
  let journal: string
  let servers: MonitoringServer[]
  let logs: string[]

  beforeEach(function () {
    temp = makeTempDir()
    journal = join(temp.path, 'journal')
    servers = []
    logs = []
  })

  afterEach(async function () {
    await Promise.all(servers.map((s) => s.stop()))
    temp.cleanup()
  })

  async function start(options: Partial<MonitoringServerOptions> = {}): Promise<{server: MonitoringServer; port: number}> {
    const server = new MonitoringServer({host: '127.0.0.1', journalDir: journal, log: (l) => logs.push(l), port: 0, shutdownGraceMs: 5000, ...options})
    servers.push(server)
    const {port} = await server.start()
    return {port, server}
  }

  it('serves the Prometheus text format by default and OpenMetrics when asked, both from prom-client', async function () {
    appendLines(journal, segment(0), [line(endEvent('list')), line(endEvent('clone-all', {exitCode: 1, success: false}))])
    const {port} = await start()
    const text = await get(port, '/metrics')
    expect(text.status).to.equal(200)
    expect(text.headers['content-type']).to.equal('text/plain; version=0.0.4; charset=utf-8')
    expect(text.body).to.contain('mgit_operations_total{operation="list"} 1')
    expect(text.body).to.contain('mgit_operations_failure_total{error_category="exit_code",operation="clone-all"} 1')
    const open = await get(port, '/metrics', {headers: {accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5'}})
    expect(open.headers['content-type']).to.equal('application/openmetrics-text; version=1.0.0; charset=utf-8')
    expect(open.body).to.contain('# TYPE mgit_operations counter')
    expect(open.body.trimEnd().endsWith('# EOF')).to.equal(true)
    // prom-client renames counters in place for OpenMetrics; the text format must not be affected afterwards.
    const again = await get(port, '/metrics')
    expect(again.body).to.contain('# TYPE mgit_operations_total counter')
    expect(again.body).to.contain('mgit_operations_total{operation="list"} 1')
  })

  it('counts only what was appended since the previous scrape', async function () {
    appendLines(journal, segment(0), [line(endEvent('list'))])
    const {port, server} = await start()
    expect((await get(port, '/metrics')).body).to.contain('mgit_operations_total{operation="list"} 1')
    appendLines(journal, segment(0), [line(endEvent('list')), line(endEvent('list'))])
    expect((await get(port, '/metrics')).body).to.contain('mgit_operations_total{operation="list"} 3')
    expect((await get(port, '/metrics')).body).to.contain('mgit_operations_total{operation="list"} 3')
    expect(server.live.tailer.totals.events).to.equal(3)
  })

  it('serves /metrics/json, /info, /status and the HTML page', async function () {
    appendLines(journal, segment(0), [line(endEvent('pull-all', {exitCode: 1, success: false}))])
    const {port} = await start({version: '9.9.9'})
    const json = await get(port, '/metrics/json')
    expect(json.headers['content-type']).to.match(/^application\/json/)
    const metrics = JSON.parse(json.body) as Array<{name: string}>
    expect(metrics.map((m) => m.name)).to.include('mgit_operations_total')
    const info = JSON.parse((await get(port, '/info')).body)
    expect(info).to.include({authRequired: false, name: '@mgit/plugin-monitoring', version: '9.9.9'})
    const status = JSON.parse((await get(port, '/status')).body)
    expect(status.commands.recent[0]).to.include({cmd: 'pull-all', success: false})
    const page = await get(port, '/')
    expect(page.headers['content-type']).to.equal('text/html; charset=utf-8')
    for (const path of ['/metrics', '/health/live', '/health/detailed', '/status', '/info']) expect(page.body).to.contain(`<code>${path}</code>`)
    expect(page.body).to.contain('<code>pull-all</code>')
  })

  it('answers unknown paths with 404 JSON and other methods with 405 JSON and Allow', async function () {
    const {port} = await start()
    const missing = await get(port, '/nothing-here?token=abc')
    expect(missing.status).to.equal(404)
    expect(JSON.parse(missing.body)).to.include({error: 'not_found', status: 404})
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const wrong = await get(port, '/metrics', {method})
      expect(wrong.status).to.equal(405)
      expect(wrong.headers.allow).to.equal('GET, HEAD')
      expect(JSON.parse(wrong.body)).to.include({error: 'method_not_allowed'})
    }

    const head = await get(port, '/health/live', {method: 'HEAD'})
    expect(head.status).to.equal(200)
    expect(head.body).to.equal('')
  })

  describe('bearer token', function () {
    it('is required everywhere but the two probes, and never appears in a log line or a response', async function () {
      const {port} = await start({authToken: TOKEN})
      for (const path of ['/', '/metrics', '/metrics/json', '/health', '/health/detailed', '/info', '/status']) {
        const denied = await get(port, path)
        expect(denied.status, path).to.equal(401)
        expect(denied.headers['www-authenticate']).to.match(/^Bearer/)
        expect(JSON.parse(denied.body)).to.include({error: 'unauthorized'})
        expect((await get(port, path, {headers: {authorization: 'Bearer wrong'}})).status, path).to.equal(401)
        expect((await get(port, path, {headers: {authorization: `Bearer ${TOKEN}x`}})).status, path).to.equal(401)
        expect((await get(port, path, {headers: {authorization: `Basic ${TOKEN}`}})).status, path).to.equal(401)
        const allowed = await get(port, path, {headers: {authorization: `Bearer ${TOKEN}`}})
        expect(allowed.status, path).to.equal(200)
        expect(allowed.body).not.to.contain(TOKEN)
      }

      expect((await get(port, '/health/live')).status).to.equal(200)
      expect((await get(port, '/health/ready')).status).to.be.oneOf([200, 503])
      expect(logs.length).to.be.greaterThan(20)
      for (const entry of logs) expect(entry).not.to.contain(TOKEN)
    })
  })

  it('logs one JSON line per request: route, status, no URL query and no headers', async function () {
    const {port} = await start()
    await get(port, '/metrics?secret=hunter2', {headers: {authorization: 'Bearer hunter2'}})
    await get(port, '/hunter2')
    expect(logs).to.have.length(2)
    const [first, second] = logs.map((l) => JSON.parse(l))
    expect(first).to.include({method: 'GET', route: '/metrics', status: 200})
    expect(first.bytes).to.be.greaterThan(0)
    expect(second).to.include({route: '(unmatched)', status: 404})
    expect(logs.join('\n')).not.to.contain('hunter2')
  })

  describe('health endpoints with a HealthService', function () {
    const cases: Array<{status: 'pass' | 'warn' | 'fail'; http: number}> = [
      {http: 200, status: 'pass'},
      {http: 200, status: 'warn'},
      {http: 503, status: 'fail'},
    ]
    for (const {status, http} of cases) {
      it(`maps ${status} to HTTP ${http} on /health, /health/ready and /health/detailed`, async function () {
        const health = new HealthDouble()
        health.status = status
        const {port} = await start({health})
        const summary = await get(port, '/health')
        expect(summary.status).to.equal(http)
        expect(JSON.parse(summary.body)).to.deep.include({checks: {git: status}, status})
        expect((await get(port, '/health/ready')).status).to.equal(http)
        const detailed = await get(port, '/health/detailed')
        expect(detailed.status).to.equal(http)
        expect(JSON.parse(detailed.body).checks[0].message).to.equal(`double says ${status}`)
        expect(health.scopes).to.include.members(['full', 'ready'])
        // Liveness never asks the service.
        const asked = health.scopes.length
        expect((await get(port, '/health/live')).status).to.equal(200)
        expect(health.scopes).to.have.length(asked)
      })
    }

    it('answers 503 without the error text when the service throws', async function () {
      const health = new HealthDouble()
      health.throws = true
      const {port} = await start({health})
      const reply = await get(port, '/health/detailed')
      expect(reply.status).to.equal(503)
      expect(reply.body).not.to.contain('secret-bearing')
      expect(JSON.parse(reply.body).status).to.equal('fail')
    })

    it('exposes mgit_health_overall and mgit_health_check_status from the service', async function () {
      const health = new HealthDouble()
      health.status = 'warn'
      const {port} = await start({health})
      const body = (await get(port, '/metrics')).body
      expect(body).to.contain('mgit_health_overall 0.5')
      expect(body).to.contain('mgit_health_check_status{check="git",status="warn"} 1')
      expect(body).to.contain('mgit_health_check_status{check="git",status="pass"} 0')
    })
  })

  describe('health without a HealthService (what the server knows itself)', function () {
    it('warns while the journal directory does not exist yet', async function () {
      const {port} = await start()
      const reply = await get(port, '/health/detailed')
      expect(reply.status).to.equal(200)
      const report = JSON.parse(reply.body)
      expect(report.status).to.equal('warn')
      expect(report.checks.map((c: {name: string}) => c.name)).to.deep.equal(['system', 'journal'])
    })

    it('passes with a readable journal, warns on corrupt lines, fails when the journal path is a file', async function () {
      appendLines(journal, segment(0), [line(endEvent('list'))])
      const {port} = await start()
      expect(JSON.parse((await get(port, '/health')).body)).to.deep.include({checks: {journal: 'pass', system: 'pass'}, status: 'pass'})
      appendLines(journal, segment(0), ['{"torn\n', line(endEvent('list'))])
      await get(port, '/metrics')
      const warned = JSON.parse((await get(port, '/health/ready')).body)
      expect(warned.status).to.equal('warn')
      expect(warned.checks[1]).to.include({observedValue: 1, status: 'warn'})

      const other = join(temp.path, 'not-a-dir')
      appendLines(temp.path, 'not-a-dir', ['x'])
      const broken = await start({journalDir: other})
      const reply = await get(broken.port, '/health/ready')
      expect(reply.status).to.equal(503)
      expect(JSON.parse(reply.body).status).to.equal('fail')
    })
  })

  it('on stop: refuses new connections, finishes the request in progress', async function () {
    const health = new HealthDouble()
    let release: () => void = () => {}
    health.gate = new Promise((resolve) => {
      release = resolve
    })
    const {port, server} = await start({health})
    const inFlight = get(port, '/health/detailed')
    // Wait until the request has reached the service, then stop the server under it.
    while (health.scopes.length === 0) await new Promise((resolve) => setImmediate(resolve))
    const stopped = server.stop()
    let refused: unknown
    try {
      await get(port, '/health/live')
    } catch (error) {
      refused = error
    }

    expect((refused as NodeJS.ErrnoException | undefined)?.code).to.equal('ECONNREFUSED')
    release()
    const reply = await inFlight
    expect(reply.status).to.equal(200)
    await stopped
  })

  it('refuses oversized headers with 431', async function () {
    const {port} = await start()
    const reply = await get(port, '/metrics', {headers: {'x-filler': 'a'.repeat(20 * 1024)}})
    expect(reply.status).to.equal(431)
  })

  it('escapes whatever reaches the HTML page', async function () {
    appendLines(journal, segment(0), [line(endEvent('<script>alert(1)</script>'))])
    const health = new HealthDouble()
    const {port} = await start({health})
    const page = (await get(port, '/')).body
    expect(page).not.to.contain('<script>')
    expect(page).to.contain('<code>other</code>')
  })

  it('reports a port in use as a listen error', async function () {
    const {port} = await start()
    const second = new MonitoringServer({host: '127.0.0.1', journalDir: journal, log: () => {}, port})
    let error: unknown
    try {
      await second.start()
    } catch (error_) {
      error = error_
    }

    expect((error as NodeJS.ErrnoException).code).to.equal('EADDRINUSE')
  })
})

#!/usr/bin/env node
// Benchmark of `mgit monitoring server` (compiled dist/): journal ingestion rate, /metrics latency
// after a large journal, and the server's peak memory. Usage:
//   npm run build && node bench/server-scrape.js [--events 1000000] [--scrapes 1000]
// The server runs in a child process so that its peak RSS is its own, not the generator's.
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, openSync, rmSync, writeSync, closeSync, appendFileSync} from 'node:fs'
import {Agent, get} from 'node:http'
import {cpus, tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'

const {values: args} = parseArgs({
  options: {
    events: {default: '1000000', type: 'string'},
    scrapes: {default: '1000', type: 'string'},
    serve: {type: 'string'},
    'write-journal': {type: 'string'},
  },
})

const SEGMENT_BYTES = 16 * 1024 * 1024
const COMMANDS = ['clone-all', 'pull-all', 'list', 'status']
const PROVIDERS = ['github', 'azuredevops', 'bitbucket']

/** A realistic mix: per command, a start, git operations, repository results, API calls and an end. */
function* events(total, startTs) {
  let n = 0
  let pid = 10_000
  while (n < total) {
    const cmd = COMMANDS[pid % COMMANDS.length]
    const provider = PROVIDERS[pid % PROVIDERS.length]
    const cid = `bench-${pid}`
    const ts = startTs + n
    const base = {cid, pid, ts, v: 1}
    yield {...base, cliVersion: '1.4.0', cmd, flags: ['concurrency'], plugin: 'mgit', pluginVersion: '1.4.0', type: 'command_start'}
    for (let i = 0; i < 6; i++) {
      yield {...base, durationMs: 800 + i, errorCategory: 'none', exitCode: 0, operation: cmd === 'pull-all' ? 'pull' : 'clone', provider, success: true, type: 'git_operation'}
      yield {...base, operation: cmd, provider, result: i === 5 ? 'failed' : 'cloned', type: 'repository_result'}
    }

    yield {...base, durationMs: 95, endpoint: '/orgs/{org}/repos', errorCategory: 'none', method: 'GET', provider, rateLimited: false, status: 200, statusClass: '2xx', type: 'api_request'}
    const success = pid % 7 !== 0
    yield {...base, cliVersion: '1.4.0', cmd, durationMs: 5400, errorCategory: success ? 'none' : 'network', exitCode: success ? 0 : 1, flags: ['concurrency'], kind: 'command', plugin: 'mgit', pluginVersion: '1.4.0', processMs: 5600, success, type: 'command_end'}
    n += 15
    pid++
  }
}

function writeJournal(dir, total) {
  mkdirSync(dir, {recursive: true})
  let seq = 0
  let size = 0
  let fd = openSync(join(dir, `events-20260101-${String(seq).padStart(6, '0')}.jsonl`), 'w')
  let buffer = []
  let bufferBytes = 0
  let count = 0
  const flush = () => {
    writeSync(fd, buffer.join(''))
    buffer = []
    bufferBytes = 0
  }

  for (const event of events(total, Date.UTC(2026, 0, 1))) {
    const line = JSON.stringify(event) + '\n'
    if (size + line.length > SEGMENT_BYTES) {
      flush()
      closeSync(fd)
      seq++
      size = 0
      fd = openSync(join(dir, `events-20260101-${String(seq).padStart(6, '0')}.jsonl`), 'w')
    }

    buffer.push(line)
    bufferBytes += line.length
    size += line.length
    count++
    if (bufferBytes > 1 << 20) flush()
  }

  flush()
  closeSync(fd)
  return {count, segments: seq + 1}
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function fetchMetrics(port, agent) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    get({agent, host: '127.0.0.1', path: '/metrics', port}, (res) => {
      let bytes = 0
      res.on('data', (chunk) => {
        bytes += chunk.length
      })
      res.on('end', () => resolve({bytes, ms: performance.now() - started, status: res.statusCode}))
    }).on('error', reject)
  })
}

async function scrapeSeries(port, count, between) {
  const agent = new Agent({keepAlive: true, maxSockets: 1})
  const times = []
  let bytes = 0
  for (let i = 0; i < count; i++) {
    between?.(i)
    const {ms, status, bytes: b} = await fetchMetrics(port, agent)
    if (status !== 200) throw new Error(`scrape answered ${status}`)
    times.push(ms)
    bytes = b
  }

  agent.destroy()
  times.sort((a, b) => a - b)
  return {bytes, median: percentile(times, 50), p99: percentile(times, 99)}
}

/** The child: a real MonitoringServer over the journal, measured from the inside. */
async function serve(dir) {
  const {MonitoringServer} = await import('../dist/server/monitoring-server.js')
  const server = new MonitoringServer({host: '127.0.0.1', journalDir: dir, log: () => {}, port: 0})
  const started = performance.now()
  const {port} = await server.start()
  const ingestMs = performance.now() - started
  process.send({events: server.live.tailer.totals.events, ingestMs, port, type: 'ready'})
  process.on('message', async (message) => {
    if (message === 'report') {
      process.send({maxRssMb: process.resourceUsage().maxRSS / 1024, rssMb: process.memoryUsage().rss / 1024 / 1024, type: 'report'})
    } else if (message === 'stop') {
      await server.stop()
      process.exit(0)
    }
  })
}

async function main() {
  const total = Number(args.events)
  const scrapes = Number(args.scrapes)
  const root = mkdtempSync(join(tmpdir(), 'mgit-bench-'))
  const dir = join(root, 'journal')
  try {
    let t = performance.now()
    const {count, segments} = writeJournal(dir, total)
    const generateMs = performance.now() - t
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve', dir], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']})
    const messages = []
    const waiters = []
    child.on('message', (m) => (waiters.length > 0 ? waiters.shift()(m) : messages.push(m)))
    const next = () => new Promise((resolve) => (messages.length > 0 ? resolve(messages.shift()) : waiters.push(resolve)))
    const ready = await next()
    if (ready.events !== count) throw new Error(`server ingested ${ready.events} of ${count} events`)
    const steady = await scrapeSeries(ready.port, scrapes)
    // Live: a command's worth of events (15) appended before every scrape.
    const live = await scrapeSeries(ready.port, Math.min(scrapes, 500), () => {
      appendFileSync(join(dir, `events-20260101-${String(segments - 1).padStart(6, '0')}.jsonl`), [...events(15, Date.now())].map((e) => JSON.stringify(e) + '\n').join(''))
    })
    child.send('report')
    const report = await next()
    child.send('stop')
    await new Promise((resolve) => child.once('exit', resolve))
    t = performance.now() - t
    const results = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      events: count,
      generateSeconds: +(generateMs / 1000).toFixed(2),
      ingestEventsPerSecond: Math.round(count / (ready.ingestMs / 1000)),
      ingestSeconds: +(ready.ingestMs / 1000).toFixed(2),
      liveScrape: {medianMs: +live.median.toFixed(2), p99Ms: +live.p99.toFixed(2), scrapes: Math.min(scrapes, 500)},
      loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)),
      node: process.version,
      peakRssMb: +report.maxRssMb.toFixed(1),
      responseBytes: steady.bytes,
      segments,
      steadyScrape: {medianMs: +steady.median.toFixed(2), p99Ms: +steady.p99.toFixed(2), scrapes},
    }
    console.log(JSON.stringify(results, null, 2))
  } finally {
    rmSync(root, {force: true, recursive: true})
  }
}

// --write-journal DIR only generates the journal (for profiling the ingestion on its own).
await (args.serve ? serve(args.serve) : args['write-journal'] ? writeJournal(args['write-journal'], Number(args.events)) : main())

#!/usr/bin/env node
// Benchmark: appends per second into the event journal (dist/journal/journal-writer.js), from one
// process and from many at once, with and without frequent segment rotation; then reads the
// journal back with readJournal and proves that no event was lost, duplicated or corrupted.
// Exits non-zero if any was.
//
//   node bench/journal-append.js [--events 200000] [--procs 16] [--per-process 12500] [--small-segment 1048576]
// Internally, each appending process is this script again:
//   node bench/journal-append.js --worker <dataDir> <count>
import {spawn} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

import {importDist, machineFacts, makeTempRoot, removeTempRoot, round, summarize, writeResult} from './lib/common.js'

const SELF = fileURLToPath(import.meta.url)
const SEGMENT_ENV = 'MGIT_MONITORING_SEGMENT_MAX_BYTES'

const {positionals, values: opts} = parseArgs({
  allowPositionals: true,
  options: {
    events: {default: '200000', type: 'string'},
    'per-process': {default: '12500', type: 'string'},
    procs: {default: '16', type: 'string'},
    'small-segment': {default: String(1024 * 1024), type: 'string'},
    worker: {default: false, type: 'boolean'},
  },
})

// ---------------------------------------------------------------------------------------------
// Worker: one appending process

/** A `command_end` event as the finally hook writes it (about 380 bytes), plus a sequence number. */
function benchEvent(seq, cid) {
  return {
    cid,
    cliVersion: '1.4.0',
    cmd: 'clone-all',
    durationMs: 1234.567,
    errorCategory: 'none',
    exitCode: 0,
    flags: ['concurrency', 'provider', 'token'],
    kind: 'command',
    pid: process.pid,
    plugin: 'mgit',
    pluginVersion: '1.4.0',
    processMs: 1456.789,
    seq,
    success: true,
    ts: Date.now(),
    type: 'command_end',
    v: 1,
  }
}

const epochMs = () => performance.timeOrigin + performance.now()

/** Says `ready`, waits for `go` on stdin so that all workers start together, appends, reports. */
async function runWorker(dataDir, count) {
  const {JournalWriter} = await importDist('journal/journal-writer.js')
  const {journalOptions} = await importDist('journal/journal-options.js')
  const writer = new JournalWriter(journalOptions(dataDir))
  const cid = `bench-${process.pid}`
  process.stdout.write('ready\n')
  await new Promise((resolve) => process.stdin.once('data', resolve))
  process.stdin.destroy()
  const start = epochMs()
  for (let seq = 0; seq < count; seq++) writer.append(benchEvent(seq, cid))
  const end = epochMs()
  process.stdout.write(JSON.stringify({count, end, pid: process.pid, start}) + '\n')
}

// ---------------------------------------------------------------------------------------------
// Parent: start workers together, time them, verify the journal

function startWorker(dataDir, count, env) {
  const child = spawn(process.execPath, [SELF, '--worker', dataDir, String(count)], {env, stdio: ['pipe', 'pipe', 'inherit']})
  let output = ''
  child.stdout.setEncoding('utf8')
  const ready = new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.startsWith('ready\n')) resolve()
    })
  })
  const done = new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`worker ${child.pid} exited ${code}`))
      resolve(JSON.parse(output.slice('ready\n'.length)))
    })
  })
  return {child, done, ready}
}

async function appendConcurrently(dataDir, procs, perProcess, segmentBytes) {
  const env = {...process.env, [SEGMENT_ENV]: segmentBytes === undefined ? '' : String(segmentBytes)}
  const workers = Array.from({length: procs}, () => startWorker(dataDir, perProcess, env))
  await Promise.all(workers.map((w) => w.ready))
  for (const w of workers) w.child.stdin.write('go\n')
  const reports = await Promise.all(workers.map((w) => w.done))
  // From the first worker's first append to the last worker's last: the rate all of them achieved together.
  const spanMs = Math.max(...reports.map((r) => r.end)) - Math.min(...reports.map((r) => r.start))
  return {reports, spanMs}
}

/** Reads the journal back; every (pid, seq) must appear exactly once and no line may be corrupt. */
async function verifyJournal(dataDir, reports) {
  const {readJournal} = await importDist('journal/journal-reader.js')
  const {journalDir} = await importDist('journal/journal-options.js')
  const seen = new Map(reports.map((r) => [r.pid, new Uint8Array(r.count)]))
  const problems = {duplicates: 0, foreign: 0}
  const start = performance.now()
  const {stats} = await readJournal(journalDir(dataDir), (event) => {
    const marks = seen.get(event.pid)
    if (marks === undefined || !(event.seq >= 0 && event.seq < marks.length)) problems.foreign++
    else if (marks[event.seq]++ > 0) problems.duplicates++
  })
  const readMs = performance.now() - start
  const missing = [...seen.values()].reduce((sum, marks) => sum + marks.filter((m) => m === 0).length, 0)
  const expected = reports.reduce((sum, r) => sum + r.count, 0)
  const ok = stats.events === expected && stats.corrupt === 0 && stats.unsupported === 0 && missing === 0 && problems.duplicates === 0 && problems.foreign === 0
  return {corrupt: stats.corrupt, ...problems, events: stats.events, expected, missing, ok, readEventsPerSecond: Math.round(stats.events / (readMs / 1000)), unsupported: stats.unsupported}
}

function segmentSizes(dataDir) {
  const dir = join(dataDir, 'monitoring/journal')
  const sizes = readdirSync(dir).map((file) => statSync(join(dir, file)).size)
  return {count: sizes.length, largestBytes: Math.max(...sizes), totalBytes: sizes.reduce((a, b) => a + b, 0)}
}

async function runCase(root, name, procs, perProcess, segmentBytes) {
  const dataDir = join(root, name)
  const {reports, spanMs} = await appendConcurrently(dataDir, procs, perProcess, segmentBytes)
  const total = procs * perProcess
  const segments = segmentSizes(dataDir)
  const verification = await verifyJournal(dataDir, reports)
  return {
    appendsPerSecond: Math.round(total / (spanMs / 1000)),
    bytesPerEvent: round(segments.totalBytes / total, 1),
    events: total,
    name,
    perProcessAppendsPerSecond: summarize(reports.map((r) => r.count / ((r.end - r.start) / 1000))),
    processes: procs,
    segmentMaxBytes: segmentBytes ?? 'default (16 MiB)',
    segments,
    spanMs: round(spanMs, 1),
    verification,
  }
}

function printCase(c) {
  const v = c.verification
  console.log(
    `${c.name.padEnd(34)} ${String(c.appendsPerSecond).padStart(8)} appends/s  ${c.events} events in ${(c.spanMs / 1000).toFixed(2)} s, ` +
      `${c.segments.count} segment(s), largest ${c.segments.largestBytes} B  | read back ${v.events}/${v.expected}, ` +
      `missing ${v.missing}, duplicates ${v.duplicates}, corrupt ${v.corrupt}: ${v.ok ? 'OK' : 'FAILED'}`,
  )
}

async function main() {
  const facts = machineFacts()
  const events = Number(opts.events)
  const procs = Number(opts.procs)
  const perProcess = Number(opts['per-process'])
  const small = Number(opts['small-segment'])
  const root = makeTempRoot('mgit-bench-journal-')
  try {
    const cases = []
    for (const [name, n, each, segment] of [
      ['1 process', 1, events, undefined],
      [`${procs} processes`, procs, perProcess, undefined],
      [`1 process, ${small} B segments`, 1, events, small],
      [`${procs} processes, ${small} B segments`, procs, perProcess, small],
    ]) {
      const result = await runCase(root, name.replaceAll(/\W+/g, '-'), n, each, segment)
      cases.push({...result, name})
      printCase(cases.at(-1))
    }

    const ok = cases.every((c) => c.verification.ok)
    const file = writeResult('journal-append', {benchmark: 'journal-append', cases, machine: facts, ok})
    console.log(`\nno event lost or corrupted: ${ok ? 'YES' : 'NO'}\nresult: ${file}`)
    if (!ok) process.exitCode = 1
  } finally {
    removeTempRoot(root)
  }
}

await (opts.worker ? runWorker(positionals[0], Number(positionals[1])) : main())

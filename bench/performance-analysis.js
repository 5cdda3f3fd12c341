#!/usr/bin/env node
// Benchmark of `mgit monitoring performance --hours 24` over a journal of one million events in the
// last 24 hours: wall time and peak RSS of the real command in a fresh process, cold (no rollups:
// every raw event is read and rolled up) and warm (rollups present: only the rollup files and
// nothing new are read). Usage, after `npm run pretest` (builds dist/, the manifest and the
// compiled test helpers, whose journal generator this uses):
//   node bench/performance-analysis.js [--events 1000000] [--runs 5]
// Each measured process runs under /usr/bin/time -v (peak RSS = "Maximum resident set size");
// wall time is spawn to exit, measured here.
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {parseArgs} from 'node:util'

import {PLUGIN_ROOT, machineFacts, makeTempRoot, removeTempRoot, round, summarize, writeResult} from './lib/common.js'

const {values: args} = parseArgs({
  options: {
    events: {default: '1000000', type: 'string'},
    runs: {default: '5', type: 'string'},
  },
})

const HOUR = 3_600_000
const GENERATOR = join(PLUGIN_ROOT, 'build/test/helpers/perf-journal.js')
const BIN = join(PLUGIN_ROOT, 'bin/run.js')
/** Events per run of the generator's mix, and runs per day per unit of `runsPerBusyHour` (10 busy + 14 quiet hours at 1/5). */
const EVENTS_PER_RUN = 10.8
const RUNS_PER_DAY_PER_BUSY_HOUR = 10 + 14 * 0.2

if (!existsSync(GENERATOR) || !existsSync(join(PLUGIN_ROOT, 'dist/commands/monitoring/performance.js'))) {
  console.error('run `npm run pretest` first (builds dist/, oclif.manifest.json and build/test/helpers)')
  process.exit(1)
}

const {generateJournal} = await import(GENERATOR)
const target = Number(args.events)
const root = makeTempRoot('mgit-bench-perf-')
const dataDir = join(root, 'data')
const journalDir = join(dataDir, 'monitoring', 'journal')
const rollupDir = join(dataDir, 'monitoring', 'rollups')

function dirBytes(dir) {
  if (!existsSync(dir)) return 0
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
}

/** One fresh `mgit-monitoring monitoring performance --hours 24 --json` under /usr/bin/time -v. */
function runCommand(env = {}) {
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, 'monitoring', 'performance', '--hours', '24', '--json'], {
    encoding: 'utf8',
    env: {...process.env, MGIT_DATA_DIR: dataDir, MGIT_MONITORING_DISABLED: '1', ...env},
    maxBuffer: 256 * 1024 * 1024,
  })
  const wallMs = performance.now() - started
  if (result.status !== 0) throw new Error(`command failed (${result.status}): ${result.stderr}`)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)
  const report = JSON.parse(result.stdout)
  return {
    eventsRead: report.compaction.eventsRead,
    operations: report.operations.length,
    peakRssMb: round(Number(rss[1]) / 1024, 1),
    wallMs: round(wallMs, 0),
    windowEvents: report.operations.reduce((sum, o) => sum + o.current.count, 0),
  }
}

try {
  const now = Date.now()
  const started = performance.now()
  // How many busy hours the window holds depends on the time of day: scale up until the target is reached.
  let scale = 1
  let generated
  for (;;) {
    generated = generateJournal({
      collect: false,
      end: now - 1000,
      journalDir,
      runsPerBusyHour: Math.round((scale * target) / (EVENTS_PER_RUN * RUNS_PER_DAY_PER_BUSY_HOUR)),
      seed: 7,
      start: Math.floor(now / HOUR) * HOUR - 23 * HOUR,
    })
    if (generated.events >= target) break
    rmSync(journalDir, {force: true, recursive: true})
    scale *= (target / generated.events) * 1.01
  }
  console.log(`generated ${generated.events} events in ${generated.segments} segments (${round(dirBytes(journalDir) / 1048576, 1)} MiB) in ${round((performance.now() - started) / 1000, 1)} s`)

  // cold: no rollups (a worker thread shares the reading); coldOneThread: the same on one thread
  // (MGIT_MONITORING_COMPACTION_THREADS=1); warm: rollups present, nothing new to read.
  const cold = []
  const coldOneThread = []
  const warm = []
  const show = (r) => `${r.wallMs} ms / ${r.peakRssMb} MB (read ${r.eventsRead} events)`
  for (let i = 0; i < Number(args.runs); i++) {
    rmSync(rollupDir, {force: true, recursive: true})
    coldOneThread.push(runCommand({MGIT_MONITORING_COMPACTION_THREADS: '1'}))
    rmSync(rollupDir, {force: true, recursive: true})
    cold.push(runCommand())
    warm.push(runCommand())
    console.log(`run ${i + 1}: cold ${show(cold.at(-1))}, cold one thread ${show(coldOneThread.at(-1))}, warm ${show(warm.at(-1))}`)
  }

  // A process that only starts the CLI and prints its version: what start-up alone costs.
  const baseline = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, '--version'], {encoding: 'utf8', env: {...process.env, MGIT_DATA_DIR: dataDir, MGIT_MONITORING_DISABLED: '1'}})
  const startupRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(baseline.stderr)[1]) / 1024

  const result = {
    ...machineFacts(),
    cold: {peakRssMb: summarize(cold.map((r) => r.peakRssMb)), runs: cold, wallMs: summarize(cold.map((r) => r.wallMs))},
    coldOneThread: {peakRssMb: summarize(coldOneThread.map((r) => r.peakRssMb)), runs: coldOneThread, wallMs: summarize(coldOneThread.map((r) => r.wallMs))},
    events: generated.events,
    goal: {peakRssMb: 256, wallMs: 2000},
    journalBytes: dirBytes(journalDir),
    rollupBytes: dirBytes(rollupDir),
    segments: generated.segments,
    startupOnlyPeakRssMb: round(startupRss, 1),
    warm: {peakRssMb: summarize(warm.map((r) => r.peakRssMb)), runs: warm, wallMs: summarize(warm.map((r) => r.wallMs))},
  }
  for (const kind of ['cold', 'coldOneThread', 'warm']) {
    const r = result[kind]
    r.verdict = {
      everyRun: r.wallMs.max < 2000 && r.peakRssMb.max < 256 ? 'met' : 'not met',
      median: r.wallMs.median < 2000 && r.peakRssMb.median < 256 ? 'met' : 'not met',
    }
    console.log(`${kind}: wall median ${r.wallMs.median} ms (max ${r.wallMs.max}), peak RSS median ${r.peakRssMb.median} MB (max ${r.peakRssMb.max}): goal ${r.verdict.median} by the median, ${r.verdict.everyRun} by every run`)
  }

  console.log(`rollups: ${round(result.rollupBytes / 1024, 1)} KiB for ${round(result.journalBytes / 1048576, 1)} MiB of journal; start-up alone: ${result.startupOnlyPeakRssMb} MB peak RSS`)
  console.log(`wrote ${writeResult('performance-analysis', result)}`)
} finally {
  removeTempRoot(root)
}

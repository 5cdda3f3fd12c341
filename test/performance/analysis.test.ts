import {expect} from 'chai'
import {appendFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {journalDir} from '../../src/journal/journal-options.js'
import {PerformanceQueryError, analysePerformance} from '../../src/performance/analysis.js'
import {type StoreOptions, storeOptions} from '../../src/performance/performance-options.js'
import {expectMatchesExact} from '../helpers/perf-expect.js'
import {type Sample, type Slowdown, generateJournal} from '../helpers/perf-journal.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** A fixed "now" 20 minutes into an hour, so that windows are known exactly. */
const NOW = Date.UTC(2026, 10, 20, 14, 20, 0)
const WINDOW_START = Date.UTC(2026, 10, 19, 14, 0, 0)
const SLOW: Slowdown = {factor: 2.5, from: WINDOW_START, operation: 'git:clone', provider: 'github'}

function store(dataDir: string, env: NodeJS.ProcessEnv = {}): StoreOptions {
  return storeOptions(dataDir, env)
}

/** A week of runs before the window plus the window itself, with `slowdown` injected. */
function week(dataDir: string, seed: number, slowdown: Slowdown | null = SLOW): Sample[] {
  return generateJournal({
    collect: true,
    end: NOW,
    journalDir: journalDir(dataDir),
    runsPerBusyHour: 12,
    seed,
    // Small segments: many rotations within a day, as on a busy machine.
    segmentBytes: 512 * 1024,
    slowdown: slowdown ?? undefined,
    start: WINDOW_START - 7 * DAY,
  }).samples
}

describe('performance analysis over a generated week of mgit runs', function () {
  const dataDir = useTempDir('mgit-perf-')

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: flags exactly the injected slowdown (git:clone on github) and matches exact statistics`, async function () {
      const samples = week(dataDir(), seed)
      const report = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
      expect(report.anomalies).to.deep.equal(['git:clone@github'])
      expect(report.window).to.deep.equal({end: new Date(NOW).toISOString(), hours: 24, start: new Date(WINDOW_START).toISOString()})
      expect(report.operations.length).to.be.greaterThan(15)
      expectMatchesExact(report, samples)
      const clone = report.operations.find((o) => o.operation === 'git:clone' && o.provider === 'github')!
      expect(clone.trend.p95Ms.relative).to.be.greaterThan(0.5)
    })
  }

  it('without a slowdown, nothing is flagged', async function () {
    week(dataDir(), 9, null)
    const report = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    expect(report.anomalies).to.deep.equal([])
    const judged = report.operations.filter((o) => o.anomaly.reason.startsWith('normal'))
    expect(judged.length).to.be.greaterThan(10)
    expect(report.operations.filter((o) => !judged.includes(o)).every((o) => o.anomaly.reason.startsWith('not judged'))).to.equal(true)
  })

  it('reads raw events once: a second run uses the rollups and gives the same report', async function () {
    const samples = week(dataDir(), 6)
    const cold = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    expect(cold.compaction.eventsRead).to.be.greaterThan(10_000)
    const warm = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    expect(warm.compaction.eventsRead).to.equal(0)
    expect(warm.compaction.rollupsWritten).to.equal(0)
    expect({...warm, compaction: null}).to.deep.equal({...cold, compaction: null})
    expectMatchesExact(warm, samples)
  })

  it('a segment that grows is extended from where its rollup stopped', async function () {
    const samples = week(dataDir(), 7)
    await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    const dir = journalDir(dataDir())
    const newest = readdirSync(dir).sort().at(-1)!
    const late: Sample = {durationMs: 123_456, operation: 'git:clone', provider: 'github', success: false, ts: NOW - 1000}
    const line = JSON.stringify({cid: 'x', durationMs: late.durationMs, errorCategory: 'git', exitCode: 128, operation: 'clone', pid: 1, provider: 'github', success: false, ts: late.ts, type: 'git_operation', v: 1}) + '\n'
    appendFileSync(join(dir, newest), line)
    const report = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    expect(report.compaction.eventsRead).to.equal(1)
    expect(report.compaction.bytesRead).to.equal(Buffer.byteLength(line))
    expectMatchesExact(report, [...samples, late])
  })

  it('a segment replaced under the same name is rolled up again from scratch', async function () {
    week(dataDir(), 8)
    await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    rmSync(journalDir(dataDir()), {force: true, recursive: true})
    const samples = week(dataDir(), 10)
    const report = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    expectMatchesExact(report, samples)
  })

  it('compaction deletes rolled-up raw segments older than the raw retention; statistics stay the same', async function () {
    const samples = week(dataDir(), 11)
    const before = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    const dir = journalDir(dataDir())
    const rawBefore = readdirSync(dir).length
    const compacted = await analysePerformance(store(dataDir(), {MGIT_MONITORING_RAW_RETENTION_DAYS: '2'}), {baselineDays: 7, hours: 24, now: NOW})
    const left = readdirSync(dir).sort()
    expect(compacted.compaction.rawSegmentsDeleted).to.equal(rawBefore - left.length).and.be.greaterThan(0)
    // Days 2 days back or newer are kept raw.
    expect(left[0].slice(7, 15) >= '20261118').to.equal(true)
    expect({...compacted, compaction: null}).to.deep.equal({...before, compaction: null})
    expectMatchesExact(compacted, samples)
    // Rollups older than their retention go too; the window then has no baseline beyond it.
    const short = await analysePerformance(store(dataDir(), {MGIT_MONITORING_RAW_RETENTION_DAYS: '2', MGIT_MONITORING_ROLLUP_RETENTION_DAYS: '3'}), {baselineDays: 7, hours: 24, now: NOW})
    expect(short.compaction.rollupsDeleted).to.be.greaterThan(0)
    expect(short.anomalies).to.deep.equal(['git:clone@github'])
  })

  it('--provider and --operation narrow the report; an operation matches by id or by name', async function () {
    week(dataDir(), 12)
    const report = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW, operation: 'clone', provider: 'github'})
    expect(report.operations.map((o) => `${o.operation}@${o.provider}`)).to.deep.equal(['git:clone@github'])
    const byId = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW, operation: 'command:list'})
    expect(byId.operations.map((o) => `${o.operation}@${o.provider}`)).to.deep.equal(['command:list@null'])
  })

  it('an unknown operation is an error that lists close names', async function () {
    week(dataDir(), 13)
    const error = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW, operation: 'git:clon'}).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(PerformanceQueryError)
    expect((error as Error).message).to.match(/^unknown operation "git:clon" in the last 24 hour\(s\) or the 7 day\(s\) before; did you mean: git:clone, /)
  })

  it('a non-positive or fractional window is an error; an empty journal is an empty report', async function () {
    for (const hours of [0, -3, 1.5]) {
      const error = await analysePerformance(store(dataDir()), {baselineDays: 7, hours, now: NOW}).catch((e: unknown) => e)
      expect(error).to.be.instanceOf(PerformanceQueryError)
      expect((error as Error).message).to.equal(`--hours must be a positive whole number of hours, got ${hours}`)
    }

    const error = await analysePerformance(store(dataDir()), {baselineDays: 0, hours: 24, now: NOW}).catch((e: unknown) => e)
    expect((error as Error).message).to.match(/^--baseline-days must be a whole number of days from 1 to 366, got 0$/)
    const empty = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW})
    expect(empty.operations).to.deep.equal([])
    expect(empty.anomalies).to.deep.equal([])
    const unknown = await analysePerformance(store(dataDir()), {baselineDays: 7, hours: 24, now: NOW, operation: 'clone'}).catch((e: unknown) => e)
    expect((unknown as Error).message).to.equal('unknown operation "clone": no operations recorded in the last 24 hour(s) or the 7 day(s) before')
  })

  it('an unreadable rollup is rebuilt; a rollup that cannot be written is a warning, not a wrong answer', async function () {
    const samples = week(dataDir(), 14)
    const options = store(dataDir())
    await analysePerformance(options, {baselineDays: 7, hours: 24, now: NOW})
    const rollups = readdirSync(options.rollupDir).sort()
    writeFileSync(join(options.rollupDir, rollups[3]), '{"torn": ')
    const rebuilt = await analysePerformance(options, {baselineDays: 7, hours: 24, now: NOW})
    expect(rebuilt.compaction.rollupsWritten).to.equal(1)
    expectMatchesExact(rebuilt, samples)

    rmSync(options.rollupDir, {force: true, recursive: true})
    writeFileSync(options.rollupDir, 'not a directory')
    const unwritable = await analysePerformance(options, {baselineDays: 7, hours: 24, now: NOW})
    expect(unwritable.compaction.warnings.length).to.be.greaterThan(0)
    expect(unwritable.compaction.warnings[0]).to.match(/^cannot write rollup of events-\d{8}-\d{6}\.jsonl in /)
    expectMatchesExact(unwritable, samples)
    expect(statSync(options.rollupDir).isFile()).to.equal(true)
  })
})

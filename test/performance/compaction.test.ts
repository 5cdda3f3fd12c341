import {expect} from 'chai'
import {readFileSync, readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {journalDir} from '../../src/journal/journal-options.js'
import {type CompactionReport, compact} from '../../src/performance/compaction.js'
import {rollupDir} from '../../src/performance/rollup-store.js'
import {generateJournal} from '../helpers/perf-journal.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

const NOW = Date.UTC(2026, 10, 20, 14, 20, 0)
const DAY = 24 * 3_600_000

describe('compaction with a worker thread', function () {
  const dataDir = useTempDir('mgit-compact-')

  async function run(threads: boolean): Promise<{report: CompactionReport; files: Map<string, string>; order: string[]}> {
    rmSync(rollupDir(dataDir()), {force: true, recursive: true})
    const order: string[] = []
    const report = await compact({
      journalDir: journalDir(dataDir()),
      now: NOW,
      offloadMinBytes: 0,
      onRollup: (rollup) => order.push(rollup.segment),
      rawRetentionDays: 30,
      rollupDir: rollupDir(dataDir()),
      rollupRetentionDays: 90,
      threads,
    })
    const dir = rollupDir(dataDir())
    const files = new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
    return {files, order, report}
  }

  it('reads part of a journal never rolled up in a worker thread, with the same rollups and order as one thread', async function () {
    generateJournal({end: NOW, journalDir: journalDir(dataDir()), runsPerBusyHour: 20, seed: 5, segmentBytes: 200_000, start: NOW - 3 * DAY})
    const segments = readdirSync(journalDir(dataDir())).sort()
    const one = await run(false)
    const two = await run(true)
    expect(one.report.workerSegments).to.equal(0)
    expect(two.report.workerSegments).to.be.greaterThan(1).and.lessThan(segments.length)
    expect(two.files).to.deep.equal(one.files)
    expect(two.order).to.deep.equal(segments)
    expect(one.order).to.deep.equal(segments)
    expect({...two.report, workerSegments: 0}).to.deep.equal(one.report)
    expect(two.report.eventsRead).to.be.greaterThan(5000)
  })
})

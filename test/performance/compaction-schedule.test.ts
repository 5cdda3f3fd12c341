import {expect} from 'chai'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {journalDir} from '../../src/journal/journal-options.js'
import type {CompactionReport} from '../../src/performance/compaction.js'
import {COMPACTION_INTERVAL_MS, compactionIntervalMs, scheduleCompaction} from '../../src/performance/compaction-schedule.js'
import {storeOptions} from '../../src/performance/performance-options.js'
import {HostCli} from '../helpers/host-cli.js'
import {startHostServer} from '../helpers/host-server.js'
import {generateJournal} from '../helpers/perf-journal.js'
import {makeTempDir} from '../helpers/temp-dir.js'
import {waitFor} from '../helpers/wait-for.js'

const HOUR = 60 * 60 * 1000

describe('compaction on a schedule (the server)', function () {
  it('reads MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES: minutes, 0 for off, the default otherwise', function () {
    expect(compactionIntervalMs({})).to.equal(COMPACTION_INTERVAL_MS)
    expect(compactionIntervalMs({MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES: '5'})).to.equal(5 * 60 * 1000)
    expect(compactionIntervalMs({MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES: '0'})).to.equal(undefined)
    expect(compactionIntervalMs({MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES: 'hourly'})).to.equal(COMPACTION_INTERVAL_MS)
    expect(compactionIntervalMs({MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES: '-3'})).to.equal(COMPACTION_INTERVAL_MS)
  })

  it('rolls every segment up, again on each interval reading only what was appended, and stops cleanly', async function () {
    const temp = makeTempDir()
    try {
      const store = storeOptions(join(temp.path, 'data'), {})
      const now = Date.now()
      const {events} = generateJournal({end: now, journalDir: store.journalDir, runsPerBusyHour: 20, segmentBytes: 64 * 1024, start: now - 6 * HOUR})
      const reports: CompactionReport[] = []
      const schedule = scheduleCompaction(store, {firstDelayMs: 0, intervalMs: 20, onError: (error) => reports.push(error as never), onReport: (r) => reports.push(r)})
      await waitFor('two compactions', async () => (reports.length >= 2 ? true : undefined))
      await schedule.stop()
      const after = reports.length
      expect(reports[0].eventsRead).to.equal(events)
      expect(reports[0].rollupsWritten).to.equal(readdirSync(store.journalDir).length)
      expect(reports[1].eventsRead, 'nothing new to read').to.equal(0)
      expect(readdirSync(store.rollupDir).length).to.equal(readdirSync(store.journalDir).length)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(reports.length, 'no run after stop').to.equal(after)
    } finally {
      temp.cleanup()
    }
  })

  it('runs inside `mgit monitoring server` and logs one JSON line per run', async function () {
    const host = new HostCli()
    try {
      await host.linkPlugin()
      await host.run(['status', host.root])
      const server = await startHostServer(host, [], {MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES: '0.005'})
      const rollups = join(host.dataDir, 'monitoring', 'rollups')
      try {
        await waitFor('a rollup written by the server', async () => (existsSync(rollups) && readdirSync(rollups).length > 0 ? true : undefined))
      } finally {
        const {exitCode, stderr} = await server.stop()
        expect(exitCode).to.equal(0)
        const lines = stderr.split('\n').filter((line) => line.includes('"msg":"compaction"')).map((line) => JSON.parse(line) as {level: string; rollupsWritten: number})
        expect(lines.length).to.be.greaterThan(0)
        expect(lines[0].level).to.equal('info')
      }

      expect(readdirSync(rollups)).to.have.length(readdirSync(journalDir(host.dataDir)).length)
    } finally {
      host.cleanup()
    }
  })
})

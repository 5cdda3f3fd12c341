import {expect} from 'chai'
import {appendFileSync} from 'node:fs'
import {join} from 'node:path'

import {JournalWriter} from '../../src/journal/journal-writer.js'
import {expose} from '../../src/metrics/exposition.js'
import {registryFromJournal} from '../../src/metrics/journal-metrics.js'
import {makeTempDir} from '../helpers/temp-dir.js'

describe('registryFromJournal and expose', function () {
  let temp: ReturnType<typeof makeTempDir>
  let dir: string
  before(function () {
    temp = makeTempDir()
    dir = join(temp.path, 'journal')
    const writer = new JournalWriter({dir, maxSegmentBytes: 300, retentionDays: 30})
    const base = {cid: 'c', cliVersion: '1', flags: [], kind: 'command', pid: 1, plugin: 'mgit', pluginVersion: '1', processMs: 1, type: 'command_end', v: 1}
    for (let i = 0; i < 5; i++) {
      writer.append({...base, cmd: 'pull-all', durationMs: 100 * i, errorCategory: 'none', exitCode: 0, success: true, ts: Date.now()})
    }

    writer.append({...base, cmd: 'pull-all', durationMs: 5, errorCategory: 'git', exitCode: 1, success: false, ts: Date.now()})
    appendFileSync(join(dir, 'events-20000101-000000.jsonl'), 'garbage\n')
  })
  after(function () {
    temp.cleanup()
  })

  it('builds the metrics across segments and reports corrupt lines', async function () {
    const {registry, stats} = await registryFromJournal(dir)
    expect(stats.segments).to.be.greaterThan(1)
    expect(stats.corrupt).to.equal(1)
    const {body, contentType} = await expose(registry, 'prometheus')
    expect(contentType).to.match(/^text\/plain; version=0\.0\.4/)
    expect(body).to.contain('mgit_operations_total{operation="pull-all"} 6')
    expect(body).to.contain('mgit_operations_failure_total{error_category="git",operation="pull-all"} 1')
    expect(body).to.contain('mgit_journal_corrupt_lines_total 1')
  })

  it('renders OpenMetrics and prom-client JSON', async function () {
    const {registry} = await registryFromJournal(dir)
    const open = await expose(registry, 'openmetrics')
    expect(open.contentType).to.match(/^application\/openmetrics-text/)
    expect(open.body.trimEnd().endsWith('# EOF')).to.equal(true)
    const json = await expose(registry, 'json')
    const parsed = JSON.parse(json.body) as Array<{name: string}>
    expect(parsed.map((m) => m.name)).to.include('mgit_operations_success_total')
  })

  it('gives empty metrics for a journal that does not exist yet', async function () {
    const {registry, stats} = await registryFromJournal(join(temp.path, 'nothing'))
    expect(stats.events).to.equal(0)
    expect((await expose(registry, 'prometheus')).body).to.contain('mgit_journal_events_total 0')
  })
})

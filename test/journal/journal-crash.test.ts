import {expect} from 'chai'
import {execa} from 'execa'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {JournalWriter} from '../../src/journal/journal-writer.js'
import {readAll} from '../helpers/journal-contents.js'
import {makeTempDir} from '../helpers/temp-dir.js'

const WRITER_URL = pathToFileURL(join(import.meta.dirname, '../../src/journal/journal-writer.js')).href

// Appends large events as fast as it can, so that a kill is likely to land inside a write.
const CHILD = `
import {JournalWriter} from ${JSON.stringify(WRITER_URL)}
const writer = new JournalWriter({dir: process.argv[1], maxSegmentBytes: 64 * 1024 * 1024, retentionDays: 30})
const padding = 'x'.repeat(512 * 1024)
for (let seq = 0; ; seq++) {
  writer.append({v: 1, type: 'test', ts: Date.now(), cid: 'crash', pid: process.pid, seq, padding})
  if (seq === 0) process.stdout.write('started\\n')
}
`

describe('journal after a crash mid-append', function () {
  let temp: ReturnType<typeof makeTempDir>
  beforeEach(function () {
    temp = makeTempDir()
  })
  afterEach(function () {
    temp.cleanup()
  })

  it('still reads after the writer is killed with SIGKILL, and later appends are whole', async function () {
    const dir = join(temp.path, 'journal')
    for (let round = 0; round < 3; round++) {
      const child = execa('node', ['--input-type=module', '-e', CHILD, dir], {reject: false})
      await new Promise<void>((resolve) => {
        child.stdout!.once('data', () => resolve())
      })
      await new Promise((resolve) => {
        setTimeout(resolve, 50 + round * 40)
      })
      child.kill('SIGKILL')
      const result = await child
      expect(result.signal).to.equal('SIGKILL')
    }

    new JournalWriter({dir, maxSegmentBytes: 64 * 1024 * 1024, retentionDays: 30}).append({cid: 'after', pid: 1, ts: Date.now(), type: 'test', v: 1})
    const {events, stats} = await readAll(dir)
    // At most one torn line per killed writer; every whole event survives, in order per writer.
    expect(stats.corrupt).to.be.at.most(3)
    expect(events.at(-1)).to.include({cid: 'after'})
    const byPid = new Map<number, number[]>()
    for (const event of events.slice(0, -1)) {
      const seqs = byPid.get(event.pid) ?? []
      seqs.push((event as unknown as {seq: number}).seq)
      byPid.set(event.pid, seqs)
    }

    expect(byPid.size).to.equal(3)
    for (const seqs of byPid.values()) {
      expect(seqs.length).to.be.greaterThan(0)
      expect(seqs).to.deep.equal(seqs.map((_, i) => i))
    }
  })
})

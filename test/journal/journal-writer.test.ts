import {expect} from 'chai'
import {appendFileSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {JournalWriter} from '../../src/journal/journal-writer.js'
import {readAll} from '../helpers/journal-contents.js'
import {makeTempDir} from '../helpers/temp-dir.js'

const DAY = 24 * 60 * 60 * 1000
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0)

function event(n: number, ts = T0): object {
  return {cid: 'c', n, pid: 1, ts, type: 'test', v: 1}
}

describe('JournalWriter', function () {
  let temp: ReturnType<typeof makeTempDir>
  let dir: string
  beforeEach(function () {
    temp = makeTempDir()
    dir = join(temp.path, 'journal')
  })
  afterEach(function () {
    temp.cleanup()
  })

  it('creates the directory and appends one JSON line per event', async function () {
    const writer = new JournalWriter({dir, maxSegmentBytes: 1 << 20, retentionDays: 30}, () => T0)
    writer.append(event(1))
    writer.append(event(2))
    expect(readdirSync(dir)).to.deep.equal(['events-20261129-000000.jsonl'])
    const lines = readFileSync(join(dir, 'events-20261129-000000.jsonl'), 'utf8').split('\n')
    expect(lines).to.have.length(3)
    expect(lines[2]).to.equal('')
    expect(JSON.parse(lines[0])).to.include({n: 1})
  })

  it('rotates to a new segment when the size limit would be exceeded', async function () {
    const writer = new JournalWriter({dir, maxSegmentBytes: 200, retentionDays: 30}, () => T0)
    for (let i = 0; i < 10; i++) writer.append(event(i))
    const files = readdirSync(dir).sort()
    expect(files.length).to.be.greaterThan(3)
    for (const file of files) expect(readFileSync(join(dir, file)).length).to.be.at.most(200)
    const {events, stats} = await readAll(dir)
    expect(stats.corrupt).to.equal(0)
    expect(events.map((e) => (e as unknown as {n: number}).n)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('joins a segment another process rotated to instead of starting its own', function () {
    const options = {dir, maxSegmentBytes: 150, retentionDays: 30}
    const a = new JournalWriter(options, () => T0)
    const b = new JournalWriter(options, () => T0)
    a.append(event(1))
    b.append(event(2)) // b's first look at the directory: segment 0 is full, so b opens segment 1
    a.append(event(3)) // a, still on segment 0, must find segment 1 rather than make segment 2
    expect(readdirSync(dir).sort()).to.deep.equal(['events-20261129-000000.jsonl', 'events-20261129-000001.jsonl'])
  })

  it('starts a new segment each UTC day and deletes days past retention', function () {
    let now = T0
    const writer = new JournalWriter({dir, maxSegmentBytes: 1 << 20, retentionDays: 2}, () => now)
    for (let day = 0; day < 5; day++) {
      now = T0 + day * DAY
      writer.append(event(day, now))
    }

    // Day 4 is 2026-12-03; with 2 days of retention, 12-01 onwards stay.
    expect(readdirSync(dir).sort()).to.deep.equal([
      'events-20261201-000000.jsonl',
      'events-20261202-000000.jsonl',
      'events-20261203-000000.jsonl',
    ])
  })

  it('starts on a fresh line after a torn line, so only the torn line is lost', async function () {
    const writer = new JournalWriter({dir, maxSegmentBytes: 1 << 20, retentionDays: 30}, () => T0)
    writer.append(event(1))
    appendFileSync(join(dir, 'events-20261129-000000.jsonl'), '{"v":1,"type":"test","ts":17')
    writer.append(event(2))
    const {events, stats} = await readAll(dir)
    expect(stats.corrupt).to.equal(1)
    expect(events.map((e) => (e as unknown as {n: number}).n)).to.deep.equal([1, 2])
  })

  it('throws on an unwritable location (the hooks catch it)', function () {
    writeFileSync(join(temp.path, 'file'), 'x')
    const writer = new JournalWriter({dir: join(temp.path, 'file', 'journal'), maxSegmentBytes: 1 << 20, retentionDays: 30})
    expect(() => writer.append(event(1))).to.throw()
  })
})

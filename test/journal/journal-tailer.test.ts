import {expect} from 'chai'
import {rmSync, unlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {BaseEvent} from '../../src/journal/event-types.js'
import {JournalTailer} from '../../src/journal/journal-tailer.js'
import {appendLines, endEvent, line, segment} from '../helpers/journal-files.js'
import {makeTempDir} from '../helpers/temp-dir.js'

describe('JournalTailer', function () {
  let temp: ReturnType<typeof makeTempDir>
  let dir: string
  let seen: string[]
  let tailer: JournalTailer

  beforeEach(function () {
    temp = makeTempDir()
    dir = join(temp.path, 'journal')
    seen = []
    tailer = new JournalTailer(dir, (event: BaseEvent) => seen.push((event as unknown as {cmd: string}).cmd))
  })

  afterEach(function () {
    temp.cleanup()
  })

  it('delivers nothing and does not fail before the journal exists', async function () {
    const stats = await tailer.ingest()
    expect(stats.events).to.equal(0)
    expect(seen).to.deep.equal([])
  })

  it('reads only the bytes appended since the previous ingest', async function () {
    appendLines(dir, segment(0), [line(endEvent('a')), line(endEvent('b'))])
    const first = await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'b'])
    const added = line(endEvent('c'))
    appendLines(dir, segment(0), [added])
    const second = await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'b', 'c'])
    expect(second.bytes).to.equal(Buffer.byteLength(added))
    expect(first.bytes).to.be.greaterThan(second.bytes)
    const third = await tailer.ingest()
    expect(third.bytes).to.equal(0)
    expect(seen).to.have.length(3)
  })

  it('holds a torn last line back until it is complete, then counts it once', async function () {
    const whole = line(endEvent('torn'))
    appendLines(dir, segment(0), [line(endEvent('a')), whole.slice(0, 20)])
    await tailer.ingest()
    expect(seen).to.deep.equal(['a'])
    appendLines(dir, segment(0), [whole.slice(20)])
    const stats = await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'torn'])
    expect(stats.corrupt).to.equal(0)
  })

  it('follows rotation to new segments, and counts a torn line left in a rotated segment as corrupt', async function () {
    appendLines(dir, segment(0), [line(endEvent('a'))])
    await tailer.ingest()
    appendLines(dir, segment(0), ['{"v":1,"type":"command_end"'])
    appendLines(dir, segment(1), [line(endEvent('b'))])
    appendLines(dir, segment(0, '20260102'), [line(endEvent('c'))])
    const stats = await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'b', 'c'])
    expect(stats.corrupt).to.equal(1)
    expect(tailer.totals).to.include({corrupt: 1, events: 3})
  })

  it('picks up a line appended late to a segment the cursor has already left (a writer racing a rotation)', async function () {
    appendLines(dir, segment(0), [line(endEvent('a'))])
    appendLines(dir, segment(1), [line(endEvent('b'))])
    await tailer.ingest()
    appendLines(dir, segment(0), [line(endEvent('late'))])
    appendLines(dir, segment(1), [line(endEvent('c'))])
    const stats = await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'b', 'late', 'c'])
    expect(stats.events).to.equal(2)
    await tailer.ingest()
    expect(seen).to.have.length(4)
  })

  it('carries on when segments are deleted by retention, without re-reading the rest', async function () {
    appendLines(dir, segment(0), [line(endEvent('a'))])
    appendLines(dir, segment(1), [line(endEvent('b'))])
    await tailer.ingest()
    unlinkSync(join(dir, segment(0)))
    unlinkSync(join(dir, segment(1)))
    appendLines(dir, segment(2), [line(endEvent('c'))])
    await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'b', 'c'])
  })

  it('reads a segment replaced under the same name from its start', async function () {
    appendLines(dir, segment(0), [line(endEvent('a')), line(endEvent('b'))])
    await tailer.ingest()
    unlinkSync(join(dir, segment(0)))
    writeFileSync(join(dir, segment(0)), line(endEvent('new')))
    await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'b', 'new'])
  })

  it('starts over when the whole journal was wiped and begun again', async function () {
    appendLines(dir, segment(5), [line(endEvent('a'))])
    await tailer.ingest()
    rmSync(dir, {force: true, recursive: true})
    appendLines(dir, segment(0), [line(endEvent('again'))])
    await tailer.ingest()
    expect(seen).to.deep.equal(['a', 'again'])
  })

  it('shares one ingest between concurrent callers', async function () {
    appendLines(dir, segment(0), [line(endEvent('a'))])
    const batches: number[] = []
    tailer = new JournalTailer(dir, (event) => seen.push((event as unknown as {cmd: string}).cmd), {onBatch: (stats) => batches.push(stats.events)})
    const [one, two, three] = await Promise.all([tailer.ingest(), tailer.ingest(), tailer.ingest()])
    expect(one).to.equal(two)
    expect(two).to.equal(three)
    expect(seen).to.deep.equal(['a'])
    expect(batches).to.deep.equal([1])
    expect(tailer.ingestCount).to.equal(1)
  })

  it('keeps memory flat: reading 200,000 events with small chunks holds no event', async function () {
    const lines: string[] = []
    for (let i = 0; i < 200_000; i++) lines.push(line(endEvent('bulk')))
    appendLines(dir, segment(0), lines)
    let count = 0
    tailer = new JournalTailer(dir, () => count++, {chunkBytes: 64 * 1024})
    await tailer.ingest()
    expect(count).to.equal(200_000)
    // The tailer's only state is its cursor: nothing per event.
    expect(Object.keys(tailer)).to.have.members(['dir', 'onEvent', 'options', 'totals', 'cursor', 'finished', 'running', 'ingests'])
  })
})

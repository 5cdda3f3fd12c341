import {expect} from 'chai'
import {appendFileSync, mkdirSync, unlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {BaseEvent} from '../../src/journal/event-types.js'
import {readJournal} from '../../src/journal/journal-reader.js'
import {makeTempDir} from '../helpers/temp-dir.js'

function line(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({cid: 'c', n, pid: 1, ts: 1_700_000_000_000 + n, type: 'test', v: 1, ...extra}) + '\n'
}

function numbers(events: BaseEvent[]): number[] {
  return events.map((e) => (e as unknown as {n: number}).n)
}

describe('readJournal', function () {
  let temp: ReturnType<typeof makeTempDir>
  let dir: string
  beforeEach(function () {
    temp = makeTempDir()
    dir = temp.path
  })
  afterEach(function () {
    temp.cleanup()
  })

  async function collect(options: Parameters<typeof readJournal>[2] = {}) {
    const events: BaseEvent[] = []
    const result = await readJournal(dir, (e) => events.push(e), options)
    return {events, ...result}
  }

  it('returns nothing for a journal that does not exist yet', async function () {
    const {events, stats} = await readJournal(join(dir, 'missing'), () => {})
      .then((r) => ({events: [], ...r}))
    expect(events).to.have.length(0)
    expect(stats.events).to.equal(0)
  })

  it('reads segments in order and ignores files that are not segments', async function () {
    writeFileSync(join(dir, 'events-20261130-000000.jsonl'), line(3))
    writeFileSync(join(dir, 'events-20261129-000001.jsonl'), line(2))
    writeFileSync(join(dir, 'events-20261129-000000.jsonl'), line(0) + line(1))
    writeFileSync(join(dir, 'notes.txt'), 'not a segment\n')
    const {events, stats} = await collect()
    expect(numbers(events)).to.deep.equal([0, 1, 2, 3])
    expect(stats).to.include({corrupt: 0, events: 4, segments: 3})
  })

  it('counts and skips corrupt lines, non-events and lines of a newer schema', async function () {
    writeFileSync(
      join(dir, 'events-20261129-000000.jsonl'),
      line(0) + 'not json\n' + '{"no":"fields"}\n' + '42\n' + '\n' + line(1, {v: 99}) + line(2),
    )
    const {events, stats} = await collect()
    expect(numbers(events)).to.deep.equal([0, 2])
    expect(stats).to.include({corrupt: 3, events: 2, unsupported: 1})
  })

  it('leaves an unfinished last line for the next read and resumes from the cursor', async function () {
    const file = join(dir, 'events-20261129-000000.jsonl')
    const full = line(1)
    writeFileSync(file, line(0) + full.slice(0, 10))
    const first = await collect()
    expect(numbers(first.events)).to.deep.equal([0])
    expect(first.stats.corrupt).to.equal(0)
    appendFileSync(file, full.slice(10) + line(2))
    const second = await collect({from: first.cursor})
    expect(numbers(second.events)).to.deep.equal([1, 2])
    const third = await collect({from: second.cursor})
    expect(third.events).to.have.length(0)
    expect(third.stats.bytes).to.equal(0)
  })

  it('counts a torn line at the end of a rotated segment as corrupt', async function () {
    writeFileSync(join(dir, 'events-20261129-000000.jsonl'), line(0) + '{"v":1,"ty')
    writeFileSync(join(dir, 'events-20261129-000001.jsonl'), line(1))
    const {events, stats} = await collect()
    expect(numbers(events)).to.deep.equal([0, 1])
    expect(stats.corrupt).to.equal(1)
  })

  it('continues after rotation and after the cursor segment was deleted by retention', async function () {
    writeFileSync(join(dir, 'events-20261129-000000.jsonl'), line(0))
    const first = await collect()
    writeFileSync(join(dir, 'events-20261129-000001.jsonl'), line(1))
    const second = await collect({from: first.cursor})
    expect(numbers(second.events)).to.deep.equal([1])
    unlinkSync(join(dir, 'events-20261129-000000.jsonl'))
    unlinkSync(join(dir, 'events-20261129-000001.jsonl'))
    writeFileSync(join(dir, 'events-20261130-000000.jsonl'), line(2))
    const third = await collect({from: second.cursor})
    expect(numbers(third.events)).to.deep.equal([2])
  })

  it('handles lines longer than a chunk and multi-byte characters split across chunks', async function () {
    mkdirSync(dir, {recursive: true})
    const text = 'žluťoučký kůň 🐎 '.repeat(40)
    writeFileSync(join(dir, 'events-20261129-000000.jsonl'), line(0, {text}) + line(1, {text}))
    const {events, stats} = await collect({chunkBytes: 7})
    expect(stats.corrupt).to.equal(0)
    expect(events.map((e) => (e as unknown as {text: string}).text)).to.deep.equal([text, text])
  })
})

import {expect} from 'chai'
import {readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {emptyStats, readSegment} from '../../src/journal/journal-reader.js'
import {type OperationSample, operationSample} from '../../src/performance/operation-key.js'
import {readSegmentSamples} from '../../src/performance/sample-reader.js'
import {generateJournal} from '../helpers/perf-journal.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

type Read = {samples: Array<[number, OperationSample]>; stats: ReturnType<typeof emptyStats>; offset: number}

/** The reference: the journal reader's JSON.parse of every line, then operationSample. */
async function viaJsonParse(path: string, isLast: boolean, chunk?: number): Promise<Read> {
  const samples: Array<[number, OperationSample]> = []
  const stats = emptyStats()
  const offset = await readSegment(path, 0, isLast, (event) => {
    const sample = operationSample(event)
    if (sample) samples.push([event.ts, sample])
  }, stats, chunk)
  return {offset, samples, stats}
}

async function viaScanner(path: string, isLast: boolean, chunk?: number): Promise<Read> {
  const samples: Array<[number, OperationSample]> = []
  const stats = emptyStats()
  const offset = await readSegmentSamples(path, 0, isLast, (ts, sample) => samples.push([ts, sample]), stats, chunk)
  return {offset, samples, stats}
}

const base = {cid: 'c1', pid: 7, ts: 1_700_000_000_123, v: 1}
const span = {...base, durationMs: 12.5, errorCategory: 'none', name: 'bulk_clone', provider: 'github', success: true, type: 'span'}

/** Lines that must each take the same path to the same answer as JSON.parse. */
const TRICKY = [
  JSON.stringify(span),
  JSON.stringify({...span, name: 'a"b\\c'}),
  JSON.stringify({...span, name: 'clône-日本'}),
  JSON.stringify(span).replaceAll('":', '": '),
  JSON.stringify(span).slice(0, 60),
  JSON.stringify({...span, v: 2}),
  JSON.stringify({...span, durationMs: '12'}),
  JSON.stringify({...span, durationMs: null}),
  JSON.stringify({...span, success: null}),
  JSON.stringify(span).replace('"durationMs":12.5', '"durationMs":1e3'),
  JSON.stringify(span).replace('"durationMs":12.5', '"durationMs":012'),
  JSON.stringify(span).replace('"durationMs":12.5', '"durationMs":-0.25'),
  JSON.stringify({...span, durationMs: 1_234_567.123_456_789}),
  JSON.stringify({...span, durationMs: 0.1 + 0.2}),
  JSON.stringify({...span, extra: {nested: 1}}),
  JSON.stringify({...base, cmd: 'list', durationMs: 5, flags: ['a', 'b]'], kind: 'command', success: false, type: 'command_end'}),
  JSON.stringify({...base, cmd: 'list', durationMs: 5, flags: [], kind: 'help', success: true, type: 'command_end'}),
  JSON.stringify({durationMs: 9, operation: 'clone', provider: 'bitbucket', success: true, type: 'git_operation', ...base}),
  JSON.stringify({...base, durationMs: 9, endpoint: '/orgs/{org}/repos', errorCategory: 'rate_limit', method: 'GET', provider: 'github', type: 'api_request'}),
  JSON.stringify({...base, durationMs: 9, provider: 'github', success: true, type: 'auth_attempt'}),
  JSON.stringify({...span, name: 'first', name2: 'x'}).replace('"name2"', '"name"'),
  JSON.stringify({...span, ts: undefined}),
  JSON.stringify({...span, ts: '1700000000123'}),
  JSON.stringify({...span, type: 7}),
  '[1,2]',
  'null',
  '{}',
  '{"v":1,"ts":5,"type":"span",}',
  '{"v":1,"ts":5,"type":"span","durationMs":4,"name":"x","success":true}',
  '{"v":1,"ts":5,"type":"span","durationMs":4,"name":"x","success":tru}',
  JSON.stringify({...base, cmd: 'list', type: 'command_start'}),
  // As the writer orders keys (`type`, then `v`, last): skipped by their ending, still counted.
  '{"cid":"c1","cliVersion":"1.4.0","cmd":"list","flags":[],"pid":7,"plugin":"mgit","pluginVersion":"1.4.0","ts":5,"type":"command_start","v":1}',
  '{"cid":"c1","operation":"clone-all","pid":7,"provider":"github","result":"cloned","ts":5,"type":"repository_result","v":1}',
  '{"cid":"c1","pid":7,"ts":5,"type":"repository_result","v":2}',
  '"type":"command_start","v":1}',
]

describe('sample reader: timed operations without JSON.parse, identical to the JSON.parse path', function () {
  const dir = useTempDir('mgit-scan-')

  it('a generated day of mgit runs: the same samples, counts and offsets, whatever the chunk size', async function () {
    generateJournal({end: Date.UTC(2026, 10, 2), journalDir: dir(), runsPerBusyHour: 80, seed: 3, start: Date.UTC(2026, 10, 1), segmentBytes: 400_000})
    const files = readdirSync(dir()).sort()
    expect(files.length).to.be.greaterThan(3)
    for (const file of files) {
      for (const chunk of [undefined, 4096, 777]) {
        const reference = await viaJsonParse(join(dir(), file), false, chunk)
        expect(reference.samples.length).to.be.greaterThan(100)
        expect(await viaScanner(join(dir(), file), false, chunk)).to.deep.equal(reference)
      }
    }
  })

  for (const [i, line] of TRICKY.entries()) {
    it(`line ${i}: ${line.slice(0, 70)}`, async function () {
      const path = join(dir(), 'events-20261101-000000.jsonl')
      writeFileSync(path, line + '\n')
      expect(await viaScanner(path, true)).to.deep.equal(await viaJsonParse(path, true))
    })
  }

  it('all the tricky lines in one segment, with a torn last line left for later', async function () {
    const path = join(dir(), 'events-20261101-000000.jsonl')
    writeFileSync(path, TRICKY.join('\n') + '\n' + JSON.stringify(span).slice(0, 40))
    const reference = await viaJsonParse(path, true)
    expect(reference.stats.corrupt).to.be.greaterThan(5)
    expect(reference.stats.unsupported).to.equal(2)
    expect(await viaScanner(path, true)).to.deep.equal(reference)
    expect(await viaScanner(path, false)).to.deep.equal(await viaJsonParse(path, false))
  })
})

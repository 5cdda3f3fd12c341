import {expect} from 'chai'

import {parseSegmentName, segmentFile, sortedSegments, utcDay} from '../../src/journal/segment-names.js'

describe('segment names', function () {
  it('name segments by UTC day and sequence', function () {
    expect(utcDay(Date.UTC(2026, 0, 5, 23, 59))).to.equal('20260105')
    expect(segmentFile('20260105', 12)).to.equal('events-20260105-000012.jsonl')
    expect(parseSegmentName('events-20260105-000012.jsonl')).to.deep.equal({day: '20260105', file: 'events-20260105-000012.jsonl', seq: 12})
    expect(parseSegmentName('events-20260105-000012.jsonl.tmp')).to.equal(undefined)
  })

  it('sort chronologically', function () {
    const sorted = sortedSegments(['events-20260106-000000.jsonl', 'x', 'events-20260105-000010.jsonl', 'events-20260105-000002.jsonl'])
    expect(sorted.map((s) => s.file)).to.deep.equal([
      'events-20260105-000002.jsonl',
      'events-20260105-000010.jsonl',
      'events-20260106-000000.jsonl',
    ])
  })
})

import {expect} from 'chai'

import type {PerformanceReport} from '../../src/performance/analysis.js'
import {formatMs, renderReport, sparkline, useColour} from '../../src/performance/render.js'

describe('performance rendering', function () {
  it('formats durations for people', function () {
    expect([0.25, 7.5, 42.4, 999, 1234, 12_345, 65_000, null].map(formatMs)).to.deep.equal(['0.25ms', '7.5ms', '42ms', '999ms', '1.23s', '12.3s', '1m05s', '-'])
  })

  it('draws a sparkline: lowest to highest, blank for no data, averaged down when long', function () {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).to.equal('▁▂▃▄▅▆▇█')
    expect(sparkline([5, null, 5])).to.equal('▄ ▄')
    expect(sparkline([null, null])).to.equal('  ')
    expect(sparkline([1, 3, 5, 7], 2)).to.equal('▁█')
    expect([...sparkline(Array.from({length: 169}, (_, i) => i))]).to.have.length(43)
  })

  it('colours only a terminal that wants colour', function () {
    const tty = {isTTY: true} as NodeJS.WriteStream
    expect(useColour(tty, {})).to.equal(true)
    expect(useColour(tty, {NO_COLOR: '1'})).to.equal(false)
    expect(useColour(tty, {TERM: 'dumb'})).to.equal(false)
    expect(useColour({isTTY: false} as NodeJS.WriteStream, {})).to.equal(false)
  })

  it('says so when the window is empty', function () {
    const report = {baseline: {days: 7}, compaction: {warnings: []}, operations: [], window: {end: 'E', hours: 24, start: 'S'}} as unknown as PerformanceReport
    expect(renderReport(report)).to.equal('mgit performance, S to E (24h), baseline 7 day(s) before\n\nNo operations recorded in this window.\n')
    expect(renderReport(report, true)).to.contain('\u001B[1m')
  })
})

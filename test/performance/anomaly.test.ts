import {expect} from 'chai'

import {DEFAULT_POLICY, judge} from '../../src/performance/anomaly.js'
import {DurationSketch} from '../../src/performance/duration-sketch.js'
import {trend} from '../../src/performance/trend.js'
import {summarize} from '../../src/performance/window-stats.js'

/** Deterministic spread of n durations around a median (quantiles of a lognormal, no randomness). */
function spread(n: number, median: number, sigma = 0.3): number[] {
  return Array.from({length: n}, (_, i) => {
    const u = (i + 0.5) / n
    // Inverse normal CDF by a logistic approximation: good enough for a spread of values.
    const z = Math.log(u / (1 - u)) / 1.702
    return median * Math.exp(sigma * z)
  })
}

function sketch(values: number[]): DurationSketch {
  const s = new DurationSketch()
  for (const v of values) s.add(v, true)
  return s
}

describe('anomalies against the baseline', function () {
  const baseline = sketch(spread(500, 1000))

  it('the same distribution is normal', function () {
    const verdict = judge(sketch(spread(200, 1000)), baseline)
    expect(verdict.flagged).to.equal(false)
    expect(verdict.reason).to.match(/^normal/)
  })

  it('a doubled median is flagged, with the figures that led to it', function () {
    const verdict = judge(sketch(spread(200, 2000)), baseline)
    expect(verdict.flagged).to.equal(true)
    expect(verdict.p95Ratio).to.be.closeTo(2, 0.05)
    expect(verdict.slowerShare).to.be.greaterThan(0.5)
    expect(verdict.z).to.be.greaterThan(DEFAULT_POLICY.minZ)
  })

  it('a heavier tail alone (10% of runs five times slower) is flagged', function () {
    const values = spread(300, 1000).map((v, i) => (i % 10 === 0 ? v * 5 : v))
    expect(judge(sketch(values), baseline).flagged).to.equal(true)
  })

  it('one slow run on a quiet day is not an alarm: too few runs in the window', function () {
    const verdict = judge(sketch([30_000, 900, 1100]), baseline)
    expect(verdict.flagged).to.equal(false)
    expect(verdict.reason).to.match(/^not judged: 3 run\(s\) in the window \(need 20\)/)
    expect(verdict.p95Ratio).to.equal(null)
  })

  it('a baseline that is too small is not judged against', function () {
    expect(judge(sketch(spread(200, 5000)), sketch(spread(49, 1000))).flagged).to.equal(false)
    expect(judge(sketch(spread(200, 5000)), sketch(spread(50, 1000))).flagged).to.equal(true)
  })

  it('a p95 below the factor is not flagged even when significant', function () {
    // 20% slower everywhere: significant with many runs, but p95 only 1.2× the baseline's.
    const verdict = judge(sketch(spread(5000, 1200)), baseline)
    expect(verdict.z).to.be.greaterThan(DEFAULT_POLICY.minZ)
    expect(verdict.flagged).to.equal(false)
  })
})

describe('trends', function () {
  it('each statistic against the previous window: delta and relative change', function () {
    const now = summarize(sketch([100, 200, 300, 400]))
    const before = summarize(sketch([100, 100]))
    const t = trend(now, before)
    expect(t.count).to.deep.equal({current: 4, delta: 2, previous: 2, relative: 1})
    expect(t.maxMs).to.deep.equal({current: 400, delta: 300, previous: 100, relative: 3})
    expect(t.meanMs.relative).to.equal(1.5)
  })

  it('no previous data gives null changes, not invented ones', function () {
    const t = trend(summarize(sketch([5])), summarize(new DurationSketch()))
    expect(t.p95Ms).to.deep.equal({current: 5, delta: null, previous: null, relative: null})
    expect(t.count).to.deep.equal({current: 1, delta: 1, previous: 0, relative: null})
  })
})

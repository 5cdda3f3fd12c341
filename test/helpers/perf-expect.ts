import {expect} from 'chai'

import type {PerformanceReport} from '../../src/performance/analysis.js'
import {RELATIVE_ACCURACY} from '../../src/performance/duration-sketch.js'
import {type Sample, exactStats} from './perf-journal.js'

function group(samples: readonly Sample[], from: string, to: string | undefined): Map<string, Sample[]> {
  const [start, end] = [Date.parse(from), to === undefined ? Number.POSITIVE_INFINITY : Date.parse(to)]
  const groups = new Map<string, Sample[]>()
  for (const s of samples) {
    if (s.ts < start || s.ts >= end) continue
    const key = `${s.operation}@${s.provider || '-'}`
    groups.set(key, [...(groups.get(key) ?? []), s])
  }

  return groups
}

function expectWithinBound(got: number | null, truth: number, what: string): void {
  expect(got, what).to.be.a('number')
  expect(Math.abs(got! - truth) / truth, `${what}: ${got} vs exact ${truth}`).to.be.at.most(RELATIVE_ACCURACY + 1e-9)
}

/**
 * Every operation's current, previous and baseline statistics against an exact computation by
 * sorting the generated samples of the windows the report states. Operations in `ignore` (the
 * test's own commands, recorded by the hooks) are left out of the comparison.
 */
export function expectMatchesExact(report: PerformanceReport, samples: readonly Sample[], ignore: readonly string[] = []): void {
  const windows = {
    baseline: group(samples, report.baseline.start, report.baseline.end),
    current: group(samples, report.window.start, undefined),
    previous: group(samples, report.previousWindow.start, report.previousWindow.end),
  }
  const operations = report.operations.filter((o) => !ignore.includes(`${o.operation}@${o.provider ?? '-'}`))
  expect(operations.map((o) => `${o.operation}@${o.provider ?? '-'}`).sort()).to.deep.equal([...windows.current.keys()].sort())
  for (const op of operations) {
    const key = `${op.operation}@${op.provider ?? '-'}`
    for (const which of ['current', 'previous', 'baseline'] as const) {
      const got = op[which]
      const label = `${key} ${which}`
      const group = windows[which].get(key)
      if (group === undefined) {
        expect(got, label).to.deep.include({count: 0, medianMs: null, p95Ms: null, successRate: null})
        continue
      }

      const exact = exactStats(group)
      expect(got.count, label).to.equal(exact.count)
      expect(got.successRate, label).to.be.closeTo(exact.successRate, 1e-12)
      expect(got.minMs, label).to.be.closeTo(exact.min, 0.0005)
      expect(got.maxMs, label).to.be.closeTo(exact.max, 0.0005)
      expect(got.meanMs, label).to.be.closeTo(exact.mean, 0.0005 + exact.mean * 1e-12)
      expectWithinBound(got.medianMs, exact.median, `${label} median`)
      expectWithinBound(got.p95Ms, exact.p95, `${label} p95`)
      expectWithinBound(got.p99Ms, exact.p99, `${label} p99`)
    }

    expect(op.hourly).to.have.length(report.window.hours + 1)
    expect(op.hourly.reduce((a, h) => a + h.count, 0)).to.equal(op.current.count)
  }
}

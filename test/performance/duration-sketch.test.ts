import {expect} from 'chai'

import {DurationSketch, RELATIVE_ACCURACY} from '../../src/performance/duration-sketch.js'

/** Exact nearest-rank quantile by sorting: the definition the sketch approximates. */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]
}

function seeded(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return (s + 0.5) / 2_147_483_648
  }
}

function lognormal(n: number, median: number, sigma: number, seed: number): number[] {
  const r = seeded(seed)
  return Array.from({length: n}, () => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(r())) * Math.cos(2 * Math.PI * r())))
}

function sketchOf(values: number[]): DurationSketch {
  const sketch = new DurationSketch()
  for (const [i, v] of values.entries()) sketch.add(v, i % 10 !== 0)
  return sketch
}

const QUANTILES = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999]

describe('DurationSketch', function () {
  const cases: Array<[string, number[]]> = [
    ['lognormal around 1.4 s', lognormal(20_000, 1400, 0.35, 7)],
    ['very wide (0.05 ms to hours)', lognormal(5000, 200, 3, 11)],
    ['small sample', [5, 1, 3]],
    ['with zero durations', [0, 0, 0, 2, 4, 8, 16, 32, 64, 128]],
    ['all equal', new Array(100).fill(250)],
  ]

  for (const [name, values] of cases) {
    it(`${name}: quantiles within ${RELATIVE_ACCURACY * 100}% of the exact value; count, sum, min, max, successes exact`, function () {
      const sketch = sketchOf(values)
      for (const q of QUANTILES) {
        const truth = exact(values, q)
        const got = sketch.quantile(q)!
        if (truth === 0) expect(got, `q=${q}`).to.equal(0)
        else expect(Math.abs(got - truth) / truth, `q=${q}: ${got} vs ${truth}`).to.be.at.most(RELATIVE_ACCURACY + 1e-12)
      }

      expect(sketch.count).to.equal(values.length)
      expect(sketch.min).to.equal(Math.min(...values))
      expect(sketch.max).to.equal(Math.max(...values))
      expect(sketch.sum).to.be.closeTo(values.reduce((a, b) => a + b, 0), 1e-6 * Math.max(1, sketch.sum))
      expect(sketch.successes).to.equal(values.filter((_, i) => i % 10 !== 0).length)
    })
  }

  it('a merge of sketches is exactly the sketch of the union, in any order', function () {
    const a = lognormal(3000, 50, 0.5, 1)
    const b = lognormal(2000, 5000, 0.2, 2)
    const c = lognormal(10, 0.3, 0.1, 3)
    const whole = sketchOf([...a, ...b, ...c])
    const merged = sketchOf(c)
    merged.merge(sketchOf(a))
    merged.merge(sketchOf(b))
    merged.merge(new DurationSketch())
    const [w, m] = [whole.toJSON(), merged.toJSON()]
    expect({...m, ok: 0, sum: 0}).to.deep.equal({...w, ok: 0, sum: 0})
    expect(m.sum).to.be.closeTo(w.sum, 1e-6 * w.sum)
    for (const q of QUANTILES) expect(merged.quantile(q)).to.equal(whole.quantile(q))
  })

  it('survives its stored form (rollup files)', function () {
    const sketch = sketchOf(lognormal(500, 100, 1, 5))
    const back = DurationSketch.from(JSON.parse(JSON.stringify(sketch.toJSON())))
    for (const q of QUANTILES) expect(back.quantile(q)).to.equal(sketch.quantile(q))
    expect(back.toJSON()).to.deep.equal(sketch.toJSON())
  })

  it('an empty sketch reports nothing, and round-trips as empty', function () {
    const empty = new DurationSketch()
    expect(empty.quantile(0.5)).to.equal(undefined)
    expect(empty.countAbove(10)).to.equal(0)
    const back = DurationSketch.from(JSON.parse(JSON.stringify(empty.toJSON())))
    expect(back.count).to.equal(0)
    back.add(7, true)
    expect(back.min).to.equal(7)
    expect(back.max).to.equal(7)
  })

  it('countAbove never overcounts and misses at most the threshold bucket', function () {
    const values = lognormal(5000, 300, 0.6, 9)
    const sketch = sketchOf(values)
    for (const threshold of [10, 150, 300, 301, 900, 5000]) {
      const truth = values.filter((v) => v > threshold).length
      // Missed at most: the values above the threshold sharing its bucket, (threshold, threshold·γ].
      const sharing = values.filter((v) => v > threshold && v <= threshold * (1 + 2.1 * RELATIVE_ACCURACY)).length
      const got = sketch.countAbove(threshold)
      expect(got).to.be.at.most(truth)
      expect(got).to.be.at.least(truth - sharing)
    }
  })

  it('ignores non-finite durations', function () {
    const sketch = new DurationSketch()
    sketch.add(Number.NaN, true)
    sketch.add(Number.POSITIVE_INFINITY, true)
    expect(sketch.count).to.equal(0)
  })
})

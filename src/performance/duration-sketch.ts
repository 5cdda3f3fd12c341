/**
 * A mergeable histogram of durations with a stated relative error (DDSketch's log buckets,
 * Masson et al. 2019): bucket i holds the values in (γ^(i-1), γ^i] with γ = (1+α)/(1-α), and a
 * quantile is reported as the bucket's representative 2γ^i/(γ+1), which is within a relative
 * α of every value in the bucket. So each quantile this sketch reports is within α = 1% of the
 * exact value at the same rank. Count, sum (hence mean), min, max and successes are exact.
 * Merging two sketches gives exactly the sketch of the union, so hourly rollups add up to any
 * window without losing accuracy. Values ≤ 0 ms go to a zero bucket and are reported as 0.
 */
export const RELATIVE_ACCURACY = 0.01
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY)
const LN_GAMMA = Math.log(GAMMA)

/** The stored form (rollup files): dense bucket counts from index `o`. */
export interface SketchData {
  n: number
  ok: number
  sum: number
  min: number
  max: number
  z: number
  o: number
  b: number[]
}

export function bucketIndex(value: number): number {
  return Math.ceil(Math.log(value) / LN_GAMMA)
}

/** The value reported for bucket `index`: within a relative α of any value the bucket holds. */
export function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1)
}

/**
 * The rank (1-based) of quantile q among n values: the nearest-rank definition, the smallest
 * value with at least q·n values at or below it. The tests' exact computation uses the same.
 */
export function quantileRank(q: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n)))
}

export class DurationSketch {
  count = 0
  successes = 0
  sum = 0
  min = Number.POSITIVE_INFINITY
  max = Number.NEGATIVE_INFINITY
  private zeros = 0
  private offset = 0
  private buckets: number[] = []

  static from(data: SketchData): DurationSketch {
    const sketch = new DurationSketch()
    sketch.count = data.n
    sketch.successes = data.ok
    sketch.sum = data.sum
    sketch.min = data.n > 0 ? data.min : Number.POSITIVE_INFINITY
    sketch.max = data.n > 0 ? data.max : Number.NEGATIVE_INFINITY
    sketch.zeros = data.z
    sketch.offset = data.o
    sketch.buckets = [...data.b]
    return sketch
  }

  add(durationMs: number, success: boolean): void {
    if (!Number.isFinite(durationMs)) return
    this.count++
    if (success) this.successes++
    this.sum += durationMs
    if (durationMs < this.min) this.min = durationMs
    if (durationMs > this.max) this.max = durationMs
    if (durationMs <= 0) {
      this.zeros++
      return
    }

    this.addToBucket(bucketIndex(durationMs), 1)
  }

  merge(other: DurationSketch): void {
    if (other.count === 0) return
    this.count += other.count
    this.successes += other.successes
    this.sum += other.sum
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
    this.zeros += other.zeros
    for (const [i, c] of other.buckets.entries()) if (c > 0) this.addToBucket(other.offset + i, c)
  }

  /** The value at quantile q (0..1) within a relative α (nearest rank); undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.count === 0) return undefined
    const rank = quantileRank(q, this.count)
    if (rank === 1) return this.min
    if (rank === this.count) return this.max
    let seen = this.zeros
    if (seen >= rank) return 0
    for (const [i, c] of this.buckets.entries()) {
      seen += c
      // Clamping to the exact min and max only moves the estimate towards the true value.
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(this.offset + i)))
    }

    return this.max
  }

  /**
   * How many values are certainly above `value`: those in buckets wholly above the bucket that
   * holds it (the values sharing its bucket are not counted, so this never overcounts).
   */
  countAbove(value: number): number {
    if (this.count === 0) return 0
    if (value < 0) return this.count
    const limit = value === 0 ? Number.NEGATIVE_INFINITY : bucketIndex(value)
    let above = 0
    for (const [i, c] of this.buckets.entries()) if (this.offset + i > limit) above += c
    return above
  }

  /** Counts per bucket, lowest first, with each bucket's upper bound (for charts). */
  *bucketCounts(): Generator<{upperMs: number; count: number}> {
    if (this.zeros > 0) yield {count: this.zeros, upperMs: 0}
    for (const [i, c] of this.buckets.entries()) if (c > 0) yield {count: c, upperMs: GAMMA ** (this.offset + i)}
  }

  toJSON(): SketchData {
    return {b: this.buckets, max: this.max, min: this.min, n: this.count, o: this.offset, ok: this.successes, sum: this.sum, z: this.zeros}
  }

  private addToBucket(index: number, count: number): void {
    if (this.buckets.length === 0) {
      this.offset = index
      this.buckets.push(count)
      return
    }

    if (index < this.offset) {
      const grow = this.offset - index
      this.buckets = [...new Array<number>(grow).fill(0), ...this.buckets]
      this.offset = index
    } else if (index >= this.offset + this.buckets.length) {
      for (let i = this.offset + this.buckets.length; i <= index; i++) this.buckets.push(0)
    }

    this.buckets[index - this.offset] += count
  }
}

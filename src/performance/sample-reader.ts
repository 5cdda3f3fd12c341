/**
 * Reads the timed operations of a journal segment without JSON.parse, which costs most of the
 * time of reading a large journal (measured: bench/performance.md). The journal's lines are flat
 * JSON objects written by JSON.stringify; this scanner walks each line's bytes once, keeps the
 * handful of fields an operation needs, and hands them to `operationSample` exactly as the parsed
 * event would be. String values are decoded once per distinct byte sequence (they come from small
 * closed sets: types, providers, operations, endpoint templates) and numbers are parsed exactly
 * (digits / 10^k, correctly rounded as Number() does).
 *
 * Any line that is not plainly such an object (a backslash, whitespace, a nested object, a number
 * in exponent form or with more than 15 digits, a missing or non-numeric `v` or `ts`, anything
 * else unexpected) goes through the journal reader's own JSON.parse path instead, so corrupt and
 * newer-schema lines are counted the same way. A test checks both paths agree line for line.
 */
import {SCHEMA_VERSION} from '../journal/event-types.js'
import {type ReadStats, parseLines, readSegmentChunks} from '../journal/journal-reader.js'
import {type OperationSample, operationSample} from './operation-key.js'

export type SampleSink = (ts: number, sample: OperationSample) => void

const QUOTE = 0x22
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const BACKSLASH = 0x5c
const MINUS = 0x2d
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39

/** Fields kept, by name (the order is used by index below); everything else is skipped. */
const WANTED = ['v', 'ts', 'type', 'durationMs', 'success', 'cmd', 'kind', 'operation', 'provider', 'method', 'endpoint', 'errorCategory', 'name']
const WANTED_BYTES = WANTED.map((name) => Buffer.from(name))
const FIELD_V = 0
const FIELD_TS = 1
const FIELD_TYPE = 2
const FIELD_DURATION = 3
const FIELD_SUCCESS = 4
const POWERS = Array.from({length: 16}, (_, k) => 10 ** k)

export function readSegmentSamples(path: string, start: number, isLast: boolean, onSample: SampleSink, stats: ReadStats, chunkBytes = 4 * 1024 * 1024): Promise<number> {
  const scanner = new LineScanner()
  return readSegmentChunks(path, start, isLast, (data, end) => scanner.scan(data, end, onSample, stats), stats, chunkBytes)
}

/** One value of the line being scanned: a string, a number, a boolean, null, or absent (undefined). */
type Value = boolean | null | number | string | undefined

export class LineScanner {
  private readonly values: Value[] = new Array<Value>(WANTED.length)
  /** Decoded strings by a hash of their bytes (each checked byte for byte before use). */
  private readonly strings = new Map<number, Array<{bytes: Uint8Array; text: string}>>()

  /** Scans the newline-separated lines of `data` before `end`. */
  scan(data: Buffer, end: number, onSample: SampleSink, stats: ReadStats): void {
    let from = 0
    while (from < end) {
      let to = data.indexOf(0x0a, from)
      if (to === -1 || to > end) to = end
      if (to > from) this.line(data, from, to, onSample, stats)
      from = to + 1
    }
  }

  private line(data: Buffer, from: number, to: number, onSample: SampleSink, stats: ReadStats): void {
    // A third of a journal's lines (command_start, repository_result) time nothing: known by how the
    // writer ends them, they are counted and skipped without a scan. (A line damaged in its middle
    // but whole at both ends would count as an event here instead of as corrupt.)
    if (endsAsUntimed(data, from, to)) {
      stats.events++
      return
    }

    if (!this.fields(data, from, to)) {
      parseLines(data.toString('utf8', from, to), (event) => {
        const sample = operationSample(event)
        if (sample) onSample(event.ts, sample)
      }, stats)
      return
    }

    const v = this.values[FIELD_V] as number
    if (v > SCHEMA_VERSION) {
      stats.unsupported++
      return
    }

    stats.events++
    // One object shape for every line (absent fields undefined, which operationSample treats as absent).
    const f = this.values
    const event = {
      cmd: f[5], durationMs: f[FIELD_DURATION], endpoint: f[10], errorCategory: f[11], kind: f[6], method: f[9], name: f[12],
      operation: f[7], provider: f[8], success: f[FIELD_SUCCESS], ts: f[FIELD_TS], type: f[FIELD_TYPE], v: f[FIELD_V],
    }
    const sample = operationSample(event as never)
    if (sample) onSample(this.values[FIELD_TS] as number, sample)
  }

  /** Fills `values` from a plain flat object line; false when the line needs a real parse. */
  private fields(data: Buffer, from: number, to: number): boolean {
    this.values.fill(undefined)
    if (data[from] !== OPEN_BRACE || data[to - 1] !== CLOSE_BRACE) return false
    let pos = from + 1
    if (pos === to - 1) return false
    for (;;) {
      if (data[pos] !== QUOTE) return false
      const keyStart = pos + 1
      let keyEnd = keyStart
      while (keyEnd < to && data[keyEnd] !== QUOTE) {
        if (data[keyEnd] === BACKSLASH) return false
        keyEnd++
      }

      if (keyEnd >= to || data[keyEnd + 1] !== COLON) return false
      const field = wantedField(data, keyStart, keyEnd)
      pos = keyEnd + 2
      const c = data[pos]
      if (c === QUOTE) {
        let end = pos + 1
        while (end < to && data[end] !== QUOTE) {
          if (data[end] === BACKSLASH) return false
          end++
        }

        if (end >= to) return false
        if (field !== -1) this.values[field] = this.decode(data, pos + 1, end)
        pos = end + 1
      } else if (c === OPEN_BRACKET) {
        pos = skipArray(data, pos, to)
        if (pos === -1) return false
      } else {
        let end = pos
        while (end < to && data[end] !== COMMA && data[end] !== CLOSE_BRACE) end++
        if (field !== -1) {
          const value = literal(data, pos, end)
          if (value === undefined) return false
          this.values[field] = value
        } else if (end === pos || data[pos] === OPEN_BRACE) {
          return false
        }

        pos = end
      }

      if (pos === to - 1) break
      if (data[pos] !== COMMA) return false
      pos++
    }

    return typeof this.values[FIELD_V] === 'number' && typeof this.values[FIELD_TS] === 'number' && typeof this.values[FIELD_TYPE] === 'string'
      && (this.values[FIELD_DURATION] === undefined || typeof this.values[FIELD_DURATION] === 'number')
      && (this.values[FIELD_SUCCESS] === undefined || typeof this.values[FIELD_SUCCESS] === 'boolean' || this.values[FIELD_SUCCESS] === null)
  }

  private decode(data: Buffer, start: number, end: number): string {
    const length = end - start
    let hash = length
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + data[i]) | 0
    let bucket = this.strings.get(hash)
    if (bucket === undefined) {
      bucket = []
      this.strings.set(hash, bucket)
    }

    for (let b = 0; b < bucket.length; b++) {
      const {bytes, text} = bucket[b]
      if (bytes.length !== length) continue
      let j = 0
      while (j < length && bytes[j] === data[start + j]) j++
      if (j === length) return text
    }

    const entry = {bytes: Uint8Array.prototype.slice.call(data, start, end), text: data.toString('utf8', start, end)}
    // Values are from small closed sets; should a journal hold many distinct ones, stop caching.
    if (this.strings.size < 10_000) bucket.push(entry)
    return entry.text
  }
}

/** How the writer ends the lines of events that carry no duration (keys sorted: `type`, then `v`). */
const UNTIMED_ENDINGS = ['command_start', 'repository_result'].map((type) => Buffer.from(`"type":"${type}","v":${SCHEMA_VERSION}}`))

function endsAsUntimed(data: Buffer, from: number, to: number): boolean {
  if (data[from] !== OPEN_BRACE || data[from + 1] !== QUOTE) return false
  for (const ending of UNTIMED_ENDINGS) {
    const start = to - ending.length
    if (start <= from) continue
    let j = ending.length - 1
    while (j >= 0 && ending[j] === data[start + j]) j--
    if (j < 0) return true
  }

  return false
}

/** Indexes into WANTED by key length, so that most keys are ruled out by their length alone. */
const BY_LENGTH: number[][] = []
for (let i = 0; i < WANTED_BYTES.length; i++) (BY_LENGTH[WANTED_BYTES[i].length] ??= []).push(i)

function wantedField(data: Buffer, start: number, end: number): number {
  const candidates = BY_LENGTH[end - start]
  if (candidates === undefined) return -1
  for (let c = 0; c < candidates.length; c++) {
    const bytes = WANTED_BYTES[candidates[c]]
    let j = 0
    while (j < bytes.length && bytes[j] === data[start + j]) j++
    if (j === bytes.length) return candidates[c]
  }

  return -1
}

/** The end of an array of plain strings and literals starting at `pos` (just past `]`), or -1. */
function skipArray(data: Buffer, pos: number, to: number): number {
  let i = pos + 1
  while (i < to) {
    const c = data[i]
    if (c === CLOSE_BRACKET) return i + 1
    if (c === QUOTE) {
      i++
      while (i < to && data[i] !== QUOTE) {
        if (data[i] === BACKSLASH) return -1
        i++
      }
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      return -1
    }

    i++
  }

  return -1
}

/**
 * A number, true, false or null between `start` and `end`; undefined for anything else (the
 * line then takes the JSON.parse path). Numbers: up to 15 significant digits and no exponent,
 * computed as integer / 10^k, which is exactly the correctly rounded value Number() gives.
 */
function literal(data: Buffer, start: number, end: number): boolean | null | number | undefined {
  const c = data[start]
  if (c === 0x74 && end - start === 4 && data[start + 1] === 0x72 && data[start + 2] === 0x75 && data[start + 3] === 0x65) return true
  if (c === 0x66 && end - start === 5 && data[start + 1] === 0x61 && data[start + 2] === 0x6c && data[start + 3] === 0x73 && data[start + 4] === 0x65) return false
  if (c === 0x6e && end - start === 4 && data[start + 1] === 0x75 && data[start + 2] === 0x6c && data[start + 3] === 0x6c) return null
  let i = start
  const negative = c === MINUS
  if (negative) i++
  let mantissa = 0
  let digits = 0
  let decimals = -1
  for (; i < end; i++) {
    const d = data[i]
    if (d >= ZERO && d <= NINE) {
      mantissa = mantissa * 10 + (d - ZERO)
      digits++
      if (decimals >= 0) decimals++
    } else if (d === DOT && decimals === -1 && digits > 0) {
      decimals = 0
    } else {
      return undefined
    }
  }

  if (digits === 0 || digits > 15 || decimals === 0) return undefined
  // JSON allows no leading zeros ("01"); such text is left to JSON.parse to reject.
  if (data[negative ? start + 1 : start] === ZERO && digits > 1 && data[negative ? start + 2 : start + 1] !== DOT) return undefined
  const value = decimals > 0 ? mantissa / POWERS[decimals] : mantissa
  return negative ? -value : value
}

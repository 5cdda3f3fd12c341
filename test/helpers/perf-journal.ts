/**
 * Generates a journal of realistic mgit runs for the performance tests and benchmark: every run
 * is a command (clone-all, pull-all, list, status) on one provider with its provider API calls,
 * git operations and a traced span, written as journal segments (`events-DAY-SEQ.jsonl`, the
 * writer's format and rotation size) in time order. Durations are lognormal around a median per
 * operation and provider; busy working hours and quiet nights; a slowdown can be injected into one
 * operation on one provider from a given time. Seeded, so a scenario is reproducible.
 *
 * Each event's duration is drawn on its own (a command's is not the sum of its parts), so an
 * injected slowdown stays in the one series it was put into.
 */
import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs'
import {join} from 'node:path'

import {SCHEMA_VERSION} from '../../src/journal/event-types.js'
import {DEFAULT_MAX_SEGMENT_BYTES} from '../../src/journal/journal-options.js'
import {segmentFile, utcDay} from '../../src/journal/segment-names.js'

const HOUR_MS = 3_600_000
export const PROVIDERS = ['github', 'azuredevops', 'bitbucket'] as const
type Provider = (typeof PROVIDERS)[number]

/** Median duration in ms per operation, and a factor per provider. */
const MEDIANS: Record<string, number> = {
  'api:GET /orgs/{org}/repos': 180,
  'api:GET /user': 90,
  'command:clone-all': 9000,
  'command:list': 700,
  'command:pull-all': 5000,
  'command:status': 400,
  'git:clone': 1400,
  'git:fetch': 500,
  'git:pull': 650,
  'git:status': 40,
  'span:bulk_clone': 7000,
}
const PROVIDER_FACTOR: Record<Provider, number> = {azuredevops: 1.3, bitbucket: 1.1, github: 1}
const COMMANDS = ['clone-all', 'pull-all', 'list', 'status'] as const
const REPO_OPS: Record<(typeof COMMANDS)[number], string | undefined> = {'clone-all': 'clone', list: undefined, 'pull-all': 'pull', status: 'status'}

export interface Slowdown {
  operation: string
  provider: string
  factor: number
  /** Epoch ms from which the slowdown applies. */
  from: number
}

export interface GenerateOptions {
  journalDir: string
  start: number
  end: number
  seed?: number
  /** Mean runs per busy hour (08-18 UTC); quiet hours get a fifth. */
  runsPerBusyHour: number
  /** Lognormal sigma of log durations. */
  sigma?: number
  failureRate?: number
  slowdown?: Slowdown
  /** Keep every timed sample in memory (tests); off for the benchmark. */
  collect?: boolean
  segmentBytes?: number
}

export interface Sample {
  operation: string
  /** '' for operations without a provider (commands). */
  provider: string
  ts: number
  durationMs: number
  success: boolean
}

export interface Generated {
  events: number
  samples: Sample[]
  segments: number
}

function uuidOf(n: number): string {
  const hex = n.toString(16).padStart(12, '0')
  return `${hex.slice(-8)}-0000-4000-8000-${hex}`
}

/** mulberry32: a small, fast seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

class SegmentSink {
  private day = ''
  private seq = 0
  private fd: number | undefined
  private bytes = 0
  private buffer: string[] = []
  private buffered = 0
  segments = 0

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, {recursive: true})
  }

  write(ts: number, line: string): void {
    const day = utcDay(ts)
    const size = Buffer.byteLength(line)
    if (day !== this.day || (this.bytes > 0 && this.bytes + size > this.maxBytes)) this.rotate(day)
    this.buffer.push(line)
    this.buffered += size
    this.bytes += size
    if (this.buffered > 4 * 1024 * 1024) this.flush()
  }

  close(): void {
    this.flush()
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private rotate(day: string): void {
    this.close()
    this.seq = day === this.day ? this.seq + 1 : 0
    this.day = day
    this.fd = openSync(join(this.dir, segmentFile(day, this.seq)), 'a')
    this.bytes = 0
    this.segments++
  }

  private flush(): void {
    if (this.fd !== undefined && this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''))
    this.buffer = []
    this.buffered = 0
  }
}

export function generateJournal(options: GenerateOptions): Generated {
  const random = prng(options.seed ?? 1)
  const sigma = options.sigma ?? 0.35
  const failureRate = options.failureRate ?? 0.02
  const sink = new SegmentSink(options.journalDir, options.segmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES)
  const samples: Sample[] = []
  let events = 0
  let runId = 0

  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const duration = (operation: string, provider: Provider | '', ts: number): number => {
    let ms = MEDIANS[operation] * (provider === '' ? 1 : PROVIDER_FACTOR[provider]) * Math.exp(sigma * normal())
    const slow = options.slowdown
    if (slow && slow.operation === operation && slow.provider === provider && ts >= slow.from) ms *= slow.factor
    return Math.round(ms * 1000) / 1000
  }

  for (let hourStart = Math.floor(options.start / HOUR_MS) * HOUR_MS; hourStart < options.end; hourStart += HOUR_MS) {
    const hour = new Date(hourStart).getUTCHours()
    const mean = options.runsPerBusyHour * (hour >= 8 && hour < 18 ? 1 : 0.2)
    // Runs per hour vary ±50% around the mean.
    const runs = Math.round(mean * (0.5 + random()))
    const pending: Array<{ts: number; line: string}> = []
    for (let r = 0; r < runs; r++) {
      const runStart = hourStart + random() * HOUR_MS
      if (runStart < options.start || runStart >= options.end) continue
      const provider = PROVIDERS[Math.floor(random() * PROVIDERS.length)]
      const command = COMMANDS[Math.floor(random() * COMMANDS.length)]
      // Shaped like the hooks' correlation IDs (UUIDs): line lengths as in a real journal.
      const cid = uuidOf(++runId)
      let ts = runStart
      const emit = (event: Record<string, unknown>): void => {
        ts += 1 + random() * 50
        if (ts >= options.end) return
        const fields: Record<string, unknown> = {cid, pid: 1000 + (runId % 30_000), ts: Math.floor(ts), v: SCHEMA_VERSION, ...event}
        // Keys in the writer's order (the events are built with sorted keys): `type` and `v` last.
        const full = Object.fromEntries(Object.keys(fields).sort().map((key) => [key, fields[key]]))
        pending.push({line: JSON.stringify(full) + '\n', ts: full.ts as number})
        events++
      }

      const timed = (operation: string, p: Provider | '', event: (ms: number, ok: boolean) => Record<string, unknown>): void => {
        const ms = duration(operation, p, ts)
        const ok = random() >= failureRate
        const before = pending.length
        emit(event(ms, ok))
        if (options.collect && pending.length > before) samples.push({durationMs: ms, operation, provider: p, success: ok, ts: pending.at(-1)!.ts})
      }

      emit({cliVersion: '1.4.0', cmd: command, flags: ['provider'], plugin: 'mgit', pluginVersion: '1.4.0', type: 'command_start'})
      const pages = command === 'status' ? 0 : 1 + Math.floor(random() * 3)
      for (let p = 0; p < pages; p++) {
        timed('api:GET /orgs/{org}/repos', provider, (ms, ok) => ({
          durationMs: ms, endpoint: '/orgs/{org}/repos', errorCategory: ok ? 'none' : 'network', method: 'GET', provider,
          rateLimited: false, spanId: 'a'.repeat(16), status: ok ? 200 : 0, statusClass: ok ? '2xx' : 'error', type: 'api_request',
        }))
      }

      if (random() < 0.3) {
        timed('api:GET /user', provider, (ms, ok) => ({
          durationMs: ms, endpoint: '/user', errorCategory: ok ? 'none' : 'auth', method: 'GET', provider,
          rateLimited: false, status: ok ? 200 : 401, statusClass: ok ? '2xx' : '4xx', type: 'api_request',
        }))
      }

      const repoOp = REPO_OPS[command]
      if (repoOp !== undefined) {
        const repos = 2 + Math.floor(random() * 6)
        for (let i = 0; i < repos; i++) {
          const op = repoOp === 'pull' && random() < 0.3 ? 'fetch' : repoOp
          timed(`git:${op}`, provider, (ms, ok) => ({
            durationMs: ms, errorCategory: ok ? 'none' : 'git', exitCode: ok ? 0 : 128, operation: op, provider, success: ok, type: 'git_operation',
          }))
          emit({operation: command, provider, result: 'cloned', type: 'repository_result'})
        }
      }

      if (command === 'clone-all') {
        timed('span:bulk_clone', provider, (ms, ok) => ({
          durationMs: ms, errorCategory: ok ? 'none' : 'git', name: 'bulk_clone', provider, spanId: 'b'.repeat(16), success: ok, type: 'span',
        }))
      }

      timed(`command:${command}`, '', (ms, ok) => ({
        cliVersion: '1.4.0', cmd: command, durationMs: ms, errorCategory: ok ? 'none' : 'exit_code', exitCode: ok ? 0 : 1, flags: ['provider'],
        kind: 'command', plugin: 'mgit', pluginVersion: '1.4.0', processMs: ms + 300, success: ok, type: 'command_end',
      }))
    }

    pending.sort((a, b) => a.ts - b.ts)
    for (const {line, ts} of pending) sink.write(ts, line)
  }

  sink.close()
  return {events, samples, segments: sink.segments}
}

/** Exact statistics of durations by sorting (nearest-rank quantiles), independent of the sketch. */
export function exactStats(samples: readonly Sample[]): {count: number; successRate: number; min: number; mean: number; median: number; p95: number; p99: number; max: number} {
  const sorted = samples.map((s) => s.durationMs).sort((a, b) => a - b)
  const n = sorted.length
  const at = (q: number): number => sorted[Math.min(n, Math.max(1, Math.ceil(q * n))) - 1]
  let sum = 0
  for (const v of sorted) sum += v
  return {
    count: n,
    max: sorted[n - 1],
    mean: sum / n,
    median: at(0.5),
    min: sorted[0],
    p95: at(0.95),
    p99: at(0.99),
    successRate: samples.filter((s) => s.success).length / n,
  }
}

/**
 * Compaction: brings every journal segment's rollup up to date (reading only the bytes appended
 * since its rollup was written), then deletes raw segments older than the raw retention whose
 * rollup covers them entirely, and rollups older than the rollup retention. Rollups are
 * per segment, so the step is idempotent and safe to interrupt or to run in two processes at once:
 * each rollup file is replaced atomically and says how many bytes of its segment it covers.
 * The writer's own retention (`MGIT_MONITORING_RETENTION_DAYS`) still deletes raw segments
 * whatever happens here; statistics then come from the rollups alone.
 */
import {open, readdir, stat, unlink} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'

import {emptyStats} from '../journal/journal-reader.js'
import {type SegmentName, parseSegmentName, sortedSegments, utcDay} from '../journal/segment-names.js'
import {describeError} from '../util/user-error.js'
import {seriesKey} from './operation-key.js'
import {type Rollup, type RollupFile, addSample, deleteRollup, emptyRollup, fromFile, listRollups, loadRollup, saveRollup} from './rollup-store.js'
import {readSegmentSamples} from './sample-reader.js'

const DAY_MS = 24 * 60 * 60 * 1000

export interface CompactionOptions {
  journalDir: string
  rollupDir: string
  now: number
  /** Raw segments of days older than this many days are deleted once fully rolled up. */
  rawRetentionDays: number
  /** Rollups of days older than this are deleted (and such old raw segments are not rolled up). */
  rollupRetentionDays: number
  /** Receives the up-to-date rollup of every segment of this UTC day (YYYYMMDD) or later. */
  onRollup?: (rollup: Rollup) => void
  fromDay?: string
  /** false keeps all reading on the calling thread (default true: a worker thread may help). */
  threads?: boolean
  /** Bytes never rolled up from which a worker thread shares the reading (default 32 MiB). */
  offloadMinBytes?: number
}

export interface CompactionReport {
  segments: number
  /** Raw bytes read (only what no rollup covered yet). */
  bytesRead: number
  eventsRead: number
  corrupt: number
  rollupsWritten: number
  rawSegmentsDeleted: number
  rollupsDeleted: number
  /** Segments read by the worker thread. */
  workerSegments: number
  /** Rollups that could not be written (e.g. a read-only data directory); the figures are still right. */
  warnings: string[]
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

export function emptyReport(): CompactionReport {
  return {bytesRead: 0, corrupt: 0, eventsRead: 0, rawSegmentsDeleted: 0, rollupsDeleted: 0, rollupsWritten: 0, segments: 0, warnings: [], workerSegments: 0}
}

export type Refreshed = Rollup & {durable: boolean}

export async function compact(options: CompactionOptions): Promise<CompactionReport> {
  const report = emptyReport()
  const rawCutoff = utcDay(options.now - options.rawRetentionDays * DAY_MS)
  const rollupCutoff = utcDay(options.now - options.rollupRetentionDays * DAY_MS)
  const fromDay = options.fromDay ?? ''
  const segments = sortedSegments(await list(options.journalDir)).filter((s) => s.day >= rollupCutoff)
  const newest = segments.at(-1)?.file
  const rollupNames = await listRollups(options.rollupDir)

  // Segments never rolled up are read by a worker thread and this one together.
  const offloaded = await chooseOffload(options, segments, new Set(rollupNames), newest)
  const fromWorker = offloaded.length > 0 ? inWorker(options, offloaded) : Promise.resolve(undefined)
  // Only rollups the caller wants are kept until the end (in segment order, so sums add up the
  // same way on every run); of the others only whether they are safely on disk.
  const refreshed = new Map<string, {durable: boolean; rollup?: Rollup}>()
  const keep = (segment: SegmentName, rollup: Refreshed | undefined): void => {
    if (rollup) refreshed.set(segment.file, {durable: rollup.durable, ...(segment.day >= fromDay ? {rollup} : {})})
  }

  for (const segment of segments) {
    if (offloaded.includes(segment.file)) continue
    keep(segment, await refresh(options, segment, segment.file === newest, report))
  }

  const worked = await fromWorker
  if (worked) {
    addReport(report, worked.report)
    report.workerSegments = worked.results.length
  }

  for (const file of offloaded) {
    const segment = parseSegmentName(file)!
    const done = worked?.results.find((r) => r.rollup.segment === file)
    keep(segment, done ? {...fromFile(done.rollup), durable: done.durable} : await refresh(options, segment, file === newest, report))
  }

  for (const segment of segments) {
    const done = refreshed.get(segment.file)
    if (done === undefined) continue
    report.segments++
    if (done.rollup) options.onRollup?.(done.rollup)
    if (segment.day < rawCutoff && segment.file !== newest && done.durable) {
      await unlink(join(options.journalDir, segment.file)).then(
        () => report.rawSegmentsDeleted++,
        () => {},
      )
    }
  }

  for (const name of rollupNames) {
    if (refreshed.has(name)) continue
    const day = name.slice(7, 15)
    if (day < rollupCutoff) {
      await deleteRollup(options.rollupDir, name)
      report.rollupsDeleted++
    } else if (day >= fromDay && options.onRollup) {
      // The raw segment is gone (compacted or expired): the rollup alone stands for it.
      const rollup = await loadRollup(options.rollupDir, name)
      if (rollup) {
        report.segments++
        options.onRollup(rollup)
      }
    }
  }

  return report
}

function addReport(into: CompactionReport, from: CompactionReport): void {
  into.bytesRead += from.bytesRead
  into.corrupt += from.corrupt
  into.eventsRead += from.eventsRead
  into.rollupsWritten += from.rollupsWritten
  into.warnings.push(...from.warnings)
}

/** Below this many bytes never rolled up, a worker thread costs more than it saves. */
const OFFLOAD_MIN_BYTES = 32 * 1024 * 1024

/**
 * The segments without any rollup (the newest aside) that a worker thread should read: about half
 * of their bytes, when there are enough of them and more than one CPU.
 */
async function chooseOffload(options: CompactionOptions, segments: SegmentName[], rolled: Set<string>, newest: string | undefined): Promise<string[]> {
  if (availableParallelism() < 2 || options.threads === false) return []
  const fresh: Array<{file: string; size: number}> = []
  for (const segment of segments) {
    if (rolled.has(segment.file) || segment.file === newest) continue
    const info = await stat(join(options.journalDir, segment.file)).catch(() => undefined)
    if (info) fresh.push({file: segment.file, size: info.size})
  }

  const total = fresh.reduce((sum, f) => sum + f.size, 0)
  if (total < (options.offloadMinBytes ?? OFFLOAD_MIN_BYTES) || fresh.length < 2) return []
  const offloaded: string[] = []
  let bytes = 0
  for (const f of fresh.sort((a, b) => b.size - a.size)) {
    if (bytes + f.size / 2 <= total / 2 && offloaded.length < fresh.length - 1) {
      offloaded.push(f.file)
      bytes += f.size
    }
  }

  return offloaded
}

export interface WorkerInput {
  journalDir: string
  rollupDir: string
  segments: string[]
}

export interface WorkerOutput {
  report: CompactionReport
  results: Array<{rollup: RollupFile; durable: boolean}>
}

/** Refreshes `segments` in a worker thread; undefined if the worker fails (they are then read here). */
function inWorker(options: CompactionOptions, segments: string[]): Promise<WorkerOutput | undefined> {
  return new Promise((resolve) => {
    let settled = false
    const done = (output: WorkerOutput | undefined): void => {
      if (!settled) resolve(output)
      settled = true
    }

    try {
      const input: WorkerInput = {journalDir: options.journalDir, rollupDir: options.rollupDir, segments}
      const worker = new Worker(new URL('compaction-worker.js', import.meta.url), {workerData: input})
      worker.once('message', (output: WorkerOutput) => done(output))
      worker.once('error', () => done(undefined))
      worker.once('exit', () => done(undefined))
    } catch {
      done(undefined)
    }
  })
}

/** The segment's rollup, extended with whatever was appended since it was written. */
export async function refresh(options: Pick<CompactionOptions, 'journalDir' | 'rollupDir'>, segment: SegmentName, isNewest: boolean, report: CompactionReport): Promise<Refreshed | undefined> {
  const path = join(options.journalDir, segment.file)
  const info = await stat(path).catch(() => undefined)
  if (info === undefined) return undefined
  const head = await headOf(path).catch(() => undefined)
  // Deleted since it was listed (the writer's retention): nothing to roll up.
  if (head === undefined) return undefined
  const loaded = await loadRollup(options.rollupDir, segment.file)
  // A rollup of a segment since replaced (other inode or first bytes, or shorter now) is rebuilt from scratch.
  const existing = loaded && loaded.ino === info.ino && loaded.head === head && loaded.bytes <= info.size ? loaded : undefined
  if (existing && existing.bytes === info.size) return {...existing, durable: true}
  const rollup = existing ?? emptyRollup(segment.file, info.ino, head)
  const stats = emptyStats()
  // One key string per series, not one per event (the concatenation and its hashing add up).
  const keys = new Map<string, Map<string, string>>()
  rollup.bytes = await readSegmentSamples(path, rollup.bytes, isNewest, (ts, sample) => {
    let byProvider = keys.get(sample.operation)
    if (byProvider === undefined) {
      byProvider = new Map()
      keys.set(sample.operation, byProvider)
    }

    let key = byProvider.get(sample.provider)
    if (key === undefined) {
      key = seriesKey(sample.operation, sample.provider)
      byProvider.set(sample.provider, key)
    }

    addSample(rollup, key, ts, sample.durationMs, sample.success)
  }, stats)
  rollup.corrupt += stats.corrupt
  report.bytesRead += stats.bytes
  report.eventsRead += stats.events
  report.corrupt += stats.corrupt
  let saved = false
  try {
    await saveRollup(options.rollupDir, rollup)
    report.rollupsWritten++
    saved = true
  } catch (error) {
    report.warnings.push(`cannot write rollup of ${segment.file} in ${options.rollupDir}: ${describeError(error)}`)
  }

  // Only a rollup on disk that covers the whole segment may stand in for it once it is deleted.
  return {...rollup, durable: saved && rollup.bytes === info.size}
}

const HEAD_BYTES = 128

async function headOf(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const {bytesRead} = await handle.read(buffer, 0, HEAD_BYTES, 0)
    return buffer.subarray(0, bytesRead).toString('base64')
  } finally {
    await handle.close()
  }
}

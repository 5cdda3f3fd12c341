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
import {join} from 'node:path'

import {emptyStats} from '../journal/journal-reader.js'
import {type SegmentName, sortedSegments, utcDay} from '../journal/segment-names.js'
import {describeError} from '../util/user-error.js'
import {seriesKey} from './operation-key.js'
import {type Rollup, addSample, deleteRollup, emptyRollup, listRollups, loadRollup, saveRollup} from './rollup-store.js'
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

export async function compact(options: CompactionOptions): Promise<CompactionReport> {
  const report: CompactionReport = {bytesRead: 0, corrupt: 0, eventsRead: 0, rawSegmentsDeleted: 0, rollupsDeleted: 0, rollupsWritten: 0, segments: 0, warnings: []}
  const rawCutoff = utcDay(options.now - options.rawRetentionDays * DAY_MS)
  const rollupCutoff = utcDay(options.now - options.rollupRetentionDays * DAY_MS)
  const fromDay = options.fromDay ?? ''
  const segments = sortedSegments(await list(options.journalDir))
  const newest = segments.at(-1)?.file
  const withRaw = new Set<string>()

  for (const segment of segments) {
    if (segment.day < rollupCutoff) continue
    const rollup = await refresh(options, segment, segment.file === newest, report)
    if (rollup === undefined) continue
    withRaw.add(segment.file)
    report.segments++
    if (segment.day >= fromDay) options.onRollup?.(rollup)
    if (segment.day < rawCutoff && segment.file !== newest && rollup.durable) {
      await unlink(join(options.journalDir, segment.file)).then(
        () => report.rawSegmentsDeleted++,
        () => {},
      )
    }
  }

  for (const name of await listRollups(options.rollupDir)) {
    if (withRaw.has(name)) continue
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

/** The segment's rollup, extended with whatever was appended since it was written. */
async function refresh(options: CompactionOptions, segment: SegmentName, isNewest: boolean, report: CompactionReport): Promise<(Rollup & {durable: boolean}) | undefined> {
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

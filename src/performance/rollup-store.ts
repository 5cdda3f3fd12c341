/**
 * Rollups: for each journal segment, one JSON file under `<dataDir>/monitoring/rollups/` with a
 * duration sketch per operation, provider and UTC hour of the segment's events, and how many of
 * the segment's bytes it covers (plus the segment's inode, so that a segment replaced under the
 * same name is not mistaken for the old one). A rollup is replaced atomically; it stays valid
 * when its raw segment is deleted, and is extended (not rebuilt) when the segment grows.
 */
import {mkdir, readFile, readdir, unlink} from 'node:fs/promises'
import {join} from 'node:path'

import {parseSegmentName} from '../journal/segment-names.js'
import {writeFileAtomic} from '../util/atomic-write.js'
import {DurationSketch, type SketchData} from './duration-sketch.js'

export const ROLLUP_VERSION = 1
export const HOUR_MS = 60 * 60 * 1000

export interface Rollup {
  /** The journal segment's file name. */
  segment: string
  ino: number
  /** The segment's first bytes: with the inode, tells a segment replaced under the same name. */
  head: string
  /** Bytes of the segment folded in (up to its last whole line). */
  bytes: number
  corrupt: number
  /** Series key (operation, provider) → hour number (epoch ms / 1 h) → sketch. */
  series: Map<string, Map<number, DurationSketch>>
}

/** The stored (and transferable) form of a rollup. */
export interface RollupFile {
  v: number
  segment: string
  ino: number
  head: string
  bytes: number
  corrupt: number
  series: Record<string, Record<string, SketchData>>
}

export function rollupDir(dataDir: string): string {
  return join(dataDir, 'monitoring', 'rollups')
}

export function emptyRollup(segment: string, ino: number, head: string): Rollup {
  return {bytes: 0, corrupt: 0, head, ino, segment, series: new Map()}
}

/** Folds one sample into the rollup's sketch for its series and hour. */
export function addSample(rollup: Rollup, key: string, ts: number, durationMs: number, success: boolean): void {
  let hours = rollup.series.get(key)
  if (hours === undefined) {
    hours = new Map()
    rollup.series.set(key, hours)
  }

  const hour = Math.floor(ts / HOUR_MS)
  let sketch = hours.get(hour)
  if (sketch === undefined) {
    sketch = new DurationSketch()
    hours.set(hour, sketch)
  }

  sketch.add(durationMs, success)
}

function fileName(segment: string): string {
  return segment.replace(/\.jsonl$/, '.json')
}

/** Segment names that have a rollup file, oldest first. */
export async function listRollups(dir: string): Promise<string[]> {
  let files: string[]
  try {
    files = await readdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return []
    throw error
  }

  return files
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => f.replace(/\.json$/, '.jsonl'))
    .filter((s) => parseSegmentName(s) !== undefined)
    .sort()
}

/** The rollup of `segment`, or undefined when there is none or it is unreadable (it is rebuilt). */
export async function loadRollup(dir: string, segment: string): Promise<Rollup | undefined> {
  let parsed: RollupFile
  try {
    parsed = JSON.parse(await readFile(join(dir, fileName(segment)), 'utf8')) as RollupFile
  } catch {
    return undefined
  }

  if (parsed.v !== ROLLUP_VERSION || parsed.segment !== segment || typeof parsed.bytes !== 'number') return undefined
  return fromFile(parsed)
}

export function fromFile(parsed: RollupFile): Rollup {
  const series = new Map<string, Map<number, DurationSketch>>()
  for (const [key, hours] of Object.entries(parsed.series)) {
    series.set(key, new Map(Object.entries(hours).map(([hour, data]) => [Number(hour), DurationSketch.from(data)])))
  }

  return {bytes: parsed.bytes, corrupt: parsed.corrupt ?? 0, head: parsed.head ?? '', ino: parsed.ino, segment: parsed.segment, series}
}

export function toFile(rollup: Rollup): RollupFile {
  return {
    bytes: rollup.bytes,
    corrupt: rollup.corrupt,
    head: rollup.head,
    ino: rollup.ino,
    segment: rollup.segment,
    series: Object.fromEntries(
      [...rollup.series].map(([key, hours]) => [key, Object.fromEntries([...hours].map(([hour, sketch]) => [String(hour), sketch.toJSON()]))]),
    ),
    v: ROLLUP_VERSION,
  }
}

export async function saveRollup(dir: string, rollup: Rollup): Promise<void> {
  await mkdir(dir, {recursive: true})
  await writeFileAtomic(join(dir, fileName(rollup.segment)), JSON.stringify(toFile(rollup)))
}

export async function deleteRollup(dir: string, segment: string): Promise<void> {
  await unlink(join(dir, fileName(segment))).catch(() => {})
}

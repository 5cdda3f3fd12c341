import {open, readdir} from 'node:fs/promises'
import {join} from 'node:path'

import {type BaseEvent, SCHEMA_VERSION} from './event-types.js'
import {sortedSegments} from './segment-names.js'

/** Where a reader stopped: a segment file name and the byte offset just past its last whole line. */
export interface JournalCursor {
  segment: string
  offset: number
}

export interface ReadStats {
  /** Valid events delivered. */
  events: number
  /** Lines that were torn or not valid JSON events; skipped. */
  corrupt: number
  /** Events of a newer schema version than this reader knows; skipped. */
  unsupported: number
  bytes: number
  segments: number
}

export interface ReadResult {
  cursor: JournalCursor | undefined
  stats: ReadStats
}

export interface ReadOptions {
  /** Resume after this cursor; segments before it (or deleted since) are not read again. */
  from?: JournalCursor
  /** Bytes per read; bounded so that memory does not depend on the journal's size. */
  chunkBytes?: number
}

const NEWLINE = 0x0a
const DEFAULT_CHUNK = 1024 * 1024

export function emptyStats(): ReadStats {
  return {bytes: 0, corrupt: 0, events: 0, segments: 0, unsupported: 0}
}

/**
 * Streams the journal's events, oldest first, to `onEvent`. A corrupt or torn line is counted
 * and skipped, never fatal. An unfinished last line of the newest segment is left for the next
 * read (the cursor stops before it), so that a tailing reader sees it once it is complete.
 */
export async function readJournal(
  dir: string,
  onEvent: (event: BaseEvent) => void,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const stats = emptyStats()
  let files: string[]
  try {
    files = await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {cursor: options.from, stats}
    throw error
  }

  const from = options.from
  const segments = sortedSegments(files).filter((s) => from === undefined || s.file >= from.segment)
  let cursor = from
  for (const [index, segment] of segments.entries()) {
    const start = from !== undefined && segment.file === from.segment ? from.offset : 0
    const isLast = index === segments.length - 1
    const offset = await readSegment(join(dir, segment.file), start, isLast, onEvent, stats, options.chunkBytes)
    stats.segments++
    cursor = {offset, segment: segment.file}
  }

  return {cursor, stats}
}

export async function readSegment(
  path: string,
  start: number,
  isLast: boolean,
  onEvent: (event: BaseEvent) => void,
  stats: ReadStats,
  chunkBytes = DEFAULT_CHUNK,
): Promise<number> {
  return readSegmentChunks(path, start, isLast, (data, end) => parseLines(data.toString('utf8', 0, end), onEvent, stats), stats, chunkBytes)
}

/**
 * Reads a segment from `start` in chunks and hands `onChunk` whole lines only: `data` up to `end`
 * (several newline-separated lines, without the final newline; valid only during the call), for
 * readers that parse lines their own way. Returns the offset just past the last whole line;
 * `stats.bytes` counts the bytes read.
 */
export async function readSegmentChunks(
  path: string,
  start: number,
  isLast: boolean,
  onChunk: (data: Buffer, end: number) => void,
  stats: ReadStats,
  chunkBytes = DEFAULT_CHUNK,
): Promise<number> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    // Deleted by retention between listing and opening: nothing left to read there.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return start
    throw error
  }

  try {
    const chunk = Buffer.allocUnsafe(chunkBytes)
    let carry: Buffer = Buffer.alloc(0)
    let position = start
    let consumed = start
    for (;;) {
      const {bytesRead} = await handle.read(chunk, 0, chunkBytes, position)
      if (bytesRead === 0) break
      position += bytesRead
      stats.bytes += bytesRead
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead)
      const lastNewline = data.lastIndexOf(NEWLINE)
      if (lastNewline === -1) {
        carry = Buffer.from(data)
        continue
      }

      onChunk(data, lastNewline)
      consumed += lastNewline + 1
      carry = Buffer.from(data.subarray(lastNewline + 1))
    }

    if (carry.length > 0 && !isLast) {
      // A rotated segment never grows again: its unfinished line was torn by a crash.
      onChunk(carry, carry.length)
      consumed += carry.length
    }

    return consumed
  } finally {
    await handle.close()
  }
}

export function parseLines(text: string, onEvent: (event: BaseEvent) => void, stats: ReadStats): void {
  for (const line of text.split('\n')) {
    if (line.length === 0) continue
    const event = parseEvent(line)
    if (event === undefined) {
      stats.corrupt++
    } else if (event.v > SCHEMA_VERSION) {
      stats.unsupported++
    } else {
      stats.events++
      onEvent(event)
    }
  }
}

function parseEvent(line: string): BaseEvent | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }

  if (typeof value !== 'object' || value === null) return undefined
  const event = value as Partial<BaseEvent>
  if (typeof event.v !== 'number' || typeof event.type !== 'string' || typeof event.ts !== 'number') return undefined
  return event as BaseEvent
}

import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

import type {BaseEvent} from './event-types.js'
import {type JournalCursor, type ReadStats, emptyStats, readSegment} from './journal-reader.js'
import {sortedSegments} from './segment-names.js'

export interface TailerOptions {
  /** Bytes per read (see readJournal). */
  chunkBytes?: number
  /** Called once per ingest with what it read, however many callers shared it. */
  onBatch?: (stats: ReadStats) => void
}

interface SegmentMark {
  segment: string
  offset: number
  ino: number | undefined
}

/**
 * Segments the cursor has moved past that are still watched for late lines: a process that chose
 * its segment just before another rotated can still append one line to the old one.
 */
const WATCHED_FINISHED = 4

/**
 * Follows a journal directory: each `ingest()` delivers only the events appended since the last
 * one. The only state kept is a cursor (segment name, byte offset, inode) and the end offsets of
 * the last few finished segments, so memory does not grow with the journal. Concurrent callers
 * share one ingest in progress (single flight).
 */
export class JournalTailer {
  readonly totals: ReadStats = emptyStats()
  private cursor: SegmentMark | undefined
  private finished: SegmentMark[] = []
  private running: Promise<ReadStats> | undefined
  private ingests = 0

  constructor(
    private readonly dir: string,
    private readonly onEvent: (event: BaseEvent) => void,
    private readonly options: TailerOptions = {},
  ) {}

  /** Completed ingests (for the status page and tests). */
  get ingestCount(): number {
    return this.ingests
  }

  /** Where the tailer stands, for diagnostics. */
  get position(): JournalCursor | undefined {
    return this.cursor && {offset: this.cursor.offset, segment: this.cursor.segment}
  }

  ingest(): Promise<ReadStats> {
    this.running ??= this.ingestOnce().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async ingestOnce(): Promise<ReadStats> {
    const stats = emptyStats()
    const segments = sortedSegments(await this.list())
    await this.checkCursor(segments.at(-1)?.file)
    await this.readLateLines(stats)
    const from = this.cursor
    const pending = segments.filter((s) => from === undefined || s.file >= from.segment)
    for (const [index, segment] of pending.entries()) {
      const start = from !== undefined && segment.file === from.segment ? from.offset : 0
      const isLast = index === pending.length - 1
      const path = join(this.dir, segment.file)
      const offset = await readSegment(path, start, isLast, this.onEvent, stats, this.options.chunkBytes)
      stats.segments++
      const mark = {ino: await inode(path), offset, segment: segment.file}
      if (isLast) this.cursor = mark
      else this.finished = [...this.finished, mark].slice(-WATCHED_FINISHED)
    }

    for (const key of Object.keys(stats) as Array<keyof ReadStats>) this.totals[key] += stats[key]
    this.ingests++
    this.options.onBatch?.(stats)
    return stats
  }

  private async list(): Promise<string[]> {
    try {
      return await readdir(this.dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
  }

  /**
   * Retention deletes old segments, which the cursor simply moves past. A segment replaced under
   * the same name (the journal directory wiped and started again) is read from its start; a
   * journal whose newest segment sorts before the cursor was reset, and is read from scratch.
   */
  private async checkCursor(newest: string | undefined): Promise<void> {
    if (this.cursor === undefined) return
    const info = await stat(join(this.dir, this.cursor.segment)).catch(() => undefined)
    if (info !== undefined) {
      if (info.ino !== this.cursor.ino || info.size < this.cursor.offset) this.cursor = {...this.cursor, offset: 0}
      return
    }

    if (newest !== undefined && newest < this.cursor.segment) {
      this.cursor = undefined
      this.finished = []
    }
  }

  /** Lines appended to a finished segment after the cursor moved on; an unfinished one waits. */
  private async readLateLines(stats: ReadStats): Promise<void> {
    const kept: SegmentMark[] = []
    for (const mark of this.finished) {
      const path = join(this.dir, mark.segment)
      const info = await stat(path).catch(() => undefined)
      if (info === undefined || info.ino !== mark.ino) continue
      if (info.size > mark.offset) mark.offset = await readSegment(path, mark.offset, true, this.onEvent, stats, this.options.chunkBytes)
      kept.push(mark)
    }

    this.finished = kept
  }
}

async function inode(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined)
  return info?.ino
}

import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

import type {BaseEvent} from './event-types.js'
import {type JournalCursor, type ReadStats, emptyStats, readJournal} from './journal-reader.js'
import {sortedSegments} from './segment-names.js'

export interface TailerOptions {
  /** Bytes per read (see readJournal). */
  chunkBytes?: number
  /** Called once per ingest with what it read, however many callers shared it. */
  onBatch?: (stats: ReadStats) => void
}

/**
 * Follows a journal directory: each `ingest()` delivers only the events appended since the last
 * one. The only state kept is a cursor (segment name, byte offset, inode), so memory does not
 * grow with the journal. Concurrent callers share one ingest in progress (single flight).
 */
export class JournalTailer {
  readonly totals: ReadStats = emptyStats()
  private cursor: JournalCursor | undefined
  private cursorIno: number | undefined
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

  ingest(): Promise<ReadStats> {
    this.running ??= this.ingestOnce().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async ingestOnce(): Promise<ReadStats> {
    await this.checkCursor()
    const {cursor, stats} = await readJournal(this.dir, this.onEvent, {chunkBytes: this.options.chunkBytes, from: this.cursor})
    this.cursor = cursor
    this.cursorIno = cursor ? await inode(join(this.dir, cursor.segment)) : undefined
    for (const key of Object.keys(stats) as Array<keyof ReadStats>) this.totals[key] += stats[key]
    this.ingests++
    this.options.onBatch?.(stats)
    return stats
  }

  /**
   * Retention deletes old segments, which the cursor simply moves past. A segment replaced under
   * the same name (the journal directory wiped and started again) is read from its start; a
   * journal whose newest segment sorts before the cursor was reset, and is read from scratch.
   */
  private async checkCursor(): Promise<void> {
    if (this.cursor === undefined) return
    const path = join(this.dir, this.cursor.segment)
    const info = await stat(path).catch(() => undefined)
    if (info !== undefined) {
      if (info.ino !== this.cursorIno || info.size < this.cursor.offset) this.cursor = {offset: 0, segment: this.cursor.segment}
      return
    }

    const files = await readdir(this.dir).catch(() => [] as string[])
    const newest = sortedSegments(files).at(-1)
    if (newest !== undefined && newest.file < this.cursor.segment) this.cursor = undefined
  }
}

async function inode(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined)
  return info?.ino
}

import {closeSync, fstatSync, mkdirSync, openSync, readSync, readdirSync, statSync, writeSync} from 'node:fs'
import {join} from 'node:path'

import type {JournalOptions} from './journal-options.js'
import {pruneSegments} from './retention.js'
import {segmentFile, sortedSegments, utcDay} from './segment-names.js'

const NEWLINE = 0x0a

/**
 * Appends events to the journal. Each append is one `write` on a file opened with O_APPEND, so
 * lines from many processes never interleave; the file is opened per append so that a rotation
 * by another process is seen at once. Kept free of heavy imports: it runs inside oclif hooks.
 */
export class JournalWriter {
  private segmentPath: string | undefined
  private segmentDay: string | undefined
  private readonly newlineProbe = Buffer.alloc(1)

  constructor(
    private readonly options: JournalOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one event. Throws on I/O errors: callers in hooks catch and carry on. */
  append(event: object): void {
    const line = JSON.stringify(event) + '\n'
    const path = this.segmentFor(Buffer.byteLength(line))
    const fd = openSync(path, 'a+')
    try {
      // A crash mid-append can leave a line without its newline; start on a fresh line so that
      // only the torn line is lost, not this one too.
      writeSync(fd, this.endsMidLine(fd) ? '\n' + line : line)
    } finally {
      closeSync(fd)
    }
  }

  private endsMidLine(fd: number): boolean {
    const {size} = fstatSync(fd)
    if (size === 0) return false
    readSync(fd, this.newlineProbe, 0, 1, size - 1)
    return this.newlineProbe[0] !== NEWLINE
  }

  private segmentFor(lineBytes: number): string {
    const day = utcDay(this.now())
    if (this.segmentPath === undefined || this.segmentDay !== day) {
      this.segmentPath = join(this.options.dir, segmentFile(day, this.latestSeq(day, true)))
      this.segmentDay = day
    }

    const size = sizeOf(this.segmentPath)
    if (size > 0 && size + lineBytes > this.options.maxSegmentBytes) {
      // Another process may have rotated already: join its segment unless that one is full too.
      const latest = this.latestSeq(day, false)
      const latestPath = join(this.options.dir, segmentFile(day, latest))
      const latestSize = latestPath === this.segmentPath ? size : sizeOf(latestPath)
      this.segmentPath =
        latestSize > 0 && latestSize + lineBytes > this.options.maxSegmentBytes
          ? join(this.options.dir, segmentFile(day, latest + 1))
          : latestPath
    }

    return this.segmentPath
  }

  /** Highest sequence number of `day`'s segments; on the first segment of a day, prunes old days. */
  private latestSeq(day: string, pruneOnNewDay: boolean): number {
    let files: string[]
    try {
      files = readdirSync(this.options.dir)
    } catch {
      mkdirSync(this.options.dir, {recursive: true})
      files = []
    }

    const today = sortedSegments(files).filter((s) => s.day === day)
    if (today.length === 0) {
      if (pruneOnNewDay) pruneSegments(this.options, this.now(), files)
      return 0
    }

    return today.at(-1)!.seq
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

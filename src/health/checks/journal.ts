import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {readJournal} from '../../journal/journal-reader.js'
import {sortedSegments} from '../../journal/segment-names.js'
import type {CheckOutcome, HealthCheck} from '../check.js'
import {unwritableReason} from '../writable-dir.js'

export interface JournalCheckOptions {
  dir: string
  /** Newest segments are scanned for corrupt lines up to this many bytes, so that a long retention does not make the check slow. */
  maxScanBytes?: number
}

export const DEFAULT_JOURNAL_SCAN_BYTES = 32 * 1024 * 1024

/** The oldest segment to read so that the newest segments, up to `budget` bytes, are scanned. */
async function scanStart(dir: string, budget: number): Promise<string | undefined> {
  let files: string[]
  try {
    files = await readdir(dir)
  } catch {
    return undefined
  }

  const segments = sortedSegments(files).reverse()
  let total = 0
  let start: string | undefined
  for (const segment of segments) {
    const size = await stat(join(dir, segment.file)).then((s) => s.size, () => 0)
    if (start !== undefined && total + size > budget) break
    total += size
    start = segment.file
  }

  return start
}

/** The monitoring journal: its directory is writable (else mgit's commands go unrecorded) and its recent lines parse. */
export function journalCheck(options: JournalCheckOptions): HealthCheck {
  return {
    name: 'journal',
    ready: true,
    async run(): Promise<CheckOutcome> {
      const reason = await unwritableReason(options.dir)
      if (reason !== undefined) {
        return {message: `journal directory ${options.dir} is not writable: ${reason}`, recommendation: 'Make the directory writable (or move it with MGIT_DATA_DIR); until then mgit commands are not recorded.', status: 'fail'}
      }

      const start = await scanStart(options.dir, options.maxScanBytes ?? DEFAULT_JOURNAL_SCAN_BYTES)
      const {stats} = await readJournal(options.dir, () => {}, start === undefined ? {} : {from: {offset: 0, segment: start}})
      const scanned = `${stats.events} event(s) in ${stats.segments} recent segment(s)`
      if (stats.corrupt > 0) {
        return {
          message: `${stats.corrupt} corrupt line(s) among ${scanned} (skipped by readers)`,
          observedUnit: 'corrupt lines',
          observedValue: stats.corrupt,
          recommendation: 'Corrupt lines come from crashes mid-write or from other writers; they are skipped and age out with retention. Check the disk if they keep appearing.',
          status: 'warn',
        }
      }

      return {message: `writable; ${scanned}, none corrupt`, observedUnit: 'corrupt lines', observedValue: 0, status: 'pass'}
    },
  }
}

import {readdirSync, unlinkSync} from 'node:fs'
import {join} from 'node:path'

import type {JournalOptions} from './journal-options.js'
import {sortedSegments, utcDay} from './segment-names.js'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Deletes segments whose day is older than the retention period. Returns the names deleted.
 * Synchronous and cheap: the writer calls it once per new day.
 */
export function pruneSegments(options: JournalOptions, now: number, files?: readonly string[]): string[] {
  const cutoff = utcDay(now - options.retentionDays * DAY_MS)
  let names: readonly string[]
  try {
    names = files ?? readdirSync(options.dir)
  } catch {
    return []
  }

  const deleted: string[] = []
  for (const segment of sortedSegments(names)) {
    if (segment.day >= cutoff) break
    try {
      unlinkSync(join(options.dir, segment.file))
      deleted.push(segment.file)
    } catch {
      // Another process deleted it first, or it is not ours to delete: either way, move on.
    }
  }

  return deleted
}

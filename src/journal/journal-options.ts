import {join} from 'node:path'

/** Where the journal lives and how it is rotated; all of it adjustable by environment. */
export interface JournalOptions {
  dir: string
  /** A segment is closed once it reaches this size. */
  maxSegmentBytes: number
  /** Segments older than this many days are deleted. */
  retentionDays: number
}

export const DEFAULT_MAX_SEGMENT_BYTES = 16 * 1024 * 1024
export const DEFAULT_RETENTION_DAYS = 30

/** A positive number from the environment, or the fallback when unset, empty or not positive. */
export function positiveNumber(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** The journal directory for an oclif data directory (`MGIT_DATA_DIR` moves the latter). */
export function journalDir(dataDir: string): string {
  return join(dataDir, 'monitoring', 'journal')
}

export function journalOptions(dataDir: string, env: NodeJS.ProcessEnv = process.env): JournalOptions {
  return {
    dir: journalDir(dataDir),
    maxSegmentBytes: positiveNumber(env.MGIT_MONITORING_SEGMENT_MAX_BYTES, DEFAULT_MAX_SEGMENT_BYTES),
    retentionDays: positiveNumber(env.MGIT_MONITORING_RETENTION_DAYS, DEFAULT_RETENTION_DAYS),
  }
}

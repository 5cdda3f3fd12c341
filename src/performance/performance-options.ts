import {journalOptions, positiveNumber} from '../journal/journal-options.js'
import {rollupDir} from './rollup-store.js'

/** Where the journal and the rollups live, and how long each is kept; all adjustable by environment. */
export interface StoreOptions {
  journalDir: string
  rollupDir: string
  /** Raw segments older than this are deleted by compaction once rolled up (default: the journal's retention). */
  rawRetentionDays: number
  /** Rollups older than this are deleted (default 90 days). */
  rollupRetentionDays: number
  /** Whether a worker thread may share the reading of a large journal (`MGIT_MONITORING_COMPACTION_THREADS=1`: no). */
  threads: boolean
}

export const DEFAULT_ROLLUP_RETENTION_DAYS = 90

export function storeOptions(dataDir: string, env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const journal = journalOptions(dataDir, env)
  return {
    journalDir: journal.dir,
    rawRetentionDays: positiveNumber(env.MGIT_MONITORING_RAW_RETENTION_DAYS, journal.retentionDays),
    rollupDir: rollupDir(dataDir),
    rollupRetentionDays: positiveNumber(env.MGIT_MONITORING_ROLLUP_RETENTION_DAYS, DEFAULT_ROLLUP_RETENTION_DAYS),
    threads: env.MGIT_MONITORING_COMPACTION_THREADS !== '1',
  }
}


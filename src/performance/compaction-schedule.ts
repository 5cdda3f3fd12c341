/**
 * Periodic compaction for the long-running server: journal segments are rolled up every hour even
 * when nobody runs `monitoring performance`, so the writer's retention never deletes raw events
 * that no rollup holds yet. One compaction at a time; the timers never keep the process alive.
 */
import {type CompactionReport, compact} from './compaction.js'
import type {StoreOptions} from './performance-options.js'

export const COMPACTION_INTERVAL_MS = 60 * 60 * 1000

/**
 * `MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES`: how often the server compacts (default 60);
 * `0` turns it off. Anything else that is not a positive number keeps the default.
 */
export function compactionIntervalMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.MGIT_MONITORING_COMPACTION_INTERVAL_MINUTES
  if (raw === undefined || raw.trim() === '') return COMPACTION_INTERVAL_MS
  const minutes = Number(raw)
  if (minutes === 0) return undefined
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60 * 1000 : COMPACTION_INTERVAL_MS
}

export interface CompactionSchedule {
  /** Cancels the next run and waits for one in progress. */
  stop(): Promise<void>
}

export interface ScheduleOptions {
  intervalMs?: number
  firstDelayMs?: number
  now?: () => number
  onReport?: (report: CompactionReport) => void
  onError?: (error: unknown) => void
}

export function scheduleCompaction(store: StoreOptions, options: ScheduleOptions = {}): CompactionSchedule {
  const intervalMs = options.intervalMs ?? COMPACTION_INTERVAL_MS
  let running: Promise<void> | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const runOnce = async (): Promise<void> => {
    try {
      const report = await compact({...store, now: (options.now ?? Date.now)()})
      options.onReport?.(report)
    } catch (error) {
      options.onError?.(error)
    }
  }

  const next = (delayMs: number): void => {
    if (stopped) return
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined
        next(intervalMs)
      })
    }, delayMs)
    timer.unref()
  }

  next(options.firstDelayMs ?? intervalMs)
  return {
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      await running
    },
  }
}

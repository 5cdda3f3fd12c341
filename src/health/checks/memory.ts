import {freemem, totalmem} from 'node:os'
import {getHeapStatistics} from 'node:v8'

import type {CheckDetail, CheckOutcome, HealthCheck} from '../check.js'
import {rollUp} from '../check.js'

export interface MemoryThresholds {
  /** Warn / fail when the system's available memory falls below this share of the total. */
  systemWarnFreeRatio: number
  systemFailFreeRatio: number
  /** Warn / fail when the heap in use reaches this share of V8's heap limit. */
  heapWarnRatio: number
  heapFailRatio: number
}

export const DEFAULT_MEMORY_THRESHOLDS: MemoryThresholds = {
  heapFailRatio: 0.95,
  heapWarnRatio: 0.85,
  systemFailFreeRatio: 0.02,
  systemWarnFreeRatio: 0.05,
}

export interface MemorySample {
  freeBytes: number
  totalBytes: number
  rssBytes: number
  heapUsedBytes: number
  heapLimitBytes: number
}

/** Available memory honours a cgroup limit (a Kubernetes pod) when there is one. */
export function sampleMemory(): MemorySample {
  const limit = process.constrainedMemory?.() ?? 0
  const {rss, heapUsed} = process.memoryUsage()
  const host = {free: freemem(), total: totalmem()}
  const constrained = limit > 0 && limit < host.total
  return {
    freeBytes: constrained ? Math.max(0, Math.min(host.free, limit - rss)) : host.free,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    heapUsedBytes: heapUsed,
    rssBytes: rss,
    totalBytes: constrained ? limit : host.total,
  }
}

const MIB = 1024 * 1024
const mib = (bytes: number): string => `${Math.round(bytes / MIB)} MiB`
const pct = (ratio: number): string => `${Math.round(ratio * 100)}%`

/** Memory: the system's available memory and this process's heap against V8's limit (RSS reported). */
export function memoryCheck(thresholds: Partial<MemoryThresholds> = {}, sample: () => MemorySample = sampleMemory): HealthCheck {
  const t = {...DEFAULT_MEMORY_THRESHOLDS, ...thresholds}
  return {
    name: 'memory',
    ready: false,
    async run(): Promise<CheckOutcome> {
      const s = sample()
      const freeRatio = s.totalBytes > 0 ? s.freeBytes / s.totalBytes : 0
      const systemStatus = freeRatio < t.systemFailFreeRatio ? 'fail' : freeRatio < t.systemWarnFreeRatio ? 'warn' : 'pass'
      const system: CheckDetail = {
        component: 'system',
        message: `${mib(s.freeBytes)} of ${mib(s.totalBytes)} available (${pct(freeRatio)})`,
        observedUnit: 'ratio',
        observedValue: Number(freeRatio.toFixed(4)),
        status: systemStatus,
        ...(systemStatus === 'pass' ? {} : {recommendation: 'Free memory on this machine or lower mgit\'s --concurrency.'}),
      }
      const heapRatio = s.heapLimitBytes > 0 ? s.heapUsedBytes / s.heapLimitBytes : 0
      const heapStatus = heapRatio >= t.heapFailRatio ? 'fail' : heapRatio >= t.heapWarnRatio ? 'warn' : 'pass'
      const heap: CheckDetail = {
        component: 'process',
        message: `heap ${mib(s.heapUsedBytes)} of ${mib(s.heapLimitBytes)} limit (${pct(heapRatio)}), RSS ${mib(s.rssBytes)}`,
        observedUnit: 'ratio',
        observedValue: Number(heapRatio.toFixed(4)),
        status: heapStatus,
        ...(heapStatus === 'pass' ? {} : {recommendation: 'Raise the heap limit (NODE_OPTIONS=--max-old-space-size) or restart the monitoring server.'}),
      }
      const outcome = rollUp('memory', [system, heap], 'memory checks', {message: '', status: 'pass'})
      return {...outcome, observedUnit: 'bytes', observedValue: s.freeBytes}
    },
  }
}

import checkDiskSpaceModule from 'check-disk-space'

import type {CheckDetail, CheckOutcome, HealthCheck} from '../check.js'
import {rollUp} from '../check.js'

/** Free-space limits; a bound left undefined is not checked. Either the bytes or the ratio bound triggers. */
export interface DiskThresholds {
  warnFreeBytes?: number
  failFreeBytes?: number
  /** Share of the filesystem's size, 0..1. */
  warnFreeRatio?: number
  failFreeRatio?: number
}

const GIB = 1024 ** 3

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = {
  failFreeBytes: 1 * GIB,
  failFreeRatio: 0.02,
  warnFreeBytes: 5 * GIB,
  warnFreeRatio: 0.05,
}

export interface DiskTarget {
  /** `clone-dir` or `data-dir`. */
  component: string
  path: string
}

export interface DiskSpace {
  free: number
  size: number
}

export type DiskSpaceReader = (path: string) => Promise<DiskSpace>

// The package's .d.ts describes its CommonJS build; imported as ESM, the default export is the function itself.
const checkDiskSpace = checkDiskSpaceModule as unknown as DiskSpaceReader

const gib = (bytes: number): string => `${(bytes / GIB).toFixed(1)} GiB`

function below(free: number, ratio: number, bytes?: number, ratioLimit?: number): boolean {
  return (bytes !== undefined && free < bytes) || (ratioLimit !== undefined && ratio < ratioLimit)
}

function judge(target: DiskTarget, space: DiskSpace, t: DiskThresholds): CheckDetail {
  const ratio = space.size > 0 ? space.free / space.size : 0
  const message = `${gib(space.free)} free of ${gib(space.size)} (${Math.round(ratio * 100)}%) at ${target.path}`
  const base = {component: target.component, message, observedUnit: 'bytes', observedValue: space.free}
  if (below(space.free, ratio, t.failFreeBytes, t.failFreeRatio)) {
    return {...base, recommendation: `Free disk space at ${target.path}: clones and the journal need room to grow.`, status: 'fail'}
  }

  if (below(space.free, ratio, t.warnFreeBytes, t.warnFreeRatio)) {
    return {...base, recommendation: `Disk space is running low at ${target.path}; free some before large clone-all runs.`, status: 'warn'}
  }

  return {...base, status: 'pass'}
}

/**
 * Disk space on the directory mgit clones into and on the data directory (same filesystem:
 * checked once per path anyway, they are cheap). A path that does not exist yet is measured on
 * its nearest existing parent, which is where it would be created.
 */
export function diskCheck(targets: DiskTarget[], thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS, read: DiskSpaceReader = checkDiskSpace): HealthCheck {
  return {
    name: 'disk',
    ready: true,
    async run(): Promise<CheckOutcome> {
      const details = await Promise.all(targets.map(async (target): Promise<CheckDetail> => {
        try {
          return judge(target, await read(target.path), thresholds)
        } catch (error) {
          return {component: target.component, message: `cannot measure free space at ${target.path}: ${(error as Error).message.split('\n', 1)[0]}`, recommendation: 'Check that the path is valid and that df works on this machine.', status: 'fail'}
        }
      }))
      const outcome = rollUp('disk', details, 'paths', {message: 'no path to check', status: 'pass'})
      const minFree = Math.min(...details.map((d) => (typeof d.observedValue === 'number' ? d.observedValue : Number.POSITIVE_INFINITY)))
      return Number.isFinite(minFree) ? {...outcome, observedUnit: 'bytes', observedValue: minFree} : outcome
    },
  }
}

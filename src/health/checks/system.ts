import type {CheckDetail, CheckOutcome, HealthCheck} from '../check.js'
import {rollUp} from '../check.js'
import {compareVersions} from '../version.js'
import {unwritableReason} from '../writable-dir.js'

export interface SystemCheckOptions {
  dataDir: string
  /** Lowest Node.js version mgit and this plugin support. */
  minNodeVersion?: string
  /** For tests: the running Node.js version. */
  nodeVersion?: string
}

export const DEFAULT_MIN_NODE_VERSION = '20.0.0'

/** System basics: a supported Node.js and a writable data directory (mgit's state and the journal live there). */
export function systemCheck(options: SystemCheckOptions): HealthCheck {
  const minimum = options.minNodeVersion ?? DEFAULT_MIN_NODE_VERSION
  return {
    name: 'system',
    ready: true,
    async run(): Promise<CheckOutcome> {
      const version = (options.nodeVersion ?? process.versions.node).replace(/^v/, '')
      const node: CheckDetail = compareVersions(version, minimum) >= 0
        ? {component: 'node', message: `Node.js ${version}`, observedValue: version, status: 'pass'}
        : {component: 'node', message: `Node.js ${version} is older than ${minimum}`, observedValue: version, recommendation: `Upgrade Node.js to ${minimum} or later.`, status: 'fail'}
      const reason = await unwritableReason(options.dataDir)
      const dataDir: CheckDetail = reason === undefined
        ? {component: 'data-dir', message: `${options.dataDir} is writable`, status: 'pass'}
        : {component: 'data-dir', message: `${options.dataDir} is not writable: ${reason}`, recommendation: 'Make the mgit data directory writable, or point MGIT_DATA_DIR at one that is.', status: 'fail'}
      const outcome = rollUp('system', [node, dataDir], 'system checks', {message: 'nothing checked', status: 'pass'})
      return {...outcome, observedUnit: 'node version', observedValue: version}
    },
  }
}

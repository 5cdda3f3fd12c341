import type {HealthCheck} from './check.js'
import {authCheck} from './checks/auth.js'
import {type DiskThresholds, diskCheck} from './checks/disk.js'
import {gitCheck} from './checks/git.js'
import {journalCheck} from './checks/journal.js'
import {type MemoryThresholds, memoryCheck} from './checks/memory.js'
import {networkCheck} from './checks/network.js'
import {providersCheck} from './checks/providers.js'
import {systemCheck} from './checks/system.js'
import {journalDir} from '../journal/journal-options.js'
import {loadProviderConfig} from './provider-config.js'

export interface HealthSettings {
  /** oclif's data directory (`MGIT_DATA_DIR`). */
  dataDir: string
  /** oclif's config directory (`MGIT_CONFIG_DIR`), holding mgit's config.yaml. */
  configDir: string
  /** Where mgit clones into; its disk is checked. */
  cloneDir: string
  disk?: DiskThresholds
  memory?: Partial<MemoryThresholds>
  minGitVersion?: string
  expiryWarnDays?: number
}

/** The seven checks of the seed plus the journal's, wired to mgit's directories and config. */
export function defaultChecks(settings: HealthSettings): HealthCheck[] {
  const source = (): ReturnType<typeof loadProviderConfig> => loadProviderConfig(settings.configDir)
  return [
    systemCheck({dataDir: settings.dataDir}),
    gitCheck(settings.minGitVersion === undefined ? {} : {minVersion: settings.minGitVersion}),
    networkCheck(source),
    diskCheck([{component: 'clone-dir', path: settings.cloneDir}, {component: 'data-dir', path: settings.dataDir}], settings.disk),
    memoryCheck(settings.memory),
    providersCheck(source),
    authCheck(source, settings.expiryWarnDays === undefined ? {} : {expiryWarnDays: settings.expiryWarnDays}),
    journalCheck({dir: journalDir(settings.dataDir)}),
  ]
}

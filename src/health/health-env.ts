import type {DiskThresholds} from './checks/disk.js'
import {DEFAULT_DISK_THRESHOLDS} from './checks/disk.js'
import type {MemoryThresholds} from './checks/memory.js'
import type {HealthSettings} from './default-checks.js'

/** A setting that cannot be used; its message is one line for the user. */
export class SettingError extends Error {}

function number(env: NodeJS.ProcessEnv, name: string, kind: 'bytes' | 'days' | 'ratio'): number | undefined {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  const valid = kind === 'ratio' ? Number.isFinite(value) && value >= 0 && value <= 1 : Number.isInteger(value) && value >= 0
  if (!valid) throw new SettingError(`${name} must be ${kind === 'ratio' ? 'a ratio between 0 and 1' : `a whole number of ${kind}`}, got "${raw}"`)
  return value
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/**
 * Thresholds and paths from the environment (`MGIT_HEALTH_*`), on top of the defaults, so that
 * the command, the server and a Kubernetes deployment share one way to tune them.
 */
export function healthSettings(base: {configDir: string; dataDir: string; cloneDir?: string}, env: NodeJS.ProcessEnv = process.env): HealthSettings {
  const disk: DiskThresholds = {
    ...DEFAULT_DISK_THRESHOLDS,
    ...defined({
      failFreeBytes: number(env, 'MGIT_HEALTH_DISK_FAIL_BYTES', 'bytes'),
      failFreeRatio: number(env, 'MGIT_HEALTH_DISK_FAIL_RATIO', 'ratio'),
      warnFreeBytes: number(env, 'MGIT_HEALTH_DISK_WARN_BYTES', 'bytes'),
      warnFreeRatio: number(env, 'MGIT_HEALTH_DISK_WARN_RATIO', 'ratio'),
    }),
  }
  const memory: Partial<MemoryThresholds> = defined({
    systemFailFreeRatio: number(env, 'MGIT_HEALTH_MEMORY_FAIL_RATIO', 'ratio'),
    systemWarnFreeRatio: number(env, 'MGIT_HEALTH_MEMORY_WARN_RATIO', 'ratio'),
  })
  const minGit = env.MGIT_HEALTH_MIN_GIT_VERSION?.trim()
  if (minGit !== undefined && minGit !== '' && !/^\d+(\.\d+)*$/.test(minGit)) {
    throw new SettingError(`MGIT_HEALTH_MIN_GIT_VERSION must be a version such as 2.25.0, got "${minGit}"`)
  }

  const expiryWarnDays = number(env, 'MGIT_HEALTH_TOKEN_EXPIRY_WARN_DAYS', 'days')
  return {
    cloneDir: base.cloneDir ?? (env.MGIT_HEALTH_CLONE_DIR?.trim() || process.cwd()),
    configDir: base.configDir,
    dataDir: base.dataDir,
    disk,
    memory,
    ...(minGit ? {minGitVersion: minGit} : {}),
    ...(expiryWarnDays === undefined ? {} : {expiryWarnDays}),
  }
}

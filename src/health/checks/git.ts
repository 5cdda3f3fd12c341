import {execa} from 'execa'

import type {CheckOutcome, HealthCheck} from '../check.js'
import {compareVersions} from '../version.js'

export interface GitCheckOptions {
  /** Lowest git version mgit works with. */
  minVersion?: string
  /** Environment of the git process; tests pass a PATH without git. */
  env?: NodeJS.ProcessEnv
}

/** Sparse checkout and partial clone (used by mgit's bulk clones) settled in git 2.25. */
export const DEFAULT_MIN_GIT_VERSION = '2.25.0'

const INSTALL = 'Install git (2.25 or later) and make sure it is on the PATH of the user running mgit.'

/** Git availability: `git --version` runs, and the version is at least the minimum. */
export function gitCheck(options: GitCheckOptions = {}): HealthCheck {
  const minimum = options.minVersion ?? DEFAULT_MIN_GIT_VERSION
  return {
    name: 'git',
    ready: true,
    async run({signal}): Promise<CheckOutcome> {
      let stdout: string
      try {
        const result = await execa('git', ['--version'], {
          cancelSignal: signal,
          env: options.env ?? process.env,
          extendEnv: false,
          stdin: 'ignore',
        })
        stdout = result.stdout
      } catch (error) {
        const code = (error as {code?: string}).code
        if (code === 'ENOENT') return {message: 'git not found on PATH', recommendation: INSTALL, status: 'fail'}
        return {message: `git --version failed (${(error as {shortMessage?: string}).shortMessage?.split('\n', 1)[0] ?? code ?? 'error'})`, recommendation: INSTALL, status: 'fail'}
      }

      const version = /git version (\d+(?:\.\d+)*)/.exec(stdout)?.[1]
      if (version === undefined) {
        return {message: `cannot parse the version from "${stdout.slice(0, 80)}"`, recommendation: INSTALL, status: 'warn'}
      }

      if (compareVersions(version, minimum) < 0) {
        return {message: `git ${version} is older than ${minimum}`, observedUnit: 'version', observedValue: version, recommendation: `Upgrade git to ${minimum} or later.`, status: 'fail'}
      }

      return {message: `git ${version}`, observedUnit: 'version', observedValue: version, status: 'pass'}
    },
  }
}

import {constants} from 'node:fs'
import {access, stat} from 'node:fs/promises'

import type {CheckResult, CheckStatus, HealthReport, HealthScope, HealthService} from '../health/health-types.js'
import {round3} from '../util/round.js'

export interface ServerHealthOptions {
  journalDir: string
  /** Corrupt journal lines the server has skipped so far. */
  corruptLines: () => number
  now?: () => number
}

const WEIGHT: Record<CheckStatus, number> = {fail: 0, pass: 1, warn: 0.5}

/**
 * What the server can say about health on its own, used when no full HealthService is wired in:
 * the process itself and the journal it serves (directory readable and writable, corrupt lines).
 * It reports only what it has actually checked.
 */
export class ServerHealth implements HealthService {
  private last: HealthReport | undefined
  private readonly now: () => number

  constructor(private readonly options: ServerHealthOptions) {
    this.now = options.now ?? Date.now
  }

  async check(scope: HealthScope): Promise<HealthReport> {
    const started = performance.now()
    const checks = [this.processCheck()]
    if (scope !== 'live') checks.push(await this.journalCheck())
    const report = summarize(checks, this.now(), performance.now() - started)
    if (scope === 'full') this.last = report
    return report
  }

  latest(): HealthReport | undefined {
    return this.last
  }

  private processCheck(): CheckResult {
    return {
      durationMs: 0,
      message: `monitoring server process ${process.pid} is running`,
      name: 'system',
      observedUnit: 's',
      observedValue: Math.round(process.uptime()),
      status: 'pass',
      time: new Date(this.now()).toISOString(),
    }
  }

  private async journalCheck(): Promise<CheckResult> {
    const started = performance.now()
    const time = new Date(this.now()).toISOString()
    const base = {name: 'journal', time}
    const info = await stat(this.options.journalDir).catch((error: NodeJS.ErrnoException) => error)
    const durationMs = (): number => round3(performance.now() - started)
    if (info instanceof Error) {
      return info.code === 'ENOENT'
        ? {...base, durationMs: durationMs(), message: 'journal directory does not exist yet: no mgit command has been recorded', recommendation: 'run any mgit command with the plugin installed', status: 'warn'}
        : {...base, durationMs: durationMs(), message: `journal directory cannot be read (${info.code ?? 'error'})`, status: 'fail'}
    }

    if (!info.isDirectory()) return {...base, durationMs: durationMs(), message: 'journal path is not a directory', recommendation: 'remove the file in the way of the journal directory', status: 'fail'}
    const writable = await access(this.options.journalDir, constants.R_OK | constants.W_OK | constants.X_OK).then(() => true, () => false)
    if (!writable) return {...base, durationMs: durationMs(), message: 'journal directory is not readable and writable', recommendation: 'fix the permissions of the mgit data directory', status: 'fail'}
    const corrupt = this.options.corruptLines()
    if (corrupt > 0) {
      return {...base, durationMs: durationMs(), message: `${corrupt} corrupt journal line(s) skipped`, observedUnit: 'lines', observedValue: corrupt, recommendation: 'lines torn by a crash are harmless; many of them point at a failing disk or a foreign writer', status: 'warn'}
    }

    return {...base, durationMs: durationMs(), message: 'journal directory is readable and writable', observedUnit: 'lines', observedValue: 0, status: 'pass'}
  }
}

/** Overall status is the worst check's; the score is the share passing, warn counting half. */
export function summarize(checks: CheckResult[], now: number, durationMs: number): HealthReport {
  const status: CheckStatus = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'pass'
  const score = checks.length === 0 ? 0 : checks.reduce((sum, c) => sum + WEIGHT[c.status], 0) / checks.length
  return {checks, durationMs: round3(durationMs), score, status, time: new Date(now).toISOString()}
}



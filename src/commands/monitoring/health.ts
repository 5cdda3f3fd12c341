import {Command, Flags, ux} from '@oclif/core'

import {type HealthSettings, defaultChecks} from '../../health/default-checks.js'
import {SettingError, healthSettings} from '../../health/health-env.js'
import {createHealthService} from '../../health/health-service.js'
import type {HealthReport, HealthScope} from '../../health/health-types.js'
import {type HealthJson, renderDetailed, renderVerdict, toHealthJson} from '../../health/render.js'

export const HEALTH_SCOPES = ['live', 'ready', 'full'] as const

export default class MonitoringHealth extends Command {
  static override description = `Check whether mgit can do its job on this machine and with its providers.

Runs the checks concurrently, each under its own timeout: system, git, network, disk, memory,
providers, auth (each configured token against its provider) and the monitoring journal.
Providers come from mgit's config.yaml in the config directory (MGIT_CONFIG_DIR moves it).
Exit code 0 when every check passes or warns, 1 when any check fails.`

  static override enableJsonFlag = true

  static override examples = [
    {command: '<%= config.bin %> <%= command.id %>', description: 'A short verdict.'},
    {command: '<%= config.bin %> <%= command.id %> --detailed', description: 'Every check and component, with recommendations.'},
    {command: '<%= config.bin %> <%= command.id %> --json', description: 'The health-check response format (status pass/warn/fail), for scripts.'},
    {command: '<%= config.bin %> <%= command.id %> --scope ready --timeout 2000', description: 'Only what mgit needs to work locally, 2 s per check.'},
  ]

  static override flags = {
    'clone-dir': Flags.string({description: 'Directory mgit clones into, whose disk space is checked [default: MGIT_HEALTH_CLONE_DIR or the current directory].'}),
    detailed: Flags.boolean({char: 'd', default: false, description: 'Show every check and component with its observed value and recommendation.'}),
    scope: Flags.string({
      default: 'full',
      description: 'live: the process only; ready: what mgit needs locally (system, git, disk, journal); full: everything.',
      options: [...HEALTH_SCOPES],
    }),
    timeout: Flags.integer({description: 'Timeout of each check, in milliseconds.', default: 5000, max: 600_000, min: 1}),
  }

  public async run(): Promise<HealthJson | undefined> {
    const {flags} = await this.parse(MonitoringHealth)
    const scope = flags.scope as HealthScope
    const settings = this.settings(flags['clone-dir'])
    const service = createHealthService({cacheMs: 0, checks: defaultChecks(settings), timeoutMs: flags.timeout})
    const report = await this.withProgress(scope, () => service.check(scope))
    // Set rather than exit: with --json oclif prints the returned document first.
    if (report.status === 'fail') process.exitCode = 1
    if (this.jsonEnabled()) return toHealthJson(report, scope, this.config.pjson.version)
    this.log(flags.detailed ? renderDetailed(report, scope) : renderVerdict(report, scope))
    return undefined
  }

  /** Thresholds and paths; an invalid MGIT_HEALTH_* value is a one-line usage error. */
  private settings(cloneDir: string | undefined): HealthSettings {
    try {
      return healthSettings({configDir: this.config.configDir, dataDir: this.config.dataDir, ...(cloneDir === undefined ? {} : {cloneDir})})
    } catch (error) {
      if (error instanceof SettingError) this.error(error.message, {exit: 2})
      throw error
    }
  }

  /** A spinner on stderr, only on a terminal and never with --json: pipes and logs stay clean. */
  private async withProgress(scope: HealthScope, work: () => Promise<HealthReport>): Promise<HealthReport> {
    const show = process.stderr.isTTY === true && !this.jsonEnabled() && scope !== 'live'
    if (!show) return work()
    ux.action.start('Running health checks', undefined, {stdout: false})
    try {
      return await work()
    } finally {
      ux.action.stop()
    }
  }
}

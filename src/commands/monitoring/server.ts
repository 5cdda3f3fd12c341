import {Command, Flags} from '@oclif/core'

import {defaultChecks} from '../../health/default-checks.js'
import {SettingError, healthSettings} from '../../health/health-env.js'
import {DEFAULT_CACHE_MS, createHealthService} from '../../health/health-service.js'
import type {HealthService} from '../../health/health-types.js'
import {journalOptions} from '../../journal/journal-options.js'
import {type CompactionSchedule, compactionIntervalMs, scheduleCompaction} from '../../performance/compaction-schedule.js'
import {storeOptions} from '../../performance/performance-options.js'
import {MonitoringServer} from '../../server/monitoring-server.js'
import {onTerminationSignal} from '../../server/shutdown.js'
import {describeError} from '../../util/user-error.js'

const PLUGIN_NAME = '@mgit/plugin-monitoring'
/** The first compaction waits for the start-up and first scrapes, but never longer than the interval. */
const FIRST_DELAY_MS = 30_000

export default class MonitoringServerCommand extends Command {
  static override description = `Serve mgit's metrics and health over HTTP for Prometheus and Kubernetes.

Endpoints: /metrics (Prometheus or OpenMetrics), /metrics/json, /health, /health/ready, /health/live, /health/detailed, /info, /status and / (an HTML overview).

The journal is tailed incrementally: each scrape reads only what was appended since the previous one. Stops gracefully on SIGTERM or SIGINT.

With a token, every endpoint except /health/live and /health/ready requires "Authorization: Bearer <token>".`

  static override examples = [
    {command: '<%= config.bin %> <%= command.id %>', description: 'Serve on http://127.0.0.1:8080.'},
    {command: 'MGIT_MONITORING_TOKEN=s3cret <%= config.bin %> <%= command.id %> --host 0.0.0.0 --port 9464', description: 'Serve on every interface, behind a bearer token.'},
  ]

  static override flags = {
    'auth-token': Flags.string({
      description: 'Require "Authorization: Bearer <token>" on every endpoint but the two probes. Prefer the environment variable: flags show in process lists.',
      env: 'MGIT_MONITORING_TOKEN',
    }),
    host: Flags.string({default: '127.0.0.1', description: 'Address to listen on. Anything but loopback exposes the metrics to the network.'}),
    port: Flags.integer({default: 8080, description: 'Port to listen on (0: any free port).', max: 65_535, min: 0}),
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(MonitoringServerCommand)
    const token = flags['auth-token']
    if (token !== undefined && token.trim() === '') this.error('the auth token is empty: set a non-empty --auth-token or MGIT_MONITORING_TOKEN', {exit: 2})
    const server = new MonitoringServer({
      authToken: token,
      health: this.healthService(),
      cliVersion: this.config.version,
      host: flags.host,
      journalDir: journalOptions(this.config.dataDir).dir,
      // Every command of the host, as the hooks record it (`monitoring metrics`, not `monitoring:metrics`).
      knownOperations: this.config.commands.map((command) => command.id.replaceAll(':', this.config.topicSeparator)),
      port: flags.port,
      version: this.config.plugins.get(PLUGIN_NAME)?.version,
    })
    // Handlers first: a signal that arrives while starting (or right after the "listening" line) must stop, not kill.
    let removeHandlers = (): void => {}
    const signalled = new Promise<NodeJS.Signals>((resolve) => {
      removeHandlers = onTerminationSignal(resolve)
    })
    let address
    try {
      address = await server.start()
    } catch (error) {
      removeHandlers()
      this.error(listenFailure(error, flags.host, flags.port), {exit: 1})
    }

    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    this.log(`mgit monitoring server listening on http://${host}:${address.port}${token ? ' (bearer token required)' : ''}`)
    const compaction = this.startCompaction()
    const signal = await signalled
    process.stderr.write(`${signal} received: finishing requests in progress, then exiting\n`)
    await Promise.all([server.stop(), compaction?.stop()])
    removeHandlers()
  }

  /** Rolls the journal up hourly, so that `monitoring performance` keeps its history past the journal's retention. */
  private startCompaction(): CompactionSchedule | undefined {
    const intervalMs = compactionIntervalMs()
    if (intervalMs === undefined) return undefined
    const log = (level: string, fields: object): void => {
      process.stderr.write(JSON.stringify({level, msg: 'compaction', ...fields, time: new Date().toISOString()}) + '\n')
    }

    return scheduleCompaction(storeOptions(this.config.dataDir), {
      firstDelayMs: Math.min(FIRST_DELAY_MS, intervalMs),
      intervalMs,
      onError: (error) => log('warn', {error: describeError(error)}),
      onReport: ({bytesRead, eventsRead, rawSegmentsDeleted, rollupsDeleted, rollupsWritten, warnings}) =>
        log(warnings.length > 0 ? 'warn' : 'info', {bytesRead, eventsRead, rawSegmentsDeleted, rollupsDeleted, rollupsWritten, ...(warnings.length > 0 ? {warnings} : {})}),
    })
  }

  /** The seven checks plus the journal's, cached so that probes and scrapes do not hammer providers. */
  private healthService(): HealthService {
    try {
      const settings = healthSettings({configDir: this.config.configDir, dataDir: this.config.dataDir})
      return createHealthService({cacheMs: DEFAULT_CACHE_MS, checks: defaultChecks(settings)})
    } catch (error) {
      if (error instanceof SettingError) this.error(error.message, {exit: 2})
      throw error
    }
  }
}

function listenFailure(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') return `cannot listen on ${host}:${port}: the port is already in use`
  if (code === 'EACCES') return `cannot listen on ${host}:${port}: permission denied`
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot listen on ${host}:${port}: no such local address`
  return `cannot listen on ${host}:${port}: ${(error as Error).message ?? String(error)}`.split('\n', 1)[0]
}

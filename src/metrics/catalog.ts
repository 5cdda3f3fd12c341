import type {HealthService} from '../health/health-types.js'
import type {
  ApiRequestEvent,
  AuthAttemptEvent,
  BaseEvent,
  CommandEndEvent,
  CommandStartEvent,
  GitOperationEvent,
  RepositoryResultEvent,
} from '../journal/event-types.js'
import type {ReadStats} from '../journal/journal-reader.js'
import {ApiMetrics} from './api-metrics.js'
import {AuthMetrics} from './auth-metrics.js'
import {CommandMetrics} from './command-metrics.js'
import type {MetricsRegistry} from './exposition.js'
import {GitMetrics} from './git-metrics.js'
import {registerHealthMetrics} from './health-metrics.js'
import {type InFlightOptions, InFlightMetrics} from './in-flight-metrics.js'
import {JournalStatsMetrics} from './journal-stats-metrics.js'
import {registerProcessMetrics} from './process-metrics.js'
import {RepositoryMetrics} from './repository-metrics.js'

export interface CatalogOptions {
  /** Adds `mgit_health_overall` and `mgit_health_check_status`, read from the service at scrape time. */
  health?: HealthService
  /** Adds prom-client's process metrics (the server; not the one-shot `monitoring metrics`). */
  processMetrics?: boolean
  inFlight?: InFlightOptions
}

/**
 * Every metric family of the plugin on one registry, fed one journal event at a time. Both the
 * `monitoring metrics` command and the server use it, so they expose the same catalog.
 */
export class MetricsCatalog {
  readonly commands: CommandMetrics
  readonly inFlight: InFlightMetrics
  private readonly git: GitMetrics
  private readonly api: ApiMetrics
  private readonly auth: AuthMetrics
  private readonly repositories: RepositoryMetrics
  private readonly journal: JournalStatsMetrics

  constructor(readonly registry: MetricsRegistry, options: CatalogOptions = {}) {
    this.commands = new CommandMetrics(registry)
    this.inFlight = new InFlightMetrics(registry, options.inFlight)
    this.git = new GitMetrics(registry)
    this.api = new ApiMetrics(registry)
    this.auth = new AuthMetrics(registry)
    this.repositories = new RepositoryMetrics(registry)
    this.journal = new JournalStatsMetrics(registry)
    if (options.health) registerHealthMetrics(registry, options.health)
    if (options.processMetrics) registerProcessMetrics(registry)
  }

  /** Unknown event types are ignored: newer producers may add some. */
  observe(event: BaseEvent): void {
    switch (event.type) {
      case 'command_start':
        this.inFlight.start(event as CommandStartEvent)
        break
      case 'command_end':
        this.commands.observe(event as CommandEndEvent)
        this.inFlight.end(event as CommandEndEvent)
        break
      case 'git_operation':
        this.git.observe(event as GitOperationEvent)
        break
      case 'api_request':
        this.api.observe(event as ApiRequestEvent)
        break
      case 'auth_attempt':
        this.auth.observe(event as AuthAttemptEvent)
        break
      case 'repository_result':
        this.repositories.observe(event as RepositoryResultEvent)
        break
      default:
        break
    }
  }

  addReadStats(stats: ReadStats): void {
    this.journal.add(stats)
  }
}

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
  /** Event type → the families it feeds. */
  private readonly handlers: ReadonlyMap<string, (event: BaseEvent) => void>

  constructor(readonly registry: MetricsRegistry, options: CatalogOptions = {}) {
    this.commands = new CommandMetrics(registry)
    this.inFlight = new InFlightMetrics(registry, options.inFlight)
    this.git = new GitMetrics(registry)
    this.api = new ApiMetrics(registry)
    this.auth = new AuthMetrics(registry)
    this.repositories = new RepositoryMetrics(registry)
    this.journal = new JournalStatsMetrics(registry)
    this.handlers = new Map<string, (event: BaseEvent) => void>([
      ['command_start', (e) => this.inFlight.start(e as CommandStartEvent)],
      ['command_end', (e) => {
        this.commands.observe(e as CommandEndEvent)
        this.inFlight.end(e as CommandEndEvent)
      }],
      ['git_operation', (e) => this.git.observe(e as GitOperationEvent)],
      ['api_request', (e) => this.api.observe(e as ApiRequestEvent)],
      ['auth_attempt', (e) => this.auth.observe(e as AuthAttemptEvent)],
      ['repository_result', (e) => this.repositories.observe(e as RepositoryResultEvent)],
    ])
    if (options.health) registerHealthMetrics(registry, options.health)
    if (options.processMetrics) registerProcessMetrics(registry)
  }

  /** Unknown event types are ignored: newer producers may add some. */
  observe(event: BaseEvent): void {
    this.handlers.get(event.type)?.(event)
  }

  addReadStats(stats: ReadStats): void {
    this.journal.add(stats)
  }
}

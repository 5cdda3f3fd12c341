import {Counter, Registry, type RegistryContentType} from 'prom-client'

import type {HealthService} from '../health/health-types.js'
import {isCommandEnd} from '../journal/event-types.js'
import {JournalTailer} from '../journal/journal-tailer.js'
import {MetricsCatalog} from '../metrics/catalog.js'
import {type Exposition, type MetricFormat, type MetricsRegistry, expose} from '../metrics/exposition.js'
import type {InFlightOptions} from '../metrics/in-flight-metrics.js'
import {RecentCommands} from './recent-commands.js'

export interface LiveMetricsOptions {
  journalDir: string
  health: HealthService
  inFlight?: InFlightOptions
  /** Leave out prom-client's process metrics (benchmarks measure the catalog alone). */
  processMetrics?: boolean
  /** Commands whose run counters start at 0 (the host's commands, as users type them). */
  knownOperations?: readonly string[]
}

/**
 * The server's metrics: one registry and catalog for the life of the process, brought up to date
 * from the journal tail before each render.
 */
export class LiveMetrics {
  readonly registry: MetricsRegistry = new Registry<RegistryContentType>()
  readonly catalog: MetricsCatalog
  readonly tailer: JournalTailer
  readonly recent = new RecentCommands()
  /** The error code of the last failed ingest, cleared by the next good one. */
  lastReadError: string | undefined
  private readonly readErrors: Counter

  constructor(options: LiveMetricsOptions) {
    this.catalog = new MetricsCatalog(this.registry, {
      health: options.health,
      inFlight: options.inFlight,
      processMetrics: options.processMetrics ?? true,
    })
    this.catalog.commands.initialise(options.knownOperations ?? [])
    this.tailer = new JournalTailer(options.journalDir, (event) => {
      this.catalog.observe(event)
      if (isCommandEnd(event)) this.recent.add(event)
    }, {onBatch: (stats) => this.catalog.addReadStats(stats)})
    this.readErrors = new Counter({
      help: 'Journal reads that failed (the journal path unreadable); metrics stay at their last values meanwhile.',
      name: 'mgit_journal_read_errors_total',
      registers: [this.registry],
    })
  }

  /** Ingests what was appended since the last call (shared by concurrent callers). */
  async refresh(): Promise<void> {
    // A broken journal must not take the endpoints down: the health checks report it instead.
    try {
      await this.tailer.ingest()
      this.lastReadError = undefined
    } catch (error) {
      this.lastReadError = (error as NodeJS.ErrnoException).code ?? 'error'
      this.readErrors.inc()
    }
  }

  async render(format: MetricFormat): Promise<Exposition> {
    await this.refresh()
    return expose(this.registry, format)
  }
}

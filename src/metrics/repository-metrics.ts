import {Counter} from 'prom-client'

import type {RepositoryResultEvent} from '../journal/event-types.js'
import type {MetricsRegistry} from './exposition.js'
import {operationLabel, providerLabel, repositoryResultLabel} from './label-values.js'

/**
 * Repositories processed by bulk commands, by result. One series per (command, provider, result),
 * however many repositories there are: the repository itself is never a label.
 */
export class RepositoryMetrics {
  private readonly processed: Counter<'operation' | 'provider' | 'result'>

  constructor(registry: MetricsRegistry) {
    this.processed = new Counter({
      help: 'Repositories processed by bulk mgit commands (clone-all, pull-all), by result.',
      labelNames: ['operation', 'provider', 'result'],
      name: 'mgit_repositories_processed_total',
      registers: [registry],
    })
  }

  observe(event: RepositoryResultEvent): void {
    this.processed.inc({
      operation: operationLabel(event.operation),
      provider: providerLabel(event.provider),
      result: repositoryResultLabel(event.result),
    })
  }
}

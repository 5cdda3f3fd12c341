import {Counter, Histogram} from 'prom-client'

import type {GitOperationEvent} from '../journal/event-types.js'
import {GIT_CLONE_BUCKETS} from './buckets.js'
import type {MetricsRegistry} from './exposition.js'
import {errorCategoryLabel, gitOperationLabel, providerLabel, resultLabel, seconds} from './label-values.js'

/** `mgit_git_operations_total` and `mgit_git_clone_duration_seconds`, from `git_operation` events. */
export class GitMetrics {
  private readonly operations: Counter<'operation' | 'provider' | 'result' | 'error_category'>
  private readonly cloneDuration: Histogram<'provider' | 'result'>

  constructor(registry: MetricsRegistry) {
    const registers = [registry]
    this.operations = new Counter({
      help: 'git processes run by mgit, by git subcommand, provider and result.',
      labelNames: ['operation', 'provider', 'result', 'error_category'],
      name: 'mgit_git_operations_total',
      registers,
    })
    this.cloneDuration = new Histogram({
      buckets: GIT_CLONE_BUCKETS,
      help: 'Duration of each git clone run by mgit, in seconds.',
      labelNames: ['provider', 'result'],
      name: 'mgit_git_clone_duration_seconds',
      registers,
    })
  }

  observe(event: GitOperationEvent): void {
    const operation = gitOperationLabel(event.operation)
    const provider = providerLabel(event.provider)
    const result = resultLabel(event.success)
    const errorCategory = event.success ? 'none' : errorCategoryLabel(event.errorCategory)
    this.operations.inc({error_category: errorCategory, operation, provider, result})
    if (operation === 'clone') this.cloneDuration.observe({provider, result}, seconds(event.durationMs))
  }
}

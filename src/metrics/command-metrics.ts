import {Counter, Gauge, Histogram} from 'prom-client'

import type {CommandEndEvent} from '../journal/event-types.js'
import {COMMAND_DURATION_BUCKETS} from './buckets.js'
import type {MetricsRegistry} from './exposition.js'
import {errorCategoryLabel, operationLabel} from './label-values.js'

const INVOCATION_KINDS = new Set<string>(['command', 'help', 'version', 'not_found'])

/**
 * The command-level metrics, fed one `command_end` event at a time. Labels come only from closed
 * sets (command IDs of the host, result, error category, invocation kind).
 */
export class CommandMetrics {
  private readonly total: Counter<'operation'>
  private readonly success: Counter<'operation'>
  private readonly failure: Counter<'operation' | 'error_category'>
  private readonly duration: Histogram<'operation' | 'result'>
  private readonly lastSuccess: Gauge<'operation'>
  private readonly invocations: Counter<'kind' | 'result'>
  private readonly lastSuccessSeconds = new Map<string, number>()

  constructor(registry: MetricsRegistry) {
    const registers = [registry]
    this.total = new Counter({help: 'mgit commands run, by command.', labelNames: ['operation'], name: 'mgit_operations_total', registers})
    this.success = new Counter({help: 'mgit commands that exited 0.', labelNames: ['operation'], name: 'mgit_operations_success_total', registers})
    this.failure = new Counter({
      help: 'mgit commands that exited non-zero, by error category.',
      labelNames: ['operation', 'error_category'],
      name: 'mgit_operations_failure_total',
      registers,
    })
    this.duration = new Histogram({
      buckets: COMMAND_DURATION_BUCKETS,
      help: 'Duration of mgit commands from start to end, in seconds.',
      labelNames: ['operation', 'result'],
      name: 'mgit_operation_duration_seconds',
      registers,
    })
    this.lastSuccess = new Gauge({
      help: 'Unix time of the last successful run of each command.',
      labelNames: ['operation'],
      name: 'mgit_operation_last_success_timestamp_seconds',
      registers,
    })
    this.invocations = new Counter({
      help: 'Every invocation of the CLI, including help, version and unknown commands.',
      labelNames: ['kind', 'result'],
      name: 'mgit_cli_invocations_total',
      registers,
    })
  }

  /**
   * Starts the run counters of these commands at 0. Prometheus takes a series' first sample as its
   * start, so a counter born at 1 hides its first run from rate() and increase(): the server starts
   * the host's commands at 0, so that their first run after it starts is seen, and failure ratios
   * computed as (runs - successes) / runs see the first failure of any category.
   */
  initialise(operations: readonly string[]): void {
    for (const raw of operations) {
      const operation = operationLabel(raw)
      this.total.inc({operation}, 0)
      this.success.inc({operation}, 0)
    }
  }

  observe(event: CommandEndEvent): void {
    const result = event.success ? 'success' : 'failure'
    this.invocations.inc({kind: INVOCATION_KINDS.has(event.kind) ? event.kind : 'command', result})
    // Help, version and typos are not operations: they would skew failure rates and durations.
    if (event.kind !== 'command' || event.cmd === '') return
    const operation = operationLabel(event.cmd)
    this.total.inc({operation})
    if (event.success) {
      this.success.inc({operation})
      // Events can arrive out of order across segments written by concurrent processes.
      const seconds = event.ts / 1000
      if (seconds > (this.lastSuccessSeconds.get(operation) ?? 0)) {
        this.lastSuccessSeconds.set(operation, seconds)
        this.lastSuccess.set({operation}, seconds)
      }
    } else {
      this.failure.inc({error_category: errorCategoryLabel(event.errorCategory), operation})
    }

    this.duration.observe({operation, result}, Math.max(0, event.durationMs) / 1000)
  }
}

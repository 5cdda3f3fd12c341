import {Counter} from 'prom-client'

import type {AuthAttemptEvent} from '../journal/event-types.js'
import type {MetricsRegistry} from './exposition.js'
import {errorCategoryLabel, providerLabel, resultLabel} from './label-values.js'

/** `mgit_auth_attempts_total` from `auth_attempt` events; never a user name, only the provider type. */
export class AuthMetrics {
  private readonly attempts: Counter<'provider' | 'result' | 'error_category'>

  constructor(registry: MetricsRegistry) {
    this.attempts = new Counter({
      help: 'Authentication attempts against providers, by provider type and result.',
      labelNames: ['provider', 'result', 'error_category'],
      name: 'mgit_auth_attempts_total',
      registers: [registry],
    })
  }

  observe(event: AuthAttemptEvent): void {
    this.attempts.inc({
      error_category: event.success ? 'none' : errorCategoryLabel(event.errorCategory),
      provider: providerLabel(event.provider),
      result: resultLabel(event.success),
    })
  }
}

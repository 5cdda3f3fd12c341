import {Counter, Histogram} from 'prom-client'

import type {ApiRequestEvent} from '../journal/event-types.js'
import {API_REQUEST_BUCKETS} from './buckets.js'
import type {MetricsRegistry} from './exposition.js'
import {methodLabel, providerLabel, seconds, statusClassLabel} from './label-values.js'

/**
 * Provider API calls from `api_request` events. The endpoint template and the exact status are
 * left out of the labels: the status class and method are enough to alert on, and keep the
 * series count fixed whatever the provider's API looks like.
 */
export class ApiMetrics {
  private readonly requests: Counter<'provider' | 'method' | 'status_class'>
  private readonly duration: Histogram<'provider' | 'method'>
  private readonly rateLimits: Counter<'provider'>

  constructor(registry: MetricsRegistry) {
    const registers = [registry]
    this.requests = new Counter({
      help: 'Provider API requests made by mgit, by provider, method and HTTP status class (error: no response).',
      labelNames: ['provider', 'method', 'status_class'],
      name: 'mgit_api_requests_total',
      registers,
    })
    this.duration = new Histogram({
      buckets: API_REQUEST_BUCKETS,
      help: 'Duration of provider API requests, in seconds.',
      labelNames: ['provider', 'method'],
      name: 'mgit_api_request_duration_seconds',
      registers,
    })
    this.rateLimits = new Counter({
      help: 'Provider API responses that reported an exhausted rate limit (429, or 403 with the limit at zero).',
      labelNames: ['provider'],
      name: 'mgit_api_rate_limit_hits_total',
      registers,
    })
  }

  observe(event: ApiRequestEvent): void {
    const provider = providerLabel(event.provider)
    const method = methodLabel(event.method)
    this.requests.inc({method, provider, status_class: statusClassLabel(event.statusClass)})
    this.duration.observe({method, provider}, seconds(event.durationMs))
    if (event.rateLimited === true) this.rateLimits.inc({provider})
  }
}

/**
 * Records the host process's outgoing HTTP requests through Node's diagnostics channels
 * (`undici:request:*` for fetch, `http.client.*` for node:http): no code change in the host,
 * and subscribing costs next to nothing. Only a route template, never a URL, is recorded.
 */
import dc from 'node:diagnostics_channel'

import {CORRELATION_HEADER} from '../../correlation/propagation.js'
import {currentContext, currentCorrelationId, newSpanId} from '../../correlation/context.js'
import {type ApiRequestEvent, type ProviderType, SCHEMA_VERSION} from '../../journal/event-types.js'
import {categorizeError} from '../error-category.js'
import {endpointTemplate} from './endpoint-template.js'
import {RATE_LIMIT_HEADER, categorizeStatus, isRateLimited, statusClass} from './http-outcome.js'
import {hostOf, knownProvider} from './provider-hosts.js'
import {round3} from '../../util/round.js'

export interface HttpInstrumentationOptions {
  /** Receives one event per finished request; must not throw (it is wrapped anyway). */
  sink: (event: ApiRequestEvent) => void
  /** Hosts of mgit's configured providers, asked for lazily on the first unknown host. */
  configuredHosts: () => ReadonlyMap<string, ProviderType>
}

interface Pending {
  startedAt: number
  cid: string
  parentSpanId?: string
  provider: ProviderType
  method: string
  endpoint: string
  done: boolean
}

interface UndiciRequest {
  origin?: string | URL
  path?: string
  method?: string
  headers?: unknown
  addHeader?: (name: string, value: string) => unknown
}

interface HttpClientRequest {
  host?: string
  path?: string
  method?: string
  getHeader?: (name: string) => unknown
}

interface Subscription {
  name: string
  handler: (message: unknown) => void
}


export class HttpInstrumentation {
  private readonly pending = new WeakMap<object, Pending>()
  private readonly subscriptions: Subscription[] = []
  private configured: ReadonlyMap<string, ProviderType> | undefined

  constructor(private readonly options: HttpInstrumentationOptions) {}

  start(): void {
    this.on('undici:request:create', (m) => this.undiciCreate(m as {request: UndiciRequest}))
    this.on('undici:request:headers', (m) => this.undiciHeaders(m as {request: object; response: {statusCode: number; headers: unknown}}))
    this.on('undici:request:error', (m) => this.failed(m as {request: object; error: unknown}))
    this.on('http.client.request.start', (m) => this.httpStart(m as {request: HttpClientRequest}))
    this.on('http.client.response.finish', (m) =>
      this.httpFinish(m as {request: object; response: {statusCode?: number; headers?: Record<string, unknown>}}),
    )
    this.on('http.client.request.error', (m) => this.failed(m as {request: object; error: unknown}))
  }

  stop(): void {
    for (const {name, handler} of this.subscriptions.splice(0)) dc.unsubscribe(name, handler)
  }

  private on(name: string, handler: (message: unknown) => void): void {
    // A failure in here must never reach the host's request.
    const safe = (message: unknown): void => {
      try {
        handler(message)
      } catch {}
    }

    dc.subscribe(name, safe)
    this.subscriptions.push({handler: safe, name})
  }

  private providerOf(host: string): ProviderType {
    const known = knownProvider(host)
    if (known) return known
    this.configured ??= this.options.configuredHosts()
    return this.configured.get(host) ?? this.configured.get(host.replace(/:\d+$/, '')) ?? 'other'
  }

  private begin(request: object, host: string, method: string, path: string): Pending {
    // Captured now: the async context at response time belongs to the socket, not the caller.
    const context = currentContext()
    const pending: Pending = {
      cid: context?.cid ?? currentCorrelationId(),
      // Requests made inside `monitorProviderApiCall` are recorded there; here they only get the header.
      done: context?.recordsApiCall === true,
      endpoint: endpointTemplate(path),
      method: normaliseMethod(method),
      provider: this.providerOf(host),
      startedAt: performance.now(),
      ...(context ? {parentSpanId: context.spanId} : {}),
    }
    this.pending.set(request, pending)
    return pending
  }

  private undiciCreate({request}: {request: UndiciRequest}): void {
    const origin = String(request.origin ?? '')
    const host = hostOf(origin) ?? ''
    const pending = this.begin(request, host, request.method ?? 'GET', request.path ?? '/')
    // Provider hosts only: other servers have no use for the ID, and it is ours to add only to fetch,
    // whose request is still open here (node:http has sent its headers by the time we hear of it).
    if (pending.provider !== 'other' && typeof request.addHeader === 'function' && !hasHeader(request.headers, CORRELATION_HEADER)) {
      request.addHeader(CORRELATION_HEADER, pending.cid)
    }
  }

  private undiciHeaders({request, response}: {request: object; response: {statusCode: number; headers: unknown}}): void {
    this.finish(request, response.statusCode, rawHeader(response.headers, RATE_LIMIT_HEADER))
  }

  private httpStart({request}: {request: HttpClientRequest}): void {
    const hostHeader = typeof request.getHeader === 'function' ? request.getHeader('host') : undefined
    const host = typeof hostHeader === 'string' ? hostHeader : (request.host ?? '')
    this.begin(request, host.toLowerCase(), request.method ?? 'GET', request.path ?? '/')
  }

  private httpFinish({request, response}: {request: object; response: {statusCode?: number; headers?: Record<string, unknown>}}): void {
    const remaining = response.headers?.[RATE_LIMIT_HEADER]
    this.finish(request, response.statusCode ?? 0, typeof remaining === 'string' ? remaining : undefined)
  }

  private finish(request: object, status: number, remaining: string | undefined): void {
    const pending = this.pending.get(request)
    if (!pending || pending.done) return
    pending.done = true
    const rateLimited = isRateLimited(status, remaining)
    this.emit(pending, status, rateLimited, categorizeStatus(status, rateLimited))
  }

  private failed({request, error}: {request: object; error: unknown}): void {
    const pending = this.pending.get(request)
    // An error after the response headers (a body aborted) was already recorded with its status.
    if (!pending || pending.done) return
    pending.done = true
    this.emit(pending, 0, false, categorizeError(error, 1))
  }

  private emit(pending: Pending, status: number, rateLimited: boolean, errorCategory: ApiRequestEvent['errorCategory']): void {
    const event: ApiRequestEvent = {
      cid: pending.cid,
      durationMs: round3(performance.now() - pending.startedAt),
      endpoint: pending.endpoint,
      errorCategory,
      method: pending.method,
      pid: process.pid,
      provider: pending.provider,
      rateLimited,
      spanId: newSpanId(),
      status,
      statusClass: statusClass(status),
      ts: Date.now(),
      type: 'api_request',
      v: SCHEMA_VERSION,
      ...(pending.parentSpanId ? {parentSpanId: pending.parentSpanId} : {}),
    }
    this.options.sink(event)
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** Methods are a label: anything unusual collapses to OTHER. */
export function normaliseMethod(method: string): string {
  const upper = method.toUpperCase()
  return METHODS.has(upper) ? upper : 'OTHER'
}

/** undici hands headers over as a flat [name, value, ...] array of Buffers (or strings). */
function rawHeader(headers: unknown, name: string): string | undefined {
  if (!Array.isArray(headers)) return undefined
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1])
  }

  return undefined
}

function hasHeader(headers: unknown, name: string): boolean {
  const lower = name.toLowerCase()
  if (typeof headers === 'string') return headers.toLowerCase().includes(`${lower}:`)
  if (Array.isArray(headers)) return headers.some((h, i) => i % 2 === 0 && String(h).toLowerCase() === lower)
  return false
}

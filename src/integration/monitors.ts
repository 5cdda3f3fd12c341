/**
 * The integration API: wrappers for async work (`monitorGitOperation(options, fn)`) that are
 * also TypeScript 5 standard method decorators (`@monitorGitOperation(options)`). Each runs the
 * work in its own correlation span and records one journal event with the real outcome; the
 * work's result or error passes through unchanged.
 */
import {type CorrelationContext, type CorrelationFields, childContext, runInContext} from '../correlation/context.js'
import {categorizeError} from '../instrumentation/error-category.js'
import {endpointTemplate, isKnownTemplate} from '../instrumentation/http/endpoint-template.js'
import {normaliseMethod} from '../instrumentation/http/http-instrumentation.js'
import {RATE_LIMIT_HEADER, categorizeStatus, isRateLimited, statusClass} from '../instrumentation/http/http-outcome.js'
import {providerOfUrl} from '../instrumentation/http/provider-hosts.js'
import {
  type ApiRequestEvent,
  type AuthAttemptEvent,
  type BaseEvent,
  GIT_OPERATIONS,
  type GitOperation,
  type GitOperationEvent,
  type ProviderType,
  SCHEMA_VERSION,
  type SpanEvent,
} from '../journal/event-types.js'
import {exitCodeOf, headerOf, statusOf} from './outcome.js'
import {recordEvent} from './recorder.js'
import {round3} from '../util/round.js'

type Outcome = {ok: true; value: unknown; durationMs: number} | {ok: false; error: unknown; durationMs: number}

interface MonitorSpec<O> {
  context(options: O): CorrelationFields & {recordsApiCall?: boolean}
  event(options: O, outcome: Outcome, span: CorrelationContext): BaseEvent
}

/** A standard (TS 5) decorator for async methods. */
export type MonitorDecorator = <This, Args extends unknown[], R>(
  target: (this: This, ...args: Args) => Promise<R>,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Promise<R>>,
) => (this: This, ...args: Args) => Promise<R>


async function runMonitored<O, T>(spec: MonitorSpec<O>, options: O, fn: () => Promise<T>): Promise<T> {
  const span = childContext(spec.context(options))
  const startedAt = performance.now()
  return runInContext(span, async () => {
    let value: T
    try {
      value = await fn()
    } catch (error) {
      recordEvent(spec.event(options, {durationMs: round3(performance.now() - startedAt), error, ok: false}, span))
      throw error
    }

    recordEvent(spec.event(options, {durationMs: round3(performance.now() - startedAt), ok: true, value}, span))
    return value
  })
}

function decorator<O>(spec: MonitorSpec<O>, options: O): MonitorDecorator {
  return function <This, Args extends unknown[], R>(target: (this: This, ...args: Args) => Promise<R>) {
    return function (this: This, ...args: Args): Promise<R> {
      return runMonitored(spec, options, () => target.apply(this, args))
    }
  }
}

function base<T extends string>(type: T, span: CorrelationContext): BaseEvent & {type: T; spanId: string; parentSpanId?: string} {
  return {
    cid: span.cid,
    pid: process.pid,
    spanId: span.spanId,
    ts: Date.now(),
    type,
    v: SCHEMA_VERSION,
    ...(span.parentSpanId ? {parentSpanId: span.parentSpanId} : {}),
  }
}

function errorCategoryOf(outcome: Outcome, exitCode: number): SpanEvent['errorCategory'] {
  return outcome.ok ? 'none' : categorizeError(outcome.error, exitCode)
}

// --- monitorMgitOperation -------------------------------------------------------------------

export interface MgitOperationOptions {
  /** Operation name from a small fixed set of your own (`clone_all`, `list`...): it becomes a label. */
  name: string
  provider?: ProviderType
}

/** Names are labels: anything that is not a short identifier is recorded as `other`. */
function operationName(name: string): string {
  return /^[A-Za-z][\w.:-]{0,63}$/.test(name) ? name : 'other'
}

const mgitSpec: MonitorSpec<MgitOperationOptions> = {
  context: (o) => ({operation: operationName(o.name), ...(o.provider ? {provider: o.provider} : {})}),
  event(o, outcome, span): SpanEvent {
    return {
      ...base('span', span),
      durationMs: outcome.durationMs,
      errorCategory: errorCategoryOf(outcome, outcome.ok ? 0 : 1),
      name: operationName(o.name),
      success: outcome.ok,
      ...(o.provider ? {provider: o.provider} : {}),
    }
  },
}

/** Records a span for a piece of mgit work; nested monitored work becomes its child span. */
export function monitorMgitOperation<T>(options: MgitOperationOptions | string, fn: () => Promise<T>): Promise<T>
export function monitorMgitOperation(options: MgitOperationOptions | string): MonitorDecorator
export function monitorMgitOperation<T>(options: MgitOperationOptions | string, fn?: () => Promise<T>): MonitorDecorator | Promise<T> {
  const o = typeof options === 'string' ? {name: options} : options
  return fn ? runMonitored(mgitSpec, o, fn) : decorator(mgitSpec, o)
}

// --- monitorGitOperation --------------------------------------------------------------------

export interface GitOperationOptions {
  operation: GitOperation | string
  provider?: ProviderType
  /** The remote URL, used only to infer the provider; never recorded. */
  url?: string
}

function gitOperation(operation: string): GitOperation {
  return (GIT_OPERATIONS as readonly string[]).includes(operation) ? (operation as GitOperation) : 'other'
}

const gitSpec: MonitorSpec<GitOperationOptions> = {
  context: (o) => ({operation: `git.${gitOperation(o.operation)}`}),
  event(o, outcome, span): GitOperationEvent {
    // The exit code the result or error carries (execa's); a failure without one is -1: unknown, not invented.
    const exitCode = exitCodeOf(outcome.ok ? outcome.value : outcome.error) ?? (outcome.ok ? 0 : -1)
    const success = outcome.ok && exitCode === 0
    return {
      ...base('git_operation', span),
      durationMs: outcome.durationMs,
      errorCategory: success ? 'none' : outcome.ok ? 'git' : categorizeError(outcome.error, exitCode),
      exitCode,
      operation: gitOperation(o.operation),
      provider: o.provider ?? (o.url === undefined ? 'other' : providerOfUrl(o.url)),
      success,
    }
  },
}

/** Records one git operation (exit code from the result or error, as execa reports it). */
export function monitorGitOperation<T>(options: GitOperationOptions, fn: () => Promise<T>): Promise<T>
export function monitorGitOperation(options: GitOperationOptions): MonitorDecorator
export function monitorGitOperation<T>(options: GitOperationOptions, fn?: () => Promise<T>): MonitorDecorator | Promise<T> {
  return fn ? runMonitored(gitSpec, options, fn) : decorator(gitSpec, options)
}

// --- monitorProviderApiCall -----------------------------------------------------------------

export interface ProviderApiCallOptions {
  provider: ProviderType
  /** A route template (`/orgs/{org}/repos`) or a path, which is reduced to its template (else `other`). */
  endpoint: string
  method?: string
}

const apiSpec: MonitorSpec<ProviderApiCallOptions> = {
  // The zero-code HTTP instrumentation stays out of this span: the call is recorded once, here.
  context: (o) => ({provider: o.provider, recordsApiCall: true}),
  event(o, outcome, span): ApiRequestEvent | SpanEvent {
    const carrier = outcome.ok ? outcome.value : outcome.error
    const status = statusOf(carrier)
    const endpoint = isKnownTemplate(o.endpoint) ? o.endpoint : endpointTemplate(o.endpoint)
    if (status === undefined && outcome.ok) {
      // A call that returned without any status: recording a status would be inventing one.
      return {...base('span', span), durationMs: outcome.durationMs, errorCategory: 'none', name: `api:${endpoint}`, provider: o.provider, success: true}
    }

    const rateLimited = status !== undefined && isRateLimited(status, headerOf(carrier, RATE_LIMIT_HEADER))
    return {
      ...base('api_request', span),
      durationMs: outcome.durationMs,
      endpoint,
      errorCategory: outcome.ok ? categorizeStatus(status ?? 0, rateLimited) : rateLimited ? 'rate_limit' : categorizeError(outcome.error, 1),
      method: normaliseMethod(o.method ?? 'GET'),
      provider: o.provider,
      rateLimited,
      status: status ?? 0,
      statusClass: statusClass(status ?? 0),
    }
  },
}

/**
 * Records one provider API call: status from the result or error (`status`, `statusCode`,
 * `response.status`), rate limiting from the status and `x-ratelimit-remaining`. A call that
 * resolves without any status is recorded as a `span` named `api:<endpoint>` instead.
 */
export function monitorProviderApiCall<T>(options: ProviderApiCallOptions, fn: () => Promise<T>): Promise<T>
export function monitorProviderApiCall(options: ProviderApiCallOptions): MonitorDecorator
export function monitorProviderApiCall<T>(options: ProviderApiCallOptions, fn?: () => Promise<T>): MonitorDecorator | Promise<T> {
  return fn ? runMonitored(apiSpec, options, fn) : decorator(apiSpec, options)
}

// --- monitorAuthentication ------------------------------------------------------------------

export interface AuthenticationOptions {
  provider: ProviderType
}

const authSpec: MonitorSpec<AuthenticationOptions> = {
  context: (o) => ({operation: 'auth', provider: o.provider}),
  event(o, outcome, span): AuthAttemptEvent {
    // Resolving to `false` is a refused login; a throw is categorised (auth, network...).
    const success = outcome.ok && outcome.value !== false
    return {
      ...base('auth_attempt', span),
      durationMs: outcome.durationMs,
      errorCategory: success ? 'none' : outcome.ok ? 'auth' : categorizeError(outcome.error, 1),
      provider: o.provider,
      success,
    }
  },
}

/** Records one authentication attempt: success unless the work throws or resolves to `false`. */
export function monitorAuthentication<T>(options: AuthenticationOptions, fn: () => Promise<T>): Promise<T>
export function monitorAuthentication(options: AuthenticationOptions): MonitorDecorator
export function monitorAuthentication<T>(options: AuthenticationOptions, fn?: () => Promise<T>): MonitorDecorator | Promise<T> {
  return fn ? runMonitored(authSpec, options, fn) : decorator(authSpec, options)
}

/**
 * The tracing API: time any piece of work and record it in the journal as a `span` event
 * (`type: span`, `name`, `durationMs`, `success`, `errorCategory`, `spanId`, `parentSpanId`).
 * Nested traces become parent and child through AsyncLocalStorage, across `await`, timers and
 * promise chains, and they nest with the integration API's wrappers the same way.
 * `mgit monitoring performance` reports each span name as the operation `span:<name>`.
 *
 *   await traceOperation('bulk_clone', async () => { ... })        // async or sync work
 *   const id = startTrace('custom_op'); ...; endTrace(id)           // manual timing
 *   class Cloner { @monitorPerformance('clone_repo') async clone() {...} }
 *
 * The traced work's result or error passes through unchanged; an error is recorded as a failure.
 * Recording never throws (an unwritable journal costs the work nothing).
 */
import {type CorrelationContext, childContext, runInContext} from '../correlation/context.js'
import {categorizeError} from '../instrumentation/error-category.js'
import {type ProviderType, SCHEMA_VERSION, type SpanEvent} from '../journal/event-types.js'
import {recordEvent} from '../integration/recorder.js'
import {round3} from '../util/round.js'

export interface TraceOptions {
  provider?: ProviderType
}

/** Names become operation labels: anything that is not a short identifier is recorded as `other`. */
export function traceName(name: string): string {
  return /^[A-Za-z][\w.:-]{0,63}$/.test(name) ? name : 'other'
}

function record(span: CorrelationContext, name: string, startedAt: number, error: unknown, failed: boolean, options: TraceOptions): number {
  const durationMs = round3(performance.now() - startedAt)
  const event: SpanEvent = {
    cid: span.cid,
    durationMs,
    errorCategory: failed ? categorizeError(error, 1) : 'none',
    name: traceName(name),
    pid: process.pid,
    spanId: span.spanId,
    success: !failed,
    ts: Date.now(),
    type: 'span',
    v: SCHEMA_VERSION,
    ...(span.parentSpanId ? {parentSpanId: span.parentSpanId} : {}),
    ...(options.provider ? {provider: options.provider} : {}),
  }
  recordEvent(event)
  return durationMs
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as {then?: unknown}).then === 'function'
}

/**
 * Runs `fn` as a traced operation (a child of the current trace, if any) and records its
 * duration when it returns, or when the promise it returns settles.
 */
export function traceOperation<T>(name: string, fn: () => T, options: TraceOptions = {}): T {
  const span = childContext({operation: traceName(name), ...(options.provider ? {provider: options.provider} : {})})
  const startedAt = performance.now()
  return runInContext(span, () => {
    let result: T
    try {
      result = fn()
    } catch (error) {
      record(span, name, startedAt, error, true, options)
      throw error
    }

    if (!isPromiseLike(result)) {
      record(span, name, startedAt, undefined, false, options)
      return result
    }

    return Promise.resolve(result).then(
      (value) => {
        record(span, name, startedAt, undefined, false, options)
        return value
      },
      (error: unknown) => {
        record(span, name, startedAt, error, true, options)
        throw error
      },
    ) as T
  })
}

interface OpenTrace {
  name: string
  span: CorrelationContext
  startedAt: number
  options: TraceOptions
}

/** Traces started and not ended; bounded so that traces never ended cannot grow memory forever. */
const open = new Map<string, OpenTrace>()
const MAX_OPEN = 10_000

/**
 * Starts a manual trace (a child of the current trace, if any) and returns its id for `endTrace`.
 * Work started meanwhile is not nested under it: use `traceOperation` for that.
 */
export function startTrace(name: string, options: TraceOptions = {}): string {
  const span = childContext({operation: traceName(name), ...(options.provider ? {provider: options.provider} : {})})
  if (open.size >= MAX_OPEN) open.delete(open.keys().next().value!)
  open.set(span.spanId, {name, options, span, startedAt: performance.now()})
  return span.spanId
}

export interface EndTraceOptions {
  /** Default true; false (or an `error`) records a failure. */
  success?: boolean
  error?: unknown
}

/** Ends a trace from `startTrace` and records it; returns its duration in ms (undefined for an unknown id). */
export function endTrace(id: string, options: EndTraceOptions = {}): number | undefined {
  const trace = open.get(id)
  if (trace === undefined) return undefined
  open.delete(id)
  const failed = options.error !== undefined || options.success === false
  return record(trace.span, trace.name, trace.startedAt, options.error, failed, trace.options)
}

/** A TypeScript 5 standard decorator that traces every call of a method (sync or async). */
export function monitorPerformance(name: string, options: TraceOptions = {}) {
  return function <This, Args extends unknown[], R>(target: (this: This, ...args: Args) => R, _context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>) {
    return function (this: This, ...args: Args): R {
      return traceOperation(name, () => target.apply(this, args), options)
    }
  }
}

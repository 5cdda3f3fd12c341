/**
 * Correlation contexts carried by AsyncLocalStorage: each async chain sees its own context, so
 * concurrent work (a pool of clones) never mixes IDs the way thread-locals did in the original.
 * Only node built-ins here: the HTTP instrumentation reads the context from inside the hooks.
 */
import {AsyncLocalStorage} from 'node:async_hooks'
import {randomHex} from '../util/random-id.js'

import type {ProviderType} from '../journal/event-types.js'
import {ensureCorrelationId} from '../instrumentation/correlation-id.js'

/** Context values kept with every log line: small scalars only. */
export type ContextValue = boolean | number | string

export interface CorrelationContext {
  /** The command's correlation ID, shared by everything it causes. */
  readonly cid: string
  /** This piece of work. */
  readonly spanId: string
  /** The enclosing piece of work, if any. */
  readonly parentSpanId?: string
  readonly operation?: string
  readonly provider?: ProviderType
  /** Further context (organisation, repository...), inherited by nested work. */
  readonly fields: Readonly<Record<string, ContextValue>>
  /** Set by `monitorProviderApiCall`: the call is recorded there, so the HTTP instrumentation skips it. */
  readonly recordsApiCall?: boolean
}

export interface CorrelationFields {
  /** Override the correlation ID (only for a root context; nested work inherits its parent's). */
  cid?: string
  operation?: string
  provider?: ProviderType
  fields?: Record<string, ContextValue>
  recordsApiCall?: boolean
}

const storage = new AsyncLocalStorage<CorrelationContext>()

/** A 16-hex-digit span ID, as W3C trace context uses. */
export function newSpanId(): string {
  return randomHex(16)
}

/** The context of the async chain now running, if any. */
export function currentContext(): CorrelationContext | undefined {
  return storage.getStore()
}

/** The correlation ID in effect: the current context's, else the process's (`MGIT_CORRELATION_ID`). */
export function currentCorrelationId(): string {
  return storage.getStore()?.cid ?? ensureCorrelationId()
}

/** The context `fields` would create under the current one (a new span, parent = current span). */
export function childContext(fields: CorrelationFields = {}): CorrelationContext {
  const parent = storage.getStore()
  const context: CorrelationContext = {
    cid: parent?.cid ?? fields.cid ?? ensureCorrelationId(),
    fields: {...parent?.fields, ...fields.fields},
    spanId: newSpanId(),
    ...(parent ? {parentSpanId: parent.spanId} : {}),
    ...(fields.recordsApiCall ? {recordsApiCall: true} : {}),
    ...(fields.operation ?? parent?.operation ? {operation: fields.operation ?? parent?.operation} : {}),
    ...(fields.provider ?? parent?.provider ? {provider: fields.provider ?? parent?.provider} : {}),
  }
  return context
}

/**
 * Runs `fn` in a new span under the current context (or a new root context sharing the
 * process's correlation ID). Everything `fn` starts, synchronously or asynchronously, sees it.
 */
export function withCorrelation<T>(fields: CorrelationFields, fn: () => T): T {
  return storage.run(childContext(fields), fn)
}

/** Runs `fn` in exactly `context` (used by wrappers that created the context themselves). */
export function runInContext<T>(context: CorrelationContext, fn: () => T): T {
  return storage.run(context, fn)
}

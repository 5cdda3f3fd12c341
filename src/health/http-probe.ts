import {RATE_LIMIT_HEADER, isRateLimited as isStatusRateLimited} from '../instrumentation/http/http-outcome.js'

/** One HTTP request made by a check, reduced to what the checks judge: never throws. */
export type ProbeResult =
  | {kind: 'response'; status: number; headers: Headers; body: unknown; ms: number}
  | {kind: 'timeout'; ms: number; timeoutMs: number}
  | {kind: 'error'; reason: string; ms: number}

export interface ProbeOptions {
  headers?: Record<string, string>
  /** This request's own timeout. */
  timeoutMs: number
  /** The check's signal: aborted when the whole check times out. */
  signal?: AbortSignal
}

const USER_AGENT = 'mgit-plugin-monitoring-health'
/** Answers are read for a few JSON fields; a provider's page is never needed whole. */
const MAX_BODY_CHARS = 64 * 1024

function networkReason(error: unknown): string {
  const cause = (error as {cause?: {code?: string; message?: string}}).cause
  const code = cause?.code
  if (code === 'ECONNREFUSED') return 'connection refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not resolved'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset'
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection timed out'
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'EPROTO') return `TLS error (${code})`
  return code === undefined ? 'request failed' : `request failed (${code})`
}

async function readBody(response: Response): Promise<unknown> {
  const text = (await response.text()).slice(0, MAX_BODY_CHARS)
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * A GET with a timeout, redirects not followed (a redirect to a sign-in page is an answer to
 * judge, not to follow). Error reasons are fixed phrases: never the URL or a header.
 */
export async function probe(url: URL, options: ProbeOptions): Promise<ProbeResult> {
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  try {
    const response = await fetch(url, {
      headers: {accept: 'application/json', 'user-agent': USER_AGENT, ...options.headers},
      redirect: 'manual',
      signal,
    })
    const body = await readBody(response)
    return {body, headers: response.headers, kind: 'response', ms: elapsed(), status: response.status}
  } catch (error) {
    if (timeout.aborted || (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
      return {kind: 'timeout', ms: elapsed(), timeoutMs: options.timeoutMs}
    }

    return {kind: 'error', ms: elapsed(), reason: networkReason(error)}
  }
}

/** The inner request timeout: shorter than the check's, so that the check can report which request timed out. */
export function requestTimeout(checkTimeoutMs: number): number {
  return Math.max(1, Math.floor(checkTimeoutMs * 0.8))
}

/** Seconds until a rate limit resets, from Retry-After or the x-ratelimit-reset epoch, if the answer says. */
export function retryAfterSeconds(headers: Headers, nowMs: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim())
  const reset = headers.get('x-ratelimit-reset')
  if (reset !== null && /^\d+$/.test(reset.trim())) return Math.max(0, Math.round(Number(reset) - nowMs / 1000))
  return undefined
}

/** 429, or a 403 with the remaining quota at zero (GitHub's way): the provider is fine, we are throttled. */
export function isRateLimited(status: number, headers: Headers): boolean {
  return isStatusRateLimited(status, headers.get(RATE_LIMIT_HEADER) ?? undefined)
}

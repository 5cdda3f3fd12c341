import type {ApiRequestEvent, ErrorCategory} from '../../journal/event-types.js'

export type StatusClass = ApiRequestEvent['statusClass']

/** `2xx`..., or `error` when no response arrived (status 0). */
export function statusClass(status: number): StatusClass {
  if (status >= 100 && status < 600) return `${Math.floor(status / 100)}xx` as StatusClass
  return 'error'
}

/** The header GitHub (and GitHub-like APIs) use for the requests left in the window. */
export const RATE_LIMIT_HEADER = 'x-ratelimit-remaining'

/** A 429, or a 403 whose rate-limit header says nothing is left (GitHub's secondary signal). */
export function isRateLimited(status: number, remaining: string | undefined): boolean {
  return status === 429 || (status === 403 && remaining !== undefined && remaining.trim() === '0')
}

/** The error category a response status implies on its own. */
export function categorizeStatus(status: number, rateLimited: boolean): ErrorCategory {
  if (rateLimited) return 'rate_limit'
  if (status >= 200 && status < 400) return 'none'
  if (status === 401 || status === 403) return 'auth'
  if (status === 408 || status === 504) return 'timeout'
  return 'unknown'
}

import {
  ERROR_CATEGORIES,
  type ErrorCategory,
  GIT_OPERATIONS,
  type GitOperation,
  PROVIDER_TYPES,
  type ProviderType,
} from '../journal/event-types.js'

/**
 * Label values come from events written by other processes (and other plugin versions): each is
 * mapped onto a closed set here, so that a malformed or unexpected event can never add a series
 * with free text (a URL, a repository name, a message) to the exposition.
 */
function oneOf<T extends string>(allowed: readonly T[], fallback: T): (value: unknown) => T {
  const set = new Set<string>(allowed)
  return (value) => (typeof value === 'string' && set.has(value) ? (value as T) : fallback)
}

export const providerLabel = oneOf<ProviderType>(PROVIDER_TYPES, 'other')
export const gitOperationLabel = oneOf<GitOperation>(GIT_OPERATIONS, 'other')
export const errorCategoryLabel = oneOf<ErrorCategory>(ERROR_CATEGORIES, 'unknown')

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other'] as const
const httpMethod = oneOf<(typeof HTTP_METHODS)[number]>(HTTP_METHODS, 'other')
export function methodLabel(value: unknown): string {
  return httpMethod(typeof value === 'string' ? value.toUpperCase() : value)
}

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'error'] as const
export const statusClassLabel = oneOf(STATUS_CLASSES, 'error')

export const REPOSITORY_RESULTS = ['cloned', 'pulled', 'skipped', 'failed', 'other'] as const
export const repositoryResultLabel = oneOf(REPOSITORY_RESULTS, 'other')

/**
 * Command IDs are a closed set (the host's commands), but an event is only trusted to hold one if
 * it looks like one: lowercase words separated by spaces, colons or dashes.
 */
const COMMAND_ID = /^[a-z0-9][a-z0-9:_ -]{0,63}$/
export function operationLabel(value: unknown): string {
  return typeof value === 'string' && COMMAND_ID.test(value) ? value : 'other'
}

export function resultLabel(success: unknown): 'success' | 'failure' {
  return success === true ? 'success' : 'failure'
}

/** Milliseconds from an event to seconds for a histogram; negative or missing becomes 0. */
export function seconds(ms: unknown): number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0
}

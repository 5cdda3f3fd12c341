import type {ErrorCategory} from '../journal/event-types.js'

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT',
])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR'])
const FILESYSTEM_CODES = new Set([
  'EACCES', 'EPERM', 'ENOENT', 'ENOSPC', 'EEXIST', 'EISDIR', 'ENOTDIR', 'EROFS', 'EMFILE', 'ENFILE', 'EDQUOT', 'ENOTEMPTY',
])
const PARSE_ERRORS = new Set([
  'ArgInvalidOptionError', 'CLIParseError', 'FailedFlagValidationError', 'FlagInvalidOptionError',
  'NonExistentFlagsError', 'RequiredArgsError', 'UnexpectedArgsError',
])

interface ErrorLike {
  name?: unknown
  code?: unknown
  message?: unknown
  signal?: unknown
  status?: unknown
  statusCode?: unknown
  command?: unknown
  oclif?: {exit?: unknown}
  parse?: unknown
  constructor?: {name?: string}
}

/**
 * Sorts an error into a small closed set of categories. The message is looked at here, in
 * memory, and never stored: only the category (and the error's class name) reach the journal.
 */
export function categorizeError(error: unknown, exitCode: number): ErrorCategory {
  if (error === undefined || error === null) return exitCode === 0 ? 'none' : 'unknown'
  return categorizeObject(error, exitCode, 0)
}

const MAX_CAUSE_DEPTH = 3

function categorizeObject(error: unknown, exitCode: number, depth: number): ErrorCategory {
  if (typeof error !== 'object' || error === null) return 'internal'
  const e = error as ErrorLike
  const name = errorClassName(error)
  const code = typeof e.code === 'string' ? e.code : ''
  const message = typeof e.message === 'string' ? e.message : ''

  if (code === 'EEXIT') return exitCode === 0 ? 'none' : 'exit_code'
  if ((name !== undefined && PARSE_ERRORS.has(name)) || e.parse !== undefined || /^Parsing --?\w/.test(message)) return 'usage'
  if (/^command .+ not found$/.test(message)) return 'command_not_found'
  if (e.signal === 'SIGINT' || e.signal === 'SIGTERM' || code === 'SIGINT') return 'interrupted'

  const status = Number(e.status ?? e.statusCode)
  if (status === 429 || /rate.?limit/i.test(message)) return 'rate_limit'
  if (status === 401 || status === 403 || /\b(401|403)\b|unauthori[sz]ed|authentication failed|bad credentials|forbidden/i.test(message)) {
    return 'auth'
  }

  // DOMException and hand-rolled errors say what they are in `name`, not in their class.
  const declared = typeof e.name === 'string' ? e.name : ''
  if (TIMEOUT_CODES.has(code) || /^(TimeoutError|AbortError)$/.test(declared) || /timed? ?out/i.test(message)) return 'timeout'
  if (NETWORK_CODES.has(code) || /getaddrinfo|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up|network/i.test(message)) return 'network'
  if (isGitFailure(e, message)) return 'git'
  if (FILESYSTEM_CODES.has(code)) return 'filesystem'
  // fetch wraps the real reason (`TypeError: fetch failed`, cause ECONNREFUSED); so do many libraries.
  const cause = depth < MAX_CAUSE_DEPTH ? causeOf(e) : undefined
  if (cause !== undefined) {
    const category = categorizeObject(cause, exitCode, depth + 1)
    if (category !== 'internal' && category !== 'command_error') return category
  }

  // A CLIError is a failure the command reported on purpose; anything else is a bug.
  if (e.oclif !== undefined) return 'command_error'
  return 'internal'
}

function causeOf(e: ErrorLike & {cause?: unknown; errors?: unknown}): unknown {
  if (e.cause !== undefined) return e.cause
  return Array.isArray(e.errors) ? e.errors[0] : undefined
}

function isGitFailure(e: ErrorLike, message: string): boolean {
  if (typeof e.command === 'string' && /^git(\s|$)/.test(e.command)) return true
  return /^(fatal|error): /m.test(message) || /\bgit (clone|pull|fetch|push|checkout)\b.*failed/i.test(message)
}

/** The error's class name, kept only when it looks like an identifier (never free text). */
export function errorClassName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const name = (error as ErrorLike).constructor?.name ?? (error as ErrorLike).name
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(name) ? name : undefined
}

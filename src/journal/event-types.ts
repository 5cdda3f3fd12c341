/**
 * The journal's event schema. One JSON object per line; every event carries the schema
 * version `v` so that readers can skip what they do not understand instead of failing.
 */
export const SCHEMA_VERSION = 1

/** Closed set: anything else would make label cardinality unbounded. */
export const ERROR_CATEGORIES = [
  'none',
  'usage',
  'command_not_found',
  'exit_code',
  'command_error',
  'auth',
  'rate_limit',
  'network',
  'timeout',
  'filesystem',
  'git',
  'interrupted',
  'internal',
  'unknown',
] as const
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number]

/** How the CLI was invoked: a real command, or one of oclif's built-in paths. */
export type InvocationKind = 'command' | 'help' | 'version' | 'not_found'

export interface BaseEvent {
  v: typeof SCHEMA_VERSION
  type: string
  /** Epoch milliseconds. */
  ts: number
  /** Correlation ID shared by every event of one command and its child processes. */
  cid: string
  pid: number
}

export interface CommandContext {
  /** Command ID as oclif knows it (`clone-all`, `monitoring metrics`); empty when not found. */
  cmd: string
  /** Plugin that owns the command and its version. */
  plugin: string
  pluginVersion: string
  /** Root CLI version, so a fleet upgrade shows in the data. */
  cliVersion: string
  /** Names of the flags used, never their values. */
  flags: string[]
}

export interface CommandStartEvent extends BaseEvent, CommandContext {
  type: 'command_start'
}

export interface CommandEndEvent extends BaseEvent, CommandContext {
  type: 'command_end'
  kind: InvocationKind
  /** From prerun (or init, for help/version/not-found) to finally. */
  durationMs: number
  /** Milliseconds since the process started, so start-up cost is visible too. */
  processMs: number
  exitCode: number
  success: boolean
  errorCategory: ErrorCategory
  /** Class name of the error (e.g. `CLIError`), never its message. */
  errorClass?: string
}

/** Provider types: the host decides which by URL (see DESIGN.md); anything else is `other`. */
export const PROVIDER_TYPES = ['github', 'azuredevops', 'bitbucket', 'other'] as const
export type ProviderType = (typeof PROVIDER_TYPES)[number]

/** Git subcommands recorded by name; any other subcommand is `other`. */
export const GIT_OPERATIONS = ['clone', 'pull', 'fetch', 'push', 'checkout', 'status', 'ls-remote', 'other'] as const
export type GitOperation = (typeof GIT_OPERATIONS)[number]

/** Optional span fields: nested work inside a command shares its `cid` and names its parent. */
export interface SpanFields {
  spanId?: string
  parentSpanId?: string
}

/** One git process (from git's trace2 output or the integration API). */
export interface GitOperationEvent extends BaseEvent, SpanFields {
  type: 'git_operation'
  operation: GitOperation
  provider: ProviderType
  durationMs: number
  exitCode: number
  success: boolean
  errorCategory: ErrorCategory
}

/** One HTTP request to a provider API. `endpoint` is a route template, never a concrete URL. */
export interface ApiRequestEvent extends BaseEvent, SpanFields {
  type: 'api_request'
  provider: ProviderType
  method: string
  endpoint: string
  /** HTTP status, or 0 when no response arrived. */
  status: number
  statusClass: '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'error'
  durationMs: number
  /** A 429, or a 403 with an exhausted rate-limit header. */
  rateLimited: boolean
  errorCategory: ErrorCategory
}

/** One authentication attempt against a provider. */
export interface AuthAttemptEvent extends BaseEvent, SpanFields {
  type: 'auth_attempt'
  provider: ProviderType
  success: boolean
  durationMs: number
  errorCategory: ErrorCategory
}

/** The outcome for one repository inside a bulk operation (clone-all, pull-all). */
export interface RepositoryResultEvent extends BaseEvent, SpanFields {
  type: 'repository_result'
  operation: string
  provider: ProviderType
  result: 'cloned' | 'pulled' | 'skipped' | 'failed'
}

/** A timed piece of work from the tracing and integration APIs (`traceOperation`, `monitorMgitOperation`). */
export interface SpanEvent extends BaseEvent, SpanFields {
  type: 'span'
  name: string
  provider?: ProviderType
  durationMs: number
  success: boolean
  errorCategory: ErrorCategory
}

export type JournalEvent =
  | ApiRequestEvent
  | AuthAttemptEvent
  | CommandEndEvent
  | CommandStartEvent
  | GitOperationEvent
  | RepositoryResultEvent
  | SpanEvent

export function isCommandEnd(event: BaseEvent): event is CommandEndEvent {
  return event.type === 'command_end'
}

export function isCommandStart(event: BaseEvent): event is CommandStartEvent {
  return event.type === 'command_start'
}

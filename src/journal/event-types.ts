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

export type JournalEvent = CommandStartEvent | CommandEndEvent | (BaseEvent & Record<string, unknown>)

export function isCommandEnd(event: BaseEvent): event is CommandEndEvent {
  return event.type === 'command_end'
}

export function isCommandStart(event: BaseEvent): event is CommandStartEvent {
  return event.type === 'command_start'
}

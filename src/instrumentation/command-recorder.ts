/**
 * The work behind the `init`, `prerun` and `finally` hooks. Everything here is synchronous,
 * imports only node built-ins and the journal writer, and swallows its own failures: monitoring
 * must never change what the observed command does or how it exits.
 */
import type {Config} from '@oclif/core'

import {type CommandEndEvent, type CommandStartEvent, type InvocationKind, SCHEMA_VERSION} from '../journal/event-types.js'
import type {JournalWriter} from '../journal/journal-writer.js'
import {startPush} from '../push/start-push.js'
import {round3} from '../util/round.js'
import {type CommandLike, commandIdentity} from './command-identity.js'
import {ensureCorrelationId} from './correlation-id.js'
import {categorizeError, errorClassName} from './error-category.js'
import {deriveExitCode} from './exit-code.js'
import {flagNames} from './flag-names.js'
import {hookJournal} from './hook-journal.js'
import {monitoringDisabled} from './monitoring-env.js'

type HookConfig = Pick<Config, 'dataDir' | 'findCommand' | 'pjson' | 'plugins' | 'topicSeparator' | 'version'>

interface RunState {
  cid: string
  /** `performance.now()` at init: the clock for invocations that never reach prerun. */
  initAt: number
  writer: JournalWriter
  /** Start times of the commands now running in this process (nested `runCommand` calls stack). */
  starts: number[]
}

let state: RunState | undefined

/** `init`: start the clock and settle the correlation ID. */
export function beginRun(config: HookConfig): void {
  try {
    if (monitoringDisabled()) return
    state = {
      cid: ensureCorrelationId(),
      initAt: performance.now(),
      starts: [],
      writer: hookJournal(config.dataDir),
    }
  } catch {
    state = undefined
  }
}

/** `prerun`: a command was found and is about to run. */
export function recordStart(config: HookConfig, command: CommandLike, argv: readonly string[]): void {
  const run = ensureState(config)
  if (!run) return
  run.starts.push(performance.now())
  try {
    const identity = commandIdentity(command, config)
    const event: CommandStartEvent = {
      cid: run.cid,
      cliVersion: config.version,
      cmd: identity.cmd,
      flags: flagNames(argv, identity.flagDefinitions),
      pid: process.pid,
      plugin: identity.plugin,
      pluginVersion: identity.pluginVersion,
      ts: Date.now(),
      type: 'command_start',
      v: SCHEMA_VERSION,
    }
    run.writer.append(event)
  } catch {
    // An unwritable data directory costs the host command nothing.
  }
}

export interface FinallyInput {
  Command: CommandLike | undefined
  argv: readonly string[]
  error: unknown
  id: string | undefined
}

/** `finally`: every path after init ends here, success or not. */
export function recordEnd(config: HookConfig, input: FinallyInput): void {
  const run = ensureState(config)
  if (!run) return
  try {
    const startedAt = input.Command ? (run.starts.pop() ?? run.initAt) : run.initAt
    const now = performance.now()
    const exitCode = deriveExitCode(input.error, process.exitCode)
    const kind = invocationKind(config, input)
    // Help for a known command names that command; an unknown ID is never recorded (it may be a typo'd secret).
    const command = input.Command ?? (kind === 'help' && input.id ? config.findCommand(input.id) : undefined)
    const identity = command ? commandIdentity(command, config) : undefined
    const errorClass = errorClassName(input.error)
    const event: CommandEndEvent = {
      cid: run.cid,
      cliVersion: config.version,
      cmd: identity?.cmd ?? '',
      durationMs: round3(now - startedAt),
      errorCategory: kind === 'not_found' ? 'command_not_found' : categorizeError(input.error, exitCode),
      exitCode,
      flags: identity ? flagNames(input.argv, identity.flagDefinitions) : [],
      kind,
      pid: process.pid,
      plugin: identity?.plugin ?? '',
      pluginVersion: identity?.pluginVersion ?? '',
      processMs: round3(now),
      success: exitCode === 0,
      ts: Date.now(),
      type: 'command_end',
      v: SCHEMA_VERSION,
      ...(errorClass === undefined ? {} : {errorClass}),
    }
    startPush(event, config.dataDir)
    run.writer.append(event)
  } catch {
    // See recordStart.
  }
}

function invocationKind(config: HookConfig, input: FinallyInput): InvocationKind {
  if (input.Command) return input.Command.id === 'help' ? 'help' : 'command'
  const versionFlags = ['--version', ...(config.pjson.oclif.additionalVersionFlags ?? [])]
  if (input.id !== undefined && versionFlags.includes(input.id)) return 'version'
  // oclif reaches finally without a command only for --version, help (flag, topic, root) and unknown commands.
  return input.error === undefined ? 'help' : 'not_found'
}

/** Hooks can fire without init (a command run through `config.runCommand` in-process). */
function ensureState(config: HookConfig): RunState | undefined {
  if (state === undefined && !monitoringDisabled()) beginRun(config)
  return state
}

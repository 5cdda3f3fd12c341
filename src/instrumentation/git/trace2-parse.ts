/**
 * Turns git's trace2 event files (one per git process, `GIT_TRACE2_EVENT=<dir>`) into
 * `git_operation` events: one per git process the host started, its children (remote helpers,
 * upload-pack, index-pack) folded into it. Arguments and URLs are read only to infer the
 * provider; nothing from them is kept.
 */
import {
  type ErrorCategory,
  GIT_OPERATIONS,
  type GitOperation,
  type GitOperationEvent,
  type ProviderType,
  SCHEMA_VERSION,
} from '../../journal/event-types.js'
import {categorizeError} from '../error-category.js'
import {hostOf, providerOfUrl} from '../http/provider-hosts.js'

/** What one git process left in its trace2 file. */
export interface Trace2Process {
  sid: string
  argv: string[]
  /** argv of processes it started (`child_start`), for the remote URL. */
  childArgv: string[][]
  name?: string
  exitCode?: number
  signal?: number
  /** Seconds since the process started, at exit. */
  elapsedSeconds?: number
  /** Wall-clock time of the exit, epoch ms. */
  endedAt?: number
  errors: string[]
}

interface Trace2Line {
  event?: string
  sid?: string
  time?: string
  t_abs?: number
  argv?: unknown
  name?: string
  code?: number
  signo?: number
  msg?: string
}

/** Parses the text of one trace2 event file; lines that are not JSON are skipped. */
export function parseTrace2File(text: string): Trace2Process[] {
  const bySid = new Map<string, Trace2Process>()
  for (const line of text.split('\n')) {
    if (line.length === 0) continue
    let record: Trace2Line
    try {
      record = JSON.parse(line) as Trace2Line
    } catch {
      continue
    }

    if (typeof record.sid !== 'string') continue
    let proc = bySid.get(record.sid)
    if (!proc) {
      proc = {argv: [], childArgv: [], errors: [], sid: record.sid}
      bySid.set(record.sid, proc)
    }

    applyRecord(proc, record)
  }

  return [...bySid.values()]
}

function applyRecord(proc: Trace2Process, record: Trace2Line): void {
  const argv = Array.isArray(record.argv) ? record.argv.filter((a): a is string => typeof a === 'string') : undefined
  switch (record.event) {
    case 'start': {
      if (argv) proc.argv = argv
      break
    }

    case 'cmd_name': {
      if (typeof record.name === 'string') proc.name = record.name
      break
    }

    case 'child_start': {
      if (argv) proc.childArgv.push(argv)
      break
    }

    case 'error': {
      if (typeof record.msg === 'string') proc.errors.push(record.msg)
      break
    }

    case 'signal': {
      if (typeof record.signo === 'number') proc.signal = record.signo
      setEnd(proc, record)
      break
    }

    case 'exit':
    case 'atexit': {
      if (typeof record.code === 'number') proc.exitCode = record.code
      setEnd(proc, record)
      break
    }

    default:
  }
}

function setEnd(proc: Trace2Process, record: Trace2Line): void {
  if (typeof record.t_abs === 'number') proc.elapsedSeconds = record.t_abs
  const time = typeof record.time === 'string' ? Date.parse(record.time) : Number.NaN
  if (Number.isFinite(time)) proc.endedAt = time
}

/** `git -C dir -c k=v clone ...` → `clone`, for processes that died before naming their command. */
function subcommandOf(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '-C' || arg === '-c' || arg === '--git-dir' || arg === '--work-tree' || arg === '--namespace') {
      i++
      continue
    }

    if (!arg.startsWith('-')) return arg
  }

  return undefined
}

export function gitOperation(proc: Trace2Process): GitOperation {
  const name = proc.name ?? subcommandOf(proc.argv) ?? ''
  return (GIT_OPERATIONS as readonly string[]).includes(name) ? (name as GitOperation) : 'other'
}

const SIGINT = 2
const SIGTERM = 15
const NETWORK_MESSAGE = /could not resolve host|couldn't connect|connection (refused|reset|timed out)|failed to connect|network is unreachable/i

function errorCategory(exitCode: number, signal: number | undefined, errors: readonly string[]): ErrorCategory {
  if (signal === SIGINT || signal === SIGTERM) return 'interrupted'
  if (exitCode === 0 && signal === undefined) return 'none'
  // The messages are looked at here, in memory, and never stored.
  for (const message of errors) {
    if (NETWORK_MESSAGE.test(message)) return 'network'
    const category = categorizeError(new Error(message), exitCode)
    if (category === 'auth' || category === 'rate_limit' || category === 'timeout' || category === 'network') return category
  }

  return 'git'
}

/** The processes the host started itself: those whose parent sid is not among the traced ones. */
function roots(processes: readonly Trace2Process[]): Trace2Process[] {
  const sids = new Set(processes.map((p) => p.sid))
  return processes.filter((p) => {
    const cut = p.sid.lastIndexOf('/')
    return cut === -1 || !sids.has(p.sid.slice(0, cut))
  })
}

function providerOf(root: Trace2Process, family: readonly Trace2Process[], configured?: ReadonlyMap<string, ProviderType>): ProviderType {
  const argvs = [root.argv, ...root.childArgv, ...family.flatMap((p) => [p.argv, ...p.childArgv])]
  for (const argv of argvs) {
    for (const arg of argv) {
      // Shell-form children (`git-upload-pack '/path'`) carry the URL inside one string.
      for (const word of arg.split(/\s+/)) {
        const candidate = word.replace(/^'|'$/g, '')
        if (hostOf(candidate) !== undefined) return providerOfUrl(candidate, configured)
      }
    }
  }

  return 'other'
}

export interface Trace2EventOptions {
  cid: string
  pid: number
  configuredHosts?: ReadonlyMap<string, ProviderType>
}

/**
 * One `git_operation` event per root git process that finished, with its trace2 sid (which the
 * collector uses to delete its files; not part of the journal event). A process without an exit record
 * (still running, or killed with SIGKILL) yields nothing: its outcome is not known.
 */
export function gitOperationEvents(
  processes: readonly Trace2Process[],
  options: Trace2EventOptions,
): Array<GitOperationEvent & {sid: string}> {
  const events: Array<GitOperationEvent & {sid: string}> = []
  for (const root of roots(processes)) {
    const family = processes.filter((p) => p.sid.startsWith(root.sid + '/'))
    const exitCode = root.exitCode ?? (root.signal === undefined ? undefined : 128 + root.signal)
    if (exitCode === undefined || root.elapsedSeconds === undefined || root.endedAt === undefined) continue
    const errors = [...root.errors, ...family.flatMap((p) => p.errors)]
    events.push({
      cid: options.cid,
      durationMs: Math.round(root.elapsedSeconds * 1e6) / 1000,
      errorCategory: errorCategory(exitCode, root.signal, errors),
      exitCode,
      operation: gitOperation(root),
      pid: options.pid,
      provider: providerOf(root, family, options.configuredHosts),
      sid: root.sid,
      success: exitCode === 0 && root.signal === undefined,
      ts: root.endedAt,
      type: 'git_operation',
      v: SCHEMA_VERSION,
    })
  }

  return events.sort((a, b) => a.ts - b.ts)
}

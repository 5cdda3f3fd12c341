/**
 * Points git's trace2 event output of this process's git children at a private directory
 * (init), then reads, records and deletes it (finally, or at exit). The directory holds raw
 * argv (URLs with credentials) for the life of the command only, with mode 0700.
 */
import {mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

import type {GitOperationEvent, ProviderType} from '../../journal/event-types.js'
import {type Trace2Process, gitOperationEvents, parseTrace2File} from './trace2-parse.js'
import {randomHex} from '../../util/random-id.js'

export const TRACE2_ENV = 'GIT_TRACE2_EVENT'
/** Marks a GIT_TRACE2_EVENT value as ours, so a nested mgit takes over rather than treating it as the user's. */
export const TRACE2_OWNER_ENV = 'MGIT_MONITORING_TRACE2_DIR'
/** Leftovers of processes that died before collecting are removed after this long. */
const STALE_MS = 15 * 60 * 1000

export function trace2Root(dataDir: string): string {
  return join(dataDir, 'monitoring', 'trace2')
}

/**
 * Sets GIT_TRACE2_EVENT to a fresh directory for this process, unless the user has set it
 * (their trace goes where they asked and git is not recorded). Returns the directory.
 */
export function prepareGitTrace(dataDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const current = env[TRACE2_ENV]
  if (current !== undefined && current !== '' && current !== env[TRACE2_OWNER_ENV]) return undefined
  const dir = join(trace2Root(dataDir), `${process.pid}-${randomHex(8)}`)
  mkdirSync(dir, {mode: 0o700, recursive: true})
  env[TRACE2_ENV] = dir
  env[TRACE2_OWNER_ENV] = dir
  return dir
}

export interface CollectOptions {
  cid: string
  /** Called only when there is a git process to attribute: it may read config.yaml. */
  configuredHosts?: () => ReadonlyMap<string, ProviderType>
  /** At process exit: delete the whole directory, finished or not. */
  final: boolean
}

/**
 * Reads the trace2 files in `dir` and returns the git operations that have finished, deleting
 * their files so that a later collection (a nested command's `finally`, then exit) never
 * counts them twice. Processes still running are left for the next collection.
 */
export function collectGitTrace(dir: string, options: CollectOptions): GitOperationEvent[] {
  const processes: Trace2Process[] = []
  let files: string[] = []
  try {
    files = readdirSync(dir)
  } catch {}

  for (const file of files) {
    try {
      processes.push(...parseTrace2File(readFileSync(join(dir, file), 'utf8')))
    } catch {}
  }

  const configuredHosts = processes.length > 0 ? options.configuredHosts?.() : undefined
  const events = gitOperationEvents(processes, {cid: options.cid, configuredHosts, pid: process.pid})
  if (options.final) {
    removeDir(dir, files.length === 0)
  } else {
    // git names each file after the last part of the process's sid.
    for (const sid of events.map((e) => e.sid)) {
      for (const proc of processes) {
        if (proc.sid === sid || proc.sid.startsWith(sid + '/')) rmSync(join(dir, proc.sid.slice(proc.sid.lastIndexOf('/') + 1)), {force: true})
      }
    }
  }

  return events.map(({sid: _sid, ...event}) => event)
}

/** An empty directory (most commands run no git) goes with one rmdir; the recursive walk costs more. */
function removeDir(dir: string, empty: boolean): void {
  if (empty) {
    try {
      rmdirSync(dir)
      return
    } catch {}
  }

  rmSync(dir, {force: true, recursive: true})
}

/** Removes trace directories of processes that are gone (crashed or killed before collecting). */
export function pruneStaleTraces(dataDir: string, now = Date.now()): void {
  const root = trace2Root(dataDir)
  let entries: string[]
  try {
    entries = readdirSync(root)
  } catch {
    return
  }

  for (const entry of entries) {
    const pid = Number(entry.split('-', 1)[0])
    if (pid === process.pid || (Number.isInteger(pid) && isAlive(pid))) continue
    const path = join(root, entry)
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, {force: true, recursive: true})
    } catch {}
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

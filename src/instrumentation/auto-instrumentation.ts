/**
 * Zero-code instrumentation switched on by the `init` hook: the host's outgoing HTTP (through
 * diagnostics channels) and its git processes (through git's trace2 output) become journal
 * events. Only node built-ins and small modules here: it runs on every mgit invocation.
 */
import type {Config} from '@oclif/core'

import type {BaseEvent, ProviderType} from '../journal/event-types.js'
import {ensureCorrelationId} from './correlation-id.js'
import {TRACE2_ENV, TRACE2_OWNER_ENV, collectGitTrace, prepareGitTrace, pruneStaleTraces} from './git/trace2-collector.js'
import {hookJournal} from './hook-journal.js'
import {HttpInstrumentation} from './http/http-instrumentation.js'
import {configuredProviderHosts} from './http/provider-hosts.js'
import {monitoringDisabled} from './monitoring-env.js'

type InstrumentationConfig = Pick<Config, 'configDir' | 'dataDir'>

interface Active {
  dataDir: string
  sink: (event: BaseEvent) => void
  configuredHosts: () => ReadonlyMap<string, ProviderType>
  http: HttpInstrumentation
  traceDir?: string
  /** GIT_TRACE2_EVENT and its owner marker as they were before init, restored at the end. */
  previousTraceEnv?: {event: string | undefined; owner: string | undefined}
  finished: boolean
}

let active: Active | undefined

/** Starts recording; idempotent, never throws. */
export function startAutoInstrumentation(config: InstrumentationConfig): void {
  if (active !== undefined) return
  try {
    if (monitoringDisabled()) return
    const writer = hookJournal(config.dataDir)
    const sink = (event: BaseEvent): void => {
      try {
        writer.append(event)
      } catch {
        // An unwritable data directory costs the host nothing.
      }
    }

    // config.yaml is read only if a request goes to a host that is not a well-known provider.
    let hosts: ReadonlyMap<string, ProviderType> | undefined
    const configuredHosts = (): ReadonlyMap<string, ProviderType> => (hosts ??= configuredProviderHosts(config.configDir))
    const http = new HttpInstrumentation({configuredHosts, sink})
    http.start()
    active = {configuredHosts, dataDir: config.dataDir, finished: false, http, sink}
    const previous = {event: process.env[TRACE2_ENV], owner: process.env[TRACE2_OWNER_ENV]}
    const traceDir = prepareGitTrace(config.dataDir)
    if (traceDir !== undefined) {
      active.traceDir = traceDir
      active.previousTraceEnv = previous
      // Covers a host that calls process.exit itself, skipping oclif's finally.
      process.once('exit', finishAutoInstrumentation)
    }
  } catch {
    // Monitoring must never change what the observed command does.
  }
}

/** `finally`: records the git processes that have finished so far (a nested command may follow). */
export function collectFinishedGitOperations(): void {
  collect(false)
}

/** At exit: records what is left, deletes the trace directory, restores the environment. */
export function finishAutoInstrumentation(): void {
  if (active === undefined || active.finished) return
  collect(true)
  active.finished = true
  active.http.stop()
  const previous = active.previousTraceEnv
  if (previous !== undefined) {
    restoreEnv(TRACE2_ENV, previous.event)
    restoreEnv(TRACE2_OWNER_ENV, previous.owner)
  }

  active = undefined
}

function collect(final: boolean): void {
  const run = active
  if (run === undefined || run.finished || run.traceDir === undefined) return
  try {
    const events = collectGitTrace(run.traceDir, {cid: ensureCorrelationId(), configuredHosts: run.configuredHosts, final})
    for (const event of events) run.sink(event)
    if (final) pruneStaleTraces(run.dataDir)
  } catch {}
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

import {Gauge} from 'prom-client'

import type {CommandEndEvent, CommandStartEvent} from '../journal/event-types.js'
import type {MetricsRegistry} from './exposition.js'
import {operationLabel} from './label-values.js'

export interface InFlightOptions {
  /** A start older than this without its end no longer counts (the process died, or its pid was reused). */
  maxAgeMs?: number
  /** Whether a process still runs; `process.kill(pid, 0)` by default. */
  isAlive?: (pid: number) => boolean
  now?: () => number
  /** Open commands remembered at most; the oldest are forgotten first. Keeps memory bounded. */
  maxOpen?: number
}

interface OpenCommand {
  operation: string
  pid: number
  ts: number
  /** Nested `runCommand` calls in one process share cid and pid. */
  count: number
}

export const DEFAULT_IN_FLIGHT_MAX_AGE_MS = 24 * 60 * 60 * 1000
const DEFAULT_MAX_OPEN = 10_000
const MAX_OPERATIONS = 1000

/**
 * `mgit_concurrent_operations`: commands whose `command_start` has been seen without the matching
 * `command_end` (same cid and pid). A process that died without an end event (SIGKILL, OOM, power
 * loss) stops counting as soon as its pid is gone, or after `maxAgeMs` at the latest. Only open
 * commands are remembered, never finished ones.
 */
export class InFlightMetrics {
  private readonly open = new Map<string, OpenCommand>()
  /** Operations ever started, so that an idle operation shows 0 rather than no series. */
  private readonly operations = new Set<string>()
  private readonly maxAgeMs: number
  private readonly isAlive: (pid: number) => boolean
  private readonly now: () => number
  private readonly maxOpen: number

  constructor(registry: MetricsRegistry, options: InFlightOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? maxAgeFromEnv(process.env)
    this.isAlive = options.isAlive ?? pidAlive
    this.now = options.now ?? Date.now
    this.maxOpen = options.maxOpen ?? DEFAULT_MAX_OPEN
    const self = this
    // eslint-disable-next-line no-new
    new Gauge({
      collect() {
        self.expire()
        this.reset()
        for (const operation of self.operations) this.set({operation}, 0)
        for (const command of self.open.values()) this.inc({operation: command.operation}, command.count)
      },
      help: 'mgit commands running now (started, not yet ended, process alive), by command.',
      labelNames: ['operation'],
      name: 'mgit_concurrent_operations',
      registers: [registry],
    })
  }

  start(event: CommandStartEvent): void {
    const operation = operationLabel(event.cmd)
    if (this.operations.size < MAX_OPERATIONS) this.operations.add(operation)
    const key = openKey(event)
    const existing = this.open.get(key)
    if (existing) {
      existing.count++
      return
    }

    if (this.open.size >= this.maxOpen) this.open.delete(this.open.keys().next().value as string)
    this.open.set(key, {count: 1, operation, pid: event.pid, ts: event.ts})
  }

  end(event: CommandEndEvent): void {
    if (event.kind !== 'command') return
    const key = openKey(event)
    const existing = this.open.get(key)
    if (!existing) return
    if (--existing.count <= 0) this.open.delete(key)
  }

  /** Open commands now, after expiry: for the status page and tests. */
  current(): number {
    this.expire()
    let total = 0
    for (const command of this.open.values()) total += command.count
    return total
  }

  private expire(): void {
    const oldest = this.now() - this.maxAgeMs
    for (const [key, command] of this.open) {
      if (command.ts < oldest || !this.isAlive(command.pid)) this.open.delete(key)
    }
  }
}

/** `MGIT_MONITORING_INFLIGHT_MAX_AGE_HOURS`, for organisations whose clone-all runs longer than a day. */
export function maxAgeFromEnv(env: NodeJS.ProcessEnv): number {
  const hours = Number(env.MGIT_MONITORING_INFLIGHT_MAX_AGE_HOURS)
  return Number.isFinite(hours) && hours > 0 ? hours * 60 * 60 * 1000 : DEFAULT_IN_FLIGHT_MAX_AGE_MS
}

function openKey(event: {cid: string; pid: number; cmd: string}): string {
  return `${event.cid}\u0000${event.pid}\u0000${event.cmd}`
}

/** Signal 0 checks existence without touching the process; EPERM means it exists but is not ours. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

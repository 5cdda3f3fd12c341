import type {CommandEndEvent} from '../journal/event-types.js'
import {errorCategoryLabel, operationLabel} from '../metrics/label-values.js'

export interface RecentCommand {
  cmd: string
  success: boolean
  exitCode: number
  errorCategory: string
  durationMs: number
  /** ISO 8601 end time. */
  time: string
}

/** The last few commands, for the status page: a fixed-size ring, so memory stays bounded. */
export class RecentCommands {
  private readonly items: RecentCommand[] = []

  constructor(private readonly size = 20) {}

  add(event: CommandEndEvent): void {
    if (event.kind !== 'command') return
    this.items.push({
      cmd: operationLabel(event.cmd),
      durationMs: Number(event.durationMs) || 0,
      errorCategory: errorCategoryLabel(event.errorCategory),
      exitCode: Number(event.exitCode) || 0,
      success: event.success === true,
      time: new Date(event.ts).toISOString(),
    })
    if (this.items.length > this.size) this.items.shift()
  }

  /** Newest first. */
  list(): RecentCommand[] {
    return [...this.items].reverse()
  }
}

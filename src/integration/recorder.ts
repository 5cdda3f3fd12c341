import {monitoringDisabled} from '../instrumentation/monitoring-env.js'
import type {BaseEvent} from '../journal/event-types.js'
import {journalOptions} from '../journal/journal-options.js'
import {JournalWriter} from '../journal/journal-writer.js'
import {defaultDataDir} from './data-dir.js'

export interface MonitoringOptions {
  /** Where the journal lives (`<dataDir>/monitoring/journal`); default: mgit's data directory. */
  dataDir?: string
}

let configured: MonitoringOptions = {}
let writer: JournalWriter | undefined

/** Points the integration API at a data directory (tests, or a host with its own layout). */
export function configureMonitoring(options: MonitoringOptions): void {
  configured = {...options}
  writer = undefined
}

/** Appends one event; monitoring never fails the monitored work, so I/O errors are swallowed. */
export function recordEvent(event: BaseEvent): void {
  if (monitoringDisabled()) return
  try {
    writer ??= new JournalWriter(journalOptions(configured.dataDir ?? defaultDataDir()))
    writer.append(event)
  } catch {}
}

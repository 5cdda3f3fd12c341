import {Counter} from 'prom-client'

import type {ReadStats} from '../journal/journal-reader.js'
import type {MetricsRegistry} from './exposition.js'

/** How the journal itself is doing: events read, lines skipped as corrupt or of a newer schema. */
export class JournalStatsMetrics {
  private readonly events: Counter
  private readonly corrupt: Counter
  private readonly unsupported: Counter

  constructor(registry: MetricsRegistry) {
    const registers = [registry]
    this.events = new Counter({help: 'Journal events read.', name: 'mgit_journal_events_total', registers})
    this.corrupt = new Counter({
      help: 'Journal lines skipped because they were torn or not valid events.',
      name: 'mgit_journal_corrupt_lines_total',
      registers,
    })
    this.unsupported = new Counter({
      help: 'Journal events skipped because they use a newer schema version than this plugin reads.',
      name: 'mgit_journal_unsupported_events_total',
      registers,
    })
  }

  add(stats: ReadStats): void {
    this.events.inc(stats.events)
    this.corrupt.inc(stats.corrupt)
    this.unsupported.inc(stats.unsupported)
  }
}

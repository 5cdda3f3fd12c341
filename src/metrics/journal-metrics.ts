import {Counter, Registry, type RegistryContentType} from 'prom-client'

import {isCommandEnd} from '../journal/event-types.js'
import {type ReadStats, readJournal} from '../journal/journal-reader.js'
import {CommandMetrics} from './command-metrics.js'
import type {MetricsRegistry} from './exposition.js'

export interface JournalRegistry {
  registry: MetricsRegistry
  stats: ReadStats
}

/** Builds a fresh registry from the whole journal in one streaming pass. */
export async function registryFromJournal(dir: string): Promise<JournalRegistry> {
  const registry: MetricsRegistry = new Registry<RegistryContentType>()
  const commands = new CommandMetrics(registry)
  const {stats} = await readJournal(dir, (event) => {
    if (isCommandEnd(event)) commands.observe(event)
  })
  const corrupt = new Counter({
    help: 'Journal lines skipped because they were torn or not valid events.',
    name: 'mgit_journal_corrupt_lines_total',
    registers: [registry],
  })
  corrupt.inc(stats.corrupt)
  const events = new Counter({
    help: 'Journal events read.',
    name: 'mgit_journal_events_total',
    registers: [registry],
  })
  events.inc(stats.events)
  return {registry, stats}
}

import {Registry, type RegistryContentType} from 'prom-client'

import {type ReadStats, readJournal} from '../journal/journal-reader.js'
import {MetricsCatalog} from './catalog.js'
import type {MetricsRegistry} from './exposition.js'

export interface JournalRegistry {
  registry: MetricsRegistry
  stats: ReadStats
}

/** Builds a fresh registry with the whole catalog from the whole journal in one streaming pass. */
export async function registryFromJournal(dir: string): Promise<JournalRegistry> {
  const registry: MetricsRegistry = new Registry<RegistryContentType>()
  const catalog = new MetricsCatalog(registry)
  const {stats} = await readJournal(dir, (event) => catalog.observe(event))
  catalog.addReadStats(stats)
  return {registry, stats}
}

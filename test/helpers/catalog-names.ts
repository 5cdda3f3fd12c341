import {Registry, type RegistryContentType} from 'prom-client'

import {MetricsCatalog} from '../../src/metrics/catalog.js'
import {HealthDouble} from './health-double.js'

/**
 * Every series name the monitoring server can expose, from a real registry holding the whole
 * catalog (health and process metrics included), with the `_bucket`, `_sum` and `_count` series of
 * histograms and summaries. Not a hand-written list: a renamed family changes it.
 */
export function catalogSeriesNames(): Set<string> {
  const registry = new Registry<RegistryContentType>()
  // eslint-disable-next-line no-new
  new MetricsCatalog(registry, {health: new HealthDouble(), processMetrics: true})
  const names = new Set<string>()
  for (const metric of registry.getMetricsAsArray()) {
    const {name, type} = metric as unknown as {name: string; type: string}
    names.add(name)
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix)
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix)
  }

  return names
}

/**
 * Series names a PromQL expression selects: identifiers directly before a `{` matcher, plus any
 * identifier that looks like one of this project's or prom-client's series, braces or not.
 */
export function selectedNames(expr: string): string[] {
  const names = new Set<string>()
  for (const match of expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)) names.add(match[1])
  for (const match of expr.matchAll(/\b((?:mgit|process|nodejs)_[a-zA-Z0-9_]+|[a-z_]+:[a-zA-Z0-9_:]+)\b/g)) names.add(match[1])
  return [...names]
}

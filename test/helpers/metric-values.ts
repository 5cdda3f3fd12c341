import type {MetricsRegistry} from '../../src/metrics/exposition.js'

/** The value of one series (labels matched exactly), or undefined when the series does not exist. */
export async function valueOf(registry: MetricsRegistry, name: string, labels: Record<string, string | number> = {}): Promise<number | undefined> {
  const values = await samples(registry, name)
  const wanted = JSON.stringify(Object.entries(labels).map(([k, v]) => [k, String(v)]).sort())
  const found = values.find((v) => JSON.stringify(Object.entries(v.labels).map(([k, val]) => [k, String(val)]).sort()) === wanted && (v.metricName === undefined || v.metricName === name))
  return found?.value
}

/** Every label set of a metric (for cardinality checks). */
export async function labelSets(registry: MetricsRegistry, name: string): Promise<Array<Record<string, string | number>>> {
  const metric = registry.getSingleMetric(name)
  if (!metric) throw new Error(`no metric ${name}`)
  return (await metric.get()).values.map((v) => v.labels as Record<string, string | number>)
}

export interface Sample {
  value: number
  labels: Record<string, string | number>
  metricName?: string
}

/** Every sample of a metric, histogram buckets, sums and counts included. */
export async function samples(registry: MetricsRegistry, name: string): Promise<Sample[]> {
  const metric = registry.getSingleMetric(name)
  if (!metric) throw new Error(`no metric ${name}`)
  return (await metric.get()).values as Sample[]
}

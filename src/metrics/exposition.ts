import {Registry, type RegistryContentType} from 'prom-client'

/** A registry that can be rendered in either text format. */
export type MetricsRegistry = Registry<RegistryContentType>

export const METRIC_FORMATS = ['prometheus', 'openmetrics', 'json'] as const
export type MetricFormat = (typeof METRIC_FORMATS)[number]

export interface Exposition {
  contentType: string
  body: string
}

/** Renders in progress, per registry: the content type is registry state, so renders take turns. */
const renders = new WeakMap<MetricsRegistry, Promise<unknown>>()

/** Renders a registry in one of the three forms prom-client knows; never hand-written text. */
export async function expose(registry: MetricsRegistry, format: MetricFormat): Promise<Exposition> {
  const previous = renders.get(registry) ?? Promise.resolve()
  const current = previous.catch(() => {}).then(() => render(registry, format))
  renders.set(registry, current)
  try {
    return await current
  } finally {
    if (renders.get(registry) === current) renders.delete(registry)
  }
}

async function render(registry: MetricsRegistry, format: MetricFormat): Promise<Exposition> {
  if (format === 'json') {
    return {body: JSON.stringify(await registry.getMetricsAsJSON(), null, 2) + '\n', contentType: 'application/json'}
  }

  const contentType = format === 'openmetrics' ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE
  registry.setContentType(contentType)
  if (format === 'prometheus') return {body: await registry.metrics(), contentType}
  // prom-client 15 strips `_total` from counter names in place when rendering OpenMetrics, which
  // would break every later Prometheus-format render of the same registry: put the names back.
  const metrics = registry.getMetricsAsArray() as unknown as Array<{name: string}>
  const names = metrics.map((metric) => metric.name)
  try {
    return {body: await registry.metrics(), contentType}
  } finally {
    for (const [index, metric] of metrics.entries()) metric.name = names[index]
  }
}

import {Registry, type RegistryContentType} from 'prom-client'

/** A registry that can be rendered in either text format. */
export type MetricsRegistry = Registry<RegistryContentType>

export const METRIC_FORMATS = ['prometheus', 'openmetrics', 'json'] as const
export type MetricFormat = (typeof METRIC_FORMATS)[number]

export interface Exposition {
  contentType: string
  body: string
}

/** Renders a registry in one of the three forms prom-client knows; never hand-written text. */
export async function expose(registry: MetricsRegistry, format: MetricFormat): Promise<Exposition> {
  if (format === 'json') {
    return {body: JSON.stringify(await registry.getMetricsAsJSON(), null, 2) + '\n', contentType: 'application/json'}
  }

  const contentType = format === 'openmetrics' ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE
  registry.setContentType(contentType)
  return {body: await registry.metrics(), contentType}
}

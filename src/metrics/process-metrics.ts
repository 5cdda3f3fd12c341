import {collectDefaultMetrics} from 'prom-client'

import type {MetricsRegistry} from './exposition.js'

/**
 * prom-client's Node.js process metrics, minus the ones that break the Prometheus naming rules
 * (`nodejs_active_handles_total` and friends are gauges named like counters; `promtool check
 * metrics` rejects them). Their unsuffixed twins (`nodejs_active_handles`) carry the same data.
 */
export function registerProcessMetrics(registry: MetricsRegistry): void {
  collectDefaultMetrics({register: registry})
  for (const metric of registry.getMetricsAsArray()) {
    const {name, type} = metric as unknown as {name: string; type: string}
    if (type !== 'counter' && name.endsWith('_total')) registry.removeSingleMetric(name)
  }
}

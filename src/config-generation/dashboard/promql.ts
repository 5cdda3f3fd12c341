/**
 * PromQL fragments of the dashboard. Queries filter on the dashboard's `job` and `instance`
 * variables and use Grafana's `$__rate_interval` (at least four scrape intervals), so that a rate
 * never has fewer than two samples to work with.
 */
export const RATE_INTERVAL = '$__rate_interval'

/** `metric{job=~"$job",instance=~"$instance",extra}` */
export function sel(metric: string, extra = ''): string {
  return `${metric}{job=~"$job",instance=~"$instance"${extra ? `,${extra}` : ''}}`
}

/** `sum by (labels) (rate(metric{…}[$__rate_interval]))`; no labels: one total. */
export function sumRate(metric: string, by: string[] = [], extra = ''): string {
  return `${sumBy(by)}(rate(${sel(metric, extra)}[${RATE_INTERVAL}]))`
}

/** Like sumRate, with increase: counts per interval for rare events (rate limits, failures). */
export function sumIncrease(metric: string, by: string[] = [], extra = ''): string {
  return `${sumBy(by)}(increase(${sel(metric, extra)}[${RATE_INTERVAL}]))`
}

/** `histogram_quantile(q, sum by (le, …) (rate(histogram_bucket{…}[$__rate_interval])))` */
export function quantile(q: number, histogram: string, by: string[] = []): string {
  return `histogram_quantile(${q}, sum by (${['le', ...by].join(', ')}) (rate(${sel(`${histogram}_bucket`)}[${RATE_INTERVAL}])))`
}

/** The share of `part` in `whole`, both summed by the same labels. */
export function ratio(part: string, whole: string): string {
  return `${part}\n/\n${whole}`
}

function sumBy(by: string[]): string {
  return by.length === 0 ? 'sum' : `sum by (${by.join(', ')}) `
}

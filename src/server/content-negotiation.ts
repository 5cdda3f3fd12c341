/**
 * Whether an `Accept` header prefers OpenMetrics to the Prometheus text format. Prometheus itself
 * sends `application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,*\/*;q=0.1`.
 */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  if (!accept) return false
  let openMetrics = 0
  let text = 0
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    const qParam = params.find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q)) continue
    if (type === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, q)
    else if (type === 'text/plain') text = Math.max(text, q)
  }

  return openMetrics > 0 && openMetrics >= text
}

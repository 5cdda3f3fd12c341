/**
 * What a monitored call's result or error says about its outcome. Only values actually
 * present are returned: nothing is guessed.
 */

interface StatusCarrier {
  status?: unknown
  statusCode?: unknown
  response?: {status?: unknown; statusCode?: unknown; headers?: unknown}
  headers?: unknown
  exitCode?: unknown
}

function asCarrier(value: unknown): StatusCarrier | undefined {
  return typeof value === 'object' && value !== null ? (value as StatusCarrier) : undefined
}

function httpStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value < 600 ? value : undefined
}

/** The HTTP status of a fetch Response, an axios/octokit-style result or error, or undefined. */
export function statusOf(value: unknown): number | undefined {
  const carrier = asCarrier(value)
  if (!carrier) return undefined
  return (
    httpStatus(carrier.status) ??
    httpStatus(carrier.statusCode) ??
    httpStatus(carrier.response?.status) ??
    httpStatus(carrier.response?.statusCode)
  )
}

/** A response header from fetch `Headers`, a plain object or the response inside an error. */
export function headerOf(value: unknown, name: string): string | undefined {
  const carrier = asCarrier(value)
  if (!carrier) return undefined
  for (const headers of [carrier.headers, carrier.response?.headers]) {
    if (typeof headers !== 'object' || headers === null) continue
    const getter = (headers as {get?: unknown}).get
    const found = typeof getter === 'function' ? (getter as (n: string) => unknown).call(headers, name) : (headers as Record<string, unknown>)[name]
    if (typeof found === 'string') return found
    if (typeof found === 'number') return String(found)
  }

  return undefined
}

/** The exit code of a process result or error (execa's `exitCode`), or undefined. */
export function exitCodeOf(value: unknown): number | undefined {
  const code = asCarrier(value)?.exitCode
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined
}
